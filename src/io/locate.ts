/**
 * Source maps from a field of an object to its lines in the text it came from, so a reason
 * ("ingress rule 0, peer 1") can open the YAML at exactly those lines.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

/** 1-based, inclusive. */
export interface LineSpan {
  readonly line: number;
  readonly endLine: number;
}

interface Parsed {
  readonly text: string;
  readonly docs: readonly Document.Parsed[];
  readonly lines: LineCounter;
}

// Parsing a big file takes a while: keep the last few, keyed by the text itself.
const CACHE_SIZE = 4;
const cache: Parsed[] = [];

function parse(text: string): Parsed {
  const hit = cache.findIndex((c) => c.text === text);
  if (hit >= 0) {
    const [found] = cache.splice(hit, 1);
    cache.unshift(found!);
    return found!;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const parsed: Parsed = { text, docs: Array.isArray(docs) ? docs : [], lines };
  cache.unshift(parsed);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return parsed;
}

function keyOf(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/** Steps from a collection to the child at `step`; also returns the key node of a map entry. */
function child(node: unknown, step: string | number): { value: Node | null; key?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => String(keyOf(p.key)) === String(step));
    if (!pair) return undefined;
    const key = isScalar(pair.key) ? pair.key : undefined;
    const value = (pair.value ?? null) as Node | null;
    return key ? { value, key } : { value };
  }
  if (isSeq(node) && typeof step === 'number') {
    const value = node.items[step];
    return value === undefined ? undefined : { value: (value ?? null) as Node | null };
  }
  return undefined;
}

function pickDocument(p: Parsed, doc: number, atLine: number | undefined): Document.Parsed | undefined {
  const byIndex = p.docs[doc];
  if (atLine === undefined) return byIndex;
  const offset = p.lines.lineStarts[atLine - 1];
  if (offset === undefined) return byIndex;
  const holds = (d: Document.Parsed | undefined): boolean =>
    !!d && d.range[0] <= offset && offset < d.range[2];
  if (holds(byIndex)) return byIndex;
  return p.docs.find(holds) ?? byIndex;
}

function span(p: Parsed, start: number, end: number): LineSpan {
  let last = end;
  while (last > start && /\s/.test(p.text[last - 1] ?? '')) last--;
  const line = p.lines.linePos(start).line;
  const endLine = p.lines.linePos(Math.max(start, last - 1)).line;
  return { line, endLine: Math.max(line, endLine) };
}

/**
 * The lines of `fieldPath` (e.g. `['spec','ingress',0,'from',1]`) within the object that is
 * document `doc` of `text` (0-based, as `SourceRef.doc`), or item `item` of that document when it
 * is a List. A map entry's lines start at its key. When the path does not exist, the lines of the
 * deepest part of it that does; undefined when even the object is missing.
 *
 * `atLine` (the object's 1-based line, `SourceRef.line`, when known) settles which document is
 * meant if the importer counted documents differently (empty documents, say).
 */
export function locateInSource(
  text: string,
  doc: number,
  item: number | undefined,
  fieldPath: readonly (string | number)[],
  atLine?: number,
): LineSpan | undefined {
  const p = parse(text);
  const document = pickDocument(p, doc, atLine);
  if (!document) return undefined;
  const path = item === undefined ? fieldPath : ['items', item, ...fieldPath];
  let node: unknown = document.contents;
  let start: number | undefined = (document.contents as Node | null)?.range?.[0];
  let end: number | undefined = (document.contents as Node | null)?.range?.[1];
  if (start === undefined || end === undefined) return undefined;
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i]!);
    if (!next) {
      // The object itself must exist; a missing field falls back to its deepest ancestor.
      if (item !== undefined && i < 2) return undefined;
      break;
    }
    const valueRange = next.value?.range;
    const keyStart = next.key?.range?.[0];
    const s = keyStart ?? valueRange?.[0];
    const e = valueRange?.[1] ?? next.key?.range?.[1];
    if (s === undefined || e === undefined) break;
    start = s;
    end = e;
    node = next.value;
  }
  return span(p, start, end);
}
