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
import { forEachAtomPorts, portSets } from '../../engine';
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
 * Groups the external ranges that no policy tells apart: same family, and for every class the
 * same ports to them and from them. Groups come in address order of their first range.
 */
export function rangeGroups(ix: ReachIndex): readonly RangeGroup[] {
  const cached = groupsOf.get(ix);
  if (cached) return cached;
  const { data } = ix;
  const K = data.ipRanges.length;
  // Classes that share both atom rows see every range alike: compare over distinct row pairs.
  const rows = new Set<string>();
  const pairs: [number, number][] = [];
  for (let s = 0; s < ix.classes; s++) {
    const e = data.egressAtomRow[s]!;
    const i = data.ingressAtomRow[s]!;
    if (rows.has(`${e},${i}`)) continue;
    rows.add(`${e},${i}`);
    pairs.push([e, i]);
  }
  // Per pair, per atom: [egress port-set id, ingress port-set id], read row by row.
  const sig = pairs.map(([e, i]) => {
    const v = new Int32Array(2 * K);
    forEachAtomPorts(data, e, K, (a, ps) => (v[2 * a] = ps));
    forEachAtomPorts(data, i, K, (a, ps) => (v[2 * a + 1] = ps));
    return v;
  });
  const same = (a: number, b: number): boolean =>
    data.ipRanges[a]!.family === data.ipRanges[b]!.family &&
    sig.every((v) => v[2 * a] === v[2 * b] && v[2 * a + 1] === v[2 * b + 1]);
  const buckets = new Map<number, number[][]>();
  const groups: number[][] = [];
  for (let a = 0; a < K; a++) {
    let h: number = data.ipRanges[a]!.family;
    for (const v of sig) h = Math.imul(h ^ (v[2 * a]! * 65599 + v[2 * a + 1]!), 0x01000193);
    const bucket = buckets.get(h) ?? [];
    buckets.set(h, bucket);
    const group = bucket.find((g) => same(g[0]!, a));
    if (group) group.push(a);
    else {
      const g = [a];
      bucket.push(g);
      groups.push(g);
    }
  }
  const out = groups.map((atoms): RangeGroup => {
    const { label, detail } = describeRanges(atoms.map((a) => data.ipRanges[a]!));
    return { node: ix.n + atoms[0]!, atoms, label, detail };
  });
  groupsOf.set(ix, out);
  return out;
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
  /** cells[row][column]: row = source, column = destination. */
  readonly cells: readonly (readonly MatrixCount[])[];
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
  const size = new Array<number>(N).fill(0);
  // Pods per namespace that no egress (openOut) or ingress (openIn) policy isolates, or neither.
  const openOut = new Array<number>(N).fill(0);
  const openIn = new Array<number>(N).fill(0);
  const openBoth = new Array<number>(N).fill(0);
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
  const hide = scope.hide;
  const ok = okPortSets(ix, query);
  const allowed = names.map(() => new Array<number>(N).fill(0));
  for (let s = 0; s < ix.classes; s++) {
    const from = perClass[s]!;
    if (from.size === 0) continue;
    for (let j = data.rowStart[s]!; j < data.rowStart[s + 1]!; j++) {
      const t = data.rowTo[j]!;
      if (!ok[data.rowPorts[j]!] || perClass[t]!.size === 0) continue;
      if (hide && eIso[s] !== 1 && iIso[t] !== 1) continue;
      for (const [a, ca] of from) {
        for (const [b, cb] of perClass[t]!) allowed[a]![b]! += ca * cb - (s === t && a === b ? ca : 0);
      }
    }
  }
  const cells: MatrixCount[][] = names.map((_, a) =>
    names.map((__, b) => ({
      allowed: allowed[a]![b]!,
      total:
        size[a]! * size[b]! -
        (a === b ? size[a]! : 0) -
        (hide ? openOut[a]! * openIn[b]! - (a === b ? openBoth[a]! : 0) : 0),
    })),
  );
  // Range groups: a namespace's pods to a group (and back), the group counted as one peer.
  const G = scope.ranges.length;
  const toRange = names.map(() => new Array<number>(G).fill(0));
  const fromRange = scope.ranges.map(() => new Array<number>(N).fill(0));
  for (let s = 0; s < ix.classes; s++) {
    const members = perClass[s]!;
    if (members.size === 0) continue;
    const rep = ix.members[s]![0]!;
    scope.ranges.forEach((g, k) => {
      const out = (!hide || eIso[s] === 1) && ok[ix.between(rep, g.node)] === 1;
      const inn = (!hide || iIso[s] === 1) && ok[ix.between(g.node, rep)] === 1;
      for (const [a, c] of members) {
        if (out) toRange[a]![k]! += c;
        if (inn) fromRange[k]![a]! += c;
      }
    });
  }
  names.forEach((_, a) =>
    scope.ranges.forEach((__, k) =>
      cells[a]!.push({ allowed: toRange[a]![k]!, total: size[a]! - (hide ? openOut[a]! : 0) }),
    ),
  );
  scope.ranges.forEach((_, k) =>
    cells.push([
      ...names.map((__, b) => ({ allowed: fromRange[k]![b]!, total: size[b]! - (hide ? openIn[b]! : 0) })),
      ...scope.ranges.map(() => ({ allowed: 0, total: 0 })),
    ]),
  );
  return {
    entries: [
      ...names.map((name): MatrixEntry => ({ kind: 'namespace', name })),
      ...scope.ranges.map((group): MatrixEntry => ({ kind: 'range', group })),
    ],
    cells,
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
