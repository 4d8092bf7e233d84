/**
 * Reading raw values into typed ones, the way the API server's strict JSON decoding does, and
 * collecting the problems as issues with the field path. Go's decoding rules apply: `null` is
 * "absent" for maps, lists and pointers and the empty string for strings; a number must be an
 * integer for an integer field; keys the type does not declare are unknown fields.
 */
import type { Labels, Severity } from '../model';
import { CODES, printValue, type Code, type Params } from './codes';
import { isQualifiedName, isValidLabelValue } from './k8s-strings';
import { describe, isMap, type PathSeg } from './parse';

export interface Issue {
  readonly code: Code;
  readonly params: Params;
  /** The field path as the API server prints it: `spec.ingress[0].from[1].ipBlock.except[0]`. */
  readonly path: string;
  /** The precise place, from the object's root (it may go further than `path`, into a map key). */
  readonly at: readonly PathSeg[];
  /** The catalogue's severity, or `warning` for an error the importer tolerates (lenient reading). */
  readonly severity: Severity;
}

/**
 * A field path while reading, as a chain from the leaf up: cheap to extend (no copying) and
 * turned into segments only when an issue is recorded. `undefined` is the object's root.
 */
export interface PathNode {
  readonly up: At;
  readonly seg: PathSeg;
}
export type At = PathNode | undefined;

/** `at` extended by `segs`. */
export function sub(at: At, ...segs: PathSeg[]): At {
  let node = at;
  for (const seg of segs) node = { up: node, seg };
  return node;
}

export function segments(at: At): PathSeg[] {
  const out: PathSeg[] = [];
  for (let node = at; node; node = node.up) out.push(node.seg);
  return out.reverse();
}

/** `spec.ingress[0].from[1]` from `['spec', 'ingress', 0, 'from', 1]`. */
export function formatPath(at: readonly PathSeg[]): string {
  let out = '';
  for (const seg of at) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Errors that even lenient reading cannot get past: without a name there is no object. */
const ALWAYS_FATAL: ReadonlySet<Code> = new Set<Code>(['NAME_REQUIRED']);

export class Checker {
  readonly issues: Issue[] = [];

  /**
   * @param lenient read as netpol-analyzer reads Pods, workloads and Namespaces: problems the API
   * server would reject become warnings and the object is kept with what could be read.
   */
  constructor(private readonly lenient = false) {}

  add(code: Code, at: At, params: Params = {}, path?: string): void {
    const base = CODES[code].severity;
    const severity = this.lenient && base === 'error' && !ALWAYS_FATAL.has(code) ? 'warning' : base;
    const segs = segments(at);
    this.issues.push({ code, params, path: path ?? formatPath(segs), at: segs, severity });
  }

  /** Problems that leave the object out. */
  get errorCount(): number {
    return this.issues.filter((i) => i.severity === 'error').length;
  }

  private mismatch(v: unknown, at: At, expected: string): undefined {
    this.add('TYPE_MISMATCH', at, { expected, found: describe(v) });
    return undefined;
  }

  /** A map, or undefined (absent, null, or the wrong type: then an issue). */
  map(v: unknown, at: At): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    return isMap(v) ? v : this.mismatch(v, at, 'a map');
  }

  list(v: unknown, at: At): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    return Array.isArray(v) ? v : this.mismatch(v, at, 'a list');
  }

  string(v: unknown, at: At): string | undefined {
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : this.mismatch(v, at, 'a string');
  }

  /** An int32 (a float with an integral value is accepted, as sigs.k8s.io/yaml writes it so). */
  int(v: unknown, at: At): number | undefined {
    if (v === undefined || v === null) return undefined;
    return isInt32(v) ? v : this.mismatch(v, at, 'an integer');
  }

  bool(v: unknown, at: At): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    return typeof v === 'boolean' ? v : this.mismatch(v, at, 'a boolean');
  }

  /** Each key of `obj` that `allowed` does not hold is an unknown field. */
  fields(obj: Record<string, unknown>, at: At, allowed: ReadonlySet<string>): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.has(key))
        this.add('UNKNOWN_FIELD', sub(at, key), { field: formatPath(segments(sub(at, key))) });
    }
  }

  /**
   * A `map[string]string` of labels (ValidateLabels): keys must be qualified names, values valid
   * label values. The result has no prototype, so a `constructor` label is just a label.
   */
  labels(v: unknown, at: At): Labels | undefined {
    const m = this.map(v, at);
    if (!m) return undefined;
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    const path = formatPath(segments(at));
    for (const key of Object.keys(m)) {
      const raw = m[key];
      const value = raw === null ? '' : raw;
      if (typeof value !== 'string') {
        this.mismatch(raw, sub(at, key), 'a string');
        continue;
      }
      const keyErrs = checkLabelKey(key);
      if (keyErrs.length)
        this.add(
          'LABEL_KEY_INVALID',
          sub(at, key),
          { value: printValue(key), detail: keyErrs.join('; ') },
          path,
        );
      const valueErrs = checkLabelValue(value);
      if (valueErrs.length) {
        this.add(
          'LABEL_VALUE_INVALID',
          sub(at, key),
          { value: printValue(value), detail: valueErrs.join('; ') },
          path,
        );
      }
      out[key] = value;
    }
    return out;
  }
}

export function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
}

// Label keys and values repeat across thousands of pods: remember the valid ones.
const validKeys = new Set<string>();
const validValues = new Set<string>();
const MEMO_LIMIT = 50_000;

export function checkLabelKey(key: string): string[] {
  if (validKeys.has(key)) return [];
  const errs = isQualifiedName(key);
  if (errs.length === 0 && validKeys.size < MEMO_LIMIT) validKeys.add(key);
  return errs;
}

export function checkLabelValue(value: string): string[] {
  if (validValues.has(value)) return [];
  const errs = isValidLabelValue(value);
  if (errs.length === 0 && validValues.size < MEMO_LIMIT) validValues.add(value);
  return errs;
}
