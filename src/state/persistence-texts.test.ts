import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeForTests, DB_NAME, FORMAT, loadWorkspace, saveWorkspace } from './persistence';

beforeEach(async () => {
  closeForTests();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
  });
});

/** The raw records of the database, by key (as another page would see them). */
async function raw(): Promise<Map<string, unknown>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open'));
  });
  try {
    const store = db.transaction('workspace', 'readonly').objectStore('workspace');
    const [keys, values] = await Promise.all(
      [store.getAllKeys(), store.getAll()].map(
        (req) =>
          new Promise<unknown[]>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(req.error ?? new Error('read'));
          }),
      ),
    );
    return new Map(keys?.map((k, i) => [String(k), values?.[i]]));
  } finally {
    db.close();
  }
}

/** Writes one raw record, as another page (or an older version of the app) would have. */
async function put(key: string, value: unknown): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('workspace');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open'));
  });
  const tx = db.transaction('workspace', 'readwrite');
  tx.objectStore('workspace').put(value, key);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

const view = {};

describe('persistence of the source texts', () => {
  it('keeps each text in its own record, as a Blob, and drops the records of removed sources', async () => {
    const a = { id: 's1', name: 'a.yaml', text: 'a: 1\n' };
    const b = { id: 's2', name: 'b.yaml', text: 'b: 2\n' };
    await saveWorkspace({ sources: [a, b], edits: {}, draft: null, view, savedAt: 1 });
    let records = await raw();
    expect(records.get('sources')).toEqual([
      { id: 's1', name: 'a.yaml' },
      { id: 's2', name: 'b.yaml' },
    ]);
    expect(records.get('text:s1')).toBeInstanceOf(Blob);
    expect(await (records.get('text:s2') as Blob).text()).toBe('b: 2\n');

    await saveWorkspace({ sources: [b], edits: {}, draft: null, view, savedAt: 2 });
    records = await raw();
    expect([...records.keys()].sort()).toEqual(['sources', 'state', 'text:s2']);
    const loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources).toEqual([b]);
  });

  it('writes an unchanged source once, and again when its text changes (the live source)', async () => {
    const live = { id: 'live', name: 'cluster', text: 'kind: Namespace\n' };
    await saveWorkspace({ sources: [live], edits: {}, draft: null, view, savedAt: 1 });
    // Another writer changes the record: a save of the same source does not write it again.
    await put('text:live', new Blob(['# untouched since\n']));
    await saveWorkspace({ sources: [{ ...live }], edits: {}, draft: null, view, savedAt: 2 });
    let loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources[0]?.text).toBe('# untouched since\n');

    const changed = { ...live, text: 'kind: Namespace\nmetadata: {name: b}\n' };
    await saveWorkspace({ sources: [changed], edits: {}, draft: null, view, savedAt: 3 });
    closeForTests();
    loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources).toEqual([changed]);
  });

  it('round-trips a text of several megabytes with a surrogate pair on a slice boundary', async () => {
    // Texts are encoded in slices of 2^19 characters: the first boundary falls inside an emoji.
    const text = 'x'.repeat((1 << 19) - 1) + '😀' + 'ä'.repeat(1 << 20) + '😀\n';
    const big = { id: 's9', name: 'big.yaml', text };
    await saveWorkspace({ sources: [big], edits: {}, draft: null, view, savedAt: 1 });
    closeForTests();
    const loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources[0]?.text === text).toBe(true);
  });

  it('saves the file a source was read from as its text record', async () => {
    const file = new Blob(['kind: Namespace\nmetadata: {name: f}\n']);
    const text = await file.text();
    await saveWorkspace({
      sources: [{ id: 's4', name: 'f.yaml', text, blob: file }],
      edits: {},
      draft: null,
      view,
      savedAt: 1,
    });
    const records = await raw();
    expect(await (records.get('text:s4') as Blob).text()).toBe(text);
    closeForTests();
    const loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources).toEqual([{ id: 's4', name: 'f.yaml', text }]);
  });

  it('reads a workspace saved with its texts inline (the first layout)', async () => {
    const a = { id: 's1', name: 'a.yaml', text: 'a: 1\n' };
    await put('sources', [a]);
    await put('state', { format: FORMAT, edits: {}, draft: null, view: {}, savedAt: 5 });
    const loaded = await loadWorkspace();
    expect(loaded.ok && loaded.value?.sources).toEqual([a]);
  });
});
