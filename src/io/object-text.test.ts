import { describe, expect, it } from 'vitest';
import { importTexts } from './index';
import { objectText, policyToYaml } from './object-text';

const MULTI = `# the cluster
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
# Only the web tier may reach the database.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-web # keep me
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: db}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: shop
spec:
  podSelector: {}
...
`;

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: a
    namespace: ns
  spec:
    podSelector: {} # every pod
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: b, namespace: ns}
  spec: {podSelector: {}}
`;

function policyRef(name: string, text: string, file = 'f.yaml') {
  const p = importTexts([{ name: file, text }]).snapshot.policies.find((x) => x.name === name);
  if (!p?.source) throw new Error(`no ${name}`);
  return p;
}

describe('objectText', () => {
  it('cuts a YAML document out as written, with its comments', () => {
    const text = objectText(MULTI, policyRef('db-from-web', MULTI).source!);
    expect(text).toBe(
      MULTI.slice(
        MULTI.indexOf('# Only the web'),
        MULTI.indexOf(
          '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all',
        ),
      ),
    );
    expect(text).toContain('# keep me');
  });

  it('stops at a document end marker', () => {
    const text = objectText(MULTI, policyRef('deny-all', MULTI).source!)!;
    expect(text.endsWith('podSelector: {}\n')).toBe(true);
    expect(text.startsWith('apiVersion:')).toBe(true);
  });

  it('writes an item of a List on its own, keeping its comments', () => {
    const a = objectText(LIST, policyRef('a', LIST).source!)!;
    expect(a).toContain('name: a');
    expect(a).toContain('# every pod');
    expect(a).not.toContain('name: b');
    const reread = importTexts([{ name: 'a.yaml', text: a }]).snapshot.policies;
    expect(reread.map((p) => p.id)).toEqual(['ns/a']);
  });

  it('cuts an item of a big List out of the text, de-indented, without reading the whole List', () => {
    const items = Array.from(
      { length: 3000 },
      (_, i) =>
        `- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata:\n    name: p${i}\n    namespace: ns\n  spec:\n    # why ${i}\n    podSelector: {}\n`,
    );
    const big = `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
    const ref = policyRef('p1234', big).source!;
    const t0 = performance.now();
    const text = objectText(big, ref);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(text).toBe(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p1234\n  namespace: ns\nspec:\n  # why 1234\n  podSelector: {}\n',
    );
  });

  it('writes a JSON object as YAML', () => {
    const json = JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'j', namespace: 'ns' },
      spec: { podSelector: {} },
    });
    const text = objectText(json, policyRef('j', json, 'j.json').source!)!;
    expect(text).toContain('name: j');
    expect(importTexts([{ name: 'j.yaml', text }]).snapshot.policies.map((p) => p.id)).toEqual(['ns/j']);
  });

  it('finds nothing when the text changed', () => {
    expect(objectText('', { file: 'f', doc: 0, line: 40 })).toBeNull();
    expect(objectText('a: [\n', { file: 'f', doc: 0, line: 1 })).toBeNull();
  });

  it('writes a policy from the model that re-imports to the same policy', () => {
    const p = policyRef('db-from-web', MULTI);
    const again = importTexts([{ name: 'p.yaml', text: policyToYaml(p) }]).snapshot.policies[0]!;
    expect(again.id).toBe(p.id);
    expect(again.spec).toEqual(p.spec);
  });
});
