import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '.';

const FULL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
    matchExpressions:
      - key: tier
        operator: In
        values: [front, back]
  ingress:
    - from:
        - podSelector: { matchLabels: { app: web } }
        - namespaceSelector: { matchLabels: { team: red } }
        - namespaceSelector: { matchLabels: { team: blue } }
          podSelector: { matchLabels: { app: probe } }
        - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }
      ports:
        - port: 80
        - protocol: UDP
          port: 5000
          endPort: 5010
        - port: http
  egress:
    - {}
`;

describe('parsePolicyText > the form', () => {
  it('reads every part of a policy, with the index of each item', () => {
    const p = parsePolicyText(FULL);
    expect(p.yamlErrors).toEqual([]);
    expect(p.diagnostics).toEqual([]);
    expect(p.policy?.id).toBe('shop/api');
    expect(p.form).toEqual({
      name: 'api',
      namespace: 'shop',
      podSelector: {
        present: true,
        matchLabels: [['app', 'api']],
        matchExpressions: [{ index: 0, key: 'tier', operator: 'In', values: ['front', 'back'] }],
      },
      policyTypes: null,
      effectivePolicyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          index: 0,
          allPeers: false,
          peers: [
            {
              kind: 'pods',
              index: 0,
              podSelector: { present: true, matchLabels: [['app', 'web']], matchExpressions: [] },
            },
            {
              kind: 'namespaces',
              index: 1,
              namespaceSelector: { present: true, matchLabels: [['team', 'red']], matchExpressions: [] },
            },
            {
              kind: 'podsInNamespaces',
              index: 2,
              podSelector: { present: true, matchLabels: [['app', 'probe']], matchExpressions: [] },
              namespaceSelector: { present: true, matchLabels: [['team', 'blue']], matchExpressions: [] },
            },
            { kind: 'ipBlock', index: 3, cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
          ],
          allPorts: false,
          ports: [
            { index: 0, port: 80 },
            { index: 1, protocol: 'UDP', port: 5000, endPort: 5010 },
            { index: 2, port: 'http' },
          ],
        },
      ],
      egress: [{ index: 0, allPeers: true, peers: [], allPorts: true, ports: [] }],
    });
  });

  it('shows policyTypes as written and as defaulted', () => {
    const text = FULL.replace('  ingress:\n', '  policyTypes: [Egress]\n  ingress:\n');
    const form = parsePolicyText(text).form!;
    expect(form.policyTypes).toEqual(['Egress']);
    expect(form.effectivePolicyTypes).toEqual(['Egress']);
  });

  it('tolerates half-typed input: wrong types become raw fields, with the importer diagnostics', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: 12
spec:
  podSelector: [a]
  ingress:
    - from:
        - {}
        - ipBlock: { cidr: 10.0.0.0/8 }
          podSelector: {}
      ports:
        - port: [80]
          endPort: x
        - 80
    - nonsense
`;
    const p = parsePolicyText(text);
    expect(p.policy).toBeNull();
    expect(p.form).toMatchObject({
      name: { raw: '12' },
      podSelector: { present: true, raw: '["a"]' },
      ingress: [
        {
          peers: [
            { kind: 'invalid', index: 0, raw: '{}' },
            { kind: 'invalid', index: 1 },
          ],
          ports: [
            { index: 0, port: { raw: '[80]' }, endPort: { raw: 'x' } },
            { index: 1, raw: '80' },
          ],
        },
        { index: 1, raw: 'nonsense' },
      ],
    });
    const where = p.diagnostics.map((d) => `${d.line}:${d.column} ${d.path ?? ''} ${d.code}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '4:3 metadata.name TYPE_MISMATCH',
        '6:3 spec.podSelector TYPE_MISMATCH',
        '9:11 spec.ingress[0].from[0] PEER_REQUIRED',
        '10:11 spec.ingress[0].from[1] PEER_IPBLOCK_COMBINED',
        '13:11 spec.ingress[0].ports[0].port TYPE_MISMATCH',
        '14:11 spec.ingress[0].ports[0].endPort TYPE_MISMATCH',
        '15:11 spec.ingress[0].ports[1] TYPE_MISMATCH',
        '16:7 spec.ingress[1] TYPE_MISMATCH',
      ]),
    );
  });

  it("gives the importer's messages for values the API server refuses", () => {
    const text = FULL.replace('port: 80\n', 'port: 0\n').replace('cidr: 10.0.0.0/8,', 'cidr: 10.0.0.1/8,');
    const p = parsePolicyText(text);
    expect(p.policy).toBeNull();
    expect(p.form).not.toBeNull();
    expect(p.diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [22, 'spec.ingress[0].ports[0].port', 'Invalid value: 0: must be between 1 and 65535, inclusive'],
      [
        20,
        'spec.ingress[0].from[3].ipBlock.cidr',
        'the address "10.0.0.1/8" has host bits set; it is read as 10.0.0.0/8',
      ],
      [1, undefined, expect.stringContaining('takes no part in the evaluation')],
    ]);
  });
});

describe('parsePolicyText > text that is not a policy', () => {
  it('reports YAML syntax errors at their line, with no form', () => {
    const p = parsePolicyText('metadata:\n  name: x\nspec:\n  podSelector: {\n');
    expect(p.form).toBeNull();
    expect(p.policy).toBeNull();
    expect(p.yamlErrors.length).toBeGreaterThan(0);
    expect(p.yamlErrors[0]).toMatchObject({ line: 5, column: 1 });
  });

  it('reports a second document', () => {
    const p = parsePolicyText('metadata: {name: a}\n---\nmetadata: {name: b}\n');
    expect(p.form).toBeNull();
    expect(p.yamlErrors).toEqual([
      {
        line: 2,
        column: 1,
        message:
          'a second YAML document starts here; a policy text holds one NetworkPolicy (use one text per policy)',
      },
    ]);
  });

  it('has no form for a scalar or an empty text, and says why', () => {
    expect(parsePolicyText('just words').form).toBeNull();
    const empty = parsePolicyText('');
    expect(empty.form).toBeNull();
    expect(empty.diagnostics.map((d) => d.message)).toEqual([
      'the text is empty: write a NetworkPolicy (apiVersion, kind, metadata, spec)',
    ]);
  });

  it('says when the object is of another kind', () => {
    const p = parsePolicyText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
    expect(p.policy).toBeNull();
    expect(p.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NOT_A_NETWORK_POLICY',
        line: 2,
        message: 'kind is "Pod": this editor edits NetworkPolicy objects only',
      }),
    ]);
  });

  it('names the source in its diagnostics', () => {
    const p = parsePolicyText('kind: NetworkPolicy\nmetadata: {name: a}\nspec: {}\n', 'edit:default/a');
    expect(p.diagnostics[0]).toMatchObject({ file: 'edit:default/a', code: 'MISSING_API_VERSION' });
  });
});
