/**
 * Whole-policy operations on texts: a blank policy, rename, move, duplicate, the key of a text,
 * and the export of many policies as one multi-document YAML.
 */
import { isMap, isScalar, parseAllDocuments, parseDocument, stringify, type Document } from 'yaml';
import { YAML_VERSION, styleOf, writeDocument } from './document';
import { SERVER_SET_META_FIELDS } from '../validate';
import { applyEdits } from './edit';

export const API_VERSION = 'networking.k8s.io/v1';
export const KIND = 'NetworkPolicy';

/** A string as a YAML 1.1 plain or quoted scalar (quoted when plain would read as another type). */
export function yamlScalar(value: string | number): string {
  return stringify(value, { version: YAML_VERSION, lineWidth: 0 }).trimEnd();
}

/**
 * A blank NetworkPolicy: it selects every pod of the namespace and, with no rules, denies them
 * all ingress until rules are added (a policy that selects a pod isolates it).
 */
export function newPolicyText(namespace: string, name: string): string {
  return `apiVersion: ${API_VERSION}
kind: ${KIND}
metadata:
  name: ${yamlScalar(name)}
  namespace: ${yamlScalar(namespace)}
spec:
  # The pods this policy applies to; {} selects every pod of the namespace.
  podSelector: {}
  # Ingress: only what the ingress rules allow may reach the selected pods (none yet).
  policyTypes:
    - Ingress
`;
}

/** The text with `metadata.name` set; the text unchanged when it does not parse. */
export function renamePolicyText(text: string, name: string): string {
  const r = applyEdits(text, [{ op: 'set', path: ['metadata', 'name'], value: name }]);
  return r.ok ? r.text : text;
}

/** The text with `metadata.namespace` set; the text unchanged when it does not parse. */
export function movePolicyText(text: string, namespace: string): string {
  const r = applyEdits(text, [{ op: 'set', path: ['metadata', 'namespace'], value: namespace }]);
  return r.ok ? r.text : text;
}

/**
 * A copy of the policy under a new name, in the same namespace, without the server-set fields
 * (uid, resourceVersion...) and status; the text unchanged when it does not parse.
 */
export function duplicatePolicyText(text: string, newName: string): string {
  const strip = SERVER_SET_META_FIELDS.map((f) => ({ op: 'delete' as const, path: ['metadata', f] }));
  const r = applyEdits(text, [
    ...strip,
    { op: 'delete', path: ['status'] },
    { op: 'set', path: ['metadata', 'name'], value: newName },
  ]);
  return r.ok ? r.text : text;
}

/** `{ namespace, name }` of a policy text (namespace `default` when absent), or null without a name. */
export function policyKeyOf(text: string): { namespace: string; name: string } | null {
  try {
    const doc = parseDocument(text, { version: YAML_VERSION });
    if (doc.errors.length > 0) return null;
    const name: unknown = doc.getIn(['metadata', 'name']);
    const namespace: unknown = doc.getIn(['metadata', 'namespace']);
    if (typeof name !== 'string' || name === '') return null;
    return { namespace: typeof namespace === 'string' && namespace !== '' ? namespace : 'default', name };
  } catch {
    return null;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sets `apiVersion` and `kind` first in the object when they are missing or other. */
function normaliseHead(doc: Document): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const want: [string, string][] = [
    ['apiVersion', API_VERSION],
    ['kind', KIND],
  ];
  want.forEach(([key, value], at) => {
    const node = root.get(key, true);
    if (isScalar(node)) {
      if (node.value !== value) node.value = value;
      return;
    }
    root.delete(key);
    const pair = doc.createPair(key, value);
    // A comment heading the object stays at its head.
    const first = at === 0 ? root.items[0]?.key : undefined;
    if (isScalar(first) && isScalar(pair.key) && first.commentBefore) {
      pair.key.commentBefore = first.commentBefore;
      delete first.commentBefore;
    }
    root.items.splice(at, 0, pair);
  });
}

/**
 * One multi-document YAML of the policy texts, ordered by (namespace, name), each document with
 * `apiVersion: networking.k8s.io/v1` and `kind: NetworkPolicy`, comments kept. Texts that do not
 * parse to one map are left out (the editor shows their errors).
 */
export function exportPolicies(texts: readonly string[]): string {
  const items: { ns: string; name: string; order: number; text: string }[] = [];
  texts.forEach((text, order) => {
    const docs = parseAllDocuments(text, { version: YAML_VERSION });
    const doc = docs[0];
    if (docs.length !== 1 || !doc || doc.errors.length > 0 || !isMap(doc.contents)) return;
    normaliseHead(doc);
    doc.directives.docStart = null;
    doc.directives.docEnd = false;
    const key = policyKeyOf(text);
    let out = writeDocument(text, doc, styleOf(text));
    if (!out.endsWith('\n')) out += '\n';
    items.push({ ns: key?.namespace ?? '\uffff', name: key?.name ?? '', order, text: out });
  });
  items.sort((a, b) => compare(a.ns, b.ns) || compare(a.name, b.name) || a.order - b.order);
  return items.map((i) => i.text).join('---\n');
}
