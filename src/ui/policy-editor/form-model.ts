/**
 * Pure helpers of the policy editor's form: field paths as the importer prints them, the
 * diagnostics of a field, selectors read back from the form, suggestions from the snapshot, the
 * policyTypes defaulting in words. No React, no store: unit-tested in form-model.test.ts.
 */
import { NAMESPACE_NAME_LABEL } from '../../model';
import type { Diagnostic, Endpoint, LabelSelector, Labels, Namespace, SelectorOperator } from '../../model';
import type { EditCommand, EditPath, SelectorForm, TextField } from '../../io/policy-edit';

/** `spec.ingress[0].from[1]` from `['spec', 'ingress', 0, 'from', 1]` (the importer's format). */
export function pathText(path: EditPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/**
 * The diagnostics of one field: those at exactly `path` or, with `within`, also at any field
 * under it (`spec.ingress[0]` holds `spec.ingress[0].from[1].ipBlock.cidr`).
 */
export function diagnosticsAt(
  diagnostics: readonly Diagnostic[],
  path: EditPath,
  within = false,
): Diagnostic[] {
  const at = pathText(path);
  return diagnostics.filter((d) => {
    const p = d.path ?? '';
    if (p === at) return true;
    return (
      within && p.length > at.length && p.startsWith(at) && (p[at.length] === '.' || p[at.length] === '[')
    );
  });
}

/** The text a field shows: the string, or the raw value the form could not read as one. */
export function fieldText(field: TextField | undefined): string {
  if (field === undefined) return '';
  return typeof field === 'string' ? field : field.raw;
}

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** True for the operators that take values (In, NotIn); Exists and DoesNotExist take none. */
export function operatorTakesValues(operator: string): boolean {
  return operator === 'In' || operator === 'NotIn';
}

/**
 * The selector the form shows, as the engine reads it, to count the pods it selects; null when
 * a part is not of its type (the count would be a guess). Unknown operators select nothing, as in
 * the engine.
 */
export function selectorOfForm(form: SelectorForm): LabelSelector | null {
  if (form.raw !== undefined) return null;
  const matchLabels: Record<string, string> = {};
  for (const [k, v] of form.matchLabels) matchLabels[k] = v;
  const matchExpressions = [];
  for (const e of form.matchExpressions) {
    if (typeof e.key !== 'string' || typeof e.operator !== 'string') return null;
    const values: string[] = [];
    for (const v of e.values) {
      if (typeof v !== 'string') return null;
      values.push(v);
    }
    if (!OPERATORS.includes(e.operator)) return null;
    matchExpressions.push({ key: e.key, operator: e.operator as SelectorOperator, values });
  }
  return { matchLabels, matchExpressions };
}

/** Label keys, each with the values seen, sorted: the autocomplete of a selector's fields. */
export type LabelCatalogue = ReadonlyMap<string, readonly string[]>;

/** Collects the keys and values of a set of label maps (pods' or namespaces'). */
export function labelCatalogue(labelSets: Iterable<Labels>): LabelCatalogue {
  const seen = new Map<string, Set<string>>();
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels)) {
      let values = seen.get(k);
      if (!values) seen.set(k, (values = new Set()));
      values.add(v);
    }
  }
  const out = new Map<string, readonly string[]>();
  for (const k of [...seen.keys()].sort()) out.set(k, [...(seen.get(k) ?? [])].sort());
  return out;
}

/** Named container ports of the endpoints, `name (TCP 8080)`, sorted by name, each name once. */
export function namedPorts(endpoints: Iterable<Endpoint>): { name: string; hint: string }[] {
  const byName = new Map<string, Set<string>>();
  for (const e of endpoints) {
    for (const p of e.ports) {
      if (!p.name) continue;
      let hints = byName.get(p.name);
      if (!hints) byName.set(p.name, (hints = new Set()));
      hints.add(`${p.protocol} ${p.containerPort}`);
    }
  }
  return [...byName.keys()]
    .sort()
    .map((name) => ({ name, hint: [...(byName.get(name) ?? [])].sort().join(', ') }));
}

/** A port as typed: digits are a number, anything else a port name; empty removes the field. */
export function portValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) && t.length <= 9 ? Number(t) : t;
}

/** The pods of `namespace` (or of the matching namespaces) a peer or the subject selects. */
export function selectedEndpoints(
  endpoints: readonly Endpoint[],
  namespaces: readonly Namespace[],
  scope: { readonly namespace: string } | { readonly namespaceSelector: LabelSelector },
  podSelector: LabelSelector | null,
  matches: (selector: LabelSelector, labels: Labels) => boolean,
): Endpoint[] {
  let inScope: (e: Endpoint) => boolean;
  if ('namespace' in scope) {
    const ns = scope.namespace;
    inScope = (e) => e.namespace === ns;
  } else {
    const chosen = new Set(
      namespaces.filter((n) => matches(scope.namespaceSelector, n.labels)).map((n) => n.name),
    );
    inScope = (e) => chosen.has(e.namespace);
  }
  return endpoints.filter((e) => inScope(e) && (podSelector === null || matches(podSelector, e.labels)));
}

/**
 * How the API server defaults `policyTypes` when the policy does not set them, in words, for the
 * place where the person decides: Ingress always, Egress when there are egress rules.
 */
export function policyTypesNote(written: readonly TextField[] | null, hasEgressRules: boolean): string {
  if (written !== null) {
    return written.length === 0
      ? 'Set but empty: the API server fills it in as if it were not set.'
      : 'Set explicitly: only these directions are isolated.';
  }
  return hasEgressRules
    ? 'Not set: Ingress, plus Egress because the policy has egress rules.'
    : 'Not set: Ingress only (Egress would be added if the policy had egress rules).';
}

/** A selector proposed from the endpoints picked on the graph (engine `proposeSelector`). */
export interface Proposal {
  readonly podSelector: { readonly matchLabels: Record<string, string> };
  readonly namespace?: string;
  readonly namespaceSelector?: { readonly matchLabels: Record<string, string> };
}

/**
 * The peer that selects exactly the picked endpoints, seen from a policy in `policyNamespace`: a
 * podSelector alone for pods of that namespace, else with a namespaceSelector (the one proposed,
 * or the picked pods' namespace by its name label).
 */
export function peerFromProposal(p: Proposal, policyNamespace: string): object {
  if (p.namespaceSelector) return { podSelector: p.podSelector, namespaceSelector: p.namespaceSelector };
  if (p.namespace === undefined || p.namespace === policyNamespace) return { podSelector: p.podSelector };
  return {
    podSelector: p.podSelector,
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: p.namespace } },
  };
}

/**
 * The undo step a form edit belongs to: typing into one field (a `set` of a string or number at
 * one path) joins the field's previous keystrokes; any other action (add, remove, move, a
 * checkbox) is a step of its own.
 */
export function undoStepOf(uid: string, commands: readonly EditCommand[]): string | null {
  const [only, ...rest] = commands;
  if (!only || rest.length > 0 || only.op !== 'set') return null;
  if (typeof only.value !== 'string' && typeof only.value !== 'number') return null;
  return `draft:${uid}:form:${JSON.stringify(only.path)}`;
}
