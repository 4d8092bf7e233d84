import { describe, expect, it } from 'vitest';
import { importTexts } from '../io';
import { importTextsParallel, poolSize, readYamlParallel, type PieceReader } from './parse-pool';
import { readPiece } from './yaml-split';

/** A pool that reads in this thread, through a structured clone as a worker's answer would come. */
const localPool = (size: number, fail = false): PieceReader & { calls: number } => {
  const pool = {
    size,
    calls: 0,
    read(prefix: string, text: string) {
      pool.calls++;
      if (fail) return Promise.reject(new Error('worker died'));
      return Promise.resolve(structuredClone(readPiece(prefix + text)));
    },
  };
  return pool;
};

const bigList = (n: number, broken = -1): string => {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-${i}\n    namespace: ns-${i % 7}\n    labels:\n      app: app-${i % 13}\n  spec:\n    containers:\n    - name: c\n      ports:\n      - containerPort: ${i === broken ? 'x' : 8080}\n  status:\n    podIP: 10.0.${Math.floor(i / 250)}.${i % 250}\n`,
  );
  const ns = Array.from(
    { length: 7 },
    (_, i) => `- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: ns-${i}\n`,
  );
  return `apiVersion: v1\nitems:\n${ns.join('')}${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
};

describe('parse-pool', () => {
  it('imports a big List exactly as importTexts does, diagnostics (file, doc, item, line, column) included', async () => {
    const text = bigList(12_000, 9_000);
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const pool = localPool(2);
    const parallel = await importTextsParallel([{ name: 'big.yaml', text }], pool);
    expect(pool.calls).toBe(2);
    const serial = importTexts([{ name: 'big.yaml', text }]);
    expect(parallel).toEqual(serial);
    expect(serial.diagnostics.some((d) => d.item === 9_007 && d.line !== undefined)).toBe(true);
  });

  it('falls back to the ordinary read when a worker fails', async () => {
    const text = bigList(12_000);
    const pool = localPool(3, true);
    expect(await readYamlParallel(text, pool)).toBeNull();
    const parallel = await importTextsParallel([{ name: 'big.yaml', text }], pool);
    expect(parallel).toEqual(importTexts([{ name: 'big.yaml', text }]));
  });

  it('leaves small texts and JSON to the ordinary read', async () => {
    const pool = localPool(2);
    await importTextsParallel(
      [
        { name: 'a.yaml', text: 'kind: Namespace\nmetadata: {name: a}\n' },
        { name: 'b.json', text: `[${' '.repeat(3 * 1024 * 1024)}]` },
      ],
      pool,
    );
    expect(pool.calls).toBe(0);
  });

  it('starts one fewer parse worker than there are cores, between 1 and 3', () => {
    expect([poolSize(undefined), poolSize(1), poolSize(2), poolSize(4), poolSize(16)]).toEqual([
      1, 1, 1, 3, 3,
    ]);
  });
});
