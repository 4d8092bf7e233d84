/**
 * A big analysis result crosses to the page in parts: the page decodes each message in one task
 * (the structured clone of 10,000 endpoints and 5,000 policies took ~200 ms in one piece), so the
 * long lists go first, a slice per message, and the result itself follows without them.
 */
import type { Endpoint, Namespace, Policy } from '../model';
import type { AnalysisPayload } from './protocol';

/** Items of a list per message: a few tens of milliseconds to decode at most. */
export const PART_SIZE = 1000;

/** One slice of one of the result's long lists. */
export type ResultPart =
  | { readonly list: 'namespaces'; readonly items: readonly Namespace[] }
  | { readonly list: 'endpoints'; readonly items: readonly Endpoint[] }
  | { readonly list: 'policies'; readonly items: readonly Policy[] }
  | { readonly list: 'appliedPolicies'; readonly items: readonly Policy[] };

/** The lists a payload sends in parts: the payload then carries them empty and `parted: true`. */
type Lists = Record<ResultPart['list'], readonly unknown[]>;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/**
 * The payload split: its long lists as parts (in order) and the payload without them. A small
 * payload (every list within one part) is left whole, with no parts.
 */
export function splitPayload(
  payload: AnalysisPayload,
  size = PART_SIZE,
): { readonly parts: ResultPart[]; readonly rest: AnalysisPayload } {
  const { snapshot } = payload;
  const lists: Partial<Lists> = {
    namespaces: snapshot.namespaces,
    endpoints: snapshot.endpoints,
    policies: snapshot.policies,
    ...(payload.appliedPolicies ? { appliedPolicies: payload.appliedPolicies } : {}),
  };
  const total = Object.values(lists).reduce((n, items) => n + items.length, 0);
  if (total <= size) return { parts: [], rest: payload };
  const parts: ResultPart[] = [];
  for (const [list, items] of Object.entries(lists) as [ResultPart['list'], readonly unknown[]][])
    for (const slice of slices(items, size)) parts.push({ list, items: slice } as ResultPart);
  const rest: AnalysisPayload = {
    ...payload,
    snapshot: { ...snapshot, namespaces: [], endpoints: [], policies: [] },
    ...(payload.appliedPolicies ? { appliedPolicies: [] } : {}),
    parted: true,
  };
  return { parts, rest };
}

/** The payload whole again: the parts received (in order) put back into it. */
export function joinPayload(rest: AnalysisPayload, parts: readonly ResultPart[]): AnalysisPayload {
  if (!rest.parted) return rest;
  const lists: Record<ResultPart['list'], unknown[]> = {
    namespaces: [],
    endpoints: [],
    policies: [],
    appliedPolicies: [],
  };
  for (const part of parts) lists[part.list].push(...part.items);
  const { parted: _parted, ...payload } = rest;
  return {
    ...payload,
    snapshot: {
      ...rest.snapshot,
      namespaces: lists.namespaces as Namespace[],
      endpoints: lists.endpoints as Endpoint[],
      policies: lists.policies as Policy[],
    },
    ...(rest.appliedPolicies ? { appliedPolicies: lists.appliedPolicies as Policy[] } : {}),
  };
}
