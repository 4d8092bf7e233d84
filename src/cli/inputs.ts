/**
 * The CLI's PATH arguments to texts: files as given, directories read recursively (`*.yaml`,
 * `*.yml`, `*.json`, in sorted order so the result never depends on the file system), and `-` for
 * standard input. A missing or unreadable path is an error naming it.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface InputText {
  readonly name: string;
  readonly text: string;
}

export const STDIN_NAME = '<stdin>';
const MANIFEST = /\.(ya?ml|json)$/i;
/** Larger files cannot become one JavaScript string (and would take minutes to read anyway). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readOne(path: string, size: number): Promise<InputText> {
  if (size > MAX_FILE_BYTES) {
    throw new Error(`${path}: file too large (${size} bytes; the limit is ${MAX_FILE_BYTES} bytes)`);
  }
  try {
    return { name: path, text: await readFile(path, 'utf8') };
  } catch (e) {
    throw new Error(`${path}: ${reason(e)}`, { cause: e });
  }
}

/** Manifest files under `dir`, depth first, entries in sorted order; symlink loops are skipped. */
async function walk(dir: string, seen: Set<string>, out: InputText[]): Promise<void> {
  let real: string;
  let entries: string[];
  try {
    real = await realpath(dir);
    entries = await readdir(dir);
  } catch (e) {
    throw new Error(`${dir}: ${reason(e)}`, { cause: e });
  }
  if (seen.has(real)) return;
  seen.add(real);
  for (const entry of entries.sort(byString)) {
    const path = join(dir, entry);
    let info;
    try {
      info = await stat(path);
    } catch {
      continue; // a dangling symlink inside a directory is not an input
    }
    if (info.isDirectory()) await walk(path, seen, out);
    else if (info.isFile() && MANIFEST.test(entry)) out.push(await readOne(path, info.size));
  }
}

/**
 * Reads every PATH in order. `stdin` is a parameter for tests; standard input is read once, even
 * if `-` is given twice.
 */
export async function readInputs(
  paths: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<InputText[]> {
  const out: InputText[] = [];
  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (!stdinRead) out.push({ name: STDIN_NAME, text: await readStream(stdin) });
      stdinRead = true;
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      throw new Error(`${path}: ${reason(e)}`, { cause: e });
    }
    if (info.isDirectory()) await walk(path, new Set(), out);
    else out.push(await readOne(path, info.size));
  }
  return out;
}
