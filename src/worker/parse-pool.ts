/**
 * Reading big YAML texts in parallel: the analysis worker cuts a text into pieces that parse on
 * their own (yaml-split.ts), hands all but one to a small pool of parse workers, reads the last
 * one itself, and merges the results into exactly what one read of the whole text gives. The
 * importer then runs as the CLI runs it (`importTexts`), answered from those results.
 *
 * Anything unusual (a piece that does not read cleanly, a worker that fails, no Worker at all)
 * falls back to the ordinary read, so the outcome never depends on the pool.
 */
import { importTexts, type ImportResult, type SourceText } from '../io';
import { withReadAhead, type ReadResult } from '../io/yaml-read';
import {
  mergePieces,
  pieceText,
  planSplit,
  readPiece,
  type PieceRequest,
  type PieceResponse,
  type PieceResult,
} from './yaml-split';

/** Reads pieces somewhere else. */
export interface PieceReader {
  /** How many pieces it reads at once. */
  readonly size: number;
  read(prefix: string, text: string): Promise<PieceResult>;
  /** Starts the workers ahead of the first read (their code loaded and compiled by then). */
  prestart?(): void;
}

/** How many parse workers to start: one fewer than the cores (this worker reads a piece too), 1 to 3. */
export function poolSize(cores: number | undefined): number {
  return Math.min(3, Math.max(1, (cores ?? 2) - 1));
}

/** A pool of parse workers, started on first use and kept for the next analyses. */
export function createWorkerPool(size: number): PieceReader {
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: PieceResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let turn = 0;
  const start = (): Worker => {
    const w = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<PieceResponse>) => {
      const msg = event.data;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve('json' in msg ? (JSON.parse(msg.json) as PieceResult) : msg.result);
    };
    w.onerror = (event) => {
      event.preventDefault();
      for (const p of pending.values()) p.reject(new Error(event.message || 'a parse worker failed'));
      pending.clear();
      const i = workers.indexOf(w);
      if (i >= 0) workers.splice(i, 1);
      w.terminate();
    };
    return w;
  };
  return {
    size,
    prestart() {
      while (workers.length < size) workers.push(start());
    },
    read(prefix, text) {
      while (workers.length < size) workers.push(start());
      const w = workers[turn++ % workers.length] as Worker;
      const id = nextId++;
      return new Promise<PieceResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, prefix, text } satisfies PieceRequest);
      });
    },
  };
}

/**
 * Reads one YAML text with the pool's help; null when it is better read the ordinary way (small,
 * one piece, a piece that did not read cleanly, a failed worker).
 */
export async function readYamlParallel(text: string, pool: PieceReader): Promise<ReadResult | null> {
  const plan = planSplit(text, pool.size + 1);
  if (!plan) return null;
  const [mine, ...theirs] = plan.pieces;
  if (!mine) return null;
  try {
    const others = theirs.map((p) => pool.read(p.prefix, text.slice(p.start, p.end)));
    // Do not leave a rejection unhandled while this worker reads its own piece.
    for (const o of others) o.catch(() => undefined);
    const own = readPiece(pieceText(text, mine));
    return mergePieces(plan, [own, ...(await Promise.all(others))]);
  } catch {
    return null;
  }
}

let shared: PieceReader | null | undefined;

/** This worker's pool, started on first use; null where a worker cannot start workers. */
export function sharedPool(): PieceReader | null {
  if (shared === undefined) {
    shared =
      typeof Worker === 'function'
        ? createWorkerPool(poolSize(globalThis.navigator?.hardwareConcurrency))
        : null;
  }
  return shared;
}

/** A text and what reading it gave, for `withReadAhead`. */
export interface ReadAhead {
  readonly text: string;
  readonly result: ReadResult;
}

/**
 * Reads the big YAML texts among `texts` in parallel; run the parse inside
 * `withReadAhead(entries, ...)` and `readYaml` answers from these results.
 */
export async function readAhead(
  texts: readonly string[],
  pool: PieceReader | null = sharedPool(),
): Promise<ReadAhead[]> {
  const out: ReadAhead[] = [];
  if (!pool) return out;
  // The first analysis (the demo) starts the pool, so a big import later does not wait for it.
  pool.prestart?.();
  for (const text of texts) {
    if (isJsonLike(text)) continue;
    const result = await readYamlParallel(text, pool);
    if (result) out.push({ text, result });
  }
  return out;
}

export { withReadAhead };

const isJsonLike = (text: string): boolean => {
  const m = /^[\s\uFEFF]*(.)/.exec(text.slice(0, 4096));
  return m?.[1] === '{' || m?.[1] === '[';
};

/**
 * `importTexts`, with the big YAML sources read in parallel first. The result is the one
 * `importTexts(sources)` gives (the CLI's), whatever the pool does.
 */
export async function importTextsParallel(
  sources: readonly SourceText[],
  pool: PieceReader | null,
): Promise<ImportResult> {
  const ahead = await readAhead(
    sources.map((s) => s.text),
    pool,
  );
  return ahead.length > 0 ? withReadAhead(ahead, () => importTexts(sources)) : importTexts(sources);
}
