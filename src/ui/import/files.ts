/**
 * Plain helpers of the import flows: which files count as manifests, their names in the workspace,
 * sizes for people, and reading what was picked or dropped (files, folders) into texts. No React.
 */

/** A file waiting to be imported: its name in the workspace, its size, and how to read it. */
export interface PendingFile {
  readonly name: string;
  readonly size: number;
  read(): Promise<string>;
  /** The file itself: the analysis worker reads it there (handing it over costs nothing). */
  readonly blob?: Blob;
}

/** What was picked or dropped: the files to import, and the names skipped inside folders. */
export interface Picked {
  readonly files: readonly PendingFile[];
  readonly skipped: readonly string[];
}

const MANIFEST_NAME = /\.(ya?ml|json)$/i;

/** Whether a name looks like a YAML or JSON manifest. */
export function isManifestName(name: string): boolean {
  return MANIFEST_NAME.test(name);
}

/** Whether a relative path goes through a hidden file or folder (`.git/`, `.github/`, `.env.yaml`). */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..');
}

/**
 * Inside a folder, only visible `*.yaml`, `*.yml` and `*.json` files are manifests. Files picked
 * or dropped one by one are taken whatever their name: the person chose them.
 */
export function acceptsFolderFile(path: string): boolean {
  return isManifestName(path) && !isHiddenPath(path);
}

/** `0 B`, `812 B`, `12.3 KB`, `52.4 MB` (powers of 1024, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A count with thousands separators: 1,234,567. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 file`, `3 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Texts up to this length are measured exactly; longer ones by their length. */
const EXACT_SIZE_LIMIT = 1024 * 1024;

/**
 * The UTF-8 size of a text in bytes, for display. Exact up to 1 Mi characters; beyond, the
 * character count (manifests are ASCII but for the odd comment), because measuring 50 MB exactly
 * costs half a second of main thread (a Blob copies and encodes it all).
 */
export function textSize(text: string): number {
  if (text.length > EXACT_SIZE_LIMIT) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2; // a pair: 2 units, 4 bytes
        i++;
      } else bytes += 2; // a lone surrogate is written as U+FFFD, 3 bytes
    } else bytes += 2;
  }
  return bytes;
}

/** The name of a pasted text: `pasted.json` when it looks like JSON, else `pasted.yaml`. */
export function pastedName(text: string): string {
  const first = /\S/.exec(text.slice(0, 4096))?.[0];
  return first === '{' || first === '[' ? 'pasted.json' : 'pasted.yaml';
}

/**
 * Names for new sources that clash neither with `existing` nor with each other: the second
 * `a.yaml` becomes `a (2).yaml`. Diagnostics and the source viewer find a source by its name.
 */
export function uniqueNames(existing: Iterable<string>, names: readonly string[]): string[] {
  const taken = new Set(existing);
  return names.map((name) => {
    let candidate = name.trim() === '' ? 'untitled.yaml' : name;
    if (taken.has(candidate)) {
      const dot = candidate.lastIndexOf('.');
      const stem = dot > 0 && !candidate.slice(dot).includes('/') ? candidate.slice(0, dot) : candidate;
      const ext = stem === candidate ? '' : candidate.slice(dot);
      for (let n = 2; taken.has(candidate); n++) candidate = `${stem} (${n})${ext}`;
    }
    taken.add(candidate);
    return candidate;
  });
}

/** Bytes decoded per task when a big file is read (a few milliseconds each). */
const DECODE_SLICE = 1 << 22;

const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * A file's text, as `Blob.text()` gives it (UTF-8, a leading BOM dropped, bad bytes replaced),
 * but a big file is decoded a slice per task: 60 MB in one go blocks the page for ~100 ms or more.
 */
export async function readText(file: Blob): Promise<string> {
  if (file.size <= DECODE_SLICE) return file.text();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
    parts.push(decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true }));
    await nextTask();
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function pendingOf(file: File, name: string): PendingFile {
  return { name, size: file.size, read: () => readText(file), blob: file };
}

/**
 * The files of an `<input type=file>`. With `folder` (a `webkitdirectory` input) the names are
 * the paths relative to the picked folder, and only manifests are kept.
 */
export function pickFiles(list: ArrayLike<File>, folder: boolean): Picked {
  const files: PendingFile[] = [];
  const skipped: string[] = [];
  for (const file of Array.from(list)) {
    const name = folder && file.webkitRelativePath ? file.webkitRelativePath : file.name;
    if (folder && !acceptsFolderFile(name)) skipped.push(name);
    else files.push(pendingOf(file, name));
  }
  return { files, skipped };
}

/** One dropped item, taken from the DataTransfer while the drop event lasts. */
export type DroppedItem =
  | { readonly kind: 'entry'; readonly entry: FileSystemEntry }
  | { readonly kind: 'file'; readonly file: File };

/**
 * Takes what a drop carries, synchronously (a DataTransfer is emptied when its event ends):
 * file-system entries where the browser gives them (they reveal folders), else plain files.
 */
export function droppedItems(transfer: DataTransfer): DroppedItem[] {
  const out: DroppedItem[] = [];
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) {
    for (const file of Array.from(transfer.files ?? [])) out.push({ kind: 'file', file });
    return out;
  }
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      out.push({ kind: 'entry', entry });
      continue;
    }
    const file = item.getAsFile();
    if (file) out.push({ kind: 'file', file });
  }
  return out;
}

const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a folder: readEntries answers in batches (100 in Chromium) until an empty one. */
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const relative = (entry: FileSystemEntry): string => entry.fullPath.replace(/^\/+/, '') || entry.name;

/**
 * Reads dropped items into pending files: folders are walked (names are their relative paths,
 * only manifests kept, in path order); files dropped directly are taken as they are.
 */
export async function readDropped(items: readonly DroppedItem[]): Promise<Picked> {
  const files: PendingFile[] = [];
  const skipped: string[] = [];
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (isDirectory(entry)) {
      if (inFolder && isHiddenPath(entry.name)) {
        skipped.push(`${relative(entry)}/`);
        return;
      }
      const children = await childrenOf(entry);
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) await walk(child, true);
    } else if (isFile(entry)) {
      const name = inFolder ? relative(entry) : entry.name;
      if (inFolder && !acceptsFolderFile(name)) {
        skipped.push(name);
        return;
      }
      files.push(pendingOf(await fileOf(entry), name));
    }
  };
  for (const item of items) {
    if (item.kind === 'file') files.push(pendingOf(item.file, item.file.name));
    else await walk(item.entry, false);
  }
  return { files, skipped };
}

/** Whether a drag carries files (not text or a link dragged within the page). */
export function dragHasFiles(transfer: DataTransfer | null): boolean {
  return !!transfer && Array.from(transfer.types).includes('Files');
}
