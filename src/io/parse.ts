/**
 * Text to raw Kubernetes objects: multi-document YAML, JSON, `kind: List` and typed lists
 * (`PodList`, ... whose items carry no kind). Browser-safe; never throws.
 */
import type { Diagnostic, SourceRef } from '../model';
import { makeDiagnostic, type Code, type Params } from './codes';
import { readJson } from './json-read';
import { LineIndex } from './lines';
import { MAX_DEPTH, readYaml, type ReadDoc } from './yaml-read';

/** A step of a field path: a map key or a list index. */
export type PathSeg = string | number;

/** One input text, shared by the objects read from it. */
export interface FileRef {
  readonly name: string;
  readonly text: string;
  readonly lines: LineIndex;
}

/** Where a document's text is, so that a field of it can be found again when a problem needs it. */
export interface DocRef {
  readonly file: FileRef;
  /** Offset of the document's root node in the file. */
  readonly root: number;
  /** A range of the file that parses on its own and holds the document (JSON). */
  readonly span?: readonly [number, number];
  /** The document's chunk as it was read, when tabs had to be patched. */
  readonly patched?: { readonly text: string; readonly base: number };
}

export interface RawObject {
  readonly obj: Readonly<Record<string, unknown>>;
  /** `kind`, inferred from a typed list (`PodList` → `Pod`) when the item has none. */
  readonly kind: string;
  /** `apiVersion`, inherited from a typed list when the item has none. */
  readonly apiVersion?: string;
  readonly source: SourceRef;
  /** The document holding the object and the object's path inside it. */
  readonly at?: { readonly doc: DocRef; readonly prefix: readonly PathSeg[] };
}

export interface ParseResult {
  readonly objects: RawObject[];
  readonly diagnostics: Diagnostic[];
}

/** Text that looks like JSON but does not parse is read as YAML below this size. */
const YAML_FALLBACK_LIMIT = 4 * 1024 * 1024;

/** About 256 MB of text: beyond that V8 strings and js-yaml run out of room anyway. */
export const MAX_TEXT_LENGTH = 256 * 1024 * 1024;

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An own property: never one inherited from Object.prototype (`constructor`, `__proto__`). */
export function own(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** "a string", "a list", ... for messages. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string')
    return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)})`;
  if (typeof v === 'number') return `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return `a ${typeof v}`;
}

function firstSignificant(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return c;
  }
  return -1;
}

class Reader {
  readonly objects: RawObject[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: FileRef) {}

  where(offset: number, doc?: number, item?: number): Omit<Diagnostic, 'code' | 'severity' | 'message'> {
    const pos = offset >= 0 ? this.file.lines.position(offset) : undefined;
    return {
      file: this.file.name,
      ...(doc !== undefined ? { doc } : {}),
      ...(item !== undefined ? { item } : {}),
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
  }

  report(code: Code, params: Params, offset: number, doc?: number, item?: number): void {
    this.diagnostics.push(makeDiagnostic(code, params, this.where(offset, doc, item)));
  }

  /** One document: an object, or a List of objects. */
  document(
    value: unknown,
    index: number,
    doc: DocRef,
    itemSpans: readonly (readonly [number, number])[] | undefined,
  ): void {
    if (value === null || value === undefined) return;
    if (!isMap(value)) {
      this.report('NOT_AN_OBJECT', { found: describe(value) }, doc.root, index);
      return;
    }
    const kind = own(value, 'kind');
    const apiVersion = own(value, 'apiVersion');
    const items = own(value, 'items');
    if (typeof kind !== 'string' || kind === '') {
      this.report('MISSING_KIND', {}, doc.root, index);
      return;
    }
    // `kind: List`, or a typed list (`PodList`) as the API server returns it, with its items.
    const isList = kind === 'List' || (kind.endsWith('List') && (items === null || Array.isArray(items)));
    if (!isList) {
      this.emit(
        value,
        kind,
        typeof apiVersion === 'string' ? apiVersion : undefined,
        index,
        undefined,
        doc,
        doc.root,
        [],
      );
      return;
    }
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      this.report('BAD_LIST_ITEMS', { kind, found: describe(items) }, doc.root, index);
      return;
    }
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    const listApiVersion = kind !== 'List' && typeof apiVersion === 'string' ? apiVersion : undefined;
    items.forEach((item: unknown, i) => {
      const span = itemSpans?.[i];
      const offset = span ? span[0] : doc.root;
      if (item === null || item === undefined) return;
      if (!isMap(item)) {
        this.report('NOT_AN_OBJECT', { found: describe(item) }, offset, index, i);
        return;
      }
      const k = own(item, 'kind');
      const v = own(item, 'apiVersion');
      const itemKindHere = typeof k === 'string' && k !== '' ? k : itemKind;
      if (itemKindHere === undefined) {
        this.report('MISSING_KIND', {}, offset, index, i);
        return;
      }
      const itemDoc: DocRef = span && doc.span ? { file: this.file, root: span[0], span } : doc;
      const prefix = itemDoc === doc ? ['items', i] : [];
      this.emit(
        item,
        itemKindHere,
        typeof v === 'string' ? v : listApiVersion,
        index,
        i,
        itemDoc,
        offset,
        prefix,
      );
    });
  }

  emit(
    obj: Record<string, unknown>,
    kind: string,
    apiVersion: string | undefined,
    doc: number,
    item: number | undefined,
    docRef: DocRef,
    offset: number,
    prefix: PathSeg[],
  ): void {
    const pos = offset >= 0 ? this.file.lines.position(offset) : undefined;
    const source: SourceRef = {
      file: this.file.name,
      doc,
      ...(item !== undefined ? { item } : {}),
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
    this.objects.push({
      obj,
      kind,
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      source,
      at: { doc: docRef, prefix },
    });
  }

  json(): boolean {
    const text = this.file.text;
    const bomless = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    const read = readJson(bomless);
    if ('error' in read) {
      // Flow-style YAML also starts with { or [, but never runs to megabytes: a big text is JSON.
      if (text.length < YAML_FALLBACK_LIMIT) return false;
      this.report('JSON_SYNTAX', { reason: read.error }, read.offset, 0);
      return true;
    }
    if (read.depth > MAX_DEPTH) {
      this.report('NESTING_TOO_DEEP', { limit: MAX_DEPTH }, read.root, 0);
      return true;
    }
    const doc: DocRef = { file: this.file, root: read.root, span: [0, text.length] };
    this.document(read.value, 0, doc, read.items);
    return true;
  }

  yaml(): void {
    const { docs, warnings } = readYaml(this.file.text);
    for (const w of warnings) this.report(w.code, w.params, w.offset);
    docs.forEach((d: ReadDoc, index) => {
      if (d.problem) {
        this.report(d.problem.code, d.problem.params, d.problem.offset, index);
        return;
      }
      const doc: DocRef = { file: this.file, root: d.root, ...(d.source ? { patched: d.source } : {}) };
      const spans = d.items?.map((start): readonly [number, number] => [start, start]);
      this.document(d.value, index, doc, spans);
    });
  }
}

/** Reads every object of one text (a file, standard input, pasted text). */
export function parseText(file: string, text: string): ParseResult {
  const reader = new Reader({ name: file, text, lines: new LineIndex(text) });
  try {
    if (text.length > MAX_TEXT_LENGTH) {
      reader.report('TEXT_TOO_LARGE', { size: text.length, limit: MAX_TEXT_LENGTH }, -1);
    } else {
      const first = firstSignificant(text);
      const isJsonLike = first === 0x7b || first === 0x5b; // { or [
      if (!(isJsonLike && reader.json())) reader.yaml();
    }
  } catch (e) {
    const reason =
      e instanceof RangeError
        ? `${e.message} (input nested too deeply?)`
        : e instanceof Error
          ? e.message
          : String(e);
    reader.report('INTERNAL_ERROR', { reason }, -1);
  }
  return { objects: reader.objects, diagnostics: reader.diagnostics };
}
