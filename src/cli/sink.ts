/**
 * Where the command line writes its output: a buffer of a few hundred KB that is flushed to a
 * file descriptor with blocking writes.
 *
 * Why not `process.stdout.write`: on POSIX a pipe behind `process.stdout` is asynchronous, and the
 * engine hands connections to a synchronous visitor (`Analysis.forEachConnection`), so there is no
 * point at which to await 'drain': a report of millions of pairs would pile up in the stream's
 * buffer. A blocking `writeSync` on the descriptor is the backpressure: the loop simply waits for
 * the reader. A descriptor that someone else put in non-blocking mode answers EAGAIN; we then
 * sleep a millisecond and retry. A reader that goes away (EPIPE, `| head`) ends the output quietly.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface Sink {
  /** Appends text; flushes when the buffer passes its high-water mark. */
  write(text: string): void;
  /** Writes out whatever is buffered. */
  flush(): void;
  /** Flushes, and closes the descriptor when the sink owns it. */
  close(): void;
  /** True once the reader has gone away (EPIPE); later writes are dropped. */
  readonly broken: boolean;
}

const DEFAULT_HIGH_WATER = 256 * 1024;
const napCell = new Int32Array(new SharedArrayBuffer(4));

function nap(ms: number): void {
  Atomics.wait(napCell, 0, 0, ms);
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** A sink writing to an open file descriptor (1 for standard output, 2 for standard error). */
export function fdSink(fd: number, options: { highWater?: number; owned?: boolean } = {}): Sink {
  const highWater = options.highWater ?? DEFAULT_HIGH_WATER;
  let parts: string[] = [];
  let size = 0;
  let broken = false;
  let closed = false;

  function writeAll(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(fd, buf, off, buf.length - off);
      } catch (e) {
        if (isErrno(e, 'EAGAIN')) {
          nap(1);
          continue;
        }
        if (isErrno(e, 'EPIPE')) {
          broken = true;
          return;
        }
        throw e;
      }
    }
  }

  const sink: Sink = {
    write(text) {
      if (broken) return;
      parts.push(text);
      size += text.length;
      if (size >= highWater) sink.flush();
    },
    flush() {
      if (size === 0 && parts.length === 0) return;
      const text = parts.join('');
      parts = [];
      size = 0;
      if (!broken) writeAll(Buffer.from(text, 'utf8'));
    },
    close() {
      sink.flush();
      if (options.owned && !closed) {
        closed = true;
        closeSync(fd);
      }
    },
    get broken() {
      return broken;
    },
  };
  return sink;
}

/** A sink writing to a new file (truncated). */
export function fileSink(path: string): Sink {
  return fdSink(openSync(path, 'w'), { owned: true });
}

/** A sink keeping everything in memory, for tests. */
export interface MemorySink extends Sink {
  text(): string;
  /** How many times the buffer was flushed (chunks written). */
  readonly flushes: number;
}

export function memorySink(highWater = DEFAULT_HIGH_WATER): MemorySink {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 0;
  let flushes = 0;
  const sink: MemorySink = {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= highWater) sink.flush();
    },
    flush() {
      if (parts.length === 0) return;
      chunks.push(parts.join(''));
      parts = [];
      size = 0;
      flushes++;
    },
    close() {
      sink.flush();
    },
    broken: false,
    text() {
      sink.flush();
      return chunks.join('');
    },
    get flushes() {
      return flushes;
    },
  };
  return sink;
}
