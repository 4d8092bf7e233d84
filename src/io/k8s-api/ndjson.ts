/**
 * Newline-delimited JSON, read incrementally: a watch stream delivers one JSON event per line, in
 * chunks that split lines (and UTF-8 characters) anywhere.
 */

/** Splits text chunks into complete lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';

  /** The complete, non-blank lines this chunk finishes. */
  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.filter((l) => l.trim() !== '');
  }

  /** What is left when the stream ends (a last line without its newline), or nothing. */
  end(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest.trim() === '' ? [] : [rest];
  }
}

/** A line of a watch stream that is not JSON. */
export class MalformedLineError extends Error {
  constructor(readonly line: string) {
    super(`a watch event is not JSON: ${line.length > 80 ? `${line.slice(0, 80)}...` : line}`);
    this.name = 'MalformedLineError';
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new MalformedLineError(line);
  }
}

/**
 * The JSON values of a byte stream, one per line, as they arrive. Ends when the stream ends;
 * throws when the stream fails (a lost connection) or a line is not JSON.
 */
export async function* readJsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const line of lines.push(decoder.decode(value, { stream: true }))) yield parseLine(line);
    }
    for (const line of lines.push(decoder.decode())) yield parseLine(line);
    for (const line of lines.end()) yield parseLine(line);
  } finally {
    reader.releaseLock();
    // Stop the download when the reader leaves early (an error, or the caller stopped).
    body.cancel().catch(() => {});
  }
}
