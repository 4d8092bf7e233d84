/**
 * The workspace saved in the browser's IndexedDB (sources can be 60 MB: far beyond localStorage):
 * the sources, the edits, the draft and the view (tab, selection, filters). The theme is kept
 * apart, in localStorage, so that it applies before the first paint (ui/app/theme.ts).
 *
 * Every failure (no IndexedDB, a private mode, a full quota) is returned as a message, never thrown.
 */
import type { Draft, PolicyEdit } from '../worker/overlay';

export const DB_NAME = 'netpol-studio';
const DB_VERSION = 1;
const STORE = 'workspace';
/** The format of what is saved; a saved workspace of another format is not read. */
export const FORMAT = 1;

export interface SavedSource {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  /** The file the text was read from: saved as it is, instead of encoding the text again. */
  readonly blob?: Blob;
}

/** The view as saved; every field is checked when read back. */
export interface SavedView {
  readonly tab?: unknown;
  readonly selection?: unknown;
  readonly filters?: unknown;
}

export interface SavedWorkspace {
  readonly sources: readonly SavedSource[];
  readonly edits: Readonly<Record<string, PolicyEdit>>;
  readonly draft: Draft | null;
  readonly view: SavedView;
  readonly savedAt: number;
}

/** What to save: `sources` only when they changed since the last save (they can be big). */
export interface SavePart {
  readonly sources?: readonly SavedSource[];
  readonly edits: Readonly<Record<string, PolicyEdit>>;
  readonly draft: Draft | null;
  readonly view: SavedView;
  readonly savedAt: number;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err) {
    const name = String((err as { name: unknown }).name);
    if (name === 'QuotaExceededError') return 'the browser has no room left for it (storage quota full)';
    const message = 'message' in err ? String((err as { message: unknown }).message) : '';
    return message ? `${name}: ${message}` : name;
  }
  return String(err);
}

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB'));
      return;
    }
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('the transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
  });
}

function get(store: IDBObjectStore, key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = store.get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`reading ${key} failed`));
  });
}

/** The key of a source's text: each text is its own record, written once (sources are immutable per id). */
const TEXT_PREFIX = 'text:';
/** Characters encoded per task when a text becomes a Blob (a few milliseconds each). */
const BLOB_CHUNK = 1 << 19;
/** The text last written under each source id's key, so an unchanged source is never written again. */
const writtenTexts = new Map<string, string>();

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The text as a Blob, encoded a slice per task (a 60 MB text in one go, or as an IndexedDB string
 * value, blocks the page for hundreds of milliseconds); IndexedDB then stores the Blob off the page.
 * Slices never split a surrogate pair. Without Blobs (old engines), the text itself.
 */
async function textValue(text: string): Promise<Blob | string> {
  if (typeof Blob !== 'function' || text.length <= BLOB_CHUNK)
    return typeof Blob === 'function' ? new Blob([text]) : text;
  const parts: Blob[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + BLOB_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(new Blob([text.slice(at, end)]));
    at = end;
    if (at < text.length) await nextTask();
  }
  return new Blob(parts);
}

/** Saves the workspace (one transaction: all of it or nothing). */
export async function saveWorkspace(part: SavePart): Promise<Result<number>> {
  try {
    const db = await openDb();
    const texts = new Map<string, Blob | string>();
    if (part.sources)
      for (const s of part.sources)
        if (writtenTexts.get(s.id) !== s.text && !texts.has(s.id))
          texts.set(s.id, s.blob ?? (await textValue(s.text)));
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    if (part.sources) {
      const ids = new Set(part.sources.map((s) => s.id));
      store.put(
        part.sources.map((s) => ({ id: s.id, name: s.name })),
        'sources',
      );
      for (const [id, value] of texts) store.put(value, TEXT_PREFIX + id);
      // The texts of sources no longer in the workspace go.
      const keys = store.getAllKeys();
      keys.onsuccess = () => {
        for (const key of keys.result)
          if (
            typeof key === 'string' &&
            key.startsWith(TEXT_PREFIX) &&
            !ids.has(key.slice(TEXT_PREFIX.length))
          )
            store.delete(key);
      };
    }
    store.put(
      { format: FORMAT, edits: part.edits, draft: part.draft, view: part.view, savedAt: part.savedAt },
      'state',
    );
    await done(tx);
    if (part.sources) {
      writtenTexts.clear();
      for (const s of part.sources) writtenTexts.set(s.id, s.text);
    }
    return { ok: true, value: part.savedAt };
  } catch (err) {
    return { ok: false, message: `The workspace could not be saved in this browser: ${describeError(err)}.` };
  }
}

function isEdit(v: unknown): v is PolicyEdit {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e['uid'] === 'string' &&
    (e['baseId'] === null || typeof e['baseId'] === 'string') &&
    (e['text'] === null || typeof e['text'] === 'string')
  );
}

function isDraft(v: unknown): v is Draft {
  return isEdit(v) && typeof (v as { text: unknown }).text === 'string';
}

function isSource(v: unknown): v is SavedSource {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return typeof s['id'] === 'string' && typeof s['name'] === 'string' && typeof s['text'] === 'string';
}

/** Checks what was read: anything malformed is dropped, never trusted. */
export function readSaved(sources: unknown, state: unknown): SavedWorkspace | null {
  if (!state || typeof state !== 'object') return null;
  const st = state as Record<string, unknown>;
  if (st['format'] !== FORMAT) return null;
  const edits: Record<string, PolicyEdit> = {};
  const rawEdits = st['edits'];
  if (rawEdits && typeof rawEdits === 'object')
    for (const [uid, e] of Object.entries(rawEdits)) if (isEdit(e) && e.uid === uid) edits[uid] = e;
  const view = st['view'] && typeof st['view'] === 'object' ? (st['view'] as SavedView) : {};
  return {
    sources: Array.isArray(sources) ? sources.filter(isSource) : [],
    edits,
    draft: isDraft(st['draft']) ? st['draft'] : null,
    view,
    savedAt: typeof st['savedAt'] === 'number' ? st['savedAt'] : 0,
  };
}

/**
 * The saved sources with their texts: each text is read from its own record (a Blob, decoded off
 * the page); a source saved with its text inline (the first layout) is read as it is.
 */
async function withTexts(db: IDBDatabase, sources: unknown): Promise<unknown> {
  if (!Array.isArray(sources)) return sources;
  const tx = db.transaction(STORE, 'readonly');
  const store = tx.objectStore(STORE);
  const values = await Promise.all(
    sources.map((s: unknown) =>
      s && typeof s === 'object' && typeof (s as { text?: unknown }).text !== 'string'
        ? get(store, TEXT_PREFIX + String((s as { id?: unknown }).id))
        : Promise.resolve(undefined),
    ),
  );
  const read = await Promise.all(
    values.map((v) => (typeof Blob === 'function' && v instanceof Blob ? v.text() : Promise.resolve(v))),
  );
  return sources.map((s: unknown, i) => {
    const text = read[i];
    if (typeof text !== 'string' || !s || typeof s !== 'object') return s;
    const source = s as { id?: unknown };
    if (typeof source.id === 'string') writtenTexts.set(source.id, text);
    return { ...s, text };
  });
}

/** The saved workspace, or null when none is saved. */
export async function loadWorkspace(): Promise<Result<SavedWorkspace | null>> {
  try {
    const db = await openDb();
    const tx = db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const [sources, state] = await Promise.all([get(store, 'sources'), get(store, 'state')]);
    return { ok: true, value: readSaved(await withTexts(db, sources), state) };
  } catch (err) {
    return { ok: false, message: `The saved workspace could not be read: ${describeError(err)}.` };
  }
}

/** Forgets the connection (tests open a fresh database after deleting it). */
export function closeForTests(): void {
  void opening?.then((db) => db.close());
  opening = null;
  writtenTexts.clear();
}
