/**
 * From an analysis to the nodes and edges worth drawing. Pure: no DOM, no Cytoscape.
 *
 * Works on the evaluation's classes (endpoints no policy can tell apart) rather than on pairs of
 * pods, so a 10,000-pod cluster with millions of allowed pairs costs one pass over the class
 * rows: every visible endpoint is mapped to the node that shows it (a pod, a group of replicas,
 * a namespace), each class row contributes to the edges between the nodes of its members.
 */
import type { PortsByProtocol } from '../../engine';
import { atomPorts, forEachAtomPorts, portSets } from '../../engine';
import type { Endpoint } from '../../model';
import { matchFlags } from '../panels/filters';
import type {
  Budget,
  GraphEdge,
  GraphInput,
  GraphLevel,
  GraphNode,
  GraphStructure,
  IsoCounts,
  IsoState,
  NodeIso,
  NodeKind,
} from './model';
import { allowsPort, formatPorts, describeRanges, plural, shortPorts, splitWorkload } from './text';

/** Ranges drawn one by one at pod level up to this many; above, one "outside" node until opened. */
export const RANGE_LIMIT = 30;
/** Edges drawn at most at namespace level. */
export const AGGREGATED_EDGE_CAP = 600;
/** Class-row × node work after which the pod level gives up and aggregates. */
const MAX_WORK = 4_000_000;
/** Loop steps between two pauses of the sliced build (`buildGraphSteps`): about a millisecond. */
const STEP = 2048;

/** A counter shared by the loops of one build: `due()` says when to yield. */
class Ticker {
  private n = 0;
  due(weight = 1): boolean {
    this.n += weight;
    if (this.n < STEP) return false;
    this.n = 0;
    return true;
  }
}

export const nsBoxId = (ns: string): string => `ns:${ns}`;
export const nsAggId = (ns: string): string => `nsa:${ns}`;
export const groupId = (workload: string): string => `g:${workload}`;
export const podId = (endpoint: string): string => `ep:${endpoint}`;
export const rangeId = (range: string): string => `ip:${range}`;
export const EXT_BOX = 'ext';
export const EXT_AGG = 'exta';

const EMPTY_COUNTS = (): IsoCounts => ({ both: 0, ingress: 0, egress: 0, none: 0 });

export function isoState(ingress: boolean, egress: boolean): IsoState {
  if (ingress && egress) return 'both';
  if (ingress) return 'ingress';
  if (egress) return 'egress';
  return 'none';
}

export function isoOf(counts: IsoCounts): NodeIso {
  const states = (['both', 'ingress', 'egress', 'none'] as const).filter((k) => counts[k] > 0);
  return states.length === 1 ? states[0]! : states.length === 0 ? 'none' : 'mixed';
}

export const ISO_TEXT: Readonly<Record<NodeIso, string>> = {
  both: 'isolated for ingress and egress',
  ingress: 'isolated for ingress only',
  egress: 'isolated for egress only',
  none: 'not isolated: no policy selects it',
  mixed: 'mixed isolation',
};

function isoSummary(counts: IsoCounts): string {
  const parts: string[] = [];
  if (counts.both) parts.push(`${counts.both} isolated both ways`);
  if (counts.ingress) parts.push(`${counts.ingress} ingress only`);
  if (counts.egress) parts.push(`${counts.egress} egress only`);
  if (counts.none) parts.push(`${counts.none} not isolated`);
  return parts.join(', ');
}

/** A node under construction: members are counted as endpoints are assigned. */
interface NodeAcc {
  id: string;
  kind: NodeKind;
  label: string;
  parent?: string;
  counts: IsoCounts;
  count: number;
  rep: string;
  namespace?: string;
  expandKey?: string;
  expanded: boolean;
  expandable: boolean;
  title: (n: NodeAcc) => string;
  internal: number;
  /** Members that match the filters. */
  hits: number;
}

interface EdgeAcc {
  a: number;
  b: number;
  pairs: number;
  /** The port set of the last pair added, and every distinct one when they differ. */
  lastPs: number;
  psIds: Set<number> | null;
  open: boolean;
  from: string;
  to: string;
}

/**
 * Which endpoints and ranges to draw, following the filter bar's meaning (panels/filters.ts): the
 * ones that match, plus those at the other end of a kept connection with one that matches.
 */
function* selectVisible(
  input: Omit<GraphInput, 'selection'>,
  matched: Uint8Array,
  keep: Keep,
  tick: Ticker,
): Generator<void, { visible: Uint8Array; rangeUsed: Uint8Array }> {
  const { snapshot, data } = input;
  const E = snapshot.endpoints.length;
  const C = data.classSizes.length;
  const K = data.ipRanges.length;
  const classMatched = new Uint8Array(C);
  for (let e = 0; e < E; e++) if (matched[e]) classMatched[data.classOf[e]!] = 1;
  // A class whose every member connects to something that matches.
  const classLinked = new Uint8Array(C);
  for (let s = 0; s < C; s++) {
    if (tick.due(1 + data.rowStart[s + 1]! - data.rowStart[s]!)) yield;
    for (let k = data.rowStart[s]!; k < data.rowStart[s + 1]!; k++) {
      const t = data.rowTo[k]!;
      if (!classMatched[s] && !classMatched[t]) continue;
      if (!keep.row(s, t, data.rowPorts[k]!)) continue;
      if (classMatched[s]) classLinked[t] = 1;
      if (classMatched[t]) classLinked[s] = 1;
    }
  }
  const rangeUsed = new Uint8Array(K);
  let anyRangeMatched = false;
  for (let a = 0; a < K; a++) if (matched[E + a]) anyRangeMatched = true;
  const rowsDone = new Set<number>();
  for (let s = 0; s < C; s++) {
    if (tick.due()) yield;
    const rows: number[] = [];
    if (keep.outClass(s)) rows.push(data.egressAtomRow[s]!);
    if (keep.inClass(s)) rows.push(data.ingressAtomRow[s]!);
    for (const row of rows) {
      const list = keep.ranges(row);
      if (tick.due(list.length)) yield;
      if (classMatched[s] && !rowsDone.has(row)) {
        rowsDone.add(row);
        for (const a of list) rangeUsed[a] = 1;
      }
      // A range that matches links the class to it (a matched class is drawn anyway).
      if (!anyRangeMatched || classMatched[s]) continue;
      for (const a of list) {
        if (!matched[E + a]) continue;
        rangeUsed[a] = 1;
        classLinked[s] = 1;
      }
    }
  }
  const visible = new Uint8Array(E);
  for (let e = 0; e < E; e++) visible[e] = matched[e] || classLinked[data.classOf[e]!] ? 1 : 0;
  return { visible, rangeUsed };
}

/** Which class rows and range connections the port and "hide unrestricted" filters keep. */
interface Keep {
  readonly ps: (ps: number) => boolean;
  /** Class s to class t with port set ps. */
  readonly row: (s: number, t: number, ps: number) => boolean;
  /** Whether class s's connections to ranges (out) or from them (in) survive "hide unrestricted". */
  readonly outClass: (s: number) => boolean;
  readonly inClass: (s: number) => boolean;
  /** The ranges an atom row (-1: every port to every range) keeps under the port filter. */
  readonly ranges: (row: number) => Int32Array;
}

function keeper(input: Omit<GraphInput, 'selection'>): Keep {
  const { data, filters } = input;
  const K = data.ipRanges.length;
  const portOk = new Int8Array(data.portSets.length).fill(-1);
  const ps = (id: number): boolean => {
    if (id === 0) return false;
    let v = portOk[id]!;
    if (v < 0) {
      v = !filters.port || allowsPort(data.portSets[id]!, filters.port) ? 1 : 0;
      portOk[id] = v;
    }
    return v === 1;
  };
  const hide = filters.hideUnrestricted;
  const eIso = data.egressIsolated;
  const iIso = data.ingressIsolated;
  const cache = new Map<number, Int32Array>();
  return {
    ps,
    row: (s, t, id) => ps(id) && !(hide && eIso[s] !== 1 && iIso[t] !== 1),
    outClass: (s) => !(hide && eIso[s] !== 1),
    inClass: (s) => !(hide && iIso[s] !== 1),
    ranges: (row) => {
      let list = cache.get(row);
      if (!list) {
        const out: number[] = [];
        forEachAtomPorts(data, row, K, (a, id) => {
          if (ps(id)) out.push(a);
        });
        list = Int32Array.from(out);
        cache.set(row, list);
      }
      return list;
    },
  };
}

/** The range nodes one atom row reaches: per node (and match), how many ranges and which port sets. */
interface RangeSlots {
  readonly node: number[];
  readonly matched: boolean[];
  readonly count: number[];
  readonly ps: number[][];
  /** A range of each slot, for the edge's example pair. */
  readonly rep: string[];
}

/**
 * Groups the used ranges that no policy tells apart: same family, and for every class the same
 * ports both ways. Returns, per range, the index of the first range of its group (-1: unused).
 */
function rangeLeaders(input: Omit<GraphInput, 'selection'>, used: Uint8Array): Int32Array {
  const { data } = input;
  const K = data.ipRanges.length;
  // Classes sharing both atom rows see every range alike: hash over distinct row pairs only.
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  for (let s = 0; s < data.classSizes.length; s++) {
    const e = data.egressAtomRow[s]!;
    const i = data.ingressAtomRow[s]!;
    const key = `${e},${i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([e, i]);
  }
  const leaders = new Int32Array(K).fill(-1);
  const byKey = new Map<string, number>();
  for (let a = 0; a < K; a++) {
    if (!used[a]) continue;
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (const [e, i] of pairs) {
      const v = atomPorts(data, e, a) * 65599 + atomPorts(data, i, a);
      h1 = Math.imul(h1 ^ v, 0x01000193);
      h2 = Math.imul(h2 + v, 0x5bd1e995) ^ (h2 >>> 13);
    }
    const key = `${data.ipRanges[a]!.family}:${h1}:${h2}`;
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, a);
    leaders[a] = first ?? a;
  }
  return leaders;
}

/** Builds the graph for the current analysis, filters and opened nodes, within the budget. */
export function buildGraph(input: Omit<GraphInput, 'selection'>): GraphStructure {
  const steps = buildGraphSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `buildGraph` in slices: it yields about every millisecond of work, so that the caller can run
 * it across several tasks (the page keeps drawing frames) and drop it when the input changes.
 */
export function* buildGraphSteps(input: Omit<GraphInput, 'selection'>): Generator<void, GraphStructure> {
  const { snapshot, data, filters, expanded, budget } = input;
  const tick = new Ticker();
  const endpoints = snapshot.endpoints;
  const { classOf } = data;
  const isoOfClass = (c: number): IsoState =>
    isoState(data.ingressIsolated[c] === 1, data.egressIsolated[c] === 1);
  const isoOfEndpoint = (e: number): IsoState => isoOfClass(classOf[e]!);
  const matched = matchFlags(
    endpoints,
    data.ipRanges.map((r) => r.id),
    filters,
    (i) => isoOfEndpoint(i) !== 'none',
  );
  yield;
  const keep = keeper(input);
  const { visible, rangeUsed } = yield* selectVisible(input, matched, keep, tick);
  yield;
  const usedRanges = rangeUsed.reduce((n, v) => n + v, 0);
  // Ranges that every policy treats alike are drawn as one node; computed only when drawn one by one.
  const leaders = usedRanges <= RANGE_LIMIT || expanded.has(EXT_BOX) ? rangeLeaders(input, rangeUsed) : null;
  const rangeNodes = leaders ? new Set(leaders.filter((l) => l >= 0)).size : Math.min(usedRanges, 1);

  // Replicas of one workload among the visible endpoints.
  const groupSize = new Map<string, number>();
  endpoints.forEach((e, i) => {
    if (visible[i] && e.workload !== undefined)
      groupSize.set(e.workload, (groupSize.get(e.workload) ?? 0) + 1);
  });
  const grouped = (e: Endpoint): boolean =>
    e.workload !== undefined && (groupSize.get(e.workload) ?? 0) >= 2 && !expanded.has(groupId(e.workload));

  const podLevelLeaves = (): number => {
    const ids = new Set<string>();
    endpoints.forEach((e, i) => {
      if (!visible[i]) return;
      ids.add(grouped(e) ? groupId(e.workload!) : e.id);
    });
    return ids.size + rangeNodes;
  };

  const prep: Prepared = { visible, matched, grouped, rangeUsed, usedRanges, leaders, keep, isoOfEndpoint };
  if (podLevelLeaves() <= budget.nodes) {
    yield;
    const pods = yield* assemble(input, 'pods', budget, prep, tick);
    if (pods) return pods;
  }
  yield;
  return (yield* assemble(input, 'namespaces', null, prep, tick))!;
}

interface Prepared {
  readonly visible: Uint8Array;
  /** Endpoints then ranges that match the filters (the others are drawn as context). */
  readonly matched: Uint8Array;
  readonly grouped: (e: Endpoint) => boolean;
  readonly rangeUsed: Uint8Array;
  readonly usedRanges: number;
  /** Per range: the first range of its look-alike group (-1 unused); null when ranges are not drawn one by one. */
  readonly leaders: Int32Array | null;
  readonly keep: Keep;
  readonly isoOfEndpoint: (e: number) => IsoState;
}

/**
 * Assigns every visible endpoint and used range to a node of the level, then accumulates edges.
 * With a cap, gives up (null) as soon as the edges or the work exceed it.
 */
function* assemble(
  input: Omit<GraphInput, 'selection'>,
  level: GraphLevel,
  cap: Budget | null,
  prep: Prepared,
  tick: Ticker,
): Generator<void, GraphStructure | null> {
  const { snapshot, data, expanded } = input;
  const endpoints = snapshot.endpoints;
  const C = data.classSizes.length;
  const K = data.ipRanges.length;
  const nodes: NodeAcc[] = [];
  const index = new Map<string, number>();
  const nodeOf = new Map<string, string>();
  const nsLabels = new Map(snapshot.namespaces.map((n) => [n.name, n]));

  const node = (
    id: string,
    make: () => Omit<NodeAcc, 'id' | 'counts' | 'count' | 'internal' | 'hits'>,
  ): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = nodes.length;
      nodes.push({ id, counts: EMPTY_COUNTS(), count: 0, internal: 0, hits: 0, ...make() });
      index.set(id, i);
    }
    return i;
  };
  const nsBox = (ns: string, opened: boolean): number =>
    node(nsBoxId(ns), () => ({
      kind: 'namespace',
      label: ns,
      rep: ns,
      namespace: ns,
      expandable: level === 'namespaces',
      expanded: opened,
      ...(level === 'namespaces' ? { expandKey: nsBoxId(ns) } : {}),
      title: (n) =>
        `Namespace ${ns}${nsLabels.get(ns)?.declared === false ? ' (not declared)' : ''}: ${plural(n.count, 'endpoint')}, ${isoSummary(n.counts)}`,
    }));

  // Endpoints → nodes.
  const endpointNode = new Int32Array(endpoints.length).fill(-1);
  for (let i = 0; i < endpoints.length; i++) {
    if (tick.due(4)) yield;
    const e = endpoints[i]!;
    if (!prep.visible[i]) continue;
    const ns = e.namespace;
    let n: number;
    if (level === 'namespaces' && !expanded.has(nsBoxId(ns))) {
      n = node(nsAggId(ns), () => ({
        kind: 'nsagg',
        label: ns,
        rep: ns,
        namespace: ns,
        expandable: true,
        expanded: false,
        expandKey: nsBoxId(ns),
        title: (x) => `Namespace ${ns}: ${plural(x.count, 'endpoint')}, ${isoSummary(x.counts)}`,
      }));
    } else {
      const parent = nsBoxId(ns);
      nodes[nsBox(ns, level === 'namespaces')]!.count++;
      nodes[index.get(parent)!]!.counts[prep.isoOfEndpoint(i)]++;
      if (prep.grouped(e)) {
        const w = e.workload!;
        const { name, kind } = splitWorkload(w);
        n = node(groupId(w), () => ({
          kind: 'group',
          label: name,
          parent,
          rep: e.id,
          namespace: ns,
          expandable: true,
          expanded: false,
          expandKey: groupId(w),
          title: (x) =>
            `${ns}/${name}${kind ? ` (${kind})` : ''}: ${plural(x.count, 'pod')}, ${
              isoOf(x.counts) === 'mixed' ? isoSummary(x.counts) : ISO_TEXT[isoOf(x.counts)]
            }`,
        }));
      } else {
        const workload = e.kind !== 'Pod';
        const inGroup = e.workload !== undefined && expanded.has(groupId(e.workload));
        n = node(podId(e.id), () => ({
          kind: workload ? 'workload' : 'pod',
          // The only pod of a workload reads best by the workload's name; opened replicas by their own.
          label: workload
            ? `${e.name} (${e.kind})`
            : e.workload !== undefined && !inGroup
              ? splitWorkload(e.workload).name
              : e.name,
          parent,
          rep: e.id,
          namespace: ns,
          expandable: inGroup,
          expanded: inGroup,
          ...(inGroup ? { expandKey: groupId(e.workload!) } : {}),
          title: () =>
            workload
              ? `${e.kind} ${e.id.replace(/\[.*\]$/, '')} (no pods; stands for the pods of its template): ${ISO_TEXT[prep.isoOfEndpoint(i)]}`
              : `Pod ${e.id}: ${ISO_TEXT[prep.isoOfEndpoint(i)]}`,
        }));
      }
    }
    nodes[n]!.count++;
    nodes[n]!.counts[prep.isoOfEndpoint(i)]++;
    if (prep.matched[i]) nodes[n]!.hits++;
    endpointNode[i] = n;
    nodeOf.set(e.id, nodes[n]!.id);
  }
  yield;

  // Ranges → nodes: one per look-alike group in the "outside" box, or all in one node.
  const openExt = (level === 'pods' || expanded.has(EXT_BOX)) && prep.leaders !== null;
  const rangeNode = new Int32Array(K).fill(-1);
  const members = new Map<number, number[]>();
  if (prep.leaders) {
    prep.leaders.forEach((l, a) => {
      if (l < 0) return;
      const list = members.get(l);
      if (list) list.push(a);
      else members.set(l, [a]);
    });
  }
  data.ipRanges.forEach((r, a) => {
    if (!prep.rangeUsed[a]) return;
    let n: number;
    if (openExt) {
      node(EXT_BOX, () => ({
        kind: 'external',
        label: 'Outside the cluster',
        rep: '',
        expandable: prep.usedRanges > RANGE_LIMIT || level === 'namespaces',
        expanded: true,
        expandKey: EXT_BOX,
        title: (x) => `Outside the cluster: ${plural(x.count, 'address range')}`,
      }));
      nodes[index.get(EXT_BOX)!]!.count++;
      const leader = data.ipRanges[prep.leaders![a]!]!;
      n = node(rangeId(leader.id), () => {
        const group = (members.get(prep.leaders![a]!) ?? [a]).map((i) => data.ipRanges[i]!);
        const { label, detail } = describeRanges(group);
        return {
          kind: 'range',
          label,
          parent: EXT_BOX,
          rep: leader.id,
          expandable: false,
          expanded: false,
          title: () =>
            `Addresses outside the cluster: ${detail}` +
            (group.length > 1
              ? ` (${group.length} ranges every policy treats alike)`
              : ` (${leader.first} – ${leader.last})`),
        };
      });
    } else {
      n = node(EXT_AGG, () => ({
        kind: 'extagg',
        label: 'Outside the cluster',
        rep: r.id,
        expandable: true,
        expanded: false,
        expandKey: EXT_BOX,
        title: (x) => `Outside the cluster: ${plural(x.count, 'address range')} (open to list them)`,
      }));
    }
    nodes[n]!.count++;
    if (prep.matched[endpoints.length + a]) nodes[n]!.hits++;
    rangeNode[a] = n;
    nodeOf.set(r.id, nodes[n]!.id);
  });

  // Per class: the nodes of its visible members, with counts and a representative.
  // Members that match the filters and context members (shown for their link to a match) are
  // kept apart, so that a pair of two context endpoints is never drawn.
  const classNodes: { node: number[]; count: number[]; rep: number[]; matched: boolean[] }[] = Array.from(
    { length: C },
    () => ({ node: [], count: [], rep: [], matched: [] }),
  );
  const slot = new Map<number, number>();
  endpoints.forEach((_, i) => {
    const n = endpointNode[i]!;
    if (n < 0) return;
    const c = data.classOf[i]!;
    const m = prep.matched[i] === 1;
    const key = (c * (nodes.length + 1) + n) * 2 + (m ? 1 : 0);
    const cn = classNodes[c]!;
    const at = slot.get(key);
    if (at === undefined) {
      slot.set(key, cn.node.length);
      cn.node.push(n);
      cn.count.push(1);
      cn.rep.push(i);
      cn.matched.push(m);
    } else cn.count[at]!++;
  });

  // Edges.
  const N = nodes.length;
  const edges = new Map<number, EdgeAcc>();
  let work = 0;
  let lastKey = -1;
  let lastAcc: EdgeAcc | undefined;
  const add = (
    a: number,
    b: number,
    pairs: number,
    ps: number | readonly number[],
    open: boolean,
    from: string,
    to: string,
  ): boolean => {
    const key = a * N + b;
    let e = key === lastKey ? lastAcc : edges.get(key);
    const first = typeof ps === 'number' ? ps : ps[0]!;
    if (e === undefined) {
      e = { a, b, pairs, lastPs: first, psIds: null, open, from, to };
      edges.set(key, e);
      if (cap && edges.size > cap.edges) return false;
    } else {
      e.pairs += pairs;
      e.open &&= open;
      if (first !== e.lastPs) {
        (e.psIds ??= new Set([e.lastPs])).add(first);
        e.lastPs = first;
      }
    }
    if (typeof ps !== 'number' && ps.length > 1) {
      const set = (e.psIds ??= new Set([e.lastPs]));
      for (const id of ps) set.add(id);
    }
    lastKey = key;
    lastAcc = e;
    return !(cap && ++work > MAX_WORK);
  };

  const slotCache = new Map<number, RangeSlots>();
  const rangeSlots = (row: number): RangeSlots => {
    let slots = slotCache.get(row);
    if (slots) return slots;
    slots = { node: [], matched: [], count: [], ps: [], rep: [] };
    const at = new Map<number, number>();
    for (const r of prep.keep.ranges(row)) {
      const rn = rangeNode[r]!;
      if (rn < 0) continue;
      const m = prep.matched[endpoints.length + r] === 1;
      const key = rn * 2 + (m ? 1 : 0);
      const ps = atomPorts(data, row, r);
      let j = at.get(key);
      if (j === undefined) {
        j = slots.node.length;
        at.set(key, j);
        slots.node.push(rn);
        slots.matched.push(m);
        slots.count.push(0);
        slots.ps.push([ps]);
        slots.rep.push(data.ipRanges[r]!.id);
      }
      slots.count[j]!++;
      const list = slots.ps[j]!;
      if (list[list.length - 1] !== ps && !list.includes(ps)) list.push(ps);
    }
    slotCache.set(row, slots);
    return slots;
  };

  yield;
  for (let s = 0; s < C; s++) {
    const src = classNodes[s]!;
    if (src.node.length === 0) continue;
    for (let k = data.rowStart[s]!; k < data.rowStart[s + 1]!; k++) {
      const t = data.rowTo[k]!;
      const dst = classNodes[t]!;
      if (tick.due(1 + src.node.length * dst.node.length)) yield;
      if (dst.node.length === 0) continue;
      const ps = data.rowPorts[k]!;
      if (!prep.keep.row(s, t, ps)) continue;
      const open = data.egressIsolated[s] !== 1 && data.ingressIsolated[t] !== 1;
      for (let i = 0; i < src.node.length; i++) {
        const a = src.node[i]!;
        const ca = src.count[i]!;
        for (let j = 0; j < dst.node.length; j++) {
          if (!src.matched[i] && !dst.matched[j]) continue;
          const b = dst.node[j]!;
          const cb = dst.count[j]!;
          if (a === b) {
            nodes[a]!.internal += s === t && i === j ? ca * (ca - 1) : ca * cb;
            continue;
          }
          const from = endpoints[src.rep[i]!]!.id;
          const to = endpoints[dst.rep[j]!]!.id;
          if (!add(a, b, ca * cb, ps, open, from, to)) return null;
        }
      }
    }
    // Connections with the ranges outside the cluster, one summary per atom row.
    for (const dir of ['out', 'in'] as const) {
      if (dir === 'out' ? !prep.keep.outClass(s) : !prep.keep.inClass(s)) continue;
      const slots = rangeSlots(dir === 'out' ? data.egressAtomRow[s]! : data.ingressAtomRow[s]!);
      const open = dir === 'out' ? data.egressIsolated[s] !== 1 : data.ingressIsolated[s] !== 1;
      for (let j = 0; j < slots.node.length; j++) {
        const rn = slots.node[j]!;
        for (let i = 0; i < src.node.length; i++) {
          if (!src.matched[i] && !slots.matched[j]) continue;
          const a = src.node[i]!;
          const ep = endpoints[src.rep[i]!]!.id;
          const pairs = src.count[i]! * slots.count[j]!;
          const ok =
            dir === 'out'
              ? add(a, rn, pairs, slots.ps[j]!, open, ep, slots.rep[j]!)
              : add(rn, a, pairs, slots.ps[j]!, open, slots.rep[j]!, ep);
          if (!ok) return null;
        }
      }
    }
  }

  // Finish nodes and edges.
  yield;
  const graphNodes: GraphNode[] = nodes.map((n) => {
    const iso = n.kind === 'range' || n.kind === 'extagg' || n.kind === 'external' ? 'none' : isoOf(n.counts);
    return {
      id: n.id,
      kind: n.kind,
      label: n.label,
      ...(n.parent !== undefined ? { parent: n.parent } : {}),
      iso,
      isoCounts: n.counts,
      count: n.count,
      rep: n.rep,
      ...(n.namespace !== undefined ? { namespace: n.namespace } : {}),
      expandable: n.expandable,
      expanded: n.expanded,
      ...(n.expandKey !== undefined ? { expandKey: n.expandKey } : {}),
      internalPairs: n.internal,
      context: n.kind !== 'namespace' && n.kind !== 'external' && n.hits === 0,
      title: n.title(n),
    };
  });
  yield;
  let list = [...edges.values()];
  let dropped = 0;
  // A namespace grid with thousands of edges is a hairball that takes seconds to draw: keep the
  // busiest ones (the notice says how many are left out).
  const edgeBudget = Math.min(input.budget.edges, AGGREGATED_EDGE_CAP);
  if (!cap && list.length > edgeBudget) {
    list.sort((x, y) => y.pairs - x.pairs || x.a - y.a || x.b - y.b);
    dropped = list.length - edgeBudget;
    list = list.slice(0, edgeBudget);
  }
  const graphEdges: GraphEdge[] = list.map((e) => {
    const a = nodes[e.a]!;
    const b = nodes[e.b]!;
    let union: PortsByProtocol = data.portSets[e.lastPs]!;
    if (e.psIds) for (const id of e.psIds) union = portSets.unionPorts(union, data.portSets[id]!);
    const ports = formatPorts(union);
    return {
      id: `${a.id}->${b.id}`,
      source: a.id,
      target: b.id,
      pairs: e.pairs,
      possible: a.count * b.count,
      ports,
      short: shortPorts(union),
      mixed: e.psIds !== null,
      open: e.open,
      from: e.from,
      to: e.to,
    };
  });
  yield;
  graphEdges.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const visibleCount = prep.visible.reduce((n, v) => n + v, 0);
  return {
    level,
    aggregated: level === 'namespaces',
    nodes: graphNodes,
    edges: graphEdges,
    droppedEdges: dropped,
    nodeOf,
    stats: {
      endpoints: endpoints.length,
      visibleEndpoints: visibleCount,
      namespaces: new Set(graphNodes.filter((n) => n.namespace !== undefined).map((n) => n.namespace)).size,
      ranges: prep.usedRanges,
      pairs: graphEdges.reduce((n, e) => n + e.pairs, 0),
    },
  };
}
