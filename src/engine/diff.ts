/**
 * The difference in reachability between two evaluations (a workspace before and after a policy
 * edit): which connections a change opens or closes, and on which ports. Class level: the joint
 * partition of (before class × after class) is evaluated once per pair of joint classes.
 */
import type { Snapshot } from '../model';
import type { PortsByProtocol } from './api';
import type { ReachabilityData } from './data';

/** One end of a connection: an endpoint (matched by id) or a run of external addresses. */
export type PeerRef =
  | { readonly kind: 'endpoint'; readonly id: string }
  | {
      readonly kind: 'external';
      /** The addresses: a CIDR when the run is exactly one, else `FIRST-LAST`. */
      readonly cidr: string;
      /** Ids (`FIRST-LAST`) of the IpRange holding these addresses on each side. */
      readonly beforeRange: string;
      readonly afterRange: string;
    };

export interface ConnectionChange {
  readonly from: PeerRef;
  readonly to: PeerRef;
  readonly change: 'added' | 'removed' | 'changed';
  /** Ports newly allowed ("TCP 80,443 · UDP 53", "all ports"); '' if none. */
  readonly gained: string;
  /** Ports no longer allowed; '' if none. */
  readonly lost: string;
  readonly gainedPorts: PortsByProtocol;
  readonly lostPorts: PortsByProtocol;
}

export interface ReachDiff {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly changes: readonly ConnectionChange[];
  /** True when more changes exist than `changes` lists (the counts stay exact). */
  readonly truncated: boolean;
}

export interface DiffSide {
  readonly snapshot: Snapshot;
  readonly data: ReachabilityData;
}

/**
 * Connections added (none before, some after), removed (some before, none after) and changed
 * (ports differ) between two evaluations. Endpoints are matched by id; one present on a single
 * side is ignored. External ranges are split on the union of both sides' range boundaries.
 */
export function diffReachability(
  before: DiffSide,
  after: DiffSide,
  options: { readonly limit?: number } = {},
): ReachDiff {
  void before;
  void after;
  void options;
  throw new Error('not yet');
}
