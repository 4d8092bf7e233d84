/** Port sets as text: the contract's canonical strings and the readable forms. */
import type { PortRanges, PortsByProtocol } from '../engine/api';
import { PROTOCOLS, type Protocol } from '../model';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/**
 * The canonical form of the contract: ascending, merged, comma-separated ranges
 * (`80,443,8000-8080`), `1-65535` for every port, `` for none. Ranges that touch or overlap are
 * merged even if the engine handed them apart, so the text is canonical whatever its input.
 */
export function formatPortRanges(ranges: PortRanges): string {
  if (ranges.length === 0) return '';
  let sorted = ranges;
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] <= ranges[i - 1]![1] + 1) {
      sorted = [...ranges].sort((a, b) => a[0] - b[0]);
      break;
    }
  }
  let out = '';
  let lo = sorted[0]![0];
  let hi = sorted[0]![1];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = sorted[i]!;
    if (a <= hi + 1) {
      if (b > hi) hi = b;
      continue;
    }
    out += (out ? ',' : '') + (lo === hi ? `${lo}` : `${lo}-${hi}`);
    lo = a;
    hi = b;
  }
  return out + (out ? ',' : '') + (lo === hi ? `${lo}` : `${lo}-${hi}`);
}

export function isEmptyPorts(p: PortsByProtocol): boolean {
  return p.TCP.length === 0 && p.UDP.length === 0 && p.SCTP.length === 0;
}

function isAll(ranges: PortRanges): boolean {
  return formatPortRanges(ranges) === `${MIN_PORT}-${MAX_PORT}`;
}

/** Every port of every protocol. */
export function isAllPorts(p: PortsByProtocol): boolean {
  return isAll(p.TCP) && isAll(p.UDP) && isAll(p.SCTP);
}

export function containsPort(ranges: PortRanges, port: number): boolean {
  return ranges.some(([a, b]) => a <= port && port <= b);
}

/**
 * The readable form: `All Connections` for every port of every protocol, `TCP 80,443; UDP 53`
 * otherwise (protocols without ports left out), `none` when nothing is allowed.
 */
export function describePorts(p: PortsByProtocol): string {
  if (isAllPorts(p)) return 'All Connections';
  const parts: string[] = [];
  for (const proto of PROTOCOLS) {
    const text = formatPortRanges(p[proto]);
    if (text) parts.push(`${proto} ${text}`);
  }
  return parts.length ? parts.join('; ') : 'none';
}

/** `80/TCP`, `53/udp`, `8080` (TCP): a port query for `explain --port`. */
export function parsePortQuery(text: string): { port: number; protocol: Protocol } | undefined {
  const m = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  if (!Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) return undefined;
  const proto = (m[2] ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(proto)) return undefined;
  return { port, protocol: proto as Protocol };
}
