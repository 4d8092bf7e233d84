/**
 * Policies of the analysed workspace as YAML, for the read-only "whole policy set" view of the
 * editor. A tiny block-style writer for plain data (maps, lists, strings, numbers, booleans):
 * the UI does not import the yaml package (design.md), and the texts the person edits never go
 * through this writer.
 */
import type { Policy } from '../../model';

const PLAIN = /^[A-Za-z0-9_./-][A-Za-z0-9_./:-]*$/;
const RESERVED =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9._]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i;

/** A string as a YAML scalar: plain when it cannot be read as anything else, else double-quoted. */
export function yamlString(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(':') ? s : JSON.stringify(s);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'null';
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function lines(v: unknown, indent: string, out: string[]): void {
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const key = `${indent}${yamlString(k)}:`;
      if (isMap(x) && Object.keys(x).length > 0) {
        out.push(key);
        lines(x, `${indent}  `, out);
      } else if (Array.isArray(x) && x.length > 0) {
        out.push(key);
        lines(x, indent, out);
      } else out.push(`${key} ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) {
      if (isMap(x) && Object.keys(x).length > 0) {
        const inner: string[] = [];
        lines(x, `${indent}  `, inner);
        inner[0] = `${indent}- ${(inner[0] ?? '').slice(indent.length + 2)}`;
        out.push(...inner);
      } else if (Array.isArray(x) && x.length > 0) {
        out.push(`${indent}-`);
        lines(x, `${indent}  `, out);
      } else out.push(`${indent}- ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
  }
}

/** One policy as a NetworkPolicy document. */
export function policyYaml(policy: Policy): string {
  const out: string[] = [];
  lines(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: policy.name, namespace: policy.namespace },
      spec: policy.spec,
    },
    '',
    out,
  );
  return `${out.join('\n')}\n`;
}

/** Every policy, ordered by namespace then name, as one multi-document YAML. */
export function policySetYaml(policies: readonly Policy[]): string {
  const sorted = [...policies].sort((a, b) =>
    a.namespace === b.namespace
      ? a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0
      : a.namespace < b.namespace
        ? -1
        : 1,
  );
  return sorted.map(policyYaml).join('---\n');
}
