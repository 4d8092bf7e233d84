import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../engine';
import { DEMO_SOURCE } from '../demo';
import { importTexts, parseText } from '../io';
import { runWorkspace } from '../worker/workspace-run';
import { useStudio } from './store';

// Node has no Worker: the store's analysis runs are no-ops, so `analyse` plays the worker's part.
function analyse(): void {
  const { sources, edits, draft, options } = useStudio.getState();
  const { payload } = runWorkspace(
    {
      sources: sources.map((s) => parseText(s.name, s.text)),
      sourcesKey: sources.map((s) => s.id).join(),
      edits: Object.values(edits),
      draft,
      options,
    },
    { current: null },
  );
  useStudio.setState({
    result: { ...payload, options },
    impact: payload.impact ?? null,
    draftError: payload.draftError ?? null,
  });
}

const ids = () => useStudio.getState().result!.snapshot.policies.map((p) => p.id);
const st = () => useStudio.getState();

beforeEach(() => {
  st().newWorkspace();
  useStudio.setState({
    sources: [{ id: 's1', ...DEMO_SOURCE }],
    options: DEFAULT_ENGINE_OPTIONS,
  });
  analyse();
});

describe('workspace slice', () => {
  it('deletes a policy as an edit, and undo and redo take it back and forth', () => {
    expect(ids()).toContain('backend/api-from-web');
    st().select({ kind: 'policy', id: 'backend/api-from-web' });
    st().deletePolicy('backend/api-from-web');
    expect(st().selection).toBeNull();
    analyse();
    expect(ids()).not.toContain('backend/api-from-web');
    expect(Object.values(st().edits)).toEqual([
      expect.objectContaining({ baseId: 'backend/api-from-web', text: null }),
    ]);
    expect(st().canUndo).toBe(true);

    st().undo();
    analyse();
    expect(ids()).toContain('backend/api-from-web');
    expect(st().edits).toEqual({});
    expect(st().canRedo).toBe(true);

    st().redo();
    analyse();
    expect(ids()).not.toContain('backend/api-from-web');
    expect(st().canRedo).toBe(false);
  });

  it('drafts an imported policy from its own YAML, comments kept', () => {
    st().editPolicy('backend/allow-dns-egress');
    const draft = st().draft!;
    expect(draft.baseId).toBe('backend/allow-dns-egress');
    expect(draft.text.startsWith('# Without this, default-deny egress breaks name resolution.\n')).toBe(true);
    expect(importTexts([{ name: 'd', text: draft.text }]).snapshot.policies.map((p) => p.id)).toEqual([
      'backend/allow-dns-egress',
    ]);
  });

  it('coalesces fast typing into one undo step', () => {
    st().editPolicy('backend/allow-dns-egress');
    const original = st().draft!.text;
    for (let i = 1; i <= 5; i++) st().updateDraft(`${original}# typed ${i}\n`);
    expect(st().draft!.text).toContain('# typed 5');
    st().undo();
    expect(st().draft!.text).toBe(original);
    st().undo();
    expect(st().draft).toBeNull();
    st().redo();
    st().redo();
    expect(st().draft!.text).toContain('# typed 5');
  });

  it('applies a draft into the edits, shows it in the analysis, and undoes the apply', () => {
    st().editPolicy('backend/allow-dns-egress');
    const renamed = st().draft!.text.replace('name: allow-dns-egress', 'name: dns-out');
    st().updateDraft(renamed);
    analyse();
    // While drafting, the analysis is the draft's, and the impact compares it with the workspace.
    expect(ids()).toContain('backend/dns-out');
    expect(ids()).not.toContain('backend/allow-dns-egress');
    expect(st().impact).not.toBeNull();
    expect(st().result!.appliedPolicies!.map((p) => p.id)).toContain('backend/allow-dns-egress');

    st().applyDraft();
    analyse();
    expect(st().draft).toBeNull();
    expect(ids()).toContain('backend/dns-out');
    expect(ids()).not.toContain('backend/allow-dns-egress');
    expect(st().exportText('changed')).toBe(
      '# Removed since import (deleted, renamed or moved); to remove them from a cluster:\n' +
        '#   kubectl delete networkpolicy -n backend allow-dns-egress\n' +
        '---\n' +
        renamed,
    );
    const again = importTexts([{ name: 'changed.yaml', text: st().exportText('changed') }]);
    expect(again.snapshot.policies.map((p) => p.id)).toEqual(['backend/dns-out']);
    expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);

    st().undo();
    expect(st().draft!.text).toBe(renamed);
    expect(st().edits).toEqual({});
  });

  it('an imported policy applied unchanged is not an edit', () => {
    st().editPolicy('backend/api-egress');
    st().applyDraft();
    expect(st().draft).toBeNull();
    expect(st().edits).toEqual({});
    expect(st().exportText('changed')).toBe('');
  });

  it('a broken draft keeps the applied analysis and says why', () => {
    st().newPolicy('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: [\n');
    analyse();
    expect(st().draftError).toMatch(/draft/);
    expect(st().impact).toBeNull();
    expect(ids()).toContain('backend/api-from-web');
  });

  it('discarding a draft returns to the applied workspace', () => {
    st().editPolicy('backend/api-from-web');
    st().updateDraft('kind: NetworkPolicy\n');
    st().discardDraft();
    analyse();
    expect(st().draft).toBeNull();
    expect(st().edits).toEqual({});
    expect(ids()).toContain('backend/api-from-web');
  });

  it('renames, moves and duplicates a policy as edits of its text', () => {
    st().select({ kind: 'policy', id: 'backend/api-egress' });
    st().renamePolicy('backend/api-egress', 'api-out');
    expect(st().selection).toEqual({ kind: 'policy', id: 'backend/api-out' });
    analyse();
    expect(ids()).toContain('backend/api-out');
    expect(ids()).not.toContain('backend/api-egress');

    st().movePolicy('backend/api-out', 'frontend');
    analyse();
    expect(ids()).toContain('frontend/api-out');
    expect(Object.keys(st().edits)).toHaveLength(1);

    st().duplicatePolicy('frontend/api-out');
    analyse();
    expect(ids()).toEqual(expect.arrayContaining(['frontend/api-out', 'frontend/api-out-copy']));
    st().duplicatePolicy('frontend/api-out');
    analyse();
    expect(ids()).toContain('frontend/api-out-copy-2');
  });

  it('a new policy deleted is simply gone (no edit left behind)', () => {
    st().newPolicy(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: fresh, namespace: backend}\nspec: {podSelector: {}}\n',
    );
    st().applyDraft();
    analyse();
    expect(ids()).toContain('backend/fresh');
    st().deletePolicy('backend/fresh');
    analyse();
    expect(ids()).not.toContain('backend/fresh');
    expect(st().edits).toEqual({});
  });

  it('exports every policy in a stable order, and re-imports to the same policies', () => {
    st().deletePolicy('frontend/default-deny-ingress');
    analyse();
    const text = st().exportText('all');
    const before = st().result!.snapshot.policies;
    const again = importTexts([{ name: 'export.yaml', text }]);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.snapshot.policies.map((p) => [p.id, p.spec])).toEqual(before.map((p) => [p.id, p.spec]));
    expect(st().exportText('all')).toBe(text);
    expect(st().exportText({ policyId: 'backend/api-egress' })).toContain('name: api-egress');
    expect(st().exportText({ policyId: 'frontend/default-deny-ingress' })).toBe('');
  });

  it('new workspace empties everything and forgets the history', () => {
    st().deletePolicy('backend/api-egress');
    st().newWorkspace();
    expect(st().sources).toEqual([]);
    expect(st().edits).toEqual({});
    expect(st().canUndo).toBe(false);
    st().undo();
    expect(st().edits).toEqual({});
  });

  it('an import that replaces the workspace replaces its edits; one that adds keeps them', () => {
    st().deletePolicy('backend/api-egress');
    st().importSources([{ name: 'more.yaml', text: 'kind: Namespace\nmetadata: {name: more}\n' }], 'add');
    expect(Object.keys(st().edits)).toHaveLength(1);
    st().editPolicy('backend/allow-dns-egress');
    st().importSources([DEMO_SOURCE], 'replace');
    expect(st().edits).toEqual({});
    expect(st().draft).toBeNull();
    expect(st().canUndo).toBe(false);
  });
});
