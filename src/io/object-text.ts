/**
 * The text of one object of a source, for editing it on its own: a YAML document is cut out as
 * it is written (comments and key order kept); an item of a List and a JSON object are written
 * out as YAML. Reads only the document concerned, so a big source stays cheap.
 */
import { Document, parseDocument, stringify, isMap, isSeq } from 'yaml';
import type { Policy, SourceRef } from '../model';

// Line starts of the last few texts: an export of 5,000 policies of a 60 MB source reads them once.
const LINE_CACHE_SIZE = 2;
const lineCache: { text: string; starts: Uint32Array | number[] }[] = [];

function lineStarts(text: string): Uint32Array | number[] {
  const hit = lineCache.find((c) => c.text === text);
  if (hit) return hit.starts;
  const starts: number[] = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const packed = text.length < 2 ** 32 ? Uint32Array.from(starts) : starts;
  lineCache.unshift({ text, starts: packed });
  lineCache.length = Math.min(lineCache.length, LINE_CACHE_SIZE);
  return packed;
}

/** Offset of the start of 1-based `line` in `text`, or -1 past the end. */
function lineOffset(text: string, line: number): number {
  return lineStarts(text)[line - 1] ?? -1;
}

function indentOf(line: string): number {
  const m = /^ */.exec(line);
  return m ? m[0].length : 0;
}

/**
 * The text of a block sequence item starting at `offset` (just after its `- `), as a document of
 * its own: the lines up to the next sibling or the end of the sequence, de-indented; comments kept.
 * Null when the item is not written as a block item there.
 */
function blockItem(text: string, offset: number): string | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const column = offset - lineStart;
  const head = text.slice(lineStart, offset);
  if (!/^ *- +$/.test(head) && !/^ *-$/.test(head)) return null;
  const dash = head.indexOf('-');
  const lines: string[] = [];
  let at = lineStart;
  let first = true;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, '');
    if (!first) {
      const blank = line.trim() === '';
      if (!blank && indentOf(line) <= dash) break;
      if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) break;
    }
    lines.push(first ? ' '.repeat(column) + line.slice(column) : line);
    first = false;
    at = end + 1;
  }
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.map((l) => l.slice(Math.min(column, indentOf(l)))).join('\n');
}

/** A List document larger than this is not parsed whole to find one item (the model is written instead). */
const SMALL_DOCUMENT = 1024 * 1024;

const MARKER = /^(?:---|\.\.\.)(?:[ \t]|\r?$)/;

function isMarkerAt(text: string, offset: number): boolean {
  const end = text.indexOf('\n', offset);
  return MARKER.test(text.slice(offset, end < 0 ? text.length : end));
}

/** The lines of the YAML document holding `offset`, between its `---`/`...` markers. */
function documentAround(text: string, offset: number): string {
  let start = text.lastIndexOf('\n', offset - 1) + 1; // start of the object's line
  for (;;) {
    if (start === 0) break;
    const prev = start < 2 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
    if (isMarkerAt(text, prev)) break;
    start = prev;
  }
  let end = offset;
  for (;;) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    if (isMarkerAt(text, nl + 1)) {
      end = nl + 1;
      break;
    }
    end = nl + 1;
  }
  return text.slice(start, end);
}

function firstSignificant(text: string): string {
  const m = /[^\s\uFEFF]/.exec(text.slice(0, 4096));
  return m?.[0] ?? '';
}

function withNewline(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  return `${trimmed}\n`;
}

/** A JSON source's object at `ref` (a value of a stream is not found: JSON.parse reads one value). */
let lastJson: { text: string; value: unknown } | null = null;

function jsonObject(text: string, ref: SourceRef): unknown {
  let value: unknown;
  if (lastJson?.text === text) value = lastJson.value;
  else {
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    lastJson = { text, value };
  }
  if (ref.doc !== 0) return undefined;
  if (ref.item === undefined) return value;
  const items = (value as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items[ref.item] : undefined;
}

/**
 * The YAML of the object at `ref` in `text` (a source's text), or null when it cannot be found
 * there (the text changed, say). A whole YAML document is returned as written; an item of a List
 * keeps its comments but is re-indented; JSON is written as YAML.
 */
export function objectText(text: string, ref: SourceRef): string | null {
  const lead = firstSignificant(text);
  if (lead === '{' || lead === '[') {
    const obj = jsonObject(text, ref);
    if (obj !== null && typeof obj === 'object') return stringify(obj);
  }
  if (ref.line === undefined) return null;
  const offset = lineOffset(text, ref.line);
  if (offset < 0) return null;
  if (ref.item !== undefined && ref.column !== undefined) {
    // The caller checks that the text still declares the object it expects.
    const item = blockItem(text, offset + ref.column - 1);
    if (item !== null) return withNewline(item);
  }
  const chunk = documentAround(text, offset);
  if (chunk.length > SMALL_DOCUMENT && ref.item !== undefined) return null;
  if (ref.item === undefined) {
    const doc = parseDocument(chunk);
    if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
    return withNewline(chunk.replace(/^\s*\n/, ''));
  }
  const doc = parseDocument(chunk);
  if (doc.errors.length > 0) return null;
  const items = doc.get('items', true);
  if (!isSeq(items)) return null;
  const node = items.items[ref.item];
  if (!isMap(node)) return null;
  const out = new Document();
  out.contents = node;
  return withNewline(out.toString());
}

/** A NetworkPolicy written from the model, when its text cannot be found. */
export function policyToYaml(policy: Policy): string {
  const plain = JSON.parse(JSON.stringify(policy.spec)) as unknown;
  return stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: policy.name, namespace: policy.namespace },
    spec: plain,
  });
}
