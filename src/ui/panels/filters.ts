/**
 * What the filter bar's settings mean, as pure functions shared by the views.
 *
 * - An endpoint *matches* when it is in one of the chosen namespaces (any when none is chosen),
 *   matches every term of the label query, and (with "only isolated") is isolated in at least one
 *   direction. An IP range matches only text terms (against its id), never a namespace or a label.
 * - A connection is shown when either end matches (so "app=postgres" lists who reaches postgres
 *   and whom postgres reaches), it allows the chosen port, and, with "hide unrestricted", some
 *   policy restricts it: the source is egress-isolated or the destination ingress-isolated.
 */
import type { Endpoint, Protocol } from '../../model';
import type { Filters } from '../../state/store';

/** One term of a label query: `key=value`, `key!=value`, `key=` (has the key), or free text. */
export type LabelTerm =
  | { readonly kind: 'label'; readonly key: string; readonly value: string | null; readonly negate: boolean }
  | { readonly kind: 'text'; readonly text: string };

/**
 * Reads a label query: terms separated by spaces or commas, all of which must match.
 * `app=web` (label equals), `app!=web`, `app=` (has the label), anything else: text found in the
 * id, name or a label key or value (case-insensitive).
 */
export function parseLabelQuery(query: string): LabelTerm[] {
  const terms: LabelTerm[] = [];
  for (const raw of query.split(/[\s,]+/)) {
    if (!raw) continue;
    const m = /^([^=!]+)(!?=)(.*)$/.exec(raw);
    if (m) {
      terms.push({ kind: 'label', key: m[1]!, value: m[3] === '' ? null : m[3]!, negate: m[2] === '!=' });
    } else {
      terms.push({ kind: 'text', text: raw.toLowerCase() });
    }
  }
  return terms;
}

function termMatches(term: LabelTerm, e: Endpoint): boolean {
  if (term.kind === 'label') {
    const has = Object.prototype.hasOwnProperty.call(e.labels, term.key);
    const equal = has && (term.value === null || e.labels[term.key] === term.value);
    return term.negate ? !equal : equal;
  }
  if (e.id.toLowerCase().includes(term.text)) return true;
  for (const [k, v] of Object.entries(e.labels)) {
    if (k.toLowerCase().includes(term.text) || v.toLowerCase().includes(term.text)) return true;
  }
  return false;
}

export function endpointMatchesQuery(e: Endpoint, terms: readonly LabelTerm[]): boolean {
  return terms.every((t) => termMatches(t, e));
}

export function rangeMatchesQuery(id: string, terms: readonly LabelTerm[]): boolean {
  return terms.every((t) => t.kind === 'text' && id.toLowerCase().includes(t.text));
}

/** Whether any setting narrows which endpoints match (namespaces, labels, isolation). */
export function hasEndpointFilter(f: Filters): boolean {
  return f.namespaces.length > 0 || f.labelQuery.trim() !== '' || f.onlyIsolated;
}

export function hasAnyFilter(f: Filters): boolean {
  return hasEndpointFilter(f) || f.port !== null || f.hideUnrestricted;
}

/**
 * Which endpoints and ranges match, as flags over the node list `[...endpoints, ...ranges]`.
 * `isolated(i)` tells whether endpoint i is isolated in at least one direction.
 */
export function matchFlags(
  endpoints: readonly Endpoint[],
  rangeIds: readonly string[],
  filters: Filters,
  isolated: (endpointIndex: number) => boolean,
): Uint8Array {
  const n = endpoints.length;
  const flags = new Uint8Array(n + rangeIds.length);
  if (!hasEndpointFilter(filters)) return flags.fill(1);
  const namespaces = filters.namespaces.length > 0 ? new Set(filters.namespaces) : null;
  const terms = parseLabelQuery(filters.labelQuery);
  endpoints.forEach((e, i) => {
    if (namespaces && !namespaces.has(e.namespace)) return;
    if (filters.onlyIsolated && !isolated(i)) return;
    if (terms.length > 0 && !endpointMatchesQuery(e, terms)) return;
    flags[i] = 1;
  });
  if (!namespaces && !filters.onlyIsolated) {
    rangeIds.forEach((id, k) => {
      if (rangeMatchesQuery(id, terms)) flags[n + k] = 1;
    });
  }
  return flags;
}

/** `5432`, `5432/udp`, `TCP 5432`: a port query, or undefined when it is not one. */
export function parsePort(
  text: string,
  protocol: Protocol = 'TCP',
): { port: number; protocol: Protocol } | undefined {
  const t = text.trim();
  const m = /^(?:(tcp|udp|sctp)\s*[ /:]?\s*)?(\d{1,5})(?:\s*\/\s*(tcp|udp|sctp))?$/i.exec(t);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const proto = (m[1] ?? m[3])?.toUpperCase() as Protocol | undefined;
  return { port, protocol: proto ?? protocol };
}
