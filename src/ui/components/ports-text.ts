/** Port sets as people read them. */
import type { PortRanges, PortsByProtocol } from '../../engine';
import { PROTOCOLS } from '../../model';

const MAX = 65535;

/** `80,443,8000-8080`; `all` for 1-65535; `` for none. */
export function rangesText(ranges: PortRanges): string {
  if (ranges.length === 1 && ranges[0]![0] === 1 && ranges[0]![1] === MAX) return 'all';
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

export function isAll(p: PortsByProtocol): boolean {
  return PROTOCOLS.every((proto) => rangesText(p[proto]) === 'all');
}

export function isNone(p: PortsByProtocol): boolean {
  return PROTOCOLS.every((proto) => p[proto].length === 0);
}

/** `all ports`, `none`, or `TCP 80,443 · UDP 53` (protocols without ports left out). */
export function portsText(p: PortsByProtocol): string {
  if (isAll(p)) return 'all ports';
  const parts = PROTOCOLS.filter((proto) => p[proto].length > 0).map(
    (proto) => `${proto} ${rangesText(p[proto])}`,
  );
  return parts.length > 0 ? parts.join(' · ') : 'none';
}
