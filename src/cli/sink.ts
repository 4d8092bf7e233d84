/**
 * Where the command line writes its output: a buffer of a few hundred KB that is flushed to a
 * file descriptor with blocking writes.
 *
 * Why not `process.stdout.write`: on POSIX a pipe behind `process.stdout` is asynchronous, and the
 * engine hands connections to a synchronous visitor (`Analysis.forEachConnection`), so there is no
 * point at which to await 'drain': a report of millions of pairs would pile up in the stream's
 * buffer. A blocking `writeSync` on the descriptor is the backpressure: the loop simply waits for
 * the reader. A descriptor that someone else put in non-blocking mode answers EAGAIN; we then
 * sleep a millisecond and retry. A reader that goes away (EPIPE, `| head`) ends the output: the
 * write throws `OutputClosed`, which unwinds the engine's visitor, and the command ends quietly.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Thrown by a write once the reader has gone away: nothing more needs to be computed. */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of the output has gone away');
    this.name = 'OutputClosed';
  }
}

export interface Sink {
  /** Appends text; flushes when the buffer passes its high-water mark. */
  write(text: string): void;
  /** Appends bytes (UTF-8); the fast path for text that repeats, encoded once by the caller. */
  writeBytes(bytes: Uint8Array): void;
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

/**
 * A sink writing to an open file descriptor (1 for standard output, 2 for standard error).
 * Text is encoded straight into one reusable buffer of `highWater` bytes (measured: about twice
 * as fast as joining strings and encoding them per chunk); a buffer-full is one write.
 */
export function fdSink(fd: number, options: { highWater?: number; owned?: boolean } = {}): Sink {
  const capacity = Math.max(options.highWater ?? DEFAULT_HIGH_WATER, 0);
  const buf = Buffer.allocUnsafe(Math.max(capacity, 1024));
  let used = 0;
  let broken = false;
  let closed = false;

  function writeAll(data: Buffer, length: number): void {
    let off = 0;
    while (off < length && !broken) {
      try {
        off += writeSync(fd, data, off, length - off);
      } catch (e) {
        if (isErrno(e, 'EAGAIN')) {
          nap(1);
          continue;
        }
        if (isErrno(e, 'EPIPE')) {
          broken = true;
          throw new OutputClosed();
        }
        throw e;
      }
    }
  }

  const sink: Sink = {
    write(text) {
      if (broken) return;
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (used + text.length * 3 > buf.length) {
        sink.flush();
        if (text.length * 3 > buf.length) {
          const data = Buffer.from(text, 'utf8');
          writeAll(data, data.length);
          return;
        }
      }
      used += buf.write(text, used, 'utf8');
      if (used >= capacity) sink.flush();
    },
    writeBytes(bytes) {
      if (broken) return;
      if (used + bytes.length > buf.length) {
        sink.flush();
        if (bytes.length > buf.length) {
          writeAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), bytes.length);
          return;
        }
      }
      buf.set(bytes, used);
      used += bytes.length;
      if (used >= capacity) sink.flush();
    },
    flush() {
      if (used === 0) return;
      const n = used;
      used = 0;
      writeAll(buf, n);
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
  const decoder = new TextDecoder();
  const sink: MemorySink = {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= highWater) sink.flush();
    },
    writeBytes(bytes) {
      sink.write(decoder.decode(bytes));
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
