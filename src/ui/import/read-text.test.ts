import { describe, expect, it } from 'vitest';
import { readText } from './files';

const MB4 = 1 << 22;

describe('reading a big file', () => {
  it('gives the text Blob.text() gives, with multi-byte characters across every slice boundary', async () => {
    // 'x' fill then a 4-byte emoji and a 2-byte letter straddling the 4 MiB boundaries.
    const bytes: BlobPart[] = [
      '\uFEFF',
      'x'.repeat(MB4 - 5),
      '😀ä',
      'ä'.repeat(MB4 / 2 - 3),
      '😀\n',
      new Uint8Array([0xff, 0x41]),
      'tail',
    ];
    const blob = new Blob(bytes);
    expect(blob.size).toBeGreaterThan(2 * MB4);
    const text = await readText(blob);
    expect(text === (await blob.text())).toBe(true);
    expect(text.startsWith('xxx')).toBe(true);
    expect(text.endsWith('😀\n\uFFFDAtail')).toBe(true);
  });

  it('reads a small file in one go', async () => {
    expect(await readText(new Blob(['kind: Namespace\n']))).toBe('kind: Namespace\n');
  });
});
