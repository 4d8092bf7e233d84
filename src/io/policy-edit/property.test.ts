import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, exportPolicies, newPolicyText, parsePolicyText, type EditCommand } from '.';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, Policy } from '../../model';
import { policyArb } from '../../testing/arbitraries';
import { parseDocument } from 'yaml';
import { importTexts } from '../index';

type Path = readonly (string | number)[];

function selectorCommands(path: Path, s: LabelSelector): EditCommand[] {
  const out: EditCommand[] = [{ op: 'set', path, value: {} }];
  if (s.matchLabels) {
    out.push({ op: 'set', path: [...path, 'matchLabels'], value: {} });
    for (const [k, v] of Object.entries(s.matchLabels))
      out.push({ op: 'set', path: [...path, 'matchLabels', k], value: v });
  }
  if (s.matchExpressions) {
    out.push({ op: 'set', path: [...path, 'matchExpressions'], value: [] });
    s.matchExpressions.forEach((e, i) => {
      out.push({
        op: 'insert',
        path: [...path, 'matchExpressions'],
        value: { key: e.key, operator: e.operator },
      });
      const at = [...path, 'matchExpressions', i];
      if (e.values) for (const v of e.values) out.push({ op: 'insert', path: [...at, 'values'], value: v });
    });
  }
  return out;
}

function peerCommands(path: Path, p: NetworkPolicyPeer): EditCommand[] {
  const out: EditCommand[] = [{ op: 'set', path, value: {} }];
  if (p.podSelector) out.push(...selectorCommands([...path, 'podSelector'], p.podSelector));
  if (p.namespaceSelector) out.push(...selectorCommands([...path, 'namespaceSelector'], p.namespaceSelector));
  if (p.ipBlock) {
    out.push({ op: 'set', path: [...path, 'ipBlock', 'cidr'], value: p.ipBlock.cidr });
    for (const x of p.ipBlock.except ?? [])
      out.push({ op: 'insert', path: [...path, 'ipBlock', 'except'], value: x });
  }
  return out;
}

function portCommands(path: Path, p: NetworkPolicyPort): EditCommand[] {
  const out: EditCommand[] = [{ op: 'set', path, value: {} }];
  if (p.protocol) out.push({ op: 'set', path: [...path, 'protocol'], value: p.protocol });
  if (p.port !== undefined) out.push({ op: 'set', path: [...path, 'port'], value: p.port });
  if (p.endPort !== undefined) out.push({ op: 'set', path: [...path, 'endPort'], value: p.endPort });
  return out;
}

/** The edits a person makes in the form to write `policy`, starting from a new policy. */
function formCommands(policy: Policy): EditCommand[] {
  const spec = policy.spec;
  const out: EditCommand[] = [...selectorCommands(['spec', 'podSelector'], spec.podSelector)];
  if (spec.policyTypes) out.push({ op: 'set', path: ['spec', 'policyTypes'], value: [...spec.policyTypes] });
  else out.push({ op: 'delete', path: ['spec', 'policyTypes'] });
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = spec[dir];
    if (!rules) continue;
    out.push({ op: 'set', path: ['spec', dir], value: [] });
    rules.forEach((rule, r) => {
      out.push({ op: 'insert', path: ['spec', dir], value: {} });
      const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      const key = dir === 'ingress' ? 'from' : 'to';
      if (peers) {
        out.push({ op: 'set', path: ['spec', dir, r, key], value: [] });
        peers.forEach((p, i) => out.push(...peerCommands(['spec', dir, r, key, i], p)));
      }
      if (rule.ports) {
        out.push({ op: 'set', path: ['spec', dir, r, 'ports'], value: [] });
        rule.ports.forEach((p, i) => out.push(...portCommands(['spec', dir, r, 'ports', i], p)));
      }
    });
  }
  return out;
}

function textOf(policy: Policy): string {
  const r = applyEdits(newPolicyText(policy.namespace, policy.name), formCommands(policy));
  if (!r.ok) throw new Error(r.message);
  return r.text;
}

/** The model as plain JSON (the importer builds label maps without a prototype). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('policy-edit > round trips', () => {
  it('form edits → YAML → parsePolicyText gives the same policy, and a form of the same shape', () => {
    fc.assert(
      fc.property(policyArb(0), (policy) => {
        const text = textOf(policy);
        const parsed = parsePolicyText(text);
        expect(parsed.yamlErrors).toEqual([]);
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(parsed.policy?.id).toBe(policy.id);
        expect(plain(parsed.policy?.spec)).toEqual(plain(policy.spec));
        const form = parsed.form!;
        expect(form.name).toBe(policy.name);
        expect(form.namespace).toBe(policy.namespace);
        expect(form.podSelector.matchLabels).toEqual(
          Object.entries(policy.spec.podSelector.matchLabels ?? {}),
        );
        expect(form.ingress?.length).toBe(policy.spec.ingress?.length);
        expect(form.egress?.length).toBe(policy.spec.egress?.length);
        const kinds = (peers: readonly NetworkPolicyPeer[] | undefined): string[] =>
          (peers ?? []).map((p) =>
            p.ipBlock
              ? 'ipBlock'
              : p.podSelector && p.namespaceSelector
                ? 'podsInNamespaces'
                : p.podSelector
                  ? 'pods'
                  : 'namespaces',
          );
        policy.spec.ingress?.forEach((rule, r) => {
          expect(form.ingress![r]!.peers.map((p) => p.kind)).toEqual(kinds(rule.from));
          expect(form.ingress![r]!.allPorts).toBe(!rule.ports?.length);
        });
        policy.spec.egress?.forEach((rule, r) => {
          expect(form.egress![r]!.peers.map((p) => p.kind)).toEqual(kinds(rule.to));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('exportPolicies → importTexts gives the same policies, in (namespace, name) order', () => {
    const policies = fc
      .uniqueArray(
        fc.integer({ min: 0, max: 20 }).chain((i) => policyArb(i)),
        { maxLength: 6, selector: (p) => p.id },
      )
      .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })));
    fc.assert(
      fc.property(policies, ([list, shuffled]) => {
        const exported = exportPolicies(shuffled.map(textOf));
        const back = importTexts([{ name: 'export.yaml', text: exported }]);
        expect(back.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        const want = [...list]
          .sort((a, b) => (a.namespace + '\u0000' + a.name < b.namespace + '\u0000' + b.name ? -1 : 1))
          .map((p) => ({ id: p.id, spec: plain(p.spec) }));
        expect(back.snapshot.policies.map((p) => ({ id: p.id, spec: plain(p.spec) }))).toEqual(want);
        // Exporting is stable: the same input in another order gives the same text.
        expect(exportPolicies(list.map(textOf))).toBe(exported);
      }),
      { numRuns: 50 },
    );
  });
});

const COMMENTED = `# Policy for the web tier.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web   # the name
  namespace: shop
spec:
  # Which pods.
  podSelector:
    matchLabels: { app: web }
  ingress:
    - from:   # who
        - podSelector: {}
      ports:
        - port: 80   # http
  egress: []
  policyTypes: [Ingress, Egress]
`;

const leafPaths: Path[] = [
  ['metadata', 'labels', 'team'],
  ['spec', 'podSelector', 'matchLabels', 'tier'],
  ['spec', 'ingress', 0, 'ports', 0, 'protocol'],
  ['spec', 'ingress', 0, 'from', 0, 'podSelector', 'matchLabels', 'app'],
  ['spec', 'ingress', 1, 'from', 0, 'ipBlock', 'cidr'],
  ['spec', 'egress', 0, 'ports', 0, 'port'],
];
const commandArb: fc.Arbitrary<EditCommand> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    path: fc.constantFrom(...leafPaths),
    value: fc.oneof(fc.constantFrom('a', 'yes', '80', 'x y', ''), fc.integer({ min: 1, max: 65535 })),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    path: fc.constantFrom<Path>(['spec', 'ingress'], ['spec', 'egress'], ['spec', 'ingress', 0, 'from']),
    value: fc.constantFrom({}, { ports: [{ port: 53, protocol: 'UDP' }] }, { namespaceSelector: {} }),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    path: fc.constantFrom<Path>(['metadata', 'labels'], ['spec', 'egress', 0], ['spec', 'ingress', 1]),
  }),
);

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

/** The commands on plain data: what the YAML must hold after them (or null when refused). */
function applyPlain(root: Json, c: EditCommand): Json | null {
  const copy = structuredClone(root);
  const isColl = (v: Json | undefined): v is Json[] | { [k: string]: Json } =>
    v !== null && typeof v === 'object';
  /** The collection at `path`, created where absent or null. */
  const walk = (path: Path, wantsArray: boolean): Json[] | { [k: string]: Json } | null => {
    let node: Json = copy;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const nextArray = i + 1 < path.length ? typeof path[i + 1] === 'number' : wantsArray;
      if (!isColl(node) || Array.isArray(node) !== (typeof seg === 'number')) return null;
      const holder: Record<string | number, Json> = node as never;
      let child: Json | undefined = holder[seg];
      if (child === undefined || child === null) {
        if (Array.isArray(node) && (seg as number) > node.length) return null;
        child = nextArray ? [] : {};
        holder[seg] = child;
      }
      if (!isColl(child) || Array.isArray(child) !== nextArray) return null;
      node = child;
    }
    return node as never;
  };
  if (c.op === 'set') {
    const parent = walk(c.path.slice(0, -1), typeof c.path[c.path.length - 1] === 'number');
    const last = c.path[c.path.length - 1]!;
    if (!parent || (Array.isArray(parent) && (last as number) > parent.length)) return null;
    (parent as Record<string | number, Json>)[last] = structuredClone(c.value) as Json;
  } else if (c.op === 'insert') {
    const list = walk(c.path, true) as Json[] | null;
    if (!list) return null;
    list.push(structuredClone(c.value) as Json);
  } else if (c.op === 'delete') {
    let node: Json | undefined = copy;
    for (const seg of c.path.slice(0, -1))
      node = isColl(node) ? (node as Record<string | number, Json>)[seg] : undefined;
    const last = c.path[c.path.length - 1]!;
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else if (isColl(node) && !Array.isArray(node) && typeof last === 'string') delete node[last];
  }
  return copy;
}

describe('policy-edit > random form edits on a commented policy', () => {
  it('keep every comment, never throw, and give the same value as applying them to plain data', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 6 }), (commands) => {
        let text = COMMENTED;
        let model = parseDocument(COMMENTED).toJS() as Json;
        for (const c of commands) {
          const r = applyEdits(text, [c]);
          const want = applyPlain(model, c);
          expect(r.ok, JSON.stringify(c)).toBe(want !== null);
          if (r.ok && want !== null) {
            text = r.text;
            model = want;
            expect(parseDocument(text, { version: '1.1' }).toJS(), text).toEqual(model);
          }
        }
        for (const comment of [
          '# Policy for the web tier.',
          '# the name',
          '# Which pods.',
          '# who',
          '# http',
        ]) {
          expect(text, text).toContain(comment);
        }
        expect(parsePolicyText(text).yamlErrors).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('parsePolicyText and applyEdits never throw, whatever the text', () => {
    const mutated = fc
      .tuple(
        fc.integer({ min: 0, max: COMMENTED.length }),
        fc.integer({ min: 0, max: 12 }),
        fc.string({ maxLength: 6 }),
      )
      .map(([at, cut, insert]) => COMMENTED.slice(0, at) + insert + COMMENTED.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 40 })), commandArb, (text, command) => {
        const parsed = parsePolicyText(text);
        expect(parsed.form === null || typeof parsed.form === 'object').toBe(true);
        const r = applyEdits(text, [command]);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
