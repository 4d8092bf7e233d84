/**
 * The truth table for one port: namespace by namespace (how many pairs are allowed, out of how
 * many), computed over class pairs, or pod by pod, a page at a time. External IP ranges are rows
 * and columns too, one per group of ranges that every policy treats alike (as the graph draws them).
 *
 * The filter bar's settings (panels/filters.ts) choose what the table compares:
 * - the namespace, label and "only isolated" filters pick the endpoints on both axes;
 * - a range group is on the axes when one of its ranges matches the search, or (with an endpoint
 *   filter) when it connects on the port with a picked endpoint, or always when nothing is filtered;
 * - "hide unrestricted" leaves out the pairs that no policy restricts (source not egress-isolated,
 *   destination not ingress-isolated): they are neither allowed nor counted.
 */
import { atomPorts, forEachAtomPorts, portSets } from '../../engine';
import type { Protocol, Snapshot } from '../../model';
import type { Filters } from '../../state/store';
import { describeRanges } from '../graph/text';
import { hasEndpointFilter, matchFlags } from './filters';
import { compareIds, type ReachIndex } from './reach-index';

export interface PortQuery {
  readonly port: number;
  readonly protocol: Protocol;
}

export interface PortChoice extends PortQuery {
  /** Container port names that use it (`postgres`, `http`). */
  readonly names: readonly string[];
  /** How many endpoints expose it. */
  readonly count: number;
}

/** The container ports of a snapshot, most exposed first. */
export function portChoices(snapshot: Snapshot): PortChoice[] {
  const byKey = new Map<string, { port: number; protocol: Protocol; names: Set<string>; count: number }>();
  for (const e of snapshot.endpoints) {
    const seen = new Set<string>();
    for (const p of e.ports) {
      const key = `${p.protocol}/${p.containerPort}`;
      let c = byKey.get(key);
      if (!c) {
        c = { port: p.containerPort, protocol: p.protocol, names: new Set(), count: 0 };
        byKey.set(key, c);
      }
      if (p.name) c.names.add(p.name);
      if (!seen.has(key)) c.count++;
      seen.add(key);
    }
  }
  return [...byKey.values()]
    .map((c) => ({ port: c.port, protocol: c.protocol, names: [...c.names].sort(), count: c.count }))
    .sort((a, b) => b.count - a.count || a.port - b.port || compareIds(a.protocol, b.protocol));
}

/** The port a matrix opens on: the most exposed TCP container port, else TCP 80. */
export function defaultMatrixPort(snapshot: Snapshot): PortQuery {
  const tcp = portChoices(snapshot).find((c) => c.protocol === 'TCP');
  return { port: tcp?.port ?? 80, protocol: 'TCP' };
}

/** External ranges of one family that every policy treats alike: one row and column. */
export interface RangeGroup {
  /** The node standing for the group (its first range): `ReachIndex` numbering. */
  readonly node: number;
  /** Its ranges, as indexes into `data.ipRanges`, in address order. */
  readonly atoms: readonly number[];
  /** Short CIDR text ("10.0.0.0/8, 172.16.0.0/12") and the full list. */
  readonly label: string;
  readonly detail: string;
}

const groupsOf = new WeakMap<ReachIndex, readonly RangeGroup[]>();

/**
 * Groups the external ranges that no policy tells apart: same family, and in every distinct atom
 * row (the egress and ingress ports of classes to ranges) the same ports. Two 32-bit hashes per
 * range, built in one pass over each distinct row, stand for that signature (as the graph's do).
 * Groups come in address order of their first range.
 */
export function rangeGroups(ix: ReachIndex): readonly RangeGroup[] {
  const cached = groupsOf.get(ix);
  if (cached) return cached;
  const { data } = ix;
  const K = data.ipRanges.length;
  // Per range, two sums over the distinct rows of mix(row, its ports in the row): each row adds
  // its default's value to every range, then corrects the ranges listed apart (sparse rows).
  const h1 = new Int32Array(K);
  const h2 = new Int32Array(K);
  let base1 = 0;
  let base2 = 0;
  const rows = new Set<number>();
  for (let s = 0; s < ix.classes; s++) {
    rows.add(2 * data.egressAtomRow[s]!);
    rows.add(2 * data.ingressAtomRow[s]! + 1);
  }
  for (const key of rows) {
    const row = key >> 1;
    if (row < 0) continue; // every port to every range: tells none apart
    const def = data.atomRowDefault[row]!;
    const d1 = mix(key, def, 0x9e3779b9);
    const d2 = mix(key, def, 0x85ebca6b);
    base1 = (base1 + d1) | 0;
    base2 = (base2 + d2) | 0;
    for (let j = data.atomRowStart[row]!; j < data.atomRowStart[row + 1]!; j++) {
      const a = data.atomRowAtom[j]!;
      const ps = data.atomRowPorts[j]!;
      h1[a] = (h1[a]! + mix(key, ps, 0x9e3779b9) - d1) | 0;
      h2[a] = (h2[a]! + mix(key, ps, 0x85ebca6b) - d2) | 0;
    }
  }
  const byKey = new Map<string, number[]>();
  const groups: number[][] = [];
  for (let a = 0; a < K; a++) {
    const key = `${data.ipRanges[a]!.family}:${(h1[a]! + base1) | 0}:${(h2[a]! + base2) | 0}`;
    const group = byKey.get(key);
    if (group) group.push(a);
    else {
      const g = [a];
      byKey.set(key, g);
      groups.push(g);
    }
  }
  // Labels are worked out when first shown (a large cluster has thousands of groups).
  const out = groups.map((atoms): RangeGroup => {
    let text: { label: string; detail: string } | undefined;
    const describe = () => (text ??= describeRanges(atoms.map((a) => data.ipRanges[a]!)));
    return {
      node: ix.n + atoms[0]!,
      atoms,
      get label() {
        return describe().label;
      },
      get detail() {
        return describe().detail;
      },
    };
  });
  groupsOf.set(ix, out);
  return out;
}

/** A well-spread 32-bit value for (row key, port-set id). */
function mix(key: number, ps: number, seed: number): number {
  let h = Math.imul(key ^ seed, 0xcc9e2d51) ^ Math.imul(ps + 1, 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** What the matrix compares under the current filters. */
export interface MatrixScope {
  /** The endpoints the filters pick, as nodes in id order. */
  readonly pods: readonly number[];
  /** The range groups shown. */
  readonly ranges: readonly RangeGroup[];
  /** "Hide unrestricted" is on: pairs no policy restricts are left out. */
  readonly hide: boolean;
}

/** Which endpoints and range groups the matrix shows for these filters and this port. */
export function matrixScope(ix: ReachIndex, filters: Filters, query: PortQuery): MatrixScope {
  const { snapshot, data } = ix;
  const match = matchFlags(
    snapshot.endpoints,
    data.ipRanges.map((r) => r.id),
    filters,
    (i) => ix.egressIsolated(i) || ix.ingressIsolated(i),
  );
  const pods: number[] = [];
  for (const node of ix.order) if (!ix.isRange(node) && match[node]) pods.push(node);
  const hide = filters.hideUnrestricted;
  const groups = rangeGroups(ix);
  if (!hasEndpointFilter(filters)) return { pods, ranges: groups, hide };
  // Ranges a picked endpoint connects with on the port (both ways), read once per atom row.
  const K = data.ipRanges.length;
  const linked = new Uint8Array(K);
  const ok = okPortSets(ix, query);
  const done = new Set<number>();
  const mark = (row: number, key: number) => {
    if (done.has(key)) return;
    done.add(key);
    forEachAtomPorts(data, row, K, (a, ps) => {
      if (ok[ps]) linked[a] = 1;
    });
  };
  for (const node of pods) {
    const s = ix.classOf(node);
    if (!hide || data.egressIsolated[s] === 1) mark(data.egressAtomRow[s]!, 2 * data.egressAtomRow[s]!);
    if (!hide || data.ingressIsolated[s] === 1)
      mark(data.ingressAtomRow[s]!, 2 * data.ingressAtomRow[s]! + 1);
  }
  const ranges = groups.filter((g) => g.atoms.some((a) => match[ix.n + a] === 1 || linked[a] === 1));
  return { pods, ranges, hide };
}

/** Per port-set id: whether it holds the port. */
function okPortSets(ix: ReachIndex, query: PortQuery): Uint8Array {
  return Uint8Array.from(ix.data.portSets, (p) =>
    portSets.rangesContain(p[query.protocol], query.port) ? 1 : 0,
  );
}

export interface MatrixCount {
  /** Allowed pairs (source in the row, destination in the column). */
  readonly allowed: number;
  /** The pairs compared: a pod to itself, range to range and (when hidden) unrestricted excluded. */
  readonly total: number;
}

/** A row or column of the namespace-level matrix: a namespace's picked pods, or a range group. */
export type MatrixEntry =
  | { readonly kind: 'namespace'; readonly name: string }
  | { readonly kind: 'range'; readonly group: RangeGroup };

export interface NamespaceMatrix {
  readonly entries: readonly MatrixEntry[];
  /** The cell from entry `row` (source) to entry `column` (destination); range cells are
   * computed when first asked for, so a page of a large matrix costs only its own cells. */
  cell(row: number, column: number): MatrixCount;
}

/** Namespace pairs held densely up to this many, sparsely beyond (10,000 namespaces: 10⁸ pairs). */
const DENSE_PAIRS = 4_000_000;

/** Counts per namespace pair (a * N + b): a typed array when small, a map of the non-zero ones else. */
export function pairCounts(n: number): { add(key: number, v: number): void; get(key: number): number } {
  if (n * n <= DENSE_PAIRS) {
    const dense = new Float64Array(n * n);
    return { add: (k, v) => void (dense[k]! += v), get: (k) => dense[k]! };
  }
  const sparse = new Map<number, number>();
  return { add: (k, v) => void sparse.set(k, (sparse.get(k) ?? 0) + v), get: (k) => sparse.get(k) ?? 0 };
}

/** The text naming an entry: the namespace, or the ranges' CIDRs. */
export function entryName(e: MatrixEntry): string {
  return e.kind === 'namespace' ? e.name : e.group.label;
}

/** Namespaces of the picked endpoints (then range groups) by the same, counting allowed pairs. */
export function namespaceMatrix(ix: ReachIndex, scope: MatrixScope, query: PortQuery): NamespaceMatrix {
  const { snapshot, data } = ix;
  const names = [...new Set(scope.pods.map((p) => snapshot.endpoints[p]!.namespace))].sort(compareIds);
  const N = names.length;
  const nsIndex = new Map(names.map((ns, i) => [ns, i]));
  const eIso = data.egressIsolated;
  const iIso = data.ingressIsolated;
  const size = new Float64Array(N);
  // Pods per namespace that no egress (openOut) or ingress (openIn) policy isolates, or neither.
  const openOut = new Float64Array(N);
  const openIn = new Float64Array(N);
  const openBoth = new Float64Array(N);
  // Per class: namespace index → picked pods.
  const perClass: Map<number, number>[] = Array.from({ length: ix.classes }, () => new Map());
  for (const p of scope.pods) {
    const a = nsIndex.get(snapshot.endpoints[p]!.namespace)!;
    const s = ix.classOf(p);
    size[a]!++;
    if (eIso[s] !== 1) openOut[a]!++;
    if (iIso[s] !== 1) openIn[a]!++;
    if (eIso[s] !== 1 && iIso[s] !== 1) openBoth[a]!++;
    perClass[s]!.set(a, (perClass[s]!.get(a) ?? 0) + 1);
  }
  const picked: number[] = [];
  for (let s = 0; s < ix.classes; s++) if (perClass[s]!.size > 0) picked.push(s);
  // The same, flat: class s's namespaces and counts at flatStart[s]..flatStart[s+1]-1.
  const flatStart = new Int32Array(ix.classes + 1);
  const flatNs: number[] = [];
  const flatCount: number[] = [];
  for (let s = 0; s < ix.classes; s++) {
    for (const [a, n] of perClass[s]!) {
      flatNs.push(a);
      flatCount.push(n);
    }
    flatStart[s + 1] = flatNs.length;
  }
  const hide = scope.hide;
  const ok = okPortSets(ix, query);
  const allowed = pairCounts(N);
  for (const s of picked) {
    for (let j = data.rowStart[s]!; j < data.rowStart[s + 1]!; j++) {
      const t = data.rowTo[j]!;
      if (flatStart[t] === flatStart[t + 1] || !ok[data.rowPorts[j]!]) continue;
      if (hide && eIso[s] !== 1 && iIso[t] !== 1) continue;
      for (let x = flatStart[s]!; x < flatStart[s + 1]!; x++) {
        const a = flatNs[x]!;
        const ca = flatCount[x]!;
        for (let y = flatStart[t]!; y < flatStart[t + 1]!; y++) {
          const b = flatNs[y]!;
          allowed.add(a * N + b, ca * flatCount[y]! - (s === t && a === b ? ca : 0));
        }
      }
    }
  }
  // Per range group, on demand: picked pods per namespace reaching it (out) and reached (in).
  const rangeCounts = new Map<number, { out: Float64Array; in: Float64Array }>();
  const countsOf = (k: number) => {
    let c = rangeCounts.get(k);
    if (c) return c;
    c = { out: new Float64Array(N), in: new Float64Array(N) };
    const atom = scope.ranges[k]!.node - ix.n;
    // Classes share atom rows: one lookup per distinct row (-1, every port: the "all" set).
    const outOk = new Map<number, boolean>();
    const inOk = new Map<number, boolean>();
    const allows = (cache: Map<number, boolean>, row: number): boolean => {
      let v = cache.get(row);
      if (v === undefined) {
        v = ok[atomPorts(data, row, atom)] === 1;
        cache.set(row, v);
      }
      return v;
    };
    for (const s of picked) {
      const out = (!hide || eIso[s] === 1) && allows(outOk, data.egressAtomRow[s]!);
      const inn = (!hide || iIso[s] === 1) && allows(inOk, data.ingressAtomRow[s]!);
      if (!out && !inn) continue;
      for (let j = flatStart[s]!; j < flatStart[s + 1]!; j++) {
        if (out) c.out[flatNs[j]!]! += flatCount[j]!;
        if (inn) c.in[flatNs[j]!]! += flatCount[j]!;
      }
    }
    rangeCounts.set(k, c);
    return c;
  };
  return {
    entries: [
      ...names.map((name): MatrixEntry => ({ kind: 'namespace', name })),
      ...scope.ranges.map((group): MatrixEntry => ({ kind: 'range', group })),
    ],
    cell(a, b) {
      if (a < N && b < N) {
        const unrestricted = hide ? openOut[a]! * openIn[b]! - (a === b ? openBoth[a]! : 0) : 0;
        return {
          allowed: allowed.get(a * N + b),
          total: size[a]! * size[b]! - (a === b ? size[a]! : 0) - unrestricted,
        };
      }
      if (a < N) return { allowed: countsOf(b - N).out[a]!, total: size[a]! - (hide ? openOut[a]! : 0) };
      if (b < N) return { allowed: countsOf(a - N).in[b]!, total: size[b]! - (hide ? openIn[b]! : 0) };
      return { allowed: 0, total: 0 };
    },
  };
}

/**
 * The nodes on a pod-level axis: the picked endpoints then the range groups, or those of one
 * entry of the namespace matrix (a namespace's picked endpoints, or a range group).
 */
export function matrixAxis(ix: ReachIndex, scope: MatrixScope, entry?: MatrixEntry): number[] {
  if (!entry) return [...scope.pods, ...scope.ranges.map((g) => g.node)];
  if (entry.kind === 'range') return [entry.group.node];
  return scope.pods.filter((p) => ix.snapshot.endpoints[p]!.namespace === entry.name);
}

/**
 * A pod-level cell: `self` (a node to itself), `none` (range to range: not a pair), `open`
 * (no policy restricts the pair and "hide unrestricted" is on), `allowed` or `denied`.
 */
export type PodCell = 'self' | 'none' | 'open' | 'allowed' | 'denied';

/** One page of the pod matrix: cells[row][column]. */
export function podMatrixPage(
  ix: ReachIndex,
  rows: readonly number[],
  columns: readonly number[],
  query: PortQuery,
  hide = false,
): PodCell[][] {
  return rows.map((from) =>
    columns.map((to): PodCell => {
      if (from === to) return 'self';
      const fr = ix.isRange(from);
      const tr = ix.isRange(to);
      if (fr && tr) return 'none';
      if (hide && !(!fr && ix.egressIsolated(from)) && !(!tr && ix.ingressIsolated(to))) return 'open';
      const ps = ix.between(from, to);
      return portSets.rangesContain(ix.ports(ps)[query.protocol], query.port) ? 'allowed' : 'denied';
    }),
  );
}
