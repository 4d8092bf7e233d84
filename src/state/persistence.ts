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

/** Saves the workspace (one transaction: all of it or nothing). */
export async function saveWorkspace(part: SavePart): Promise<Result<number>> {
  try {
    const db = await openDb();
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    if (part.sources) store.put(part.sources, 'sources');
    store.put(
      { format: FORMAT, edits: part.edits, draft: part.draft, view: part.view, savedAt: part.savedAt },
      'state',
    );
    await done(tx);
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

/** The saved workspace, or null when none is saved. */
export async function loadWorkspace(): Promise<Result<SavedWorkspace | null>> {
  try {
    const db = await openDb();
    const tx = db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const [sources, state] = await Promise.all([get(store, 'sources'), get(store, 'state')]);
    return { ok: true, value: readSaved(sources, state) };
  } catch (err) {
    return { ok: false, message: `The saved workspace could not be read: ${describeError(err)}.` };
  }
}

/** Forgets the connection (tests open a fresh database after deleting it). */
export function closeForTests(): void {
  void opening?.then((db) => db.close());
  opening = null;
}
