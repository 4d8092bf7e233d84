/**
 * The importer: manifest texts (files, standard input, pasted text) to the Snapshot the engine
 * evaluates, with every problem as a located diagnostic. Browser-safe: the CLI passes file
 * contents, the app passes what the user pasted or dropped.
 */
import type { Diagnostic, Snapshot } from '../model';
import { parseText, type RawObject } from './parse';
import { buildSnapshot } from './snapshot';

export interface SourceText {
  /** A file path, `<stdin>`, or a label such as `pasted`. */
  readonly name: string;
  readonly text: string;
}

export interface ImportResult {
  readonly snapshot: Snapshot;
  /** Reading problems first, then validation problems, each in input order. */
  readonly diagnostics: Diagnostic[];
  /** Objects of kinds that play no part in NetworkPolicy evaluation, counted by kind. */
  readonly ignored: Record<string, number>;
}

/** Reads every source, in order, and builds one snapshot of all their objects. */
export function importTexts(sources: readonly SourceText[]): ImportResult {
  const objects: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseText(source.name, source.text);
    for (const o of parsed.objects) objects.push(o);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  return importObjects(objects, diagnostics);
}

/** One snapshot of objects already read, after the reading problems `diagnostics` (in order). */
export function importObjects(
  objects: readonly RawObject[],
  diagnostics: readonly Diagnostic[],
): ImportResult {
  const built = buildSnapshot(objects);
  return {
    snapshot: built.snapshot,
    diagnostics: [...diagnostics, ...built.diagnostics],
    ignored: built.ignored,
  };
}

export {
  parseText,
  type ParseResult,
  type RawObject,
  type DocRef,
  type FileRef,
  type PathSeg,
} from './parse';
export { buildSnapshot, type BuildResult } from './snapshot';
export { CODES, type Code, type CodeInfo } from './codes';
export * from './policy-edit';
