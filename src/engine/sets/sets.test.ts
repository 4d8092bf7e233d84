import { describe, expect, it } from 'vitest';
import { buildAtoms } from '../atoms';
import { formatIp, parseCidr, parseIp } from './ip';
import { PortSetTable, formatRanges, intersectRanges, normalizeRanges, portsOf, unionRanges } from './ports';
import { createBitset, forEachBit, setBit } from './bitset';
import { EMPTY_SET, setHas, sortedSet, unionSets } from './class-set';

describe('ports > ranges', () => {
  it('sorts, merges adjacent and overlapping ranges, and clamps to 1-65535', () => {
    expect(
      normalizeRanges([
        [443, 443],
        [80, 80],
        [81, 90],
        [85, 100],
        [0, 0],
        [65000, 70000],
      ]),
    ).toEqual([
      [80, 100],
      [443, 443],
      [65000, 65535],
    ]);
  });
  it('formats a canonical port list', () => {
    expect(
      formatRanges([
        [80, 80],
        [443, 443],
        [8000, 8080],
      ]),
    ).toBe('80,443,8000-8080');
    expect(formatRanges([])).toBe('');
  });
  it('unites and intersects', () => {
    expect(unionRanges([[1, 5]], [[6, 9]])).toEqual([[1, 9]]);
    expect(
      intersectRanges(
        [
          [1, 10],
          [20, 30],
        ],
        [[5, 25]],
      ),
    ).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(intersectRanges([[1, 10]], [[11, 12]])).toEqual([]);
  });
  it('interns equal sets to one id and memoises union and intersection', () => {
    const t = new PortSetTable();
    const a = t.intern(portsOf('TCP', 80));
    expect(t.intern(portsOf('TCP', 80, 80))).toBe(a);
    const b = t.intern(portsOf('UDP', 53));
    const u = t.union(a, b);
    expect(t.get(u)).toEqual({ TCP: [[80, 80]], UDP: [[53, 53]], SCTP: [] });
    expect(t.intersect(u, a)).toBe(a);
    expect(t.intersect(a, b)).toBe(PortSetTable.EMPTY);
    expect(t.union(a, PortSetTable.ALL)).toBe(PortSetTable.ALL);
  });
});

describe('ip > addresses and CIDRs', () => {
  it('reads IPv4 octets with leading zeros as decimal, as the API server does', () => {
    expect(parseIp('010.001.0.9')).toEqual({ family: 4, value: (10n << 24n) | (1n << 16n) | 9n });
  });
  it('rejects malformed addresses', () => {
    for (const bad of ['256.0.0.1', '1.2.3', '1::2::3', 'gggg::', '1.2.3.4.5', ''])
      expect(parseIp(bad)).toBeUndefined();
  });
  it('reads IPv6 with :: and an embedded IPv4 tail', () => {
    expect(formatIp(6, parseIp('::ffff:1.2.3.4')!.value)).toBe('::ffff:102:304');
    expect(formatIp(6, parseIp('2001:0db8:0:0:0:0:0:1')!.value)).toBe('2001:db8::1');
  });
  it('ignores host bits beyond the prefix', () => {
    const s = parseCidr('10.1.2.3/8')!;
    expect([formatIp(4, s.start), formatIp(4, s.end)]).toEqual(['10.0.0.0', '10.255.255.255']);
  });
  it('rejects a prefix longer than the family', () => {
    expect(parseCidr('1.2.3.4/33')).toBeUndefined();
    expect(parseCidr('::/129')).toBeUndefined();
    expect(parseCidr('1.2.3.4')).toBeUndefined();
  });
});

describe('atoms > partition of the address space', () => {
  it('is one IPv4 and one IPv6 range when there is no ipBlock', () => {
    expect(buildAtoms([]).atoms.map((a) => a.range.id)).toEqual([
      '0.0.0.0-255.255.255.255',
      '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });
  it('leaves except ranges out of their block', () => {
    const s = buildAtoms([{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }]);
    const inBlock: string[] = [];
    forEachBit(s.blockAtoms.values().next().value!, (a) => inBlock.push(s.atoms[a]!.range.id));
    expect(inBlock).toEqual(['0.0.0.0-9.255.255.255', '11.0.0.0-255.255.255.255']);
  });
  it('finds the atom of an address', () => {
    const s = buildAtoms([{ cidr: '10.0.0.0/8' }]);
    expect(s.atoms[s.atomOf(4, parseIp('10.9.9.9')!.value)]!.range.id).toBe('10.0.0.0-10.255.255.255');
    expect(s.atoms[s.atomOf(6, 5n)]!.family).toBe(6);
  });
});

describe('bitset', () => {
  it('visits set bits in ascending order across words', () => {
    const b = createBitset(100);
    [99, 0, 31, 32, 64].forEach((i) => setBit(b, i));
    const seen: number[] = [];
    forEachBit(b, (i) => seen.push(i));
    expect(seen).toEqual([0, 31, 32, 64, 99]);
  });
});

describe('class sets', () => {
  it('sorts and deduplicates indices', () => {
    expect([...sortedSet([5, 1, 5, 3, 1])]).toEqual([1, 3, 5]);
  });
  it('unites two sets in order without duplicates', () => {
    expect([...unionSets(sortedSet([1, 4, 9]), sortedSet([2, 4, 10]))]).toEqual([1, 2, 4, 9, 10]);
    const a = sortedSet([7]);
    expect(unionSets(a, EMPTY_SET)).toBe(a);
  });
  it('finds members by binary search', () => {
    const s = sortedSet([2, 8, 30, 31]);
    expect([2, 8, 30, 31].every((v) => setHas(s, v))).toBe(true);
    expect([0, 3, 32].some((v) => setHas(s, v))).toBe(false);
  });
});

describe('atoms > atom of an address given as text', () => {
  it('agrees with the bigint search for IPv4 and IPv6, and rejects non-addresses', () => {
    const s = buildAtoms([{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, { cidr: 'fd00::/64' }]);
    for (const ip of [
      '0.0.0.0',
      '9.255.255.255',
      '10.0.0.0',
      '10.1.2.3',
      '10.2.0.0',
      '255.255.255.255',
      '010.001.0.9',
      'fd00::1',
      '::1',
    ]) {
      const v = parseIp(ip)!;
      expect(s.atomOfAddress(ip), ip).toBe(s.atomOf(v.family, v.value));
    }
    for (const bad of ['10.0.0', '10.0.0.256', '1.2.3.4.5', 'x', ''])
      expect(s.atomOfAddress(bad), bad).toBe(-1);
  });
});
