import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fdSink, fileSink, memorySink } from './sink';

const dir = mkdtempSync(join(tmpdir(), 'netpol-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fdSink', () => {
  it('writes every chunk in order, multi-byte characters and texts larger than its buffer included', () => {
    const path = join(dir, 'a.txt');
    const fd = openSync(path, 'w');
    const sink = fdSink(fd, { highWater: 1024, owned: true });
    let expected = '';
    for (let i = 0; i < 3000; i++) {
      const line = `é€😀 ${i}\n`;
      sink.write(line);
      expected += line;
    }
    const big = `${'x'.repeat(10_000)}\n`;
    sink.write(big);
    sink.write('end\n');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe(`${expected}${big}end\n`);
  });
  it('interleaves text and bytes in order, bytes larger than its buffer included', () => {
    const path = join(dir, 'c.txt');
    const sink = fdSink(openSync(path, 'w'), { highWater: 1024, owned: true });
    const enc = new TextEncoder();
    let expected = '';
    for (let i = 0; i < 500; i++) {
      sink.write(`t${i}é,`);
      sink.writeBytes(enc.encode(`b${i}€;`));
      expected += `t${i}é,b${i}€;`;
    }
    sink.writeBytes(enc.encode('y'.repeat(5000)));
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe(`${expected}${'y'.repeat(5000)}`);
  });
  it('writes nothing until flushed below its high-water mark', () => {
    const path = join(dir, 'b.txt');
    const sink = fileSink(path);
    sink.write('hello');
    expect(readFileSync(path, 'utf8')).toBe('');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });
});

describe('memorySink', () => {
  it('flushes a chunk each time the buffer passes the high-water mark', () => {
    const sink = memorySink(10);
    for (let i = 0; i < 10; i++) sink.write('12345');
    expect(sink.flushes).toBe(5);
    expect(sink.text()).toBe('12345'.repeat(10));
  });
});
