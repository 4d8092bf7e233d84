/**
 * Form edits as commands on the policy's `yaml` Document (design Decision 1): each command
 * touches only the node it names, so comments, key order and the other lines survive.
 */
import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { readDocument, writeDocument } from './document';
import type { EditCommand, EditPath, EditResult } from './types';

type Collection = YAMLMap | YAMLSeq;

class EditError extends Error {}

/** `spec.ingress[0].from` for messages. */
export function pathText(path: EditPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? 'the policy' : out;
}

const isNull = (n: unknown): boolean =>
  n === null || n === undefined || (isScalar(n) && (n.value === null || n.value === undefined));

const isPrimitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

function checkIndex(seq: YAMLSeq, index: number, path: EditPath, allowEnd: boolean): void {
  const max = allowEnd ? seq.items.length : seq.items.length - 1;
  if (!Number.isInteger(index) || index < 0 || index > max) {
    throw new EditError(`${pathText(path)} has ${seq.items.length} item(s): there is no index ${index}.`);
  }
}

/** An empty `{}` or `[]` that is about to get content is written in block style from now on. */
function unflowIfEmpty(node: Collection): void {
  if (node.flow && node.items.length === 0) node.flow = false;
}

function childOf(coll: Collection, seg: string | number): unknown {
  return coll.get(seg, true);
}

/**
 * The collection at `path`, creating it (and every missing parent) as a map for a name or a
 * sequence for an index when it is absent or null. A scalar in the way is an error.
 */
function collectionAt(doc: Document, path: EditPath, kind: 'map' | 'seq'): Collection {
  if (isNull(doc.contents)) doc.contents = doc.createNode({}) as never;
  let node: unknown = doc.contents;
  if (!isCollection(node)) throw new EditError('The policy is not a map of fields.');
  let coll: Collection = node;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const wantsMap = i + 1 < path.length ? typeof path[i + 1] === 'string' : kind === 'map';
    checkSegment(coll, seg, path.slice(0, i));
    node = childOf(coll, seg);
    if (isNull(node)) {
      if (isSeq(coll)) checkIndex(coll, seg as number, path.slice(0, i + 1), true);
      unflowIfEmpty(coll);
      const created = doc.createNode(wantsMap ? {} : []) as Collection;
      coll.set(seg, created);
      node = created;
    }
    if (!isCollection(node) || isMap(node) !== wantsMap) {
      throw new EditError(
        `${pathText(path.slice(0, i + 1))} is ${describeNode(node)}, not ${wantsMap ? 'a map' : 'a list'}: change it in the YAML first.`,
      );
    }
    coll = node;
  }
  return coll;
}

function describeNode(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node))
    return typeof node.value === 'string'
      ? `the string ${JSON.stringify(node.value)}`
      : `${String(node.value)}`;
  return 'something else';
}

function checkSegment(coll: Collection, seg: string | number, at: EditPath): void {
  if (isMap(coll) && typeof seg !== 'string') {
    throw new EditError(`${pathText(at)} is a map: index ${seg} does not apply.`);
  }
  if (isSeq(coll) && typeof seg !== 'number') {
    throw new EditError(`${pathText(at)} is a list: field "${seg}" does not apply.`);
  }
}

function nodeFor(doc: Document, value: unknown): unknown {
  return isPrimitive(value) ? value : (doc.createNode(value) as Node);
}

function set(doc: Document, path: EditPath, value: unknown): void {
  if (value === undefined) return remove(doc, path);
  if (path.length === 0) {
    doc.contents = doc.createNode(value) as never;
    return;
  }
  const last = path[path.length - 1]!;
  const parent = collectionAt(doc, path.slice(0, -1), typeof last === 'string' ? 'map' : 'seq');
  checkSegment(parent, last, path.slice(0, -1));
  if (isSeq(parent)) checkIndex(parent, last as number, path, true);
  const prev = childOf(parent, last);
  if (isScalar(prev) && isPrimitive(value)) {
    // Keep the node (its comments); the writer quotes the new value when it must.
    if (prev.value !== value) {
      // An empty string had to be quoted; what is typed into it is written plain when it can be.
      const wasEmpty = prev.value === '';
      prev.value = value;
      if (
        typeof value !== 'string' ||
        wasEmpty ||
        prev.type === 'BLOCK_FOLDED' ||
        prev.type === 'BLOCK_LITERAL'
      )
        delete prev.type;
    }
    return;
  }
  unflowIfEmpty(parent);
  parent.set(last, nodeFor(doc, value));
}

function remove(doc: Document, path: EditPath): void {
  if (path.length === 0) throw new EditError('The whole policy cannot be deleted by an edit.');
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isCollection(parent)) return; // already absent
  const last = path[path.length - 1]!;
  if (isMap(parent) !== (typeof last === 'string')) return;
  parent.delete(last);
}

function insert(doc: Document, path: EditPath, value: unknown, index: number | undefined): void {
  const seq = collectionAt(doc, path, 'seq') as YAMLSeq;
  const at = index ?? seq.items.length;
  checkIndex(seq, at, path, true);
  unflowIfEmpty(seq);
  seq.items.splice(at, 0, doc.createNode(value) as Node);
}

function move(doc: Document, path: EditPath, from: number, to: number): void {
  const seq = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isSeq(seq)) throw new EditError(`${pathText(path)} is not a list: nothing to move.`);
  checkIndex(seq, from, path, false);
  checkIndex(seq, to, path, false);
  const [item] = seq.items.splice(from, 1);
  seq.items.splice(to, 0, item);
}

function apply(doc: Document, c: EditCommand): void {
  switch (c.op) {
    case 'set':
      return set(doc, c.path, c.value);
    case 'delete':
      return remove(doc, c.path);
    case 'insert':
      return insert(doc, c.path, c.value, c.index);
    case 'move':
      return move(doc, c.path, c.from, c.to);
    default:
      throw new EditError(`Unknown edit ${JSON.stringify((c as { op?: unknown }).op)}.`);
  }
}

/**
 * Applies form edits, in order, to one policy text. All or nothing: when one edit cannot apply
 * (the YAML does not parse, a path runs through a scalar, an index is out of range) the result
 * is a message and the text is left as it was.
 */
export function applyEdits(text: string, commands: readonly EditCommand[]): EditResult {
  if (commands.length === 0) return { ok: true, text };
  // Windows line ends are written back as they came.
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const read = readDocument(lf);
  if (!read.ok) return read;
  try {
    for (const c of commands) apply(read.doc, c);
    const out = writeDocument(lf, read.doc, read.style);
    return { ok: true, text: crlf ? out.replace(/\n/g, '\r\n') : out };
  } catch (e) {
    if (e instanceof EditError) return { ok: false, message: e.message };
    return {
      ok: false,
      message: `The edit could not be applied: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
