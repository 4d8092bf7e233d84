import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, exportPolicies, newPolicyText, parsePolicyText, type EditCommand } from '.';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, Policy } from '../../model';
import { policyArb } from '../../testing/arbitraries';
import { importTexts } from '../index';

type Path = (string | number)[];

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
