import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MalformedLineError, readJsonLines } from './ndjson';

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

/** Cuts bytes at the given offsets (sorted, deduplicated, inside the array). */
function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const at = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const o of [...at, bytes.length]) {
    parts.push(bytes.slice(from, o));
    from = o;
  }
  return parts;
}

async function collect(body: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of readJsonLines(body)) out.push(v);
  return out;
}

describe('LineSplitter', () => {
  it('gives the same lines however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }).filter((s) => !s.includes('\n') && s.trim() !== '')),
        fc.array(fc.nat()),
        (lines, offsets) => {
          const text = lines.map((l) => `${l}\n`).join('');
          const splitter = new LineSplitter();
          const got: string[] = [];
          const at = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const o of [...at, text.length]) {
            got.push(...splitter.push(text.slice(from, o)));
            from = o;
          }
          got.push(...splitter.end());
          expect(got).toEqual(lines);
        },
      ),
    );
  });
});

describe('readJsonLines', () => {
  it('reads watch events split anywhere, even inside a UTF-8 character, and a last line without newline', async () => {
    const events = [
      { type: 'ADDED', object: { metadata: { name: 'café-☕' } } },
      { type: 'BOOKMARK', object: { metadata: { resourceVersion: '12' } } },
      { type: 'DELETED', object: { metadata: { name: 'x' } } },
    ];
    const text = events.map((e) => JSON.stringify(e)).join('\n');
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), async (offsets) => {
        expect(await collect(streamOf(cut(bytes, offsets)))).toEqual(events);
      }),
    );
  });

  it('fails on a line that is not JSON, quoting it', async () => {
    const body = streamOf([new TextEncoder().encode('{"type":"ADDED","object":{}}\n<html>oops</html>\n')]);
    await expect(collect(body)).rejects.toThrow(MalformedLineError);
    const again = streamOf([new TextEncoder().encode('<html>oops</html>\n')]);
    await expect(collect(again)).rejects.toThrow('a watch event is not JSON: <html>oops</html>');
  });
});
