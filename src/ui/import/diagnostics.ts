/** Grouping and wording of the importer's diagnostics for the Problems panel. No React. */
import type { Diagnostic, Severity } from '../../model';

/**
 * The problems the panel lists: the importer also notes each ignored kind as an IGNORED_KIND
 * diagnostic; the panel shows those once, from `ignored`, as a line of its own.
 */
export function listedDiagnostics(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  return diagnostics.some((d) => d.code === 'IGNORED_KIND')
    ? diagnostics.filter((d) => d.code !== 'IGNORED_KIND')
    : diagnostics;
}

export interface DiagnosticGroup {
  /** The source file, or null for problems that belong to no file. */
  readonly file: string | null;
  readonly items: readonly Diagnostic[];
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function compareLocation(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.doc ?? -1) - (b.doc ?? -1) ||
    (a.item ?? -1) - (b.item ?? -1) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  );
}

/**
 * Problems grouped by file: files in the workspace's order (`fileOrder`), then other files by
 * name, then problems without a file; inside a file, by document, item and line.
 */
export function groupDiagnostics(
  diagnostics: readonly Diagnostic[],
  fileOrder: readonly string[] = [],
): DiagnosticGroup[] {
  const byFile = new Map<string | null, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.file ?? null;
    const list = byFile.get(key);
    if (list) list.push(d);
    else byFile.set(key, [d]);
  }
  const rank = new Map(fileOrder.map((name, i) => [name, i]));
  const keys = [...byFile.keys()].sort((a, b) => {
    if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
    const ra = rank.get(a) ?? Infinity;
    const rb = rank.get(b) ?? Infinity;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return keys.map((file) => ({ file, items: [...(byFile.get(file) ?? [])].sort(compareLocation) }));
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** `2 errors, 1 warning` (empty parts left out; `no problems` when there are none). */
export function describeCounts(counts: SeverityCounts): string {
  const parts: string[] = [];
  const add = (n: number, word: string) => {
    if (n > 0) parts.push(`${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`);
  };
  add(counts.error, 'error');
  add(counts.warning, 'warning');
  add(counts.info, 'note');
  return parts.length ? parts.join(', ') : 'no problems';
}

/** Where in its file a problem is: `document 2, item 3, line 14, column 5` (1-based throughout). */
export function describeLocation(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.doc !== undefined) parts.push(`document ${d.doc + 1}`);
  if (d.item !== undefined) parts.push(`item ${d.item + 1}`);
  if (d.line !== undefined) parts.push(`line ${d.line}`);
  if (d.column !== undefined) parts.push(`column ${d.column}`);
  return parts.join(', ');
}

/** Ignored kinds, most frequent first: `Service ×3, ConfigMap ×2`. */
export function describeIgnored(ignored: Readonly<Record<string, number>>): string {
  return Object.entries(ignored)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([kind, n]) => `${kind} ×${n.toLocaleString('en-US')}`)
    .join(', ');
}
