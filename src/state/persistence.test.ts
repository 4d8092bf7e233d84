import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeForTests, DB_NAME, FORMAT, loadWorkspace, readSaved, saveWorkspace } from './persistence';

beforeEach(async () => {
  closeForTests();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
  });
});

const edits = {
  u1: { uid: 'u1', baseId: 'ns/a', text: null },
  u2: { uid: 'u2', baseId: null, text: 'kind: NetworkPolicy\n' },
};

describe('persistence', () => {
  it('has nothing saved at first', async () => {
    expect(await loadWorkspace()).toEqual({ ok: true, value: null });
  });

  it('round-trips sources, edits, draft and view', async () => {
    const sources = [{ id: 's3', name: 'big.yaml', text: 'x'.repeat(1 << 20) }];
    const draft = { uid: 'u3', baseId: 'ns/b', text: '# draft\n' };
    const view = {
      tab: 'policies',
      selection: { kind: 'policy', id: 'ns/b' },
      filters: { labelQuery: 'app' },
    };
    expect(await saveWorkspace({ sources, edits, draft, view, savedAt: 42 })).toEqual({
      ok: true,
      value: 42,
    });
    const loaded = await loadWorkspace();
    expect(loaded).toEqual({ ok: true, value: { sources, edits, draft, view, savedAt: 42 } });
  });

  it('keeps the saved sources when a save leaves them out', async () => {
    const sources = [{ id: 's1', name: 'a.yaml', text: 'a: 1\n' }];
    await saveWorkspace({ sources, edits: {}, draft: null, view: {}, savedAt: 1 });
    await saveWorkspace({ edits, draft: null, view: {}, savedAt: 2 });
    const loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources).toEqual(sources);
    expect(loaded.ok && loaded.value?.edits).toEqual(edits);
  });

  it('drops what is malformed instead of trusting it', () => {
    const read = readSaved([{ id: 's1', name: 'a', text: 'x' }, { id: 2 }, null], {
      format: FORMAT,
      edits: { u1: edits.u1, bad: { uid: 'other', baseId: null, text: 'x' }, worse: 7 },
      draft: { uid: 'd', baseId: null, text: null },
      view: 'nope',
      savedAt: 'later',
    });
    expect(read).toEqual({
      sources: [{ id: 's1', name: 'a', text: 'x' }],
      edits: { u1: edits.u1 },
      draft: null,
      view: {},
      savedAt: 0,
    });
    expect(readSaved([], { format: FORMAT + 1 })).toBeNull();
    expect(readSaved(undefined, undefined)).toBeNull();
  });

  it('reports a failing IndexedDB as a message, never a throw', async () => {
    closeForTests();
    const real = globalThis.indexedDB;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const saved = await saveWorkspace({ edits: {}, draft: null, view: {}, savedAt: 1 });
      expect(saved).toEqual({
        ok: false,
        message: expect.stringMatching(/could not be saved.*no IndexedDB/),
      });
      const loaded = await loadWorkspace();
      expect(loaded).toEqual({ ok: false, message: expect.stringMatching(/could not be read/) });
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: real, configurable: true });
      closeForTests();
    }
  });

  it('names a full quota plainly', async () => {
    const real = globalThis.indexedDB;
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    closeForTests();
    Object.defineProperty(globalThis, 'indexedDB', {
      value: {
        open: () => {
          throw quota;
        },
      },
      configurable: true,
    });
    try {
      const saved = await saveWorkspace({ edits: {}, draft: null, view: {}, savedAt: 1 });
      expect(saved).toEqual({ ok: false, message: expect.stringMatching(/no room left.*quota/) });
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: real, configurable: true });
      closeForTests();
    }
  });
});
