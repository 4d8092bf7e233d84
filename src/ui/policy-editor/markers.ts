import type { Diagnostic } from '../../model';
import type { YamlError } from '../../io/policy-edit';
import type { EditorMarker } from '../editor/yaml-editor';

/**
 * The marks Monaco shows on the draft: each YAML syntax error at its place, then each of the
 * importer's diagnostics that has a line, with its field path, message and code.
 */
export function markersOf(
  yamlErrors: readonly YamlError[],
  diagnostics: readonly Diagnostic[],
): EditorMarker[] {
  const out: EditorMarker[] = yamlErrors.map((e) => ({
    line: e.line,
    column: e.column,
    ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
    ...(e.endColumn !== undefined ? { endColumn: e.endColumn } : {}),
    message: e.message,
    severity: 'error',
    code: 'YAML',
  }));
  for (const d of diagnostics) {
    // "takes no part in the evaluation" repeats the errors marked at their own lines.
    if (d.line === undefined || d.code === 'OBJECT_EXCLUDED') continue;
    out.push({
      line: d.line,
      ...(d.column !== undefined ? { column: d.column } : {}),
      message: d.path ? `${d.path}: ${d.message}` : d.message,
      severity: d.severity,
      code: d.code,
    });
  }
  return out;
}
