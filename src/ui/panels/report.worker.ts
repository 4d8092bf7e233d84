/// <reference lib="webworker" />
/**
 * Writes the full connectivity report (JSON or CSV, the CLI's formats) off the main thread,
 * reporting progress as pairs are written.
 *
 * Where it goes: a file of the origin-private file system, written synchronously (the engine
 * hands pairs to a synchronous visitor), so a report of millions of pairs (gigabytes) sits on
 * disk, never in memory; the File handed back is disk-backed. Where that file system is missing,
 * a Blob built from batches of chunks (bounded by the browser's blob memory).
 */
import { analysisFrom, type Analysis } from '../../engine';
import {
  reportBlob,
  writeCsvReport,
  writeJsonReport,
  type ChunkSink,
  type WriteOptions,
} from '../../io/report';
import type { ReportFormat, ReportRequest, ReportResponse } from './report-protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: ReportResponse): void => self.postMessage(message);
const PREFIX = 'netpol-report-';

/** What `createSyncAccessHandle` returns (in lib.dom only for newer TypeScript targets). */
interface SyncAccess {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

/** The private file system refused more bytes. */
class StorageFull extends Error {
  constructor(readonly written: number) {
    super(`storage full after ${written} bytes`);
  }
}

/** More than this on disk already: the in-memory fallback would not fare better. */
const FALLBACK_LIMIT = 256 * 1024 * 1024;

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(2)} GB`;

async function writeToPrivateFile(
  format: ReportFormat,
  write: (sink: ChunkSink) => void,
): Promise<File | undefined> {
  const storage = self.navigator.storage as StorageManager | undefined;
  if (!storage?.getDirectory) return undefined;
  const root = await storage.getDirectory();
  // Earlier reports have been saved (or abandoned) by now: remove them.
  for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) {
    if (name.startsWith(PREFIX)) await root.removeEntry(name).catch(() => undefined);
  }
  const handle = await root.getFileHandle(`${PREFIX}${Date.now()}.${format}`, { create: true });
  const createSync = (handle as unknown as { createSyncAccessHandle?: () => Promise<SyncAccess> })
    .createSyncAccessHandle;
  if (!createSync) return undefined;
  const access = await createSync.call(handle);
  try {
    access.truncate(0);
    const encoder = new TextEncoder();
    let at = 0;
    write((chunk) => {
      const bytes = encoder.encode(chunk);
      // A full store answers with a short count (Chromium: an error code), not always an exception.
      if (access.write(bytes, { at }) !== bytes.length) throw new StorageFull(at);
      at += bytes.length;
    });
    access.flush();
  } catch (err) {
    access.close();
    await root.removeEntry(handle.name).catch(() => undefined);
    throw err;
  }
  access.close();
  return handle.getFile();
}

self.onmessage = async (event: MessageEvent<ReportRequest>) => {
  const { format, snapshot, options, data } = event.data;
  try {
    const analysis: Analysis = analysisFrom(snapshot, options, data);
    const total = analysis.countConnections();
    post({ type: 'progress', done: 0, total });
    let last = 0;
    let pairs = 0;
    const progress: WriteOptions = {
      onProgress: (done) => {
        pairs = done;
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
        post({ type: 'progress', done, total });
      },
    };
    const writer = format === 'json' ? writeJsonReport : writeCsvReport;
    const write = (sink: ChunkSink) => writer(analysis, sink, progress);
    const type = format === 'json' ? 'application/json' : 'text/csv';
    let file: Blob | undefined;
    try {
      file = await writeToPrivateFile(format, write);
    } catch (err) {
      if (err instanceof StorageFull && err.written > FALLBACK_LIMIT) {
        const estimate = pairs > 0 ? (err.written / pairs) * total : err.written;
        post({
          type: 'error',
          message:
            `The report (about ${gb(estimate)} for ${total.toLocaleString('en')} connections) needs more ` +
            `storage than the browser grants this page (it stopped after ${gb(err.written)}). ` +
            `The command line writes it without limit: npm run cli -- analyze <files> --format ${format}`,
        });
        return;
      }
      file = undefined;
    }
    const blob = file ? new Blob([file], { type }) : reportBlob(write, type);
    post({ type: 'done', blob, pairs });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    post({ type: 'error', message: `The report could not be written: ${detail}` });
  }
};
