import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTexts, parseText } from '../io';
import {
  buildOverlay,
  draftProblem,
  overlayDraft,
  parseEditText,
  rawPolicyId,
  withDraft,
  type PolicyEdit,
} from './overlay';

const DEMO = readFileSync(new URL('../demo/demo-cluster.yaml', import.meta.url), 'utf8');
const demo = parseText('demo.yaml', DEMO);
const demoIds = importTexts([{ name: 'demo.yaml', text: DEMO }]).snapshot.policies.map((p) => p.id);

const policy = (ns: string, name: string, extra = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\n${extra}`;

const ids = (edits: readonly PolicyEdit[], draftUid?: string) =>
  buildOverlay({ sources: [demo], edits, ...(draftUid ? { draftUid } : {}) }).snapshot.policies.map(
    (p) => p.id,
  );

describe('overlay', () => {
  it('reads a policy id as the API server does (namespace default when absent)', () => {
    const [a, b, c] = parseText(
      'x',
      `${policy('ns', 'a')}---\nkind: NetworkPolicy\nmetadata: {name: b}\n---\nkind: Pod\nmetadata: {name: c}\n`,
    ).objects;
    expect(rawPolicyId(a!)).toBe('ns/a');
    expect(rawPolicyId(b!)).toBe('default/b');
    expect(rawPolicyId(c!)).toBeNull();
  });

  it('names an edit source after its policy', () => {
    const parsed = parseEditText(policy('ns', 'p'), 'u1');
    expect(parsed.objects[0]!.source.file).toBe('edit:ns/p');
    expect(parseEditText('kind: NetworkPolicy\n', 'u1', 'draft:').objects[0]!.source.file).toBe('draft:u1');
  });

  it('without edits, is the importer itself', () => {
    const built = buildOverlay({ sources: [demo], edits: [] });
    const imported = importTexts([{ name: 'demo.yaml', text: DEMO }]);
    expect(built).toEqual(imported);
  });

  it('replaces a base policy by its edit, even under a new name, without a duplicate warning', () => {
    const built = buildOverlay({
      sources: [demo],
      edits: [{ uid: 'u1', baseId: 'backend/api-egress', text: policy('backend', 'renamed') }],
    });
    const got = built.snapshot.policies.map((p) => p.id);
    expect(got).toContain('backend/renamed');
    expect(got).not.toContain('backend/api-egress');
    expect(built.diagnostics.some((d) => d.code === 'DUPLICATE_OBJECT')).toBe(false);
    expect(built.snapshot.policies.find((p) => p.id === 'backend/renamed')!.source!.file).toBe(
      'edit:backend/renamed',
    );
  });

  it('adds only the NetworkPolicies of an edit text, and reports its problems under its name', () => {
    const text = `${policy('backend', 'x')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: sneaky, namespace: backend}\n`;
    const built = buildOverlay({ sources: [demo], edits: [{ uid: 'u1', baseId: null, text }] });
    expect(built.snapshot.endpoints.some((e) => e.name === 'sneaky')).toBe(false);
    const broken = buildOverlay({
      sources: [demo],
      edits: [{ uid: 'u2', baseId: null, text: policy('backend', 'why', '  policyTypes: [Sideways]\n') }],
    });
    expect(broken.diagnostics.some((d) => d.file === 'edit:backend/why' && d.severity === 'error')).toBe(
      true,
    );
  });

  it('a draft takes the place of its edit, read as draft:', () => {
    const edits: PolicyEdit[] = [{ uid: 'u1', baseId: 'backend/api-egress', text: policy('backend', 'one') }];
    const drafted = withDraft(edits, {
      uid: 'u1',
      baseId: 'backend/api-egress',
      text: policy('backend', 'two'),
    });
    expect(drafted).toHaveLength(1);
    const got = ids(drafted, 'u1');
    expect(got).toContain('backend/two');
    expect(got).not.toContain('backend/one');
    expect(withDraft(edits, { uid: 'u9', baseId: null, text: 'x' })).toHaveLength(2);
  });

  it('says why a draft cannot be analysed', () => {
    const check = (text: string) =>
      draftProblem(
        buildOverlay({ sources: [demo], edits: [{ uid: 'd', baseId: null, text }], draftUid: 'd' }),
      );
    expect(check(policy('backend', 'fine'))).toBeNull();
    expect(check('a: [\n')).toMatch(/^The draft is not a valid NetworkPolicy \(line \d+\)/);
    expect(check('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')).toBe(
      'The draft holds no NetworkPolicy.',
    );
    expect(check(`${policy('backend', 'a')}---\n${policy('backend', 'b')}`)).toMatch(
      /holds 2 NetworkPolicies/,
    );
  });

  it('deleting any set of policies is the same as importing the source without them (property)', () => {
    const docs = DEMO.split(/^---$/m);
    fc.assert(
      fc.property(fc.subarray(demoIds), (deleted) => {
        const edits = deleted.map((id, i) => ({ uid: `u${i}`, baseId: id, text: null }));
        const kept = docs.filter((d) => {
          const one = importTexts([{ name: 'd', text: d }]).snapshot.policies;
          return !one.some((p) => deleted.includes(p.id));
        });
        const expected = importTexts([{ name: 'demo.yaml', text: kept.join('---') }]).snapshot.policies;
        const got = buildOverlay({ sources: [demo], edits }).snapshot.policies;
        expect(got.map((p) => [p.id, p.spec])).toEqual(expected.map((p) => [p.id, p.spec]));
      }),
      { numRuns: 25 },
    );
  });

  it('a draft overlaid on the applied workspace is the workspace built with the draft (property)', () => {
    const namespaces = ['backend', 'frontend', 'data', 'brand-new'];
    const edited = fc.record({
      base: fc.constantFrom(...demoIds),
      namespace: fc.constantFrom(...namespaces),
      name: fc.constantFrom('p1', 'p2', 'api-egress', 'default-deny-all'),
      extra: fc.constantFrom('', '  policyTypes: [Egress]\n', '  policyTypes: [Sideways]\n'),
    });
    let fastCases = 0;
    fc.assert(
      fc.property(
        fc.array(edited, { maxLength: 3 }),
        edited,
        fc.boolean(),
        fc.boolean(),
        (edits, d, draftOfEdit, isNew) => {
          const applied: PolicyEdit[] = edits.map((e, i) => ({
            uid: `u${i}`,
            baseId: e.base,
            text: policy(e.namespace, e.name, e.extra),
          }));
          const uid = draftOfEdit && applied.length > 0 ? 'u0' : 'draft';
          const baseId = uid === 'u0' ? applied[0]!.baseId : isNew ? null : d.base;
          const draft = { uid, baseId, text: policy(d.namespace, d.name, d.extra) };
          const appliedBuild = buildOverlay({ sources: [demo], edits: applied });
          const fast = overlayDraft(appliedBuild, applied, draft);
          const full = buildOverlay({ sources: [demo], edits: withDraft(applied, draft), draftUid: uid });
          if (fast === null) return; // a case left to the full build
          fastCases++;
          expect(fast.snapshot.policies).toEqual(full.snapshot.policies);
          expect(fast.snapshot.namespaces).toEqual(full.snapshot.namespaces);
          expect(fast.snapshot.endpoints).toEqual(full.snapshot.endpoints);
          const key = (x: { code: string; file?: string; message: string }) =>
            `${x.file} ${x.code} ${x.message}`;
          expect(fast.diagnostics.map(key).sort()).toEqual(full.diagnostics.map(key).sort());
        },
      ),
      { numRuns: 150 },
    );
    expect(fastCases).toBeGreaterThan(75);
  });
});
