/**
 * Class-level access to an evaluation (`ReachabilityData`), for views that must count, sort and
 * page millions of pairs without listing them: the engine computes reachability between classes
 * of endpoints that no policy can tell apart, so counts are sums over class pairs.
 *
 * Nodes are numbered `[...snapshot.endpoints, ...data.ipRanges]`. The answers agree with
 * `Analysis.forEachConnection` / `portsBetween` (checked by the tests).
 */
import { atomPorts, classPairPorts, type PortsByProtocol, type ReachabilityData } from '../../engine';
import type { Snapshot } from '../../model';

/** Port-set ids with a meaning of their own (see ReachabilityData.portSets). */
export const EMPTY_SET = 0;
export const ALL_SET = 1;

export class ReachIndex {
  /** Endpoints, then IP ranges. */
  readonly n: number;
  readonly k: number;
  readonly ids: readonly string[];
  /** Node → its index in id order (endpoints by id, then ranges in address order). */
  readonly rank: Int32Array;
  /** Nodes in id order. */
  readonly order: Int32Array;
  /** Class → its endpoints. */
  readonly members: readonly Int32Array[];
  readonly classes: number;
  private readonly byId = new Map<string, number>();

  constructor(
    readonly snapshot: Snapshot,
    readonly data: ReachabilityData,
  ) {
    const { endpoints } = snapshot;
    this.n = endpoints.length;
    this.k = data.ipRanges.length;
    this.ids = [...endpoints.map((e) => e.id), ...data.ipRanges.map((r) => r.id)];
    this.ids.forEach((id, i) => this.byId.set(id, i));
    const epOrder = endpoints.map((_, i) => i).sort((a, b) => compareIds(this.ids[a]!, this.ids[b]!));
    this.order = Int32Array.from([...epOrder, ...data.ipRanges.map((_, a) => this.n + a)]);
    this.rank = new Int32Array(this.n + this.k);
    this.order.forEach((node, r) => (this.rank[node] = r));
    this.classes = data.classSizes.length;
    const lists: number[][] = Array.from({ length: this.classes }, () => []);
    data.classOf.forEach((c, e) => lists[c]!.push(e));
    this.members = lists.map((l) => Int32Array.from(l));
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  isRange(node: number): boolean {
    return node >= this.n;
  }

  classOf(endpoint: number): number {
    return this.data.classOf[endpoint]!;
  }

  ports(ps: number): PortsByProtocol {
    return this.data.portSets[ps]!;
  }

  /** Port-set id from class s to class t. */
  classPair(s: number, t: number): number {
    return classPairPorts(this.data, s, t);
  }

  /** Port-set id from class s to range a. */
  toRange(s: number, a: number): number {
    return atomPorts(this.data, this.data.egressAtomRow[s]!, a);
  }

  /** Port-set id from range a to class t. */
  fromRange(a: number, t: number): number {
    return atomPorts(this.data, this.data.ingressAtomRow[t]!, a);
  }

  /** Port-set id between two nodes (empty for a node to itself and range to range). */
  between(from: number, to: number): number {
    if (from === to) return EMPTY_SET;
    const fr = this.isRange(from);
    const tr = this.isRange(to);
    if (fr && tr) return EMPTY_SET;
    if (fr) return this.fromRange(from - this.n, this.classOf(to));
    if (tr) return this.toRange(this.classOf(from), to - this.n);
    return this.classPair(this.classOf(from), this.classOf(to));
  }

  egressIsolated(endpoint: number): boolean {
    return this.data.egressIsolated[this.classOf(endpoint)] === 1;
  }

  ingressIsolated(endpoint: number): boolean {
    return this.data.ingressIsolated[this.classOf(endpoint)] === 1;
  }
}

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order (`ns-2` before `ns-10`), the same on every machine; ties broken by code units. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
