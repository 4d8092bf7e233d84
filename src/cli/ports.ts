/** Port sets as text: the contract's canonical strings and the readable forms. */
import type { PortRanges, PortsByProtocol } from '../engine/api';
import { canonicalPorts } from '../io/report';
import { PROTOCOLS, type Protocol } from '../model';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/**
 * The canonical form of the contract (`80,443,8000-8080`, `1-65535`, ``): the importer's report
 * writer owns it, so that the app's downloads and the command line cannot differ.
 */
export const formatPortRanges: (ranges: PortRanges) => string = canonicalPorts;

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
