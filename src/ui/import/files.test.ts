import { describe, expect, it } from 'vitest';
import {
  acceptsFolderFile,
  formatBytes,
  isHiddenPath,
  pastedName,
  pickFiles,
  readDropped,
  textSize,
  uniqueNames,
  type DroppedItem,
} from './files';

function fileAt(path: string, text: string): File {
  const name = path.split('/').pop() ?? path;
  const file = new File([text], name);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

/** A fake file-system tree as Chromium hands it to a drop: readEntries answers in batches of 2. */
function fakeEntry(path: string, tree: string | Record<string, unknown>): FileSystemEntry {
  const name = path.split('/').pop() ?? '';
  if (typeof tree === 'string') {
    return {
      name,
      fullPath: `/${path}`,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void) => ok(new File([tree], name)),
    } as unknown as FileSystemEntry;
  }
  const children = Object.entries(tree).map(([child, sub]) =>
    fakeEntry(`${path}/${child}`, sub as string | Record<string, unknown>),
  );
  return {
    name,
    fullPath: `/${path}`,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) => {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  } as unknown as FileSystemEntry;
}

describe('import files', () => {
  it('keeps only visible YAML and JSON files inside folders', () => {
    expect(acceptsFolderFile('app/deploy.yaml')).toBe(true);
    expect(acceptsFolderFile('app/deploy.YML')).toBe(true);
    expect(acceptsFolderFile('list.json')).toBe(true);
    expect(acceptsFolderFile('README.md')).toBe(false);
    expect(acceptsFolderFile('.github/workflows/ci.yml')).toBe(false);
    expect(isHiddenPath('a/.git/config')).toBe(true);
    expect(isHiddenPath('a/b.yaml')).toBe(false);
  });

  it('formats sizes as file managers do', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(52.4 * 1024 * 1024)).toBe('52 MB');
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB');
  });

  it('measures the UTF-8 size of a text', () => {
    expect(textSize('é€😀')).toBe(2 + 3 + 4);
    expect(textSize('a\ud800b')).toBe(1 + 3 + 1);
    expect(textSize('x'.repeat(2 * 1024 * 1024))).toBe(2 * 1024 * 1024);
    const sample = 'kind: Pod # é€😀\n'.repeat(100);
    expect(textSize(sample)).toBe(new TextEncoder().encode(sample).length);
  });

  it('names a pasted text after what it looks like', () => {
    expect(pastedName('  {"kind": "List"}')).toBe('pasted.json');
    expect(pastedName('\n[1]')).toBe('pasted.json');
    expect(pastedName('apiVersion: v1')).toBe('pasted.yaml');
    expect(pastedName('')).toBe('pasted.yaml');
  });

  it('gives clashing names a number before their extension', () => {
    expect(uniqueNames(['a.yaml', 'b'], ['a.yaml', 'a.yaml', 'b', 'c.json'])).toEqual([
      'a (2).yaml',
      'a (3).yaml',
      'b (2)',
      'c.json',
    ]);
    expect(uniqueNames([], ['dir.v1/x', 'dir.v1/x'])).toEqual(['dir.v1/x', 'dir.v1/x (2)']);
    expect(uniqueNames([], [' '])).toEqual(['untitled.yaml']);
  });

  it('takes picked files by name, and folder files by relative path, skipping non-manifests', async () => {
    const picked = pickFiles([fileAt('x/notes.txt', 'hi'), fileAt('x/a.yaml', 'kind: Pod')], false);
    expect(picked.files.map((f) => f.name)).toEqual(['notes.txt', 'a.yaml']);
    const folder = pickFiles(
      [fileAt('x/notes.txt', 'hi'), fileAt('x/a.yaml', 'kind: Pod'), fileAt('x/.hidden/b.yaml', '')],
      true,
    );
    expect(folder.files.map((f) => f.name)).toEqual(['x/a.yaml']);
    expect(folder.skipped).toEqual(['x/notes.txt', 'x/.hidden/b.yaml']);
    expect(await folder.files[0]?.read()).toBe('kind: Pod');
    expect(folder.files[0]?.size).toBe(9);
  });

  it('walks dropped folders in path order, reading every batch of entries', async () => {
    const items: DroppedItem[] = [
      {
        kind: 'entry',
        entry: fakeEntry('manifests', {
          'b.yaml': 'b',
          'a.yml': 'a',
          'readme.md': '#',
          '.git': { 'config.yaml': 'x' },
          sub: { 'c.json': '{}', 'd.yaml': 'd' },
        }),
      },
      { kind: 'entry', entry: fakeEntry('loose.txt', 'text') },
      { kind: 'file', file: new File(['p'], 'plain.yaml') },
    ];
    const picked = await readDropped(items);
    expect(picked.files.map((f) => f.name)).toEqual([
      'manifests/a.yml',
      'manifests/b.yaml',
      'manifests/sub/c.json',
      'manifests/sub/d.yaml',
      'loose.txt',
      'plain.yaml',
    ]);
    expect(picked.skipped).toEqual(['manifests/.git/', 'manifests/readme.md']);
    expect(await Promise.all(picked.files.map((f) => f.read()))).toEqual(['a', 'b', '{}', 'd', 'text', 'p']);
  });
});
