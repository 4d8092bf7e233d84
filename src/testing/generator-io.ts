/**
 * Node-only helpers to write a generated cluster to a file or a stream, item by item, so that
 * even the Stress profile (gigabytes of YAML) never becomes one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { SerializeFormat, SerializeOptions } from './generator-serialize';
import { serializeChunks } from './generator-serialize';

const FLUSH_AT = 1 << 22; // characters buffered before a write (about 4 MB)

/** Writes the List to `path` (synchronously) and returns the number of bytes written. */
export function writeClusterFile(
  path: string,
  objects: readonly object[],
  format: SerializeFormat,
  options: SerializeOptions = {},
): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = (): void => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      let offset = 0;
      while (offset < buf.length) offset += writeSync(fd, buf, offset, buf.length - offset);
      bytes += buf.length;
      pending = [];
      size = 0;
    };
    for (const chunk of serializeChunks(objects, format, options)) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= FLUSH_AT) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Writes the List to a stream (standard output, for instance), respecting back-pressure. */
export async function writeClusterToStream(
  stream: Writable,
  objects: readonly object[],
  format: SerializeFormat,
  options: SerializeOptions = {},
): Promise<number> {
  let bytes = 0;
  let pending: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    bytes += Buffer.byteLength(text, 'utf8');
    if (!stream.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (err: Error): void => {
          stream.off('drain', onDrain);
          reject(err);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
  };
  for (const chunk of serializeChunks(objects, format, options)) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= FLUSH_AT) await flush();
  }
  await flush();
  return bytes;
}
