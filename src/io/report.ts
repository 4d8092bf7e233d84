/**
 * The connectivity report (`shared/spec/analyze-json.md`, schema version 1) and its CSV form,
 * written as a stream of text chunks: nothing but one chunk grows with the number of pairs.
 *
 * The output is byte-identical to the command line's `--format json` and `--format csv`
 * (src/cli/format/json.ts, csv.ts): same key order, same layout (one endpoint or connection per
 * line), same canonical port strings, so the browser's "Download JSON" and the CLI cannot differ.
 *
 * Why a sink and not a generator: `Analysis.forEachConnection` pushes pairs to a synchronous
 * visitor, so a generator could only yield after buffering every pair. A sink keeps memory
 * constant; the CLI's `Sink.write` and `reportBlob` below are both sinks.
 *
 * The types are structural (io does not import the engine): an engine `Analysis` fits them.
 */

/** Port intervals per protocol, as the engine hands them: `[[80,80],[8000,8080]]`. */
export type ReportRanges = readonly (readonly [number, number])[];
export interface ReportPorts {
  readonly TCP: ReportRanges;
  readonly UDP: ReportRanges;
  readonly SCTP: ReportRanges;
}

/** What a report is written from: the engine's `Analysis` has this shape. */
export interface ReportSource {
  readonly endpoints: readonly {
    readonly id: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  }[];
  readonly ipRanges: readonly { readonly id: string }[];
  forEachConnection(visit: (from: string, to: string, ports: ReportPorts) => void): void;
}

/** Receives the report, chunk by chunk, in order. */
export type ChunkSink = (chunk: string) => void;

export interface WriteOptions {
  /** About how many characters each chunk holds (64 K by default). */
  readonly chunkSize?: number;
  /** Called every few thousand pairs with the number of pairs written so far. */
  readonly onProgress?: (pairs: number) => void;
}

const PROGRESS_EVERY = 16_384;

export const REPORT_SCHEMA_VERSION = 1;
const DEFAULT_CHUNK = 64 * 1024;

/**
 * The contract's canonical port set: ascending, merged, comma-separated ranges (`80,443,8000-8080`),
 * `1-65535` for every port, `` for none. Touching or overlapping ranges are merged whatever the input.
 */
export function canonicalPorts(ranges: ReportRanges): string {
  if (ranges.length === 0) return '';
  let sorted = ranges;
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] <= ranges[i - 1]![1] + 1) {
      sorted = [...ranges].sort((a, b) => a[0] - b[0]);
      break;
    }
  }
  let out = '';
  let lo = sorted[0]![0];
  let hi = sorted[0]![1];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = sorted[i]!;
    if (a <= hi + 1) {
      if (b > hi) hi = b;
      continue;
    }
    out += (out ? ',' : '') + (lo === hi ? `${lo}` : `${lo}-${hi}`);
    lo = a;
    hi = b;
  }
  return out + (out ? ',' : '') + (lo === hi ? `${lo}` : `${lo}-${hi}`);
}

function isEmpty(p: ReportPorts): boolean {
  return p.TCP.length === 0 && p.UDP.length === 0 && p.SCTP.length === 0;
}

/** Gathers small pieces into chunks of about `size` characters before handing them on. */
function chunker(sink: ChunkSink, size: number): { write(text: string): void; end(): void } {
  let parts: string[] = [];
  let length = 0;
  return {
    write(text) {
      parts.push(text);
      length += text.length;
      if (length >= size) {
        sink(parts.join(''));
        parts = [];
        length = 0;
      }
    },
    end() {
      if (length > 0) sink(parts.join(''));
      parts = [];
      length = 0;
    },
  };
}

/** Memoises a text per port-set object: the engine hands out a few shared objects. */
function portTextCache(render: (p: ReportPorts) => string): (p: ReportPorts) => string {
  const cache = new WeakMap<ReportPorts, string>();
  return (p) => {
    let text = cache.get(p);
    if (text === undefined) {
      text = render(p);
      cache.set(p, text);
    }
    return text;
  };
}

/** `{"TCP":"80","UDP":"","SCTP":""}` */
export function portsJson(p: ReportPorts): string {
  return (
    `{"TCP":"${canonicalPorts(p.TCP)}",` +
    `"UDP":"${canonicalPorts(p.UDP)}",` +
    `"SCTP":"${canonicalPorts(p.SCTP)}"}`
  );
}

/** Writes the JSON report: endpoints (pods and workloads, then IP ranges), then every allowed pair. */
export function writeJsonReport(source: ReportSource, sink: ChunkSink, options: WriteOptions = {}): void {
  const out = chunker(sink, options.chunkSize ?? DEFAULT_CHUNK);
  const onProgress = options.onProgress;
  let pairs = 0;
  out.write(`{\n  "schemaVersion": ${REPORT_SCHEMA_VERSION},\n  "endpoints": [`);
  let first = true;
  const item = (text: string): void => {
    out.write(first ? `\n    ${text}` : `,\n    ${text}`);
    first = false;
  };
  for (const e of source.endpoints) {
    item(
      `{"id":${JSON.stringify(e.id)},"kind":${JSON.stringify(e.kind)},` +
        `"namespace":${JSON.stringify(e.namespace)},"name":${JSON.stringify(e.name)}}`,
    );
  }
  for (const r of source.ipRanges) item(`{"id":${JSON.stringify(r.id)},"kind":"IPRange"}`);
  out.write(first ? `],\n  "connections": [` : `\n  ],\n  "connections": [`);

  const ids = new Map<string, string>();
  const quoted = (id: string): string => {
    let q = ids.get(id);
    if (q === undefined) {
      q = JSON.stringify(id);
      ids.set(id, q);
    }
    return q;
  };
  const portText = portTextCache(portsJson);
  first = true;
  source.forEachConnection((from, to, ports) => {
    if (isEmpty(ports)) return;
    item(`{"from":${quoted(from)},"to":${quoted(to)},"ports":${portText(ports)}}`);
    if (onProgress && ++pairs % PROGRESS_EVERY === 0) onProgress(pairs);
  });
  onProgress?.(pairs);
  out.write(first ? `]\n}\n` : `\n  ]\n}\n`);
  out.end();
}

/** Quotes a CSV field (RFC 4180) when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the CSV report: header `from,to,tcp,udp,sctp`, one allowed pair per line, CRLF. */
export function writeCsvReport(source: ReportSource, sink: ChunkSink, options: WriteOptions = {}): void {
  const out = chunker(sink, options.chunkSize ?? DEFAULT_CHUNK);
  const onProgress = options.onProgress;
  let pairs = 0;
  out.write('from,to,tcp,udp,sctp\r\n');
  const portText = portTextCache((p) =>
    [p.TCP, p.UDP, p.SCTP].map((r) => csvField(canonicalPorts(r))).join(','),
  );
  source.forEachConnection((from, to, ports) => {
    if (isEmpty(ports)) return;
    out.write(`${csvField(from)},${csvField(to)},${portText(ports)}\r\n`);
    if (onProgress && ++pairs % PROGRESS_EVERY === 0) onProgress(pairs);
  });
  onProgress?.(pairs);
  out.end();
}

/**
 * A Blob of what `write` produces, without ever holding it as one string: chunks are gathered
 * into intermediate Blobs of about `batch` characters (which the browser may keep off the heap).
 */
export function reportBlob(write: (sink: ChunkSink) => void, type: string, batch = 8 * 1024 * 1024): Blob {
  const blobs: Blob[] = [];
  let parts: string[] = [];
  let length = 0;
  write((chunk) => {
    parts.push(chunk);
    length += chunk.length;
    if (length >= batch) {
      blobs.push(new Blob(parts));
      parts = [];
      length = 0;
    }
  });
  if (parts.length > 0) blobs.push(new Blob(parts));
  return new Blob(blobs, { type });
}
