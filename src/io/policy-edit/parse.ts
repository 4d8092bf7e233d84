/**
 * One policy text as the editor sees it: YAML errors (for markers), the form model, the
 * importer's own validation located in this text, and the model policy when it is valid.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../../model';
import { parseText } from '../parse';
import { buildSnapshot } from '../snapshot';
import { makeDiagnostic } from '../codes';
import { YAML_VERSION, firstLine } from './document';
import { policyForm } from './form';
import type { ParsedPolicy, YamlError } from './types';

/** The source name the importer's diagnostics carry when the caller gives none. */
export const DEFAULT_POLICY_SOURCE = 'policy.yaml';

const isObj = (v: unknown): v is Readonly<Record<string, unknown>> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function yamlErrorsOf(text: string): { errors: YamlError[]; value: unknown; kindLine?: number } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: YAML_VERSION, lineCounter });
  const errors: YamlError[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const start = lineCounter.linePos(err.pos[0]);
      const end = lineCounter.linePos(err.pos[1]);
      errors.push({
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: Math.max(end.col, end.line === start.line ? start.col + 1 : end.col),
        message: firstLine(err.message),
      });
    }
  }
  if (docs.length > 1) {
    const at = lineCounter.linePos(docs[1]!.range[0]);
    errors.push({
      line: at.line,
      column: at.col,
      message: `a second YAML document starts here; a policy text holds one NetworkPolicy (use one text per policy)`,
    });
  }
  const first = docs[0];
  if (errors.length > 0 || !first) return { errors, value: null };
  let value: unknown = null;
  try {
    value = first.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    errors.push({ line: 1, column: 1, message: e instanceof Error ? e.message : String(e) });
  }
  const kindNode = isObj(value) ? first.get('kind', true) : undefined;
  const kindOffset = (kindNode as { range?: readonly number[] } | undefined)?.range?.[0];
  return {
    errors,
    value,
    ...(kindOffset !== undefined ? { kindLine: lineCounter.linePos(kindOffset).line } : {}),
  };
}

/**
 * Parses one policy text for the editor. Never throws. The form is null only when the text does
 * not parse to a map; the policy is set only when the API server would accept it.
 */
export function parsePolicyText(text: string, source: string = DEFAULT_POLICY_SOURCE): ParsedPolicy {
  try {
    const read = yamlErrorsOf(text);
    const parsed = parseText(source, text);
    const yamlErrors = [...read.errors];
    const diagnostics: Diagnostic[] = [];
    for (const d of parsed.diagnostics) {
      if (d.code === 'YAML_SYNTAX' || d.code === 'JSON_SYNTAX') {
        // The importer's reader (kubectl's YAML 1.1) refuses what the editor's may accept.
        if (!yamlErrors.some((e) => e.line === d.line))
          yamlErrors.push({ line: d.line ?? 1, column: d.column ?? 1, message: d.message });
      } else diagnostics.push(d);
    }
    if (yamlErrors.length > 0) return { form: null, yamlErrors, diagnostics, policy: null };
    const built = buildSnapshot(parsed.objects);
    diagnostics.push(...built.diagnostics);
    const value = read.value;
    if (!isObj(value)) {
      return {
        form: null,
        yamlErrors,
        diagnostics:
          value === null || value === undefined
            ? [
                notice(
                  source,
                  1,
                  'the text is empty: write a NetworkPolicy (apiVersion, kind, metadata, spec)',
                ),
              ]
            : diagnostics,
        policy: null,
      };
    }
    const kind = value['kind'];
    if (typeof kind === 'string' && kind !== '' && kind !== 'NetworkPolicy') {
      diagnostics.push(
        notice(
          source,
          read.kindLine ?? 1,
          `kind is ${JSON.stringify(kind)}: this editor edits NetworkPolicy objects only`,
        ),
      );
    }
    const policy = built.snapshot.policies[0] ?? null;
    return { form: policyForm(value), yamlErrors, diagnostics, policy };
  } catch (e) {
    const message = `could not read this policy: ${e instanceof Error ? e.message : String(e)}`;
    return { form: null, yamlErrors: [{ line: 1, column: 1, message }], diagnostics: [], policy: null };
  }
}

function notice(file: string, line: number, message: string): Diagnostic {
  return makeDiagnostic('NOT_A_NETWORK_POLICY', { detail: message }, { file, doc: 0, line, column: 1 });
}
