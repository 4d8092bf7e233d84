import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { closeForTests, loadWorkspace } from './persistence';

type Store = typeof import('./store');

/** A fresh store module, as after a reload of the page. */
async function reload(): Promise<Store['useStudio']> {
  closeForTests();
  vi.resetModules();
  const store: Store = await import('./store');
  return store.useStudio;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('workspace persistence through the store', () => {
  it('loads the demo when nothing is saved, then finds edits, draft and view again after a reload', async () => {
    let useStudio = await reload();
    await useStudio.getState().restoreWorkspace();
    const first = useStudio.getState();
    expect(first.sources.map((s) => s.name)).toEqual(['demo-cluster.yaml']);

    first.setTab('policies');
    first.select({ kind: 'policy', id: 'backend/api-egress' });
    first.setFilters({ labelQuery: 'app=api' });
    useStudio.setState({
      edits: { u1: { uid: 'u1', baseId: 'backend/api-egress', text: null } },
      draft: { uid: 'u2', baseId: null, text: '# mine\n' },
    });
    await vi.waitFor(async () => {
      const saved = await loadWorkspace();
      expect(saved.ok && saved.value?.draft?.text).toBe('# mine\n');
    });
    expect(useStudio.getState().workspaceSavedAt).not.toBeNull();

    useStudio = await reload();
    await useStudio.getState().restoreWorkspace();
    const again = useStudio.getState();
    expect(again.sources).toEqual(first.sources);
    expect(again.edits).toEqual({ u1: { uid: 'u1', baseId: 'backend/api-egress', text: null } });
    expect(again.draft).toEqual({ uid: 'u2', baseId: null, text: '# mine\n' });
    expect(again.tab).toBe('policies');
    expect(again.selection).toEqual({ kind: 'policy', id: 'backend/api-egress' });
    expect(again.filters.labelQuery).toBe('app=api');

    // A new import after the restore does not reuse a restored source id.
    again.importSources([{ name: 'more.yaml', text: 'kind: Namespace\nmetadata: {name: x}\n' }], 'add');
    const idsNow = useStudio.getState().sources.map((s) => s.id);
    expect(new Set(idsNow).size).toBe(idsNow.length);
  });

  it('an emptied workspace stays empty after a reload (no demo)', async () => {
    let useStudio = await reload();
    await useStudio.getState().restoreWorkspace();
    useStudio.getState().newWorkspace();
    await wait(50);
    await vi.waitFor(async () => {
      const saved = await loadWorkspace();
      expect(saved.ok && saved.value?.sources).toEqual([]);
    });
    useStudio = await reload();
    await useStudio.getState().restoreWorkspace();
    expect(useStudio.getState().sources).toEqual([]);
  });
});
