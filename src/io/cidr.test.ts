import { describe, expect, it } from 'vitest';
import { cidrContains, isValidIp, parseCidr } from './cidr';

const cidr = (s: string) => {
  const c = parseCidr(s);
  if (!c) throw new Error(`not a CIDR: ${s}`);
  return c;
};

describe('cidr', () => {
  describe('parseCidr', () => {
    it('reads an IPv4 CIDR', () =>
      expect(parseCidr('10.0.0.0/8')).toMatchObject({
        family: 4,
        prefix: 8,
        canonical: '10.0.0.0/8',
        hostBitsSet: false,
      }));
    it('reads an IPv6 CIDR', () =>
      expect(parseCidr('2001:db8::/32')).toMatchObject({
        family: 6,
        prefix: 32,
        canonical: '2001:db8::/32',
      }));
    it('notes host bits and gives the network', () =>
      expect(parseCidr('10.1.2.3/16')).toMatchObject({ hostBitsSet: true, canonical: '10.1.0.0/16' }));
    it('reads /0 and host prefixes', () => {
      expect(parseCidr('0.0.0.0/0')?.prefix).toBe(0);
      expect(parseCidr('::/0')?.prefix).toBe(0);
      expect(parseCidr('1.2.3.4/32')?.hostBitsSet).toBe(false);
      expect(parseCidr('::1/128')?.prefix).toBe(128);
    });
    it.each([
      '10.0.0.0',
      '10.0.0.0/33',
      '::/129',
      '10.0.0/8',
      '010.0.0.0/8',
      '10.0.0.0/08',
      '10.0.0.0/-1',
      'fe80::1%eth0/64',
      ' 10.0.0.0/8',
      'x/8',
      '10.0.0.0/8/8',
      '0x0a.0.0.0/8',
    ])('rejects %j', (s) => expect(parseCidr(s)).toBeUndefined());
  });

  describe('cidrContains', () => {
    it('holds a longer prefix inside', () =>
      expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true));
    it('does not hold an address outside', () =>
      expect(cidrContains(cidr('10.0.0.0/8'), cidr('11.0.0.0/16'))).toBe(false));
    it('never mixes families', () => expect(cidrContains(cidr('0.0.0.0/0'), cidr('::/64'))).toBe(false));
    it('works for IPv6', () =>
      expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true));
  });

  describe('isValidIp', () => {
    it.each(['10.0.0.1', '::1', 'fd00::1', '::ffff:10.0.0.1'])('accepts %s', (ip) =>
      expect(isValidIp(ip)).toBe(true),
    );
    it.each(['10.0.0', '10.0.0.256', '01.0.0.1', 'fe80::1%eth0', '', 'host'])('rejects %j', (ip) =>
      expect(isValidIp(ip)).toBe(false),
    );
  });
});
