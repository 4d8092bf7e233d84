/**
 * Cutting a big YAML text into pieces that parse on their own, and putting the pieces' results
 * back together exactly as one read of the whole text gives them (same values, same offsets, so
 * every diagnostic keeps its file, document, line and column).
 *
 * Two kinds of cut are safe:
 *  - at a document marker (`---` at the start of a line): documents never share anything;
 *  - between the entries of a root-level `items:` list written as kubectl writes it (`items:` and
 *    each `- ` entry at column 0): each piece is read as `kind: <the list's kind>\nitems:\n<piece>`,
 *    so the entries sit at the same depth and are pruned by the same rules as in the whole text.
 *    The list's own document (its text without the entries) is read here, first.
 *
 * A list piece is only trusted when it reads cleanly (one document, no problem, no warning, no
 * anchor or alias); otherwise the caller reads the whole text the ordinary way.
 */
import { readYamlNoting, type ReadDoc, type ReadProblem, type ReadResult } from '../io/yaml-read';

/** A piece of text to read on its own: `prefix + text.slice(start, end)`. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  /** Text read before the piece (list pieces: `kind: ...\nitems:\n`); its length is taken off offsets. */
  readonly prefix: string;
}

/** A list document whose entries are read in pieces. */
interface ListDoc {
  /** The document read without its entries (offsets already made absolute). */
  readonly doc: ReadDoc & { readonly value: Record<string, unknown> };
  /** Indexes into `pieces`. */
  readonly first: number;
  readonly count: number;
}

/** What to read, and how to put it back together. */
export interface SplitPlan {
  readonly pieces: readonly Piece[];
  /** In text order: a run of whole documents (a piece index), or a list document. */
  readonly order: readonly ({ readonly piece: number } | { readonly list: ListDoc })[];
}

/** What one piece gave. */
export type PieceResult = ReadResult & { readonly anchored: boolean };

/** Texts shorter than this are read in one go. */
export const MIN_SPLIT_LENGTH = 2 * 1024 * 1024;

/** Offsets of document markers that start a line (a `\u2028` is no line break in YAML). */
function lineMarkers(text: string): number[] {
  const marks: number[] = [];
  const re = /^(?:\uFEFF)?---(?=[ \t\r\n]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = m.index === 0 ? '\n' : text[m.index - 1];
    if (before === '\n' || before === '\r') marks.push(m.index);
  }
  return marks;
}

/** Offsets of the lines of [from, to) that start a column-0 list entry, and where the entries end. */
function entriesAt(text: string, from: number, to: number): { starts: number[]; end: number } | null {
  const starts: number[] = [];
  let pos = from;
  let seenContent = false;
  while (pos < to) {
    const c = text.charCodeAt(pos);
    if (c === 0x2d /* - */) {
      const n = text.charCodeAt(pos + 1);
      if (!(n === 0x20 || n === 0x0a || n === 0x0d || n === 0x09)) break;
      starts.push(pos);
      seenContent = true;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      if (!seenContent) {
        // Before the first entry only blank lines may come (an indented list is not cut).
        let k = pos;
        while (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09) k++;
        const d = text.charCodeAt(k);
        if (!(d === 0x0a || d === 0x0d || d === 0x23 || k >= to)) return null;
      }
    } else if (c !== 0x23 /* # */) break;
    const nl = text.indexOf('\n', pos);
    pos = nl < 0 || nl >= to ? to : nl + 1;
  }
  return starts.length > 0 ? { starts, end: Math.min(pos, to) } : null;
}

/** Adds `delta` to every offset of a result read from a piece. */
function shifted(r: ReadResult, delta: number): ReadResult {
  if (delta === 0) return r;
  const shift = (p: ReadProblem): ReadProblem => ({ ...p, offset: p.offset + delta });
  return {
    docs: r.docs.map((d) => ({
      ...d,
      root: d.root >= 0 ? d.root + delta : d.root,
      ...(d.items ? { items: d.items.map((o) => (o >= 0 ? o + delta : o)) } : {}),
      ...(d.source ? { source: { text: d.source.text, base: d.source.base + delta } } : {}),
      ...(d.problem ? { problem: shift(d.problem) } : {}),
    })),
    warnings: r.warnings.map(shift),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A list document of [start, end) cut into about `parts` pieces of entries, with the document
 * itself (without its entries) read here; null when it is not such a list.
 */
function splitList(
  text: string,
  start: number,
  end: number,
  parts: number,
): { doc: ListDoc['doc']; pieces: Piece[] } | null {
  const re = /^items:[ \t]*(?:#[^\r\n]*)?\r?\n/gm;
  re.lastIndex = start;
  const m = re.exec(text);
  if (!m || m.index >= end || (m.index > 0 && text[m.index - 1] !== '\n')) return null;
  const from = m.index + m[0].length;
  const entries = entriesAt(text, from, end);
  if (!entries || entries.starts.length < 2) return null;
  const to = entries.end;
  // The document without its entries: `items:` is then null, and every other offset is kept by
  // mapping the part after the hole back by the hole's length.
  const skeleton = text.slice(start, from) + text.slice(to, end);
  const read = readYamlNoting(skeleton);
  const only = read.docs[0];
  if (read.docs.length !== 1 || !only || read.warnings.length > 0 || read.anchored || only.problem)
    return null;
  const value = only.value;
  if (!isRecord(value) || !Object.hasOwn(value, 'items') || value['items'] !== null) return null;
  const kind = value['kind'];
  if (typeof kind !== 'string' || !kind.endsWith('List') || only.items || only.source) return null;
  const head = from - start;
  const root = only.root < 0 ? only.root : only.root < head ? start + only.root : only.root - head + to;
  const prefix = `kind: ${JSON.stringify(kind)}\nitems:\n`;
  const size = Math.max(1, Math.ceil((to - from) / parts));
  const pieces: Piece[] = [];
  let pieceStart = from;
  for (const s of entries.starts) {
    if (s > pieceStart && s - pieceStart >= size) {
      pieces.push({ start: pieceStart, end: s, prefix });
      pieceStart = s;
    }
  }
  pieces.push({ start: pieceStart, end: to, prefix });
  if (pieces.length < 2) return null;
  return { doc: { value, root }, pieces };
}

/**
 * How to read `text` in about `parts` pieces; null when it is better read in one go (small, one
 * piece, or with directives, which belong to the document after them).
 */
export function planSplit(text: string, parts: number, minLength = MIN_SPLIT_LENGTH): SplitPlan | null {
  if (parts < 2 || text.length < minLength || /^%/m.test(text)) return null;
  const size = Math.ceil(text.length / parts);
  const bounds = [0, ...lineMarkers(text).filter((m) => m > 0), text.length];
  const pieces: Piece[] = [];
  const order: SplitPlan['order'][number][] = [];
  let runStart = 0;
  const closeRun = (at: number): void => {
    if (at > runStart) {
      order.push({ piece: pieces.length });
      pieces.push({ start: runStart, end: at, prefix: '' });
    }
    runStart = at;
  };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? text.length;
    const list = end - start >= size ? splitList(text, start, end, Math.ceil((end - start) / size)) : null;
    if (list) {
      closeRun(start);
      order.push({ list: { doc: list.doc, first: pieces.length, count: list.pieces.length } });
      pieces.push(...list.pieces);
      runStart = end;
    } else if (end - runStart >= size) {
      closeRun(end);
    }
  }
  closeRun(text.length);
  return pieces.length >= 2 ? { pieces, order } : null;
}

/** The text a piece is read from. */
export function pieceText(text: string, piece: Piece): string {
  return piece.prefix + text.slice(piece.start, piece.end);
}

/** Reads one piece (what a pool worker runs). */
export function readPiece(source: string): PieceResult {
  return readYamlNoting(source);
}

/**
 * The pieces' results put together as one read of the whole text; null when a list piece did
 * not read cleanly (then read the whole text the ordinary way).
 */
export function mergePieces(plan: SplitPlan, results: readonly PieceResult[]): ReadResult | null {
  const docs: ReadDoc[] = [];
  const warnings: ReadProblem[] = [];
  for (const step of plan.order) {
    if ('piece' in step) {
      const piece = plan.pieces[step.piece];
      const result = results[step.piece];
      if (!piece || !result) return null;
      const r = shifted(result, piece.start);
      docs.push(...r.docs);
      warnings.push(...r.warnings);
      continue;
    }
    const { doc, first, count } = step.list;
    const values: unknown[] = [];
    const offsets: number[] = [];
    for (let i = first; i < first + count; i++) {
      const piece = plan.pieces[i];
      const result = results[i];
      const only = result?.docs[0];
      if (!piece || !result || !only || result.docs.length !== 1 || result.warnings.length > 0) return null;
      if (result.anchored || only.problem || only.source || !isRecord(only.value)) return null;
      const items = only.value['items'];
      if (!Array.isArray(items) || only.items?.length !== items.length) return null;
      const delta = piece.start - piece.prefix.length;
      for (const v of items) values.push(v);
      for (const o of only.items) offsets.push(o >= 0 ? o + delta : o);
    }
    const value = { ...doc.value };
    value['items'] = values;
    docs.push({ value, root: doc.root, items: offsets });
  }
  return { docs, warnings };
}

/** A message from the analysis worker to a parse worker. */
export interface PieceRequest {
  readonly id: number;
  readonly prefix: string;
  readonly text: string;
}

/** A parse worker's answer: the result as JSON when it survives JSON exactly (faster to move), else as is. */
export type PieceResponse =
  | { readonly id: number; readonly json: string }
  | { readonly id: number; readonly result: PieceResult }
  | { readonly id: number; readonly error: string };

/** Whether `v` comes back from JSON.stringify + JSON.parse as it is (finite numbers, no -0, no undefined). */
export function isJsonExact(v: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) {
    for (const x of v) if (!isJsonExact(x, depth + 1)) return false;
    return true;
  }
  if (typeof v === 'object') {
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return false;
    for (const k in v) {
      if (!Object.hasOwn(v, k)) return false;
      if (!isJsonExact((v as Record<string, unknown>)[k], depth + 1)) return false;
    }
    return !Object.hasOwn(v, '__proto__');
  }
  return false;
}

/** The answer a parse worker gives for a request. */
export function answerPiece(req: PieceRequest): PieceResponse {
  try {
    const result = readPiece(req.prefix + req.text);
    return isJsonExact(result) ? { id: req.id, json: JSON.stringify(result) } : { id: req.id, result };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}
