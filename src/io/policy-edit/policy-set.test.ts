import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../model';
import { policySetYaml, policyYaml } from './policy-set';

const policy: Policy = {
  id: 'shop/api',
  namespace: 'shop',
  name: 'api',
  spec: {
    podSelector: { matchLabels: { app: 'api', 'app.kubernetes.io/part-of': 'true' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [
          {
            podSelector: {},
            namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'on'] }] },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080, endPort: 8090 }, { port: 'http' }],
      },
      {},
    ],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
  },
};

describe('policyYaml', () => {
  it('reads back as the same NetworkPolicy', () => {
    const doc = parse(policyYaml(policy)) as Record<string, unknown>;
    expect(doc).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api', namespace: 'shop' },
      spec: policy.spec,
    });
  });
  it('quotes strings that YAML 1.1 (kubectl) would read as something else', () => {
    const labels = { a: 'true', b: '8080', c: 'on', d: 'a b', e: '', f: '-', g: 'y' };
    const text = policyYaml({ ...policy, spec: { podSelector: { matchLabels: labels } } });
    const doc = parse(text, { version: '1.1' }) as { spec: { podSelector: unknown } };
    expect(doc.spec.podSelector).toEqual({ matchLabels: labels });
  });
  it('keeps any label value a string (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (labels) => {
        const p: Policy = { ...policy, spec: { podSelector: { matchLabels: labels } } };
        const doc = parse(policyYaml(p), { version: '1.1' }) as { spec: { podSelector: unknown } };
        expect(doc.spec.podSelector).toEqual({ matchLabels: labels });
      }),
    );
  });
});

describe('policySetYaml', () => {
  it('writes one document per policy, by namespace then name', () => {
    const b = { ...policy, id: 'a/z', namespace: 'a', name: 'z' };
    const docs = parseAllDocuments(policySetYaml([policy, b])).map(
      (d) => d.toJS() as { metadata: { name: string } },
    );
    expect(docs.map((d) => d.metadata.name)).toEqual(['z', 'api']);
  });
});
