import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../engine';
import { parseText } from '../io';
import type { PolicyEdit } from './overlay';
import { runWorkspace, type AppliedCache } from './workspace-run';

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
});
