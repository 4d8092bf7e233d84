/** Turning what the user typed (`--from`, `--to`) into an endpoint or IP range id. */
import ipaddr from 'ipaddr.js';
import type { IpRange } from '../engine/api';
import type { Endpoint } from '../model';

/** What resolving needs: the endpoints, and the IP ranges (which may be computed on demand). */
export interface EndpointView {
  readonly endpoints: readonly Endpoint[];
  readonly ipRanges: readonly IpRange[];
}

export type Resolution =
  | { readonly ok: true; readonly id: string; readonly note?: string }
  | { readonly ok: false; readonly message: string; readonly suggestions: readonly string[] };

/** An address as a number and its family, or undefined when `text` is not an IP address. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  // ipaddr accepts shorthands such as "10" or "10.1" for IPv4; an id never looks like that.
  if (!text.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  const addr = ipaddr.parse(text);
  let value = 0n;
  for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
  return { family: addr.kind() === 'ipv4' ? 4 : 6, value };
}

function sameAddress(a: string, b: { family: 4 | 6; value: bigint }): boolean {
  const p = parseAddress(a);
  return p !== undefined && p.family === b.family && p.value === b.value;
}

/** Levenshtein distance, cut off early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `limit` ids close to `text`: containing it, contained in it, or a few edits away. */
export function closeMatches(text: string, ids: readonly string[], limit = 8): string[] {
  const needle = text.toLowerCase();
  const scored: { id: string; score: number }[] = [];
  const max = Math.max(2, Math.floor(needle.length / 3));
  for (const id of ids) {
    const hay = id.toLowerCase();
    let score: number;
    if (hay === needle) score = 0;
    else if (hay.includes(needle) || (hay.length >= 3 && needle.includes(hay)))
      score = 1 + Math.abs(hay.length - needle.length) / 1000;
    else {
      const d = editDistance(needle, hay, max);
      if (d > max) continue;
      score = 2 + d;
    }
    scored.push({ id, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.id);
}

export function resolveEndpoint(view: EndpointView, text: string): Resolution {
  const endpoints = view.endpoints;
  if (endpoints.some((e) => e.id === text)) return { ok: true, id: text };
  if (!text.includes('/') && view.ipRanges.some((r) => r.id === text)) return { ok: true, id: text };

  const addr = parseAddress(text);
  if (addr) {
    const pod = endpoints.find((e) => e.ips.some((ip) => sameAddress(ip, addr)));
    if (pod) return { ok: true, id: pod.id, note: `${text} is the address of ${pod.kind} ${pod.id}` };
    for (const r of view.ipRanges) {
      if (r.family !== addr.family) continue;
      const first = parseAddress(r.first);
      const last = parseAddress(r.last);
      if (first && last && first.value <= addr.value && addr.value <= last.value) {
        return { ok: true, id: r.id, note: `${text} lies in the IP range ${r.id}` };
      }
    }
    return { ok: false, message: `no IP range of the analysis contains ${text}`, suggestions: [] };
  }

  // `ns/name` for the one workload `ns/name[Kind]` of that name.
  if (!text.includes('[')) {
    const workloads = endpoints.filter((e) => e.kind !== 'Pod' && e.id.startsWith(`${text}[`));
    if (workloads.length === 1) {
      const w = workloads[0]!;
      return { ok: true, id: w.id, note: `${text} is the ${w.kind} ${w.id}` };
    }
  }
  return {
    ok: false,
    message: `no endpoint has the id '${text}'`,
    suggestions: closeMatches(
      text,
      endpoints.map((e) => e.id),
    ),
  };
}
