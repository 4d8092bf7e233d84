import type { SourceRef } from './source';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One problem found in the input. `code` is a stable UPPER_SNAKE code from the catalogue in
 * `codes.ts`; `path` is the field path as the API server prints it (`spec.ingress[0].from[1]`).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly doc?: number;
  readonly item?: number;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
  /** The object concerned, as `Kind ns/name`, when known. */
  readonly object?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.file !== undefined) {
    let loc = d.file;
    if (d.line !== undefined) loc += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
    where.push(loc);
  }
  if (d.doc !== undefined)
    where.push(`document ${d.doc + 1}${d.item !== undefined ? ` item ${d.item + 1}` : ''}`);
  const head = where.length ? `${where.join(' ')}: ` : '';
  const obj = d.object ? `${d.object}: ` : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${head}${d.severity} ${d.code}: ${obj}${path}${d.message}`;
}

export function sourceOf(d: Diagnostic): SourceRef | undefined {
  if (d.file === undefined || d.doc === undefined) return undefined;
  return {
    file: d.file,
    doc: d.doc,
    ...(d.item !== undefined ? { item: d.item } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
  };
}
