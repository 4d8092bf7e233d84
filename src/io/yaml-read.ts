/**
 * Reading YAML text into documents fast, with the offsets the importer needs (each document's
 * root and the items of a List), and never throwing.
 *
 * The hot path parses the whole text with js-yaml in one call (its event parser, then its
 * constructor): many small calls are measurably slower. When that fails, the failing document is
 * found from the error's position, split at the document markers (`---` at column 0 cannot occur
 * inside YAML content), and the text before and after it is read again in as few calls as
 * possible, so that one broken document costs only itself.
 */
import {
  EVENT_ID,
  Schema,
  YAMLException,
  boolYaml11Tag,
  constructFromEvents,
  floatYaml11Tag,
  getScalarValue,
  intYaml11Tag,
  mapTag,
  mergeTag,
  nullYaml11Tag,
  parseEvents,
  seqTag,
  strTag,
  type Event,
} from 'js-yaml';
import type { Code, Params } from './codes';
import { pruneEvents } from './yaml-prune';

/**
 * YAML 1.1 scalars as kubectl's reader (go-yaml v2 through sigs.k8s.io/yaml) resolves them:
 * `yes`/`on` are booleans, `0777` is octal, merge keys work; but timestamps stay strings (go-yaml
 * v2 keeps them as strings when decoding into untyped values) and exotic tags are refused.
 */
export const KUBE_YAML_SCHEMA = new Schema([
  strTag,
  seqTag,
  mapTag,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);

export const MAX_DEPTH = 100;
const MAX_ALIASES = 10_000;
const MAX_TAB_RETRIES = 100;

/** A problem found while reading, at an absolute offset of the text. */
export interface ReadProblem {
  readonly code: Code;
  readonly params: Params;
  readonly offset: number;
}

/** One document: its value, or the problem that made it unreadable. */
export interface ReadDoc {
  readonly value: unknown;
  /** Absolute offset of the root node, -1 when the document is empty. */
  readonly root: number;
  /** Absolute offsets of the elements of a root-level `items` sequence, when found. */
  readonly items?: readonly number[];
  /** A standalone text holding this document when it is not the text itself (a patched chunk). */
  readonly source?: { readonly text: string; readonly base: number };
  readonly problem?: ReadProblem;
}

export interface ReadResult {
  readonly docs: ReadDoc[];
  /** Problems that do not lose a document (tolerated tabs). */
  readonly warnings: ReadProblem[];
}

/** Offsets where a document marker line (`---`) starts. */
export function documentMarkers(text: string): number[] {
  const marks: number[] = [];
  const re = /^(?:\uFEFF)?---(?=[ \t\r\n]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) marks.push(m.index);
  return marks;
}

/** The [start, end) of the chunk (between document markers) that holds `offset`. */
export function chunkAround(text: string, offset: number, marks = documentMarkers(text)): [number, number] {
  let start = 0;
  let end = text.length;
  for (const m of marks) {
    if (m <= offset) start = m;
    else {
      end = m;
      break;
    }
  }
  return [start, end];
}

const DOC = 0;
const MAP = 1;
const SEQ = 2;

interface Survey {
  root: number;
  items: number[] | undefined;
  /** Nodes after alias expansion, and how many of them come through aliases. */
  expanded: number;
  viaAliases: number;
  /** Whether the document has anchors or aliases. */
  anchored: boolean;
}

function eventStart(ev: Event): number {
  if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.start;
  if (ev.type === EVENT_ID.SCALAR) return ev.valueStart;
  if (ev.type === EVENT_ID.ALIAS) return ev.anchorStart;
  return -1;
}

/**
 * One pass over the events of `source`: each document's root offset, the offsets of a root-level
 * `items` sequence's elements, and the document's size once aliases are expanded.
 */
function survey(events: readonly Event[], source: string, base: number, ends: Int32Array): Survey[] {
  const docs: Survey[] = [];
  const starts: number[] = [];
  const kinds: number[] = [];
  const counts: number[] = [];
  const sizes: number[] = [];
  const roles: number[] = []; // 1: root mapping, 2: the root's `items` sequence
  const anchorNames: (string | undefined)[] = [];
  let anchors = new Map<string, number>();
  let cur: Survey = { root: -1, items: undefined, expanded: 0, viaAliases: 0, anchored: false };
  let itemsNext = false;

  const enterNode = (ev: Event, isKeyScalar: boolean): number => {
    const depth = kinds.length - 1;
    const parentKind = kinds[depth];
    const parentRole = roles[depth];
    const index = counts[depth] ?? 0;
    counts[depth] = index + 1;
    let role = 0;
    if (parentKind === DOC) {
      const at = eventStart(ev);
      cur.root = at >= 0 ? at + base : -1;
      if (ev.type === EVENT_ID.MAPPING) role = 1;
    } else if (parentRole === 1) {
      if (index % 2 === 0) {
        itemsNext = isKeyScalar && ev.type === EVENT_ID.SCALAR && getScalarValue(source, ev) === 'items';
      } else {
        if (itemsNext && ev.type === EVENT_ID.SEQUENCE) {
          role = 2;
          cur.items = [];
        }
        itemsNext = false;
      }
    } else if (parentRole === 2) {
      const at = eventStart(ev);
      cur.items?.push(at >= 0 ? at + base : -1);
    }
    return role;
  };
  const addSize = (n: number): void => {
    const depth = sizes.length - 1;
    sizes[depth] = (sizes[depth] ?? 0) + n;
  };

  for (let index = 0; index < events.length; index++) {
    const ev = events[index] as Event;
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        anchors = new Map();
        cur = { root: -1, items: undefined, expanded: 0, viaAliases: 0, anchored: false };
        docs.push(cur);
        kinds.push(DOC);
        starts.push(index);
        counts.push(0);
        sizes.push(0);
        roles.push(0);
        anchorNames.push(undefined);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const role = enterNode(ev, false);
        kinds.push(ev.type === EVENT_ID.MAPPING ? MAP : SEQ);
        starts.push(index);
        counts.push(0);
        sizes.push(1);
        roles.push(role);
        anchorNames.push(ev.anchorStart >= 0 ? source.slice(ev.anchorStart, ev.anchorEnd) : undefined);
        if (ev.anchorStart >= 0) cur.anchored = true;
        break;
      }
      case EVENT_ID.SCALAR:
        enterNode(ev, true);
        if (ev.anchorStart >= 0) {
          anchors.set(source.slice(ev.anchorStart, ev.anchorEnd), 1);
          cur.anchored = true;
        }
        addSize(1);
        break;
      case EVENT_ID.ALIAS: {
        enterNode(ev, false);
        const n = anchors.get(source.slice(ev.anchorStart, ev.anchorEnd)) ?? 1;
        cur.viaAliases += n;
        cur.anchored = true;
        addSize(n);
        break;
      }
      case EVENT_ID.POP: {
        ends[starts.pop() ?? 0] = index + 1;
        const kind = kinds.pop();
        counts.pop();
        roles.pop();
        const size = sizes.pop() ?? 0;
        const anchor = anchorNames.pop();
        if (kind === DOC) cur.expanded = size;
        else {
          if (anchor !== undefined) anchors.set(anchor, size);
          addSize(size);
        }
        break;
      }
    }
  }
  return docs;
}

/** go-yaml v3's rule against alias bombs: the share of alias-made nodes allowed falls with size. */
function isAliasBomb(s: Survey): boolean {
  if (s.viaAliases <= 100 || s.expanded <= 1000) return false;
  const allowed =
    s.expanded <= 400_000
      ? 0.99
      : s.expanded >= 4_000_000
        ? 0.1
        : 0.99 - (0.89 * (s.expanded - 400_000)) / 3_600_000;
  return s.viaAliases / s.expanded > allowed;
}

/** What a read noticed beyond its documents: whether any document has anchors or aliases. */
interface ReadNotes {
  anchored: boolean;
}

/** Parses `source` (which starts at `base` in the whole text) into documents; throws on error. */
function readStrict(source: string, base: number, notes?: ReadNotes): ReadDoc[] {
  const events = parseEvents(source, { maxDepth: MAX_DEPTH });
  const ends = new Int32Array(events.length);
  const surveys = survey(events, source, base, ends);
  if (notes && surveys.some((s) => s.anchored)) notes.anchored = true;
  const pruned = pruneEvents(
    events,
    source,
    ends,
    surveys.map((s) => s.anchored),
  );
  const values = constructFromEvents(pruned, { source, schema: KUBE_YAML_SCHEMA, maxAliases: MAX_ALIASES });
  return surveys.map((s, i): ReadDoc => {
    if (isAliasBomb(s)) {
      return {
        value: null,
        root: s.root,
        problem: {
          code: 'YAML_ALIAS_LIMIT',
          params: {
            detail: `they expand the document to ${s.expanded} nodes, ${s.viaAliases} of them copies`,
          },
          offset: Math.max(s.root, base),
        },
      };
    }
    return { value: values[i], root: s.root, ...(s.items ? { items: s.items } : {}) };
  });
}

/** The problem an exception stands for, and its absolute offset when known. */
function problemOf(e: unknown, base: number, fallbackOffset: number): ReadProblem & { located: boolean } {
  if (e instanceof YAMLException) {
    const reason = e.reason || e.message;
    const located = e.mark !== undefined;
    const offset = located ? base + (e.mark?.position ?? 0) : fallbackOffset;
    if (reason.startsWith('nesting exceeded maxDepth')) {
      return { code: 'NESTING_TOO_DEEP', params: { limit: MAX_DEPTH }, offset, located };
    }
    if (reason.startsWith('aliases exceeded maxAliases')) {
      return {
        code: 'YAML_ALIAS_LIMIT',
        params: { detail: `more than ${MAX_ALIASES} in one document` },
        offset,
        located,
      };
    }
    return { code: 'YAML_SYNTAX', params: { reason }, offset, located };
  }
  if (e instanceof RangeError) {
    return { code: 'NESTING_TOO_DEEP', params: { limit: MAX_DEPTH }, offset: fallbackOffset, located: false };
  }
  const reason = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL_ERROR', params: { reason }, offset: fallbackOffset, located: false };
}

/** Leading whitespace of the line holding `offset`, when it contains a tab: [lineStart, wsEnd). */
function tabIndentAt(text: string, offset: number): [number, number] | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end).includes('\t') ? [lineStart, end] : undefined;
}

/** js-yaml's complaint about a tab in a flow collection's indentation (in block context it says "tab characters"). */
function isFlowTabError(e: unknown): boolean {
  return e instanceof YAMLException && (e.reason || '').startsWith('deficient indentation');
}

/**
 * Reads one chunk alone (`known`: the error a read of exactly this chunk already gave). A failure
 * on a line of a flow collection indented with tabs is retried with those tabs read as spaces
 * (one for one, so every offset stays put), as Go's reader (kubectl) allows tabs there; each such
 * line gives a warning. Tabs in block indentation stay an error, as they are for kubectl.
 */
function readChunk(
  text: string,
  start: number,
  end: number,
  warnings: ReadProblem[],
  known?: unknown,
  notes?: ReadNotes,
): ReadDoc[] {
  let source = start === 0 && end === text.length ? text : text.slice(start, end);
  let first: ReturnType<typeof problemOf> | undefined;
  const patched: number[] = [];
  let error = known;
  for (let attempt = 0; attempt <= MAX_TAB_RETRIES; attempt++) {
    if (error === undefined) {
      try {
        const docs = readStrict(source, start, notes);
        for (const p of patched) warnings.push({ code: 'YAML_TAB_TOLERATED', params: {}, offset: start + p });
        return patched.length ? docs.map((d) => ({ ...d, source: { text: source, base: start } })) : docs;
      } catch (e) {
        error = e;
      }
    }
    const problem = problemOf(error, 0, 0);
    first ??= problemOf(error, start, start);
    const tabs = problem.located && isFlowTabError(error) ? tabIndentAt(source, problem.offset) : undefined;
    error = undefined;
    if (!tabs) break;
    source =
      source.slice(0, tabs[0]) + source.slice(tabs[0], tabs[1]).replaceAll('\t', ' ') + source.slice(tabs[1]);
    patched.push(tabs[0]);
  }
  const problem = first ?? { code: 'INTERNAL_ERROR' as const, params: { reason: 'unknown' }, offset: start };
  return [
    {
      value: null,
      root: -1,
      problem: { code: problem.code, params: problem.params, offset: problem.offset },
    },
  ];
}

/** Reads [start, end) in one call if possible, else isolates the failing chunks. */
function readRange(
  text: string,
  start: number,
  end: number,
  marks: number[],
  out: ReadDoc[],
  warnings: ReadProblem[],
  notes?: ReadNotes,
): void {
  let from = start;
  while (from < end) {
    try {
      out.push(...readStrict(from === 0 && end === text.length ? text : text.slice(from, end), from, notes));
      return;
    } catch (e) {
      const p = problemOf(e, from, from);
      const inner = marks.filter((m) => m > from && m < end);
      if (inner.length === 0) {
        out.push(...readChunk(text, from, end, warnings, e, notes));
        return;
      }
      if (!p.located) {
        // No position: read chunk by chunk.
        const cuts = [from, ...inner, end];
        for (let i = 0; i + 1 < cuts.length; i++)
          out.push(...readChunk(text, cuts[i] ?? from, cuts[i + 1] ?? end, warnings, undefined, notes));
        return;
      }
      const at = Math.min(Math.max(p.offset, from), end - 1);
      const [cStart, cEnd] = chunkAround(text, at, [from, ...inner, end]);
      if (cStart > from) readRange(text, from, cStart, marks, out, warnings, notes);
      out.push(...readChunk(text, cStart, Math.min(cEnd, end), warnings, undefined, notes));
      from = Math.min(cEnd, end);
    }
  }
}

/** Results read ahead of time (in parallel, by the analysis worker's pool) for given texts. */
let readAhead: readonly { readonly text: string; readonly result: ReadResult }[] = [];

/**
 * Runs `f` with `readYaml` answering from `results` for those very texts (compared by identity
 * first, so a 50 MB text costs nothing to find), instead of reading them again.
 */
export function withReadAhead<T>(
  results: readonly { readonly text: string; readonly result: ReadResult }[],
  f: () => T,
): T {
  const previous = readAhead;
  readAhead = results;
  try {
    return f();
  } finally {
    readAhead = previous;
  }
}

/** Reads every document of a YAML text, noting whether any has anchors or aliases; never throws. */
export function readYamlNoting(text: string): ReadResult & { readonly anchored: boolean } {
  const docs: ReadDoc[] = [];
  const warnings: ReadProblem[] = [];
  const notes: ReadNotes = { anchored: false };
  readRange(text, 0, text.length, documentMarkers(text), docs, warnings, notes);
  return { docs, warnings, anchored: notes.anchored };
}

/** Reads every document of a YAML text; never throws. */
export function readYaml(text: string): ReadResult {
  for (const a of readAhead) if (a.text === text) return a.result;
  const docs: ReadDoc[] = [];
  const warnings: ReadProblem[] = [];
  readRange(text, 0, text.length, documentMarkers(text), docs, warnings);
  return { docs, warnings };
}
