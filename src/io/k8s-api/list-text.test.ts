import { describe, expect, it } from 'vitest';
import { importTexts } from '..';
import { toListText } from './list-text';
import { normalize } from './objects';
import { RESOURCE_TYPES } from './resources';

const type = (kind: string) => RESOURCE_TYPES.find((t) => t.kind === kind)!;

describe('toListText', () => {
  it('gives the importer a List it reads: namespaces, pods and policies from list items without kind', () => {
    const objects = [
      normalize(type('Namespace'), { metadata: { name: 'shop', labels: { team: 'a' } } }),
      normalize(type('Pod'), {
        metadata: {
          name: 'web',
          namespace: 'shop',
          labels: { app: 'web' },
          managedFields: [{ manager: 'kubectl' }],
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
        },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
        status: { podIP: '10.0.0.5' },
      }),
      normalize(type('NetworkPolicy'), {
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      }),
    ];
    const text = toListText(objects);
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('last-applied-configuration');
    expect(text).toContain('"keep": "me"');
    const result = importTexts([{ name: 'cluster (live)', text }]);
    expect(result.snapshot.namespaces.map((n) => n.name)).toEqual(['shop']);
    expect(result.snapshot.endpoints.map((e) => e.id)).toEqual(['shop/web']);
    expect(result.snapshot.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['shop/deny']);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
