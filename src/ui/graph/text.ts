/** Plain-text helpers of the graph: ports, IP ranges, the label query. Pure. */
import { ipSets, portSets, type IpRange, type PortsByProtocol } from '../../engine';
import type { Protocol } from '../../model';
import type { PortQuery } from '../../state/store';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const FULL = '1-65535';

/** "TCP 80,443 · UDP 53", "all ports", "TCP (all) · UDP 53"; "none" for the empty set. */
export function formatPorts(ports: PortsByProtocol): string {
  if (portSets.isAllPorts(ports)) return 'all ports';
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    const text = portSets.formatRanges(ports[p]);
    if (text === '') continue;
    parts.push(text === FULL ? `${p} (all)` : `${p} ${text}`);
  }
  return parts.length === 0 ? 'none' : parts.join(' · ');
}

/** A label short enough to sit on an edge: the first few ports, then "+N". */
export function shortPorts(ports: PortsByProtocol, max = 22): string {
  const full = formatPorts(ports);
  if (full.length <= max) return full;
  const items: string[] = [];
  for (const p of PROTOCOLS) {
    for (const [a, b] of ports[p]) items.push(`${p === 'TCP' ? '' : `${p} `}${a === b ? a : `${a}-${b}`}`);
  }
  let out = '';
  let shown = 0;
  for (const item of items) {
    const next = out === '' ? item : `${out},${item}`;
    if (next.length > max - 4 && shown > 0) break;
    out = next;
    shown++;
  }
  return shown < items.length ? `${out} +${items.length - shown}` : out;
}

/** Whether a port set allows one port of one protocol. */
export function allowsPort(ports: PortsByProtocol, query: PortQuery): boolean {
  return portSets.rangesContain(ports[query.protocol], query.port);
}

type Family = 4 | 6;

/** The smallest list of CIDRs covering first..last exactly. */
function spanToCidrs(family: Family, first: bigint, last: bigint, max = 64): string[] {
  const bits = family === 4 ? 32 : 128;
  const out: string[] = [];
  let start = first;
  while (start <= last && out.length < max) {
    // The largest block aligned at `start` that does not run past `last`.
    let size = 0;
    while (size < bits) {
      const next = BigInt(size + 1);
      if (start & ((1n << next) - 1n)) break;
      if (start + (1n << next) - 1n > last) break;
      size++;
    }
    out.push(`${ipSets.formatIp(family, start)}/${bits - size}`);
    start += 1n << BigInt(size);
  }
  return out;
}

interface Span {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

function spanOf(range: IpRange): Span | undefined {
  const first = ipSets.parseIp(range.first);
  const last = ipSets.parseIp(range.last);
  if (!first || !last) return undefined;
  return { family: range.family, first: first.value, last: last.value };
}

/** The CIDRs of one range. */
export function rangeToCidrs(range: IpRange): string[] {
  const s = spanOf(range);
  return s ? spanToCidrs(s.family, s.first, s.last) : [range.id];
}

const list = (items: readonly string[], max: number): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max}`;

/**
 * A label for ranges of one family that policies treat alike: their CIDRs ("10.0.0.0/8,
 * 172.16.0.0/12"), or the smallest CIDR holding them minus the gaps ("0.0.0.0/0 except
 * 10.0.0.0/8, +3") when that is shorter; `detail` lists everything.
 */
export function describeRanges(ranges: readonly IpRange[]): { label: string; detail: string } {
  const spans = ranges.map(spanOf).filter((s): s is Span => s !== undefined);
  if (spans.length !== ranges.length || spans.length === 0) {
    const ids = ranges.map((r) => r.id);
    return { label: list(ids, 1), detail: ids.join(', ') };
  }
  spans.sort((a, b) => (a.first < b.first ? -1 : 1));
  const family = spans[0]!.family;
  const bits = family === 4 ? 32 : 128;
  const positive = spans.flatMap((s) => spanToCidrs(family, s.first, s.last));
  // The smallest CIDR holding every span, and what it holds besides them.
  const lo = spans[0]!.first;
  const hi = spans.reduce((m, s) => (s.last > m ? s.last : m), lo);
  let prefix = 0;
  while (
    prefix < bits &&
    ((lo >> BigInt(bits - prefix - 1)) & 1n) === ((hi >> BigInt(bits - prefix - 1)) & 1n)
  )
    prefix++;
  const host = BigInt(bits - prefix);
  const base = (lo >> host) << host;
  const top = base + (1n << host) - 1n;
  const cover = `${ipSets.formatIp(family, base)}/${prefix}`;
  const gaps: string[] = [];
  let at = base;
  for (const s of spans) {
    if (s.first > at) gaps.push(...spanToCidrs(family, at, s.first - 1n));
    if (s.last + 1n > at) at = s.last + 1n;
  }
  if (at <= top) gaps.push(...spanToCidrs(family, at, top));
  const detail = positive.length <= 16 ? positive.join(', ') : `${list(positive, 16)} CIDRs`;
  if (gaps.length === 0) return { label: cover, detail: cover };
  if (positive.length <= gaps.length + 1) return { label: list(positive, 2), detail };
  return { label: `${cover} except ${list(gaps, 1)}`, detail: `${cover} except ${list(gaps, 16)}` };
}

/** A node label for a range: its CIDR when it is one, "0.0.0.0/5 +2" when it needs a few. */
export function rangeLabel(range: IpRange): string {
  return describeRanges([range]).label;
}

/** 12345 → "12,345" (cheaper than toLocaleString, which is slow when called per edge). */
export function fmt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 pod", "3 pods". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** The name part of a workload id `ns/name[Kind]`, and its kind. */
export function splitWorkload(id: string): { name: string; kind: string } {
  const slash = id.indexOf('/');
  const bracket = id.lastIndexOf('[');
  const name = id.slice(slash + 1, bracket > slash ? bracket : undefined);
  const kind = bracket > slash ? id.slice(bracket + 1, -1) : '';
  return { name, kind };
}
