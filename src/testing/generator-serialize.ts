/**
 * Serialisers of a generated cluster as one `kind: List`, in YAML (kubectl's block style, keys
 * sorted) or JSON (kubectl's 4-space indentation, or compact). Both are produced item by item, so
 * outputs of hundreds of megabytes can be streamed without building one giant string.
 *
 * The YAML emitter handles plain JSON data only (null, booleans, finite numbers, strings, arrays,
 * objects): a string is written plain only when no YAML 1.1 or 1.2 schema could read it as
 * anything but that string, otherwise double-quoted with JSON escapes (valid YAML escapes).
 */

export type SerializeFormat = 'yaml' | 'json';

export interface SerializeOptions {
  /** JSON only: indent with 4 spaces like `kubectl get -o json` (default false: compact). */
  readonly pretty?: boolean;
  /**
   * YAML only: sort mapping keys as kubectl does (default false: keys in insertion order; the
   * generator already builds its objects with their keys in order).
   */
  readonly sortKeys?: boolean;
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,3})?$/;
/** Words some YAML schema reads as booleans or null. */
const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);
/** Characters YAML does not allow raw that JSON.stringify leaves raw (DEL, C1 controls, BOM). */
const NEEDS_ESCAPE = /[\u007f-\u009f\ufeff]/;
const NEEDS_ESCAPE_ALL = /[\u007f-\u009f\ufeff]/g;

function quote(text: string): string {
  const json = JSON.stringify(text);
  return NEEDS_ESCAPE.test(json)
    ? json.replace(NEEDS_ESCAPE_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
}

function yamlString(text: string): string {
  if (PLAIN.test(text)) return RESERVED.has(text.toLowerCase()) ? `"${text}"` : text;
  if (DOTTED_QUAD.test(text)) return text;
  return quote(text);
}

/** The text of a scalar or empty collection; undefined for a non-empty array or object. */
function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return yamlString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot serialise the number ${value}`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
      for (const k in value) if ((value as Record<string, unknown>)[k] !== undefined) return undefined;
      return '{}';
    default:
      throw new TypeError(`cannot serialise a ${typeof value}`);
  }
}

interface Buffer {
  s: string;
}

function writeMapping(
  obj: Record<string, unknown>,
  indent: string,
  first: string,
  b: Buffer,
  sort: boolean,
): void {
  const keys = Object.keys(obj);
  if (sort) keys.sort();
  let prefix = first;
  for (const k of keys) {
    const value = obj[k];
    if (value === undefined) continue;
    const key = yamlString(k);
    const text = scalarText(value);
    if (text !== undefined) {
      b.s += `${prefix}${key}: ${text}\n`;
    } else if (Array.isArray(value)) {
      b.s += `${prefix}${key}:\n`;
      writeSequence(value, indent, b, sort);
    } else {
      b.s += `${prefix}${key}:\n`;
      const inner = `${indent}  `;
      writeMapping(value as Record<string, unknown>, inner, inner, b, sort);
    }
    prefix = indent;
  }
}

function writeSequence(items: readonly unknown[], indent: string, b: Buffer, sort: boolean): void {
  for (const item of items) {
    const text = scalarText(item);
    if (text !== undefined) {
      b.s += `${indent}- ${text}\n`;
    } else if (Array.isArray(item)) {
      b.s += `${indent}-\n`;
      writeSequence(item, `${indent}  `, b, sort);
    } else {
      writeMapping(item as Record<string, unknown>, `${indent}  `, `${indent}- `, b, sort);
    }
  }
}

/** One item of the List in YAML, as a `- ...` block at the top level. */
export function yamlItem(item: object, sortKeys = false): string {
  const b: Buffer = { s: '' };
  writeSequence([item], '', b, sortKeys);
  return b.s;
}

const JSON_ITEM_INDENT = /\n/g;

/** The List in chunks (header, one per item, footer): concatenated, they are the whole text. */
export function* serializeChunks(
  objects: readonly object[],
  format: SerializeFormat,
  options: SerializeOptions = {},
): Generator<string, void, undefined> {
  if (format === 'yaml') {
    const sort = options.sortKeys ?? false;
    if (objects.length === 0) {
      yield 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n';
      return;
    }
    yield 'apiVersion: v1\nitems:\n';
    for (const o of objects) yield yamlItem(o, sort);
    yield 'kind: List\nmetadata:\n  resourceVersion: ""\n';
    return;
  }
  if (options.pretty ?? false) {
    if (objects.length === 0) {
      yield '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n';
      return;
    }
    yield '{\n    "apiVersion": "v1",\n    "items": [\n';
    let first = true;
    for (const o of objects) {
      const text = `        ${JSON.stringify(o, null, 4).replace(JSON_ITEM_INDENT, '\n        ')}`;
      yield first ? text : `,\n${text}`;
      first = false;
    }
    yield '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n';
    return;
  }
  yield '{"apiVersion":"v1","items":[';
  let first = true;
  for (const o of objects) {
    yield first ? JSON.stringify(o) : `,${JSON.stringify(o)}`;
    first = false;
  }
  yield '],"kind":"List","metadata":{"resourceVersion":""}}\n';
}

function joinChunks(chunks: Iterable<string>): string {
  const parts: string[] = [];
  for (const c of chunks) parts.push(c);
  return parts.join('');
}

/** The objects as one `kind: List` in YAML. For very large clusters, stream `serializeChunks`. */
export function toYaml(objects: readonly object[], options: SerializeOptions = {}): string {
  return joinChunks(serializeChunks(objects, 'yaml', options));
}

/** The objects as one `kind: List` in JSON. For very large clusters, stream `serializeChunks`. */
export function toJson(objects: readonly object[], options: SerializeOptions = {}): string {
  return joinChunks(serializeChunks(objects, 'json', options));
}
