/**
 * The text of one object of a source, for editing it on its own: a YAML document is cut out as
 * it is written (comments and key order kept); an item of a List and a JSON object are written
 * out as YAML. Reads only the document concerned, so a big source stays cheap.
 */
import { Document, parseDocument, stringify, isMap, isSeq } from 'yaml';
import type { Policy, SourceRef } from '../model';

/** Offset of the start of 1-based `line` in `text`, or -1 past the end. */
function lineOffset(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return -1;
    at = nl + 1;
  }
  return at;
}

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
    const prev = text.lastIndexOf('\n', start - 2) + 1;
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
function jsonObject(text: string, ref: SourceRef): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
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
  const chunk = documentAround(text, offset);
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
