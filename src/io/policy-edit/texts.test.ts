import { describe, expect, it } from 'vitest';
import {
  TEMPLATES,
  duplicatePolicyText,
  exportPolicies,
  movePolicyText,
  newPolicyText,
  parsePolicyText,
  policyKeyOf,
  renamePolicyText,
} from '.';
import { importTexts } from '../index';

const errorsOf = (text: string): string[] =>
  parsePolicyText(text)
    .diagnostics.filter((d) => d.severity !== 'info')
    .map((d) => `${d.code} ${d.path ?? ''} ${d.message}`);

describe('newPolicyText', () => {
  it('writes a valid policy selecting every pod of the namespace, with no rules yet', () => {
    const text = newPolicyText('shop', 'web');
    const p = parsePolicyText(text);
    expect(errorsOf(text)).toEqual([]);
    expect(p.policy).toMatchObject({ id: 'shop/web', spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    expect(text).toContain('# The pods this policy applies to');
  });

  it('quotes names YAML would read as another type', () => {
    expect(newPolicyText('yes', '123')).toContain('  name: "123"\n  namespace: "yes"\n');
  });
});

describe('rename, move, duplicate', () => {
  const text = `# mine
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web # the web tier
  namespace: shop
  uid: 1234-5678
  resourceVersion: "99"
spec:
  podSelector: {}
status: {}
`;

  it('renames in place, keeping the comment', () => {
    expect(renamePolicyText(text, 'front')).toBe(text.replace('name: web #', 'name: front #'));
  });

  it('moves to another namespace', () => {
    expect(movePolicyText(text, 'blog')).toBe(text.replace('namespace: shop', 'namespace: blog'));
  });

  it('adds the namespace when the text had none', () => {
    expect(movePolicyText('metadata:\n  name: a\n', 'blog')).toBe(
      'metadata:\n  name: a\n  namespace: blog\n',
    );
  });

  it('duplicates under a new name without the server-set fields and status', () => {
    expect(duplicatePolicyText(text, 'web-copy')).toBe(`# mine
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-copy # the web tier
  namespace: shop
spec:
  podSelector: {}
`);
  });

  it('leaves text that does not parse unchanged', () => {
    expect(renamePolicyText('a: [', 'x')).toBe('a: [');
  });
});

describe('policyKeyOf', () => {
  it('reads the namespace and the name', () => {
    expect(policyKeyOf('metadata:\n  name: a\n  namespace: b\n')).toEqual({ namespace: 'b', name: 'a' });
  });
  it('defaults the namespace to default', () => {
    expect(policyKeyOf('metadata:\n  name: a\n')).toEqual({ namespace: 'default', name: 'a' });
  });
  it('is null without a name, or for broken YAML', () => {
    expect(policyKeyOf('metadata: {}\n')).toBeNull();
    expect(policyKeyOf('metadata: [\n')).toBeNull();
    expect(policyKeyOf('')).toBeNull();
  });
});

describe('TEMPLATES', () => {
  it('covers the common patterns, each explaining itself', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'deny-ingress',
      'deny-egress',
      'deny-all',
      'allow-dns',
      'allow-same-namespace',
      'allow-from-namespace',
      'allow-from-ingress-controller',
      'allow-monitoring',
      'allow-internet-egress',
    ]);
    for (const t of TEMPLATES) {
      expect(t.explanation.split('. ').length, t.id).toBeGreaterThanOrEqual(2);
      expect(t.params).toContain('namespace');
    }
  });

  it('build policies that pass the importer validation, with defaults and with given parameters', () => {
    for (const t of TEMPLATES) {
      for (const params of [
        {},
        {
          namespace: 'shop',
          name: 'p',
          fromNamespace: 'ops',
          port: '9090',
          controllerNamespace: 'traefik',
          controllerPodLabel: 'app=traefik',
        },
      ]) {
        const text = t.build(params);
        expect(errorsOf(text), `${t.id}\n${text}`).toEqual([]);
        const p = parsePolicyText(text).policy;
        expect(p?.namespace, t.id).toBe(params.namespace ?? 'default');
        expect(text.startsWith('# '), t.id).toBe(true);
      }
    }
  });

  it('allow DNS reaches kube-dns pods in kube-system on UDP and TCP 53, as one AND peer', () => {
    const p = parsePolicyText(
      TEMPLATES.find((t) => t.id === 'allow-dns')!.build({ namespace: 'shop' }),
    ).policy!;
    expect(JSON.parse(JSON.stringify(p.spec))).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
  });

  it('allow monitoring uses a named port, or a number when given digits', () => {
    const t = TEMPLATES.find((x) => x.id === 'allow-monitoring')!;
    expect(parsePolicyText(t.build({})).policy!.spec.ingress![0]!.ports).toEqual([
      { protocol: 'TCP', port: 'metrics' },
    ]);
    expect(parsePolicyText(t.build({ port: '9100' })).policy!.spec.ingress![0]!.ports).toEqual([
      { protocol: 'TCP', port: 9100 },
    ]);
  });

  it('allow internet egress excepts the private ranges', () => {
    const t = TEMPLATES.find((x) => x.id === 'allow-internet-egress')!;
    expect(parsePolicyText(t.build({})).policy!.spec.egress![0]!.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
    ]);
  });

  it('allow from the ingress controller takes a key=value pod label', () => {
    const t = TEMPLATES.find((x) => x.id === 'allow-from-ingress-controller')!;
    const peer = parsePolicyText(t.build({})).policy!.spec.ingress![0]!.from![0]!;
    expect(JSON.parse(JSON.stringify(peer))).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
    });
  });
});

describe('exportPolicies', () => {
  it('orders by namespace then name, adds apiVersion and kind, keeps comments', () => {
    const b = '# second\nmetadata:\n  name: b\n  namespace: x\nspec:\n  podSelector: {}\n';
    const a =
      '---\napiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: x}\nspec: {podSelector: {}}\n';
    const c = newPolicyText('w', 'z');
    const out = exportPolicies([b, a, c]);
    expect(out).toBe(
      `${c}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a, namespace: x}
spec: {podSelector: {}}
---
# second
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: b
  namespace: x
spec:
  podSelector: {}
`,
    );
    const back = importTexts([{ name: 'all.yaml', text: out }]);
    expect(back.diagnostics).toEqual([]);
    expect(back.snapshot.policies.map((p) => p.id)).toEqual(['w/z', 'x/a', 'x/b']);
  });

  it('leaves out texts that do not parse', () => {
    expect(exportPolicies(['a: [', newPolicyText('x', 'y')])).toBe(newPolicyText('x', 'y'));
  });

  it('is empty for no policy', () => {
    expect(exportPolicies([])).toBe('');
  });
});
