/**
 * Finding the line and column of fields, only when a diagnostic needs them: the document's text
 * is parsed again into js-yaml events (offsets only, no values) and the requested paths are
 * followed through them. A path that goes further than the text (a missing field) yields the
 * deepest part that exists. One parse per document, however many fields are asked for.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { Position } from './lines';
import type { DocRef, PathSeg } from './parse';
import { MAX_DEPTH, chunkAround, documentMarkers } from './yaml-read';

export interface FieldRequest {
  readonly doc: DocRef;
  /** Path from the document's root. */
  readonly path: readonly PathSeg[];
}

interface Trie {
  readonly children: Map<string, Trie>;
  /** Requests whose path passes through this node. */
  readonly ids: number[];
}

const newTrie = (): Trie => ({ children: new Map(), ids: [] });
const segKey = (s: PathSeg): string => (typeof s === 'number' ? `#${s}` : `.${s}`);

function startOf(ev: Event | undefined): number {
  if (!ev) return -1;
  switch (ev.type) {
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return ev.start;
    case EVENT_ID.SCALAR:
      // A quoted scalar starts at its opening quote.
      return ev.valueStart >= 0 &&
        (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED)
        ? ev.valueStart - 1
        : ev.valueStart;
    case EVENT_ID.ALIAS:
      return ev.anchorStart - 1;
    default:
      return -1;
  }
}

/** The index just after the node that starts at `i`. */
function skip(events: readonly Event[], i: number): number {
  const ev = events[i];
  if (!ev || (ev.type !== EVENT_ID.MAPPING && ev.type !== EVENT_ID.SEQUENCE)) return i + 1;
  let depth = 0;
  let j = i;
  do {
    const t = events[j]?.type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP) depth--;
    j++;
  } while (depth > 0 && j < events.length);
  return j;
}

class Walker {
  constructor(
    private readonly events: readonly Event[],
    private readonly source: string,
    private readonly best: number[],
  ) {}

  /** Visits the node at `i`, found at `loc`; returns the index after it. */
  visit(i: number, trie: Trie, loc: number): number {
    if (loc >= 0) for (const id of trie.ids) this.best[id] = loc;
    const ev = this.events[i];
    if (!ev || trie.children.size === 0) return skip(this.events, i);
    if (ev.type === EVENT_ID.MAPPING) {
      let j = i + 1;
      while (j < this.events.length && this.events[j]?.type !== EVENT_ID.POP) {
        const keyEv = this.events[j];
        const key = keyEv?.type === EVENT_ID.SCALAR ? getScalarValue(this.source, keyEv) : undefined;
        const valueAt = skip(this.events, j);
        const child = key !== undefined ? trie.children.get(segKey(key)) : undefined;
        j = child ? this.visit(valueAt, child, startOf(keyEv)) : skip(this.events, valueAt);
      }
      return j + 1;
    }
    if (ev.type === EVENT_ID.SEQUENCE) {
      let j = i + 1;
      for (let n = 0; j < this.events.length && this.events[j]?.type !== EVENT_ID.POP; n++) {
        const child = trie.children.get(segKey(n));
        j = child ? this.visit(j, child, startOf(this.events[j])) : skip(this.events, j);
      }
      return j + 1;
    }
    return i + 1;
  }
}

function textOf(doc: DocRef): { text: string; base: number } {
  if (doc.patched) return doc.patched;
  const file = doc.file;
  if (doc.span) return { text: file.text.slice(doc.span[0], doc.span[1]), base: doc.span[0] };
  const [start, end] = chunkAround(file.text, doc.root, markersOf(file.text));
  return { text: file.text.slice(start, end), base: start };
}

let markerCache: { text: string; marks: number[] } | undefined;
function markersOf(text: string): number[] {
  if (markerCache?.text !== text) markerCache = { text, marks: documentMarkers(text) };
  return markerCache.marks;
}

/** Locates the fields of one document; `undefined` where nothing of the path can be found. */
function locateInDoc(doc: DocRef, paths: readonly (readonly PathSeg[])[]): (Position | undefined)[] {
  const none = paths.map(() => undefined);
  if (doc.root < 0) return none;
  const { text, base } = textOf(doc);
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch {
    return none;
  }
  const root = newTrie();
  paths.forEach((path, id) => {
    let node = root;
    node.ids.push(id);
    for (const seg of path) {
      const key = segKey(seg);
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = newTrie()));
      next.ids.push(id);
      node = next;
    }
  });
  const best = paths.map(() => -1);
  const walker = new Walker(events, text, best);
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.type !== EVENT_ID.DOCUMENT) continue;
    const rootStart = startOf(events[i + 1]);
    if (rootStart >= 0 && rootStart + base === doc.root) {
      walker.visit(i + 1, root, rootStart);
      break;
    }
  }
  return best.map((off) => (off >= 0 ? doc.file.lines.position(base + off) : undefined));
}

/** Positions of the requested fields, in request order. */
export function locateFields(requests: readonly FieldRequest[]): (Position | undefined)[] {
  const out: (Position | undefined)[] = requests.map(() => undefined);
  const byDoc = new Map<DocRef, number[]>();
  requests.forEach((r, i) => {
    const list = byDoc.get(r.doc);
    if (list) list.push(i);
    else byDoc.set(r.doc, [i]);
  });
  for (const [doc, ids] of byDoc) {
    const found = locateInDoc(
      doc,
      ids.map((i) => requests[i]?.path ?? []),
    );
    ids.forEach((id, k) => (out[id] = found[k]));
  }
  return out;
}
