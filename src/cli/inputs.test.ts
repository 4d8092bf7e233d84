import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, STDIN_NAME } from './inputs';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'netpol-inputs-'));
  mkdirSync(join(root, 'dir', 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'dir', 'b.yaml'), 'b');
  writeFileSync(join(root, 'dir', 'a.yml'), 'a');
  writeFileSync(join(root, 'dir', 'c.json'), 'c');
  writeFileSync(join(root, 'dir', 'notes.txt'), 'not a manifest');
  writeFileSync(join(root, 'dir', 'D.YAML'), 'D');
  writeFileSync(join(root, 'dir', 'sub', 'z.yaml'), 'z');
  writeFileSync(join(root, 'dir', 'sub', 'deeper', 'y.yaml'), 'y');
  writeFileSync(join(root, 'plain.txt'), 'given explicitly');
  symlinkSync(join(root, 'dir'), join(root, 'dir', 'sub', 'loop'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const names = (inputs: { name: string }[]) => inputs.map((i) => i.name.slice(root.length + 1));

describe('readInputs', () => {
  it('reads a directory recursively: manifests only, in sorted order, symlink loops skipped', async () => {
    const inputs = await readInputs([join(root, 'dir')]);
    expect(names(inputs)).toEqual([
      'dir/D.YAML',
      'dir/a.yml',
      'dir/b.yaml',
      'dir/c.json',
      'dir/sub/deeper/y.yaml',
      'dir/sub/z.yaml',
    ]);
    expect(inputs.map((i) => i.text)).toEqual(['D', 'a', 'b', 'c', 'y', 'z']);
  });

  it('reads a file given explicitly whatever its extension', async () => {
    expect(await readInputs([join(root, 'plain.txt')])).toEqual([
      { name: join(root, 'plain.txt'), text: 'given explicitly' },
    ]);
  });

  it('keeps the order of the paths given', async () => {
    expect(names(await readInputs([join(root, 'dir', 'c.json'), join(root, 'dir', 'a.yml')]))).toEqual([
      'dir/c.json',
      'dir/a.yml',
    ]);
  });

  it('reads standard input for -, once', async () => {
    const stdin = Readable.from([Buffer.from('kind: '), Buffer.from('Pod\n')]);
    expect(await readInputs(['-', '-'], stdin)).toEqual([{ name: STDIN_NAME, text: 'kind: Pod\n' }]);
  });

  it('fails with a clear message for a missing path', async () => {
    await expect(readInputs([join(root, 'missing.yaml')])).rejects.toThrow(
      `${join(root, 'missing.yaml')}: no such file or directory`,
    );
  });
});
