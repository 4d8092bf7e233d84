/**
 * One policy text as a `yaml` Document, and back to text with the least change: the writing
 * style (indentation, sequence indentation, flow padding) is read from the text, and every line
 * the edit did not touch is taken from the original text byte for byte.
 */
import { type Document, LineCounter, parseAllDocuments, parseDocument, type ToStringOptions } from 'yaml';
import { deepEqual, keepUntouchedLines } from './lines-merge';

/**
 * YAML 1.1, as kubectl (go-yaml v2) and the importer read it: written strings such as `yes`,
 * `on`, `0777` or `1:20` get quoted, so they stay strings when read back.
 */
export const YAML_VERSION = '1.1' as const;

export interface ParsedDoc {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export type DocResult =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly style: ToStringOptions }
  | { readonly ok: false; readonly message: string };

/** Parses a text holding one YAML document; several documents or a syntax error is a message. */
export function readDocument(text: string): DocResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: YAML_VERSION, lineCounter, keepSourceTokens: false });
  const doc = docs[0] ?? parseDocument(text, { version: YAML_VERSION });
  for (const d of docs) {
    const err = d.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      return {
        ok: false,
        message: `The YAML has an error at line ${pos.line}, column ${pos.col}: ${firstLine(err.message)}. Fix it in the YAML first.`,
      };
    }
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    const pos = lineCounter.linePos(second.range[0]);
    return {
      ok: false,
      message: `The text holds ${docs.length} YAML documents (the second at line ${pos.line}); a policy is one document.`,
    };
  }
  return { ok: true, doc, style: styleOf(text) };
}

export function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

const KEY_ONLY = /^( *)[^\s#-][^#]*:[ \t]*(#.*)?$/;
const SEQ_ITEM = /^( *)- /;

/** The writing style of a text: indentation step, indented sequences, padded flow collections. */
export function styleOf(text: string): ToStringOptions {
  const lines = text.split('\n');
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 0; i < lines.length - 1 && (indent === undefined || indentSeq === undefined); i++) {
    const m = KEY_ONLY.exec(lines[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
    const next = lines[j];
    if (next === undefined) break;
    const own = m[1]!.length;
    const nextIndent = /^ */.exec(next)![0].length;
    if (SEQ_ITEM.test(next)) {
      if (indentSeq === undefined) indentSeq = nextIndent > own;
    } else if (indent === undefined && nextIndent > own) {
      indent = nextIndent - own;
    }
  }
  const flowCollectionPadding = /[[{] +[^\s\]}]/.test(text.replace(/#.*$/gm, ''));
  return {
    indent: indent !== undefined && indent >= 1 && indent <= 8 ? indent : 2,
    indentSeq: indentSeq ?? true,
    flowCollectionPadding,
    lineWidth: 0,
    minContentWidth: 0,
  };
}

/** Writes an edited Document, taking every line the edit left alone from the original text. */
export function writeDocument(original: string, doc: Document, style: ToStringOptions): string {
  const edited = doc.toString(style);
  const reread = parseAllDocuments(original, { version: YAML_VERSION });
  const before = reread[0]?.toString(style);
  if (before === undefined || before === original) return edited;
  const merged = keepUntouchedLines(original, before, edited);
  if (merged === edited) return edited;
  // The merge must never change the meaning (nor drop a comment): check it, or write plainly.
  const check = parseAllDocuments(merged, { version: YAML_VERSION });
  const again = check[0];
  if (check.length !== 1 || !again || again.errors.length > 0) return edited;
  const same = deepEqual(again.toJS(), doc.toJS()) && again.toString(style) === edited;
  return same ? merged : edited;
}
