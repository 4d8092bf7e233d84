import type { IPBlock } from '../model';
import type { IpRange } from './api';
import { type Bitset, createBitset, setBit } from './sets/bitset';
import { type Family, type IpSpan, familyMax, formatIp, parseCidr, parseIp } from './sets/ip';

/** A run of addresses that no ipBlock boundary cuts: the unit of external reachability. */
export interface Atom extends IpSpan {
  readonly range: IpRange;
}

export interface AtomSpace {
  /** All atoms, IPv4 first then IPv6, each family covering its whole address space in order. */
  readonly atoms: readonly Atom[];
  /** The atoms an ipBlock admits (cidr minus except), keyed by `blockKey`. */
  readonly blockAtoms: ReadonlyMap<string, Bitset>;
  /** Index of the atom holding an address, or -1. */
  atomOf(family: Family, value: bigint): number;
  /** Index of the atom holding an address given as text, or -1 (a fast path for IPv4). */
  atomOfAddress(text: string): number;
}

export const blockKey = (b: IPBlock): string => JSON.stringify([b.cidr, [...(b.except ?? [])].sort()]);

interface ParsedBlock {
  readonly key: string;
  readonly cidr: IpSpan;
  readonly except: readonly IpSpan[];
}

function parseBlock(b: IPBlock): ParsedBlock | undefined {
  const cidr = parseCidr(b.cidr);
  if (!cidr) return undefined;
  const except = (b.except ?? [])
    .map(parseCidr)
    .filter((e): e is IpSpan => e !== undefined && e.family === cidr.family);
  return { key: blockKey(b), cidr, except };
}

const inSpan = (s: IpSpan, v: bigint): boolean => v >= s.start && v <= s.end;

/**
 * Partitions the IPv4 and IPv6 spaces at every ipBlock boundary (cidr and except), then merges
 * neighbouring pieces that every ipBlock treats alike, so each atom is a maximal run of
 * addresses with one membership. An address belongs to a block when it lies in the cidr and in
 * none of the excepts (NetworkPolicy IPBlock semantics).
 */
export function buildAtoms(blocks: readonly IPBlock[]): AtomSpace {
  const parsed = new Map<string, ParsedBlock>();
  for (const b of blocks) {
    const p = parseBlock(b);
    if (p && !parsed.has(p.key)) parsed.set(p.key, p);
  }
  const blockList = [...parsed.values()];
  const atoms: Atom[] = [];
  const members: number[][] = [];
  for (const family of [4, 6] as const) {
    const max = familyMax(family);
    const mine = blockList.map((b, i) => ({ b, i })).filter(({ b }) => b.cidr.family === family);
    const cuts = new Set<bigint>([0n]);
    for (const { b } of mine) {
      for (const s of [b.cidr, ...b.except]) {
        cuts.add(s.start);
        if (s.end < max) cuts.add(s.end + 1n);
      }
    }
    const starts = [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    // Membership of each raw piece, by painting every block over the pieces it covers.
    const raw: number[][] = starts.map(() => []);
    const pieceAt = (v: bigint): number => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= v) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (const { b, i } of mine) {
      for (let k = pieceAt(b.cidr.start); k < starts.length && starts[k]! <= b.cidr.end; k++) {
        if (!b.except.some((e) => inSpan(e, starts[k]!))) raw[k]!.push(i);
      }
    }
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      const end = k + 1 < starts.length ? starts[k + 1]! - 1n : max;
      const prev = atoms[atoms.length - 1];
      const prevMembers = members[members.length - 1];
      if (prev && prev.family === family && prevMembers && sameList(prevMembers, raw[k]!)) {
        atoms[atoms.length - 1] = makeAtom(family, prev.start, end);
      } else {
        atoms.push(makeAtom(family, start, end));
        members.push(raw[k]!);
      }
    }
  }
  const blockAtoms = new Map<string, Bitset>();
  for (const b of blockList) blockAtoms.set(b.key, createBitset(atoms.length));
  members.forEach((list, a) => {
    for (const i of list) setBit(blockAtoms.get(blockList[i]!.key)!, a);
  });
  const atomOf = (family: Family, value: bigint): number => {
    let lo = 0;
    let hi = atoms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = atoms[mid]!;
      if (a.family < family || (a.family === family && a.end < value)) lo = mid + 1;
      else if (a.family > family || a.start > value) hi = mid - 1;
      else return mid;
    }
    return -1;
  };
  // IPv4 starts as plain numbers, so the common case needs neither a regex nor bigints.
  const v4Starts: number[] = [];
  for (const a of atoms) if (a.family === 4) v4Starts.push(Number(a.start));
  const atomOfAddress = (text: string): number => {
    const v4 = parseV4Number(text);
    if (v4 === undefined) {
      const ip = parseIp(text);
      return ip ? atomOf(ip.family, ip.value) : -1;
    }
    let lo = 0;
    let hi = v4Starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v4Starts[mid]! <= v4) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { atoms, blockAtoms, atomOf, atomOfAddress };
}

/** A dotted-decimal IPv4 address as a number, or undefined (read like `parseIp`). */
function parseV4Number(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function makeAtom(family: Family, start: bigint, end: bigint): Atom {
  const first = formatIp(family, start);
  const last = formatIp(family, end);
  return { family, start, end, range: { id: `${first}-${last}`, family, first, last } };
}
