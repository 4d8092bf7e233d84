/**
 * The difference in reachability between two evaluations (a workspace before and after a policy
 * edit): which connections a change opens or closes, and on which ports. Class level: endpoints
 * are grouped by the pair (class before, class after), the joint partition, and each pair of
 * joint classes is compared once; pods are expanded only for the listed changes.
 */
import type { Snapshot } from '../model';
import type { IpRange, PortRanges, PortsByProtocol } from './api';
import type { ReachabilityData } from './data';
import { formatIp, parseIp, type Family } from './sets/ip';
import { formatRanges, isAllPorts, isEmptyPorts, mapProtocols, portsKey } from './sets/ports';

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
  /** Connections (ordered endpoint or endpoint-range pairs) allowed after but not before. */
  readonly added: number;
  /** Connections allowed before but not after. */
  readonly removed: number;
  /** Connections allowed on both sides, on different ports. */
  readonly changed: number;
  readonly changes: readonly ConnectionChange[];
  /** True when more changes exist than `changes` lists (the counts stay exact). */
  readonly truncated: boolean;
}

export interface DiffSide {
  readonly snapshot: Snapshot;
  readonly data: ReachabilityData;
}

export const DEFAULT_DIFF_LIMIT = 5000;

/** Port-set id 1 is every port (see ReachabilityData.portSets). */
const ALL_PORTS_ID = 1;

function subtractRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: [number, number][] = [];
  let j = 0;
  for (const [lo0, hi] of a) {
    let lo = lo0;
    while (j < b.length && b[j]![1] < lo) j++;
    let k = j;
    while (k < b.length && b[k]![0] <= hi && lo <= hi) {
      const [blo, bhi] = b[k]!;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = Math.max(lo, bhi + 1);
      k++;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

const subtractPorts = (a: PortsByProtocol, b: PortsByProtocol): PortsByProtocol =>
  mapProtocols((p) => subtractRanges(a[p], b[p]));

/** "TCP 80,443 · UDP 53", "all ports", "TCP (all)"; '' for no port (as the app writes ports). */
export function formatPortsText(ports: PortsByProtocol): string {
  if (isEmptyPorts(ports)) return '';
  if (isAllPorts(ports)) return 'all ports';
  const parts: string[] = [];
  for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
    const text = formatRanges(ports[p]);
    if (text !== '') parts.push(text === '1-65535' ? `${p} (all)` : `${p} ${text}`);
  }
  return parts.join(' · ');
}

/** Port sets of both sides under one numbering, so that equal sets have equal ids. */
class PortIds {
  private readonly ids = new Map<string, number>();
  readonly sets: PortsByProtocol[] = [];
  readonly empty: boolean[] = [];

  table(sets: readonly PortsByProtocol[]): Int32Array {
    const out = new Int32Array(sets.length);
    sets.forEach((s, i) => {
      const key = portsKey(s);
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.sets.length;
        this.ids.set(key, id);
        this.sets.push(s);
        this.empty.push(isEmptyPorts(s));
      }
      out[i] = id;
    });
    return out;
  }
}

type Kind = 'added' | 'removed' | 'changed';

/** A changed pair of joint classes (`pair`), or a joint class to (`out`) or from (`in`) a piece. */
interface PendingChange {
  readonly kind: Kind;
  readonly before: number;
  readonly after: number;
  readonly shape: 'pair' | 'out' | 'in';
  /** Joint class (the source for `pair`). */
  readonly j: number;
  /** Joint class (the destination for `pair`) or piece index. */
  readonly other: number;
}

interface Piece {
  readonly cidr: string;
  readonly before: number;
  readonly after: number;
}

/** Bounds of an IpRange as numbers of its family. */
function bounds(r: IpRange): { family: Family; start: bigint; end: bigint } {
  return { family: r.family, start: parseIp(r.first)!.value, end: parseIp(r.last)!.value };
}

/** A run of addresses as a CIDR when it is exactly one, else `FIRST-LAST`. */
function runText(family: Family, start: bigint, end: bigint): string {
  const size = end - start + 1n;
  const bits = family === 4 ? 32 : 128;
  if ((size & (size - 1n)) === 0n && start % size === 0n) {
    let host = 0;
    while (1n << BigInt(host) < size) host++;
    return `${formatIp(family, start)}/${bits - host}`;
  }
  return `${formatIp(family, start)}-${formatIp(family, end)}`;
}

/** The external ranges of both sides cut at the union of their boundaries. */
function pieces(before: readonly IpRange[], after: readonly IpRange[]): Piece[] {
  const out: Piece[] = [];
  const b = before.map(bounds);
  const a = after.map(bounds);
  let i = 0;
  let j = 0;
  while (i < b.length && j < a.length) {
    const x = b[i]!;
    const y = a[j]!;
    if (x.family !== y.family) {
      // Both sides cover each family whole; a mismatch means malformed data: realign.
      if (x.family < y.family) i++;
      else j++;
      continue;
    }
    const start = x.start > y.start ? x.start : y.start;
    const end = x.end < y.end ? x.end : y.end;
    if (start <= end) out.push({ cidr: runText(x.family, start, end), before: i, after: j });
    if (x.end === end) i++;
    if (y.end === end) j++;
  }
  return out;
}

/**
 * The port-set id of an atom row at each atom, for atoms asked in ascending order (a walk over
 * the row's sparse entries; `row` -1: every port).
 */
function rowWalker(d: ReachabilityData, row: number): (atom: number) => number {
  if (row < 0) return () => ALL_PORTS_ID;
  const base = d.atomRowDefault[row]!;
  const end = d.atomRowStart[row + 1]!;
  let k = d.atomRowStart[row]!;
  return (atom) => {
    while (k < end && d.atomRowAtom[k]! < atom) k++;
    return k < end && d.atomRowAtom[k] === atom ? d.atomRowPorts[k]! : base;
  };
}

/**
 * Connections added (none before, some after), removed (some before, none after) and changed
 * (ports differ) between two evaluations of NetworkPolicy reachability. Endpoints are matched by
 * id; one present on a single side is ignored. External ranges are split on the union of both
 * sides' range boundaries. Counts are exact; at most `limit` changes are listed.
 */
export function diffReachability(
  before: DiffSide,
  after: DiffSide,
  options: { readonly limit?: number } = {},
): ReachDiff {
  const limit = options.limit ?? DEFAULT_DIFF_LIMIT;
  const B = before.data;
  const A = after.data;
  const ids = new PortIds();
  const bPorts = ids.table(B.portSets);
  const aPorts = ids.table(A.portSets);

  // The joint partition: endpoints present on both sides, grouped by (class before, class after).
  const beforeIndex = new Map<string, number>();
  before.snapshot.endpoints.forEach((e, i) => beforeIndex.set(e.id, i));
  const jointOf = new Map<number, number>();
  const jb: number[] = [];
  const ja: number[] = [];
  const members: number[][] = []; // indexes into after.snapshot.endpoints, in order
  const afterClasses = A.classSizes.length;
  after.snapshot.endpoints.forEach((e, ai) => {
    const bi = beforeIndex.get(e.id);
    if (bi === undefined) return;
    const bc = B.classOf[bi]!;
    const ac = A.classOf[ai]!;
    const key = bc * afterClasses + ac;
    let j = jointOf.get(key);
    if (j === undefined) {
      j = jb.length;
      jointOf.set(key, j);
      jb.push(bc);
      ja.push(ac);
      members.push([]);
    }
    members[j]!.push(ai);
  });
  const J = jb.length;
  const byBefore = new Map<number, number[]>();
  const byAfter = new Map<number, number[]>();
  for (let j = 0; j < J; j++) {
    (byBefore.get(jb[j]!) ?? byBefore.set(jb[j]!, []).get(jb[j]!)!).push(j);
    (byAfter.get(ja[j]!) ?? byAfter.set(ja[j]!, []).get(ja[j]!)!).push(j);
  }

  const counts = { added: 0, removed: 0, changed: 0 };
  const pending: PendingChange[] = [];
  const record = (
    bp: number,
    ap: number,
    weight: number,
    change: Omit<PendingChange, 'kind' | 'before' | 'after'>,
  ): void => {
    if (bp === ap || weight === 0) return;
    const kind: Kind = ids.empty[bp] ? 'added' : ids.empty[ap] ? 'removed' : 'changed';
    counts[kind] += weight;
    // Changes come in listing order and each lists at least one connection: keep only enough.
    if (pending.length < limit) pending.push({ kind, before: bp, after: ap, ...change });
  };
  const endpointRef = (ai: number): PeerRef => ({ kind: 'endpoint', id: after.snapshot.endpoints[ai]!.id });

  // Endpoint to endpoint: only joint pairs allowed on at least one side. Each row is spread
  // into a dense array (class -> port-set id, -1 when absent) for constant-time lookups.
  const seen = new Int32Array(J).fill(-1);
  const bRow = new Int32Array(B.classSizes.length).fill(-1);
  const aRow = new Int32Array(A.classSizes.length).fill(-1);
  const EMPTY_B = bPorts[0]!;
  const EMPTY_A = aPorts[0]!;
  const candidates: number[] = [];
  // One side's row of j1 (entries start..end): spread into `dense`, and each joint class whose
  // class on that side it reaches becomes a candidate (once per j1).
  const spreadRow = (
    M: typeof B,
    start: number,
    end: number,
    dense: Int32Array,
    jointsOf: Map<number, number[]>,
    j1: number,
  ): void => {
    for (let k = start; k < end; k++) {
      const t = M.rowTo[k]!;
      dense[t] = M.rowPorts[k]!;
      for (const j2 of jointsOf.get(t) ?? []) {
        if (seen[j2] !== j1) {
          seen[j2] = j1;
          candidates.push(j2);
        }
      }
    }
  };
  for (let j1 = 0; j1 < J; j1++) {
    candidates.length = 0;
    const b1 = jb[j1]!;
    const a1 = ja[j1]!;
    const bStart = B.rowStart[b1]!;
    const bEnd = B.rowStart[b1 + 1]!;
    const aStart = A.rowStart[a1]!;
    const aEnd = A.rowStart[a1 + 1]!;
    spreadRow(B, bStart, bEnd, bRow, byBefore, j1);
    spreadRow(A, aStart, aEnd, aRow, byAfter, j1);
    const size1 = members[j1]!.length;
    candidates.sort((x, y) => x - y);
    for (const j2 of candidates) {
      const bs = bRow[jb[j2]!]!;
      const as = aRow[ja[j2]!]!;
      const bp = bs < 0 ? EMPTY_B : bPorts[bs]!;
      const ap = as < 0 ? EMPTY_A : aPorts[as]!;
      if (bp === ap) continue;
      const weight = size1 * members[j2]!.length - (j1 === j2 ? size1 : 0);
      record(bp, ap, weight, { shape: 'pair', j: j1, other: j2 });
    }
    for (let k = bStart; k < bEnd; k++) bRow[B.rowTo[k]!] = -1;
    for (let k = aStart; k < aEnd; k++) aRow[A.rowTo[k]!] = -1;
  }

  // Endpoints to and from external ranges, on the common refinement of both sides' ranges.
  const runs = pieces(B.ipRanges, A.ipRanges);
  const externals: PeerRef[] = runs.map((piece) => ({
    kind: 'external',
    cidr: piece.cidr,
    beforeRange: B.ipRanges[piece.before]!.id,
    afterRange: A.ipRanges[piece.after]!.id,
  }));
  // Classes share atom rows: compare each pair of rows (before, after) once, on every piece.
  const rowChanges = new Map<string, { p: number; bp: number; ap: number }[]>();
  const changedPieces = (rowB: number, rowA: number): { p: number; bp: number; ap: number }[] => {
    const key = `${rowB},${rowA}`;
    let list = rowChanges.get(key);
    if (!list) {
      list = [];
      // Pieces ascend in both sides' atoms: walk each sparse row once instead of searching it.
      const walkB = rowWalker(B, rowB);
      const walkA = rowWalker(A, rowA);
      for (let p = 0; p < runs.length; p++) {
        const piece = runs[p]!;
        const bp = bPorts[walkB(piece.before)]!;
        const ap = aPorts[walkA(piece.after)]!;
        if (bp !== ap) list.push({ p, bp, ap });
      }
      rowChanges.set(key, list);
    }
    return list;
  };
  // Listing order: endpoint pairs, then egress to ranges, then ingress from ranges.
  for (const shape of ['out', 'in'] as const) {
    const rowsB = shape === 'out' ? B.egressAtomRow : B.ingressAtomRow;
    const rowsA = shape === 'out' ? A.egressAtomRow : A.ingressAtomRow;
    // Egress and ingress rows are numbered in one table: the key stays unambiguous.
    for (let j = 0; j < J; j++) {
      const weight = members[j]!.length;
      for (const c of changedPieces(rowsB[jb[j]!]!, rowsA[ja[j]!]!)) {
        record(c.bp, c.ap, weight, { shape, j, other: c.p });
      }
    }
  }

  /** Calls `emit` for each connection of a pending change, until it returns false. */
  const expand = (c: PendingChange, emit: (from: PeerRef, to: PeerRef) => boolean): void => {
    const m = members[c.j]!;
    if (c.shape === 'pair') {
      for (const x of m) {
        for (const y of members[c.other]!) if (x !== y && !emit(endpointRef(x), endpointRef(y))) return;
      }
      return;
    }
    const ext = externals[c.other]!;
    for (const x of m)
      if (!(c.shape === 'out' ? emit(endpointRef(x), ext) : emit(ext, endpointRef(x)))) return;
  };

  const changes: ConnectionChange[] = [];
  const diffCache = new Map<
    number,
    Pick<ConnectionChange, 'gained' | 'lost' | 'gainedPorts' | 'lostPorts'>
  >();
  for (const c of pending) {
    if (changes.length >= limit) break;
    const cacheKey = c.before * ids.sets.length + c.after;
    let ports = diffCache.get(cacheKey);
    if (!ports) {
      const gainedPorts = subtractPorts(ids.sets[c.after]!, ids.sets[c.before]!);
      const lostPorts = subtractPorts(ids.sets[c.before]!, ids.sets[c.after]!);
      ports = {
        gained: formatPortsText(gainedPorts),
        lost: formatPortsText(lostPorts),
        gainedPorts,
        lostPorts,
      };
      diffCache.set(cacheKey, ports);
    }
    const p = ports;
    expand(c, (from, to) => {
      if (changes.length >= limit) return false;
      changes.push({ from, to, change: c.kind, ...p });
      return true;
    });
  }
  const total = counts.added + counts.removed + counts.changed;
  return { ...counts, changes, truncated: total > changes.length };
}
