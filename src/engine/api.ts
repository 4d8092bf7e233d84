/**
 * The engine's public surface. Everything here is pure data or pure functions over data:
 * the CLI (Node) and the app (a Web Worker) call the very same functions.
 */
import type { Direction, Protocol } from '../model';

/** Port intervals per protocol, each list ascending and merged: [[80,80],[8000,8080]]. */
export type PortRanges = readonly (readonly [number, number])[];
export interface PortsByProtocol {
  readonly TCP: PortRanges;
  readonly UDP: PortRanges;
  readonly SCTP: PortRanges;
}

export interface EngineOptions {
  /**
   * A pod whose address lies in an ipBlock (outside its `except`) is matched by it, as the
   * upstream e2e tests expect. Some plugins (Cilium) never match pods by ipBlock: set false.
   */
  readonly ipBlockMatchesPods: boolean;
  /**
   * `pod`: hostNetwork pods are treated like other pods (netpol-analyzer's model).
   * `unrestricted`: policies neither select them nor match them by pod/namespace selectors.
   */
  readonly hostNetwork: 'pod' | 'unrestricted';
}
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { ipBlockMatchesPods: true, hostNetwork: 'pod' };

/** A run of addresses standing for hosts that are not pods of the input. */
export interface IpRange {
  /** `FIRST-LAST`, e.g. `0.0.0.0-9.255.255.255`. */
  readonly id: string;
  readonly family: 4 | 6;
  readonly first: string;
  readonly last: string;
}

export interface Isolation {
  readonly ingress: boolean;
  readonly egress: boolean;
}

/** A reference to one part of a policy, down to the port entry, as data. */
export interface RuleRef {
  readonly policy: string; // ns/name
  readonly direction: Direction;
  readonly rule: number;
  /** Index into from/to; absent when the rule has no peers (it admits every peer). */
  readonly peer?: number;
  /** Index into ports; absent when the rule has no ports (it admits every port). */
  readonly port?: number;
}

export interface DirectionVerdict {
  /** False when this side is not governed by NetworkPolicy (an external address). */
  readonly applicable: boolean;
  readonly isolated: boolean;
  /** Policies that select the subject and whose policyTypes include this direction. */
  readonly selectedBy: readonly string[];
  /** Every (rule, peer, port) that admits the peer, with the ports it admits. */
  readonly allowedBy: readonly { readonly ref: RuleRef; readonly ports: PortsByProtocol }[];
  /** Rules of selecting policies whose peers match but whose ports admit nothing here. */
  readonly peerMatchedNoPort: readonly RuleRef[];
  /** What this direction admits (every port when not isolated). */
  readonly ports: PortsByProtocol;
}

export interface Explanation {
  readonly from: string;
  readonly to: string;
  /** When asked about one port: whether that port is allowed. */
  readonly query?: { readonly port: number; readonly protocol: Protocol; readonly allowed: boolean };
  /** The ports allowed end to end: egress of `from` ∩ ingress of `to`. */
  readonly ports: PortsByProtocol;
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** Plain-language notes (hostNetwork, named port unresolved, pod matched by ipBlock...). */
  readonly notes: readonly string[];
}

/** Figures about one evaluation, for `summary`, the bench and the UI. */
export interface AnalysisStats {
  readonly endpoints: number;
  readonly namespaces: number;
  readonly policies: number;
  readonly classes: number;
  readonly ipRanges: number;
  readonly portSets: number;
  /** Allowed ordered class pairs (pod/workload classes only). */
  readonly classPairs: number;
}

/**
 * The result of evaluating a snapshot: reachability between every pair of endpoints and IP
 * ranges, with ports; isolation; which policies select what. Pairs are computed on classes and
 * expanded to endpoints only when read.
 */
export interface Analysis {
  readonly endpoints: readonly import('../model').Endpoint[];
  readonly ipRanges: readonly IpRange[];
  readonly stats: AnalysisStats;
  readonly options: EngineOptions;
  /** Isolation of the endpoint with this id (undefined for an unknown id). */
  isolation(endpointId: string): Isolation | undefined;
  /**
   * Calls `visit` for every ordered pair (from != to) with at least one port allowed, endpoints
   * and IP ranges alike (never range to range). Order: sources in endpoint order, then ranges in
   * address order; for each source, destination endpoints grouped by class, then ranges in
   * address order. Nothing is accumulated, so millions of pairs stream in constant memory.
   */
  forEachConnection(visit: (from: string, to: string, ports: PortsByProtocol) => void): void;
  /** Number of pairs `forEachConnection` would visit, without building them. */
  countConnections(): number;
  /** Ports allowed from one endpoint or range to another (empty sets when nothing). */
  portsBetween(fromId: string, toId: string): PortsByProtocol | undefined;
  /** Policies selecting an endpoint, per direction in which they isolate it. */
  selectedBy(
    endpointId: string,
  ): { readonly ingress: readonly string[]; readonly egress: readonly string[] } | undefined;
  /** Endpoints a policy selects (its subjects), whatever its policyTypes. */
  selects(policyId: string): readonly string[] | undefined;
}
