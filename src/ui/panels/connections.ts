/**
 * The connections table's data: the allowed pairs that pass the filters, counted per class and
 * read a page at a time in the chosen order, so 5 million pairs are never listed at once.
 */
import type { PortsByProtocol } from '../../engine';
import { portSets } from '../../engine';
import type { Protocol } from '../../model';
import type { Filters } from '../../state/store';
import { matchFlags } from './filters';
import { ALL_SET, EMPTY_SET, type ReachIndex } from './reach-index';

export type SortKey = 'from' | 'to' | Protocol;
export interface Sort {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

export interface ConnectionRow {
  readonly from: string;
  readonly to: string;
  readonly ports: PortsByProtocol;
}

export interface ConnectionView {
  /** Pairs that pass the filters. */
  readonly total: number;
  /** The order the rows come in (a port sort over too many rows falls back to `from`). */
  readonly sort: Sort;
  /** Set when the requested sort could not be applied, saying why. */
  readonly sortNote?: string;
  page(offset: number, limit: number): ConnectionRow[];
}

/** Sorting by a port column lists the rows first: only up to this many. */
export const PORT_SORT_LIMIT = 200_000;

/** Flags and checks that one setting of the filters implies. */
class Criteria {
  readonly match: Uint8Array;
  readonly portOk: Uint8Array;
  readonly hide: boolean;

  constructor(
    readonly ix: ReachIndex,
    filters: Filters,
  ) {
    const { snapshot, data } = ix;
    this.match = matchFlags(
      snapshot.endpoints,
      data.ipRanges.map((r) => r.id),
      filters,
      (i) => ix.egressIsolated(i) || ix.ingressIsolated(i),
    );
    const q = filters.port;
    this.portOk = Uint8Array.from(data.portSets, (p, id) =>
      id === EMPTY_SET ? 0 : q ? (portSets.rangesContain(p[q.protocol], q.port) ? 1 : 0) : 1,
    );
    this.hide = filters.hideUnrestricted;
  }

  /** Whether a pair with port set `ps` between these nodes passes (ends' match aside). */
  pairOk(from: number, to: number, ps: number): boolean {
    if (this.portOk[ps] !== 1) return false;
    if (!this.hide) return true;
    const ix = this.ix;
    return (!ix.isRange(from) && ix.egressIsolated(from)) || (!ix.isRange(to) && ix.ingressIsolated(to));
  }

  /** Whether the pair from → to is shown, and its port-set id (EMPTY_SET when not). */
  check(from: number, to: number): number {
    if (this.match[from] !== 1 && this.match[to] !== 1) return EMPTY_SET;
    const ps = this.ix.between(from, to);
    return ps !== EMPTY_SET && this.pairOk(from, to, ps) ? ps : EMPTY_SET;
  }
}

/**
 * Per node: how many shown pairs it is the source of (`out`) and the destination of (`in`),
 * computed from class pairs and from the distinct rows of external-range ports (which classes
 * share): O(class pairs + rows × ranges), whatever the number of pods.
 */
export function countPerNode(ix: ReachIndex, c: Criteria): { out: Float64Array; in: Float64Array } {
  const { data, n, k, classes } = ix;
  const size = data.classSizes;
  const matched = new Float64Array(classes);
  for (let e = 0; e < n; e++) matched[ix.classOf(e)]! += c.match[e]!;
  const egIso = data.egressIsolated;
  const inIso = data.ingressIsolated;

  const rowAll = new Float64Array(classes);
  const rowM = new Float64Array(classes);
  const colAll = new Float64Array(classes);
  const colM = new Float64Array(classes);
  const self = new Uint8Array(classes);
  for (let s = 0; s < classes; s++) {
    const open = c.hide && egIso[s] !== 1;
    for (let j = data.rowStart[s]!; j < data.rowStart[s + 1]!; j++) {
      const t = data.rowTo[j]!;
      if (c.portOk[data.rowPorts[j]!] !== 1 || (open && inIso[t] !== 1)) continue;
      rowAll[s]! += size[t]!;
      rowM[s]! += matched[t]!;
      colAll[t]! += size[s]!;
      colM[t]! += matched[s]!;
      if (s === t) self[s] = 1;
    }
  }

  // Classes ↔ external ranges, one pass per distinct row of range ports (-1: every port).
  const rangeOut = new Float64Array(k);
  const rangeIn = new Float64Array(k);
  const side = (
    rowOf: Int32Array,
    isolated: Uint8Array,
    classAll: Float64Array,
    classM: Float64Array,
    rangeCount: Float64Array,
  ): void => {
    // Per row: the classes using it (that the hide setting lets through), summed.
    const rows = new Map<number, { size: number; matched: number; classes: number[] }>();
    for (let s = 0; s < classes; s++) {
      if (c.hide && isolated[s] !== 1) continue;
      const r = rowOf[s]!;
      let g = rows.get(r);
      if (!g) {
        g = { size: 0, matched: 0, classes: [] };
        rows.set(r, g);
      }
      g.size += size[s]!;
      g.matched += matched[s]!;
      g.classes.push(s);
    }
    // A row is a default port set plus exceptions: count the default for every range at once,
    // then correct the exceptions (O(rows + exceptions), not rows × ranges).
    let totalM = 0;
    for (let a = 0; a < k; a++) totalM += c.match[n + a]!;
    let baseAll = 0;
    let baseMatched = 0;
    for (const [r, g] of rows) {
      const def = r < 0 ? ALL_SET : data.atomRowDefault[r]!;
      const defOk = c.portOk[def] === 1;
      let ok = defOk ? k : 0;
      let okM = defOk ? totalM : 0;
      if (defOk) {
        baseAll += g.size;
        baseMatched += g.matched;
      }
      if (r >= 0) {
        for (let x = data.atomRowStart[r]!; x < data.atomRowStart[r + 1]!; x++) {
          const a = data.atomRowAtom[x]!;
          const mA = c.match[n + a]!;
          const excOk = c.portOk[data.atomRowPorts[x]!] === 1;
          if (excOk === defOk) continue;
          const sign = excOk ? 1 : -1;
          ok += sign;
          okM += sign * mA;
          rangeCount[a]! += sign * (mA ? g.size : g.matched);
        }
      }
      for (const s of g.classes) {
        classAll[s]! += ok;
        classM[s]! += okM;
      }
    }
    for (let a = 0; a < k; a++) rangeCount[a]! += c.match[n + a] ? baseAll : baseMatched;
  };
  side(data.egressAtomRow, egIso, rowAll, rowM, rangeIn);
  side(data.ingressAtomRow, inIso, colAll, colM, rangeOut);

  const out = new Float64Array(n + k);
  const inc = new Float64Array(n + k);
  for (let e = 0; e < n; e++) {
    const s = ix.classOf(e);
    out[e] = c.match[e] ? rowAll[s]! - self[s]! : rowM[s]!;
    inc[e] = c.match[e] ? colAll[s]! - self[s]! : colM[s]!;
  }
  for (let a = 0; a < k; a++) {
    out[n + a] = rangeOut[a]!;
    inc[n + a] = rangeIn[a]!;
  }
  return { out, in: inc };
}

/** The shown pairs, counted and paged in the order of `sort`. */
export function connectionView(ix: ReachIndex, filters: Filters, sort: Sort): ConnectionView {
  const c = new Criteria(ix, filters);
  const counts = countPerNode(ix, c);
  const byFrom = sort.key !== 'to';
  const primaryCount = byFrom ? counts.out : counts.in;
  const total = primaryCount.reduce((a, b) => a + b, 0);
  const primaryDir = sort.key === 'from' || sort.key === 'to' ? sort.dir : 'asc';
  const order = ix.order;
  const N = order.length;
  const nodeAt = (r: number): number => order[primaryDir === 'asc' ? r : N - 1 - r]!;

  // Prefix sums over the primary order, to find where a page starts.
  const prefix = new Float64Array(N + 1);
  for (let r = 0; r < N; r++) prefix[r + 1] = prefix[r]! + primaryCount[nodeAt(r)]!;

  /** Rows of one primary node, in ascending order of the other end, from `skip` on. */
  const rowsOf = (node: number, skip: number, limit: number, out: ConnectionRow[]): void => {
    let seen = 0;
    for (let r = 0; r < N && out.length < limit; r++) {
      const other = order[r]!;
      const from = byFrom ? node : other;
      const to = byFrom ? other : node;
      const ps = c.check(from, to);
      if (ps === EMPTY_SET) continue;
      if (seen++ < skip) continue;
      out.push({ from: ix.ids[from]!, to: ix.ids[to]!, ports: ix.ports(ps) });
    }
  };

  const pageInOrder = (offset: number, limit: number): ConnectionRow[] => {
    const rows: ConnectionRow[] = [];
    if (offset >= total || limit <= 0) return rows;
    // The first r with prefix[r+1] > offset.
    let lo = 0;
    let hi = N - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefix[mid + 1]! > offset) hi = mid;
      else lo = mid + 1;
    }
    let skip = offset - prefix[lo]!;
    for (let r = lo; r < N && rows.length < limit; r++) {
      const node = nodeAt(r);
      if (primaryCount[node] === 0) continue;
      rowsOf(node, skip, limit, rows);
      skip = 0;
    }
    return rows;
  };

  if (sort.key === 'from' || sort.key === 'to') return { total, sort, page: pageInOrder };

  // A port column: list the rows (from order), then sort them by that protocol's ports.
  if (total > PORT_SORT_LIMIT) {
    return {
      total,
      sort: { key: 'from', dir: 'asc' },
      sortNote: `Sorting by ${sort.key} ports needs ${PORT_SORT_LIMIT.toLocaleString('en')} rows or fewer: filter first.`,
      page: pageInOrder,
    };
  }
  const froms: number[] = [];
  const tos: number[] = [];
  const pss: number[] = [];
  for (let from = 0; from < N; from++) {
    if (counts.out[from] === 0) continue;
    forEachShownFrom(ix, c, from, (to, ps) => {
      froms.push(from);
      tos.push(to);
      pss.push(ps);
    });
  }
  const rankOf = portRanks(ix, sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const rank = ix.rank;
  const idx = froms.map((_, i) => i);
  idx.sort(
    (a, b) =>
      sign * (rankOf[pss[a]!]! - rankOf[pss[b]!]!) ||
      rank[froms[a]!]! - rank[froms[b]!]! ||
      rank[tos[a]!]! - rank[tos[b]!]!,
  );
  const row = (i: number): ConnectionRow => ({
    from: ix.ids[froms[i]!]!,
    to: ix.ids[tos[i]!]!,
    ports: ix.ports(pss[i]!),
  });
  return { total, sort, page: (offset, limit) => idx.slice(offset, offset + limit).map(row) };
}

/** Calls `visit` for every shown pair from one node, walking its class row (any order). */
function forEachShownFrom(
  ix: ReachIndex,
  c: Criteria,
  from: number,
  visit: (to: number, ps: number) => void,
): void {
  const { data, n, k } = ix;
  const take = (to: number, ps: number): void => {
    if (to === from || ps === EMPTY_SET) return;
    if (c.match[from] !== 1 && c.match[to] !== 1) return;
    if (c.pairOk(from, to, ps)) visit(to, ps);
  };
  if (ix.isRange(from)) {
    const a = from - n;
    for (let t = 0; t < ix.classes; t++) {
      const ps = ix.fromRange(a, t);
      if (ps !== EMPTY_SET) for (const m of ix.members[t]!) take(m, ps);
    }
    return;
  }
  const s = ix.classOf(from);
  for (let j = data.rowStart[s]!; j < data.rowStart[s + 1]!; j++) {
    const ps = data.rowPorts[j]!;
    for (const m of ix.members[data.rowTo[j]!]!) take(m, ps);
  }
  for (let a = 0; a < k; a++) take(n + a, ix.toRange(s, a));
}

/** Port-set id → rank of its ports of one protocol (none first, then by their ranges). */
function portRanks(ix: ReachIndex, protocol: Protocol): Int32Array {
  const sets = ix.data.portSets;
  const ids = sets.map((_, i) => i);
  const cmp = (a: number, b: number): number => {
    const x = sets[a]![protocol];
    const y = sets[b]![protocol];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i]![0] - y[i]![0] || x[i]![1] - y[i]![1];
      if (d !== 0) return d;
    }
    return x.length - y.length;
  };
  ids.sort(cmp);
  const rank = new Int32Array(sets.length);
  let r = 0;
  ids.forEach((id, i) => {
    if (i > 0 && cmp(ids[i - 1]!, id) !== 0) r++;
    rank[id] = r;
  });
  return rank;
}

/** Incoming and outgoing allowed pairs of one node, unfiltered. */
export function connectionCounts(
  ix: ReachIndex,
  node: number,
  all: Filters,
): { incoming: number; outgoing: number } {
  const counts = countPerNode(ix, new Criteria(ix, all));
  return { incoming: counts.in[node]!, outgoing: counts.out[node]! };
}
