import type { Protocol } from '../../model';
import { PROTOCOLS } from '../../model';
import type { PortRanges, PortsByProtocol } from '../api';

/** Ports are 1-65535 (NetworkPolicyPort.port and endPort are validated to that range). */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

const ALL_RANGES: PortRanges = [[MIN_PORT, MAX_PORT]];
export const NO_PORTS: PortsByProtocol = { TCP: [], UDP: [], SCTP: [] };
export const ALL_PORTS: PortsByProtocol = { TCP: ALL_RANGES, UDP: ALL_RANGES, SCTP: ALL_RANGES };

/** Sorts and merges ranges, clamping them to 1-65535 and dropping empty ones. Immutable. */
export function normalizeRanges(ranges: readonly (readonly [number, number])[]): PortRanges {
  const sorted = ranges
    .map(([a, b]) => [Math.max(MIN_PORT, a), Math.min(MAX_PORT, b)] as [number, number])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function unionRanges(a: PortRanges, b: PortRanges): PortRanges {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalizeRanges([...a, ...b]);
}

export function intersectRanges(a: PortRanges, b: PortRanges): PortRanges {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

export function rangesContain(ranges: PortRanges, port: number): boolean {
  return ranges.some(([a, b]) => port >= a && port <= b);
}

/** Canonical text of a port set: ascending, merged, comma-separated ("80,443,8000-8080"). */
export function formatRanges(ranges: PortRanges): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

export function mapProtocols(f: (p: Protocol) => PortRanges): PortsByProtocol {
  return { TCP: f('TCP'), UDP: f('UDP'), SCTP: f('SCTP') };
}

export function unionPorts(a: PortsByProtocol, b: PortsByProtocol): PortsByProtocol {
  return mapProtocols((p) => unionRanges(a[p], b[p]));
}

export function intersectPorts(a: PortsByProtocol, b: PortsByProtocol): PortsByProtocol {
  return mapProtocols((p) => intersectRanges(a[p], b[p]));
}

export function isEmptyPorts(a: PortsByProtocol): boolean {
  return PROTOCOLS.every((p) => a[p].length === 0);
}

export function isAllPorts(a: PortsByProtocol): boolean {
  return PROTOCOLS.every((p) => a[p].length === 1 && a[p][0]![0] === MIN_PORT && a[p][0]![1] === MAX_PORT);
}

export function portsKey(a: PortsByProtocol): string {
  return `${formatRanges(a.TCP)}|${formatRanges(a.UDP)}|${formatRanges(a.SCTP)}`;
}

/** A single port or a range of one protocol (a NetworkPolicyPort with a numeric port). */
export function portsOf(protocol: Protocol, first: number, last: number = first): PortsByProtocol {
  return mapProtocols((p) => (p === protocol ? normalizeRanges([[first, last]]) : []));
}

/**
 * Interned port sets: each distinct set gets a small integer id, so that the evaluator stores and
 * compares ids, and memoises union and intersection by id pair. Id 0 is the empty set, 1 all ports.
 */
export class PortSetTable {
  static readonly EMPTY = 0;
  static readonly ALL = 1;
  private readonly sets: PortsByProtocol[] = [];
  private readonly ids = new Map<string, number>();
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

  constructor() {
    this.intern(NO_PORTS);
    this.intern(ALL_PORTS);
  }

  get size(): number {
    return this.sets.length;
  }

  intern(ports: PortsByProtocol): number {
    const key = portsKey(ports);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(ports);
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): PortsByProtocol {
    const s = this.sets[id];
    if (!s) throw new Error(`unknown port set ${id}`);
    return s;
  }

  union(a: number, b: number): number {
    if (a === b || b === PortSetTable.EMPTY) return a;
    if (a === PortSetTable.EMPTY) return b;
    if (a === PortSetTable.ALL || b === PortSetTable.ALL) return PortSetTable.ALL;
    const key = a < b ? a * 0x100000 + b : b * 0x100000 + a;
    let r = this.unions.get(key);
    if (r === undefined) {
      r = this.intern(unionPorts(this.get(a), this.get(b)));
      this.unions.set(key, r);
    }
    return r;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === PortSetTable.ALL) return a;
    if (a === PortSetTable.ALL) return b;
    if (a === PortSetTable.EMPTY || b === PortSetTable.EMPTY) return PortSetTable.EMPTY;
    const key = a < b ? a * 0x100000 + b : b * 0x100000 + a;
    let r = this.intersections.get(key);
    if (r === undefined) {
      r = this.intern(intersectPorts(this.get(a), this.get(b)));
      this.intersections.set(key, r);
    }
    return r;
  }
}
