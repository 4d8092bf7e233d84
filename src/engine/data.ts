import type { PolicyType, Snapshot } from '../model';
import { setHas } from './sets/class-set';
import type { Analysis, AnalysisStats, EngineOptions, IpRange, Isolation, PortsByProtocol } from './api';

/**
 * The result of an evaluation as plain data: typed arrays (transferable from a Web Worker at no
 * cost) and a few small tables. Class-level: endpoint pairs are expanded only when read.
 */
export interface ReachabilityData {
  /** Endpoint index → class index. */
  readonly classOf: Int32Array;
  readonly classSizes: Int32Array;
  /** Allowed class pairs in CSR form: for source class s, entries rowStart[s]..rowStart[s+1]-1
   * of rowTo (destination class, ascending) and rowPorts (port-set id). */
  readonly rowStart: Int32Array;
  readonly rowTo: Int32Array;
  readonly rowPorts: Int32Array;
  /** Port-set id → ports. Id 0 is empty, 1 is every port. */
  readonly portSets: readonly PortsByProtocol[];
  /** Distinct rows of ports per external range (atom), shared by classes, sparse: a default
   * port-set id per row, and in CSR form (atomRowStart, ascending atomRowAtom, atomRowPorts) the
   * atoms whose ports differ from it. Read them with `atomPorts`. */
  readonly atomRowDefault: Int32Array;
  readonly atomRowStart: Int32Array;
  readonly atomRowAtom: Int32Array;
  readonly atomRowPorts: Int32Array;
  /** Class → row of atomRows for its egress to external ranges; -1: every port to every range. */
  readonly egressAtomRow: Int32Array;
  /** Class → row of atomRows for ingress from external ranges; -1: every port from every range. */
  readonly ingressAtomRow: Int32Array;
  readonly ingressIsolated: Uint8Array;
  readonly egressIsolated: Uint8Array;
  /** Per policy (snapshot order): the classes it selects. */
  readonly policySubjects: readonly Int32Array[];
  /** Per policy: the directions it isolates (policyTypes after defaulting). */
  readonly policyTypes: readonly (readonly PolicyType[])[];
  readonly ipRanges: readonly IpRange[];
  readonly stats: AnalysisStats;
}

/** The typed arrays of a result, to pass as the transfer list of `postMessage`. */
export function transferablesOf(d: ReachabilityData): ArrayBuffer[] {
  const arrays = [
    d.classOf,
    d.classSizes,
    d.rowStart,
    d.rowTo,
    d.rowPorts,
    d.egressAtomRow,
    d.ingressAtomRow,
    d.ingressIsolated,
    d.egressIsolated,
    d.atomRowDefault,
    d.atomRowStart,
    d.atomRowAtom,
    d.atomRowPorts,
    ...d.policySubjects,
  ];
  // Empty arrays may share a module-level buffer that must never be detached: leave them out.
  return [...new Set(arrays.filter((a) => a.byteLength > 0).map((a) => a.buffer as ArrayBuffer))];
}

const EMPTY = 0;
const ALL = 1;

/** Port-set id from class s to class t (0, empty, when the row does not list t). */
export function classPairPorts(d: ReachabilityData, s: number, t: number): number {
  let lo = d.rowStart[s]!;
  let hi = d.rowStart[s + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = d.rowTo[mid]!;
    if (v === t) return d.rowPorts[mid]!;
    if (v < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return EMPTY;
}

/** Port-set id of an atom row at one atom (`row` -1: every port). */
export function atomPorts(d: ReachabilityData, row: number, atom: number): number {
  if (row < 0) return ALL;
  let lo = d.atomRowStart[row]!;
  let hi = d.atomRowStart[row + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = d.atomRowAtom[mid]!;
    if (a === atom) return d.atomRowPorts[mid]!;
    if (a < atom) lo = mid + 1;
    else hi = mid - 1;
  }
  return d.atomRowDefault[row]!;
}

/** Calls `visit` for every atom of a row, in address order, with its port-set id. */
export function forEachAtomPorts(
  d: ReachabilityData,
  row: number,
  atoms: number,
  visit: (atom: number, ps: number) => void,
): void {
  if (row < 0) {
    for (let a = 0; a < atoms; a++) visit(a, ALL);
    return;
  }
  const base = d.atomRowDefault[row]!;
  let k = d.atomRowStart[row]!;
  const end = d.atomRowStart[row + 1]!;
  for (let a = 0; a < atoms; a++) {
    if (k < end && d.atomRowAtom[k] === a) visit(a, d.atomRowPorts[k++]!);
    else visit(a, base);
  }
}

/** The queries of `Analysis` over the data of one evaluation of `snapshot`. */
export function analysisFrom(snapshot: Snapshot, options: EngineOptions, d: ReachabilityData): Analysis {
  const { endpoints } = snapshot;
  const { classOf, rowStart, rowTo, rowPorts, portSets, ipRanges } = d;
  const K = ipRanges.length;
  const C = d.classSizes.length;
  const members: number[][] = Array.from({ length: C }, () => []);
  classOf.forEach((c, e) => members[c]!.push(e));
  const indexOf = new Map<string, number>();
  endpoints.forEach((e, i) => indexOf.set(e.id, i));
  const atomIndex = new Map<string, number>();
  ipRanges.forEach((r, i) => atomIndex.set(r.id, i));
  const toAtom = (s: number, a: number): number => atomPorts(d, d.egressAtomRow[s]!, a);
  const fromAtom = (a: number, t: number): number => atomPorts(d, d.ingressAtomRow[t]!, a);
  const rowPs = (s: number, t: number): number => classPairPorts(d, s, t);
  const ports = (ps: number): PortsByProtocol => portSets[ps]!;

  return {
    endpoints,
    ipRanges,
    options,
    stats: d.stats,
    isolation(id): Isolation | undefined {
      const i = indexOf.get(id);
      if (i === undefined) return undefined;
      const c = classOf[i]!;
      return { ingress: d.ingressIsolated[c] === 1, egress: d.egressIsolated[c] === 1 };
    },
    forEachConnection(visit): void {
      for (let e = 0; e < endpoints.length; e++) {
        const s = classOf[e]!;
        const from = endpoints[e]!.id;
        for (let k = rowStart[s]!; k < rowStart[s + 1]!; k++) {
          const p = ports(rowPorts[k]!);
          for (const m of members[rowTo[k]!]!) if (m !== e) visit(from, endpoints[m]!.id, p);
        }
        forEachAtomPorts(d, d.egressAtomRow[s]!, K, (a, ps) => {
          if (ps !== EMPTY) visit(from, ipRanges[a]!.id, ports(ps));
        });
      }
      for (let a = 0; a < K; a++) {
        const from = ipRanges[a]!.id;
        for (let e = 0; e < endpoints.length; e++) {
          const ps = fromAtom(a, classOf[e]!);
          if (ps !== EMPTY) visit(from, endpoints[e]!.id, ports(ps));
        }
      }
    },
    countConnections(): number {
      let n = 0;
      for (let s = 0; s < C; s++) {
        const size = d.classSizes[s]!;
        for (let k = rowStart[s]!; k < rowStart[s + 1]!; k++) {
          const t = rowTo[k]!;
          n += size * d.classSizes[t]! - (t === s ? size : 0);
        }
        const count = (_: number, ps: number): void => {
          if (ps !== EMPTY) n += size;
        };
        forEachAtomPorts(d, d.egressAtomRow[s]!, K, count);
        forEachAtomPorts(d, d.ingressAtomRow[s]!, K, count);
      }
      return n;
    },
    portsBetween(fromId, toId): PortsByProtocol | undefined {
      const fe = indexOf.get(fromId);
      const te = indexOf.get(toId);
      const fa = atomIndex.get(fromId);
      const ta = atomIndex.get(toId);
      if ((fe === undefined && fa === undefined) || (te === undefined && ta === undefined)) return undefined;
      if (fe !== undefined && fe === te) return ports(EMPTY);
      if (fe !== undefined && te !== undefined) return ports(rowPs(classOf[fe]!, classOf[te]!));
      if (fe !== undefined) return ports(toAtom(classOf[fe]!, ta!));
      if (te !== undefined) return ports(fromAtom(fa!, classOf[te]!));
      return ports(EMPTY);
    },
    selectedBy(id) {
      const i = indexOf.get(id);
      if (i === undefined) return undefined;
      const c = classOf[i]!;
      const ingress: string[] = [];
      const egress: string[] = [];
      d.policySubjects.forEach((subjects, p) => {
        if (!setHas(subjects, c)) return;
        const id = snapshot.policies[p]!.id;
        if (d.policyTypes[p]!.includes('Ingress')) ingress.push(id);
        if (d.policyTypes[p]!.includes('Egress')) egress.push(id);
      });
      return { ingress, egress };
    },
    selects(policyId) {
      const p = snapshot.policies.findIndex((x) => x.id === policyId);
      if (p < 0) return undefined;
      const out: string[] = [];
      d.policySubjects[p]!.forEach((c) => members[c]!.forEach((m) => out.push(endpoints[m]!.id)));
      return out;
    },
  };
}
