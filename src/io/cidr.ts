/**
 * Addresses and CIDRs read as Go's `net.ParseIP` / `net.ParseCIDR` read them (what the API server
 * and kubectl use): IPv4 in dotted decimal without leading zeros, IPv6 without a zone.
 */
import ipaddr from 'ipaddr.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

export interface Cidr {
  readonly family: 4 | 6;
  readonly prefix: number;
  /** The address as written, as bytes (4 or 16). */
  readonly bytes: readonly number[];
  /** The network in canonical form (host bits cleared). */
  readonly canonical: string;
  readonly hostBitsSet: boolean;
}

/** The bytes of an IP address, or undefined when it is not one. */
export function parseIp(text: string): { family: 4 | 6; bytes: number[] } | undefined {
  if (IPV4.test(text)) return { family: 4, bytes: text.split('.').map(Number) };
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  return { family: 6, bytes: ipaddr.IPv6.parse(text).toByteArray() };
}

export function isValidIp(text: string): boolean {
  return parseIp(text) !== undefined;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > ip.bytes.length * 8) return undefined;
  const network = ip.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  const hostBitsSet = network.some((b, i) => b !== ip.bytes[i]);
  const address = ipaddr.fromByteArray(network).toString();
  return { family: ip.family, prefix, bytes: ip.bytes, canonical: `${address}/${prefix}`, hostBitsSet };
}

/** Whether `inner`'s network lies inside `outer` (same family, first `outer.prefix` bits equal). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family) return false;
  for (let bit = 0; bit < outer.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((outer.bytes[byte] ?? 0) & mask) !== ((inner.bytes[byte] ?? 0) & mask)) return false;
  }
  return true;
}
