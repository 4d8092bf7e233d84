import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../engine';
import { parseText } from '../io';
import type { PolicyEdit } from './overlay';
import { runWorkspace, singleChange, type AppliedCache } from './workspace-run';

const DEMO = readFileSync(new URL('../demo/demo-cluster.yaml', import.meta.url), 'utf8');

function run(edits: readonly PolicyEdit[], cache: { current: AppliedCache | null } = { current: null }) {
  return runWorkspace(
    {
      sources: [parseText('demo.yaml', DEMO)],
      sourcesKey: 's1@1',
      edits,
      draft: null,
      options: DEFAULT_ENGINE_OPTIONS,
    },
    cache,
  ).payload;
}

describe('runWorkspace', () => {
  test('without edits, analyses the sources as the importer reads them', () => {
    const p = run([]);
    expect(p.snapshot.policies.length).toBeGreaterThan(0);
    expect(p.impact).toBeUndefined();
  });

  test('a deleted policy is gone from the applied analysis', () => {
    const first = run([]).snapshot.policies[0]!;
    const p = run([{ uid: 'u1', baseId: first.id, text: null }]);
    expect(p.snapshot.policies.map((x) => x.id)).not.toContain(first.id);
  });

  test('finds the one edit a step changes or adds', () => {
    const a = { uid: 'a', baseId: 'ns/a', text: 'x' };
    const b = { uid: 'b', baseId: null, text: 'y' };
    expect(singleChange([a], [a, b])).toBe(b);
    expect(singleChange([a, b], [a, { ...b, text: 'z' }])).toEqual({ ...b, text: 'z' });
    expect(singleChange([a, b], [a, b])).toBeNull();
    expect(singleChange([a, b], [a])).toBeNull();
    expect(singleChange([a, b], [b, a])).toBeNull();
    expect(singleChange([a], [{ ...a, text: 'q' }, b])).toBeNull();
  });

  test('one edit applied on the previous workspace gives the workspace built whole (property)', () => {
    const demo = parseText('demo.yaml', DEMO);
    const ids = run([]).snapshot.policies.map((p) => p.id);
    const policy = (ns: string, name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n`;
    const edit = fc.record({
      base: fc.option(fc.constantFrom(...ids), { nil: null }),
      ns: fc.constantFrom('backend', 'frontend', 'elsewhere'),
      name: fc.constantFrom('p1', 'p2', 'api-egress'),
      deleted: fc.boolean(),
    });
    const toEdit = (e: { base: string | null; ns: string; name: string; deleted: boolean }, uid: string) => ({
      uid,
      baseId: e.base,
      text: e.deleted && e.base !== null ? null : policy(e.ns, e.name),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 3 }), edit, fc.boolean(), (prevEdits, change, append) => {
        const prev = prevEdits.map((e, i) => toEdit(e, `u${i}`));
        let next: PolicyEdit[];
        if (append || prev.length === 0) next = [...prev, toEdit(change, 'new')];
        else next = [{ ...toEdit(change, 'u0'), baseId: prev[0]!.baseId }, ...prev.slice(1)];
        const cache: { current: AppliedCache | null } = { current: null };
        const input = (edits: readonly PolicyEdit[]) => ({
          sources: [demo],
          sourcesKey: 's1@1',
          edits,
          draft: null,
          options: DEFAULT_ENGINE_OPTIONS,
        });
        runWorkspace(input(prev), cache);
        const stepped = runWorkspace(input(next), cache).payload;
        const whole = runWorkspace(input(next), { current: null }).payload;
        expect(stepped.snapshot).toEqual(whole.snapshot);
        const key = (d: { file?: string; code: string; message: string }) =>
          `${d.file} ${d.code} ${d.message}`;
        expect(stepped.diagnostics.map(key).sort()).toEqual(whole.diagnostics.map(key).sort());
      }),
      { numRuns: 60 },
    );
  });
});
