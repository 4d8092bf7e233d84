/**
 * The workspace overlay (issue 4): imported sources stay the base, policy edits lie on top. The
 * analysis input is the sources' objects minus every policy an edit replaces (its `baseId`), plus
 * the policies of each edit's text, read as a source named `edit:<ns>/<name>`. A draft (the policy
 * being edited, not yet applied) takes the place of its edit, read as `draft:<ns>/<name>`.
 *
 * Pure: the worker calls it with the parse results it caches per source, so an edit never
 * re-parses a big source; the tests call it with the importer's own parser.
 */
import type { Diagnostic, Policy } from '../model';
import {
  buildSnapshot,
  importObjects,
  parseText,
  type ImportResult,
  type ParseResult,
  type RawObject,
} from '../io';

/** One policy edit: the YAML of ONE NetworkPolicy, or null when the policy is deleted. */
export interface PolicyEdit {
  readonly uid: string;
  /** `ns/name` of the imported policy it replaces; null for a new policy. */
  readonly baseId: string | null;
  readonly text: string | null;
}

/** The policy being edited, not yet applied. */
export interface Draft {
  readonly uid: string;
  readonly baseId: string | null;
  readonly text: string;
}

/** Source names of edits and drafts start with these. */
export const EDIT_PREFIX = 'edit:';
export const DRAFT_PREFIX = 'draft:';

function metaOf(obj: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | undefined {
  const meta = Object.hasOwn(obj, 'metadata') ? obj['metadata'] : undefined;
  return meta !== null && typeof meta === 'object' && !Array.isArray(meta)
    ? (meta as Record<string, unknown>)
    : undefined;
}

/**
 * The id (`ns/name`) a raw NetworkPolicy object takes in the snapshot (a missing or empty
 * namespace is `default`, as the API server defaults it), or null for other kinds and for objects
 * without a string name.
 */
export function rawPolicyId(raw: RawObject): string | null {
  if (raw.kind !== 'NetworkPolicy') return null;
  const meta = metaOf(raw.obj);
  const name = meta && Object.hasOwn(meta, 'name') ? meta['name'] : undefined;
  if (typeof name !== 'string' || name === '') return null;
  const ns = meta && Object.hasOwn(meta, 'namespace') ? meta['namespace'] : undefined;
  return `${typeof ns === 'string' && ns !== '' ? ns : 'default'}/${name}`;
}

/** The edits in effect with the draft applied in place of its edit (or added when new). */
export function withDraft(edits: readonly PolicyEdit[], draft: Draft): PolicyEdit[] {
  const out: PolicyEdit[] = [];
  let placed = false;
  for (const e of edits) {
    if (e.uid === draft.uid) {
      out.push({ uid: draft.uid, baseId: draft.baseId, text: draft.text });
      placed = true;
    } else out.push(e);
  }
  if (!placed) out.push({ uid: draft.uid, baseId: draft.baseId, text: draft.text });
  return out;
}

/** Reads an edit's text as the source `<prefix><ns>/<name>` (`<prefix><uid>` when it names no policy). */
export function parseEditText(text: string, uid: string, prefix: string = EDIT_PREFIX): ParseResult {
  const probe = parseText(`${prefix}${uid}`, text);
  const id = probe.objects.map(rawPolicyId).find((x) => x !== null);
  return id ? parseText(`${prefix}${id}`, text) : probe;
}

export type EditParser = (text: string, uid: string, prefix: string) => ParseResult;

export interface OverlayInput {
  /** Each source's parse, in source order. */
  readonly sources: readonly ParseResult[];
  readonly edits: readonly PolicyEdit[];
  /** The uid of the edit that is the draft (read with the draft prefix), if any. */
  readonly draftUid?: string;
}

/**
 * The snapshot of the workspace: sources minus the policies the edits replace, plus the edits'
 * NetworkPolicy objects (a deleted policy's edit adds nothing). Reading problems of the sources
 * come first, then those of the edits, then validation problems (as `importTexts`).
 */
export function buildOverlay(input: OverlayInput, parseEdit: EditParser = parseEditText): ImportResult {
  const replaced = new Set<string>();
  for (const e of input.edits) if (e.baseId !== null) replaced.add(e.baseId);
  const objects: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const parsed of input.sources) {
    for (const o of parsed.objects) {
      if (replaced.size > 0 && o.kind === 'NetworkPolicy') {
        const id = rawPolicyId(o);
        if (id !== null && replaced.has(id)) continue;
      }
      objects.push(o);
    }
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  for (const e of input.edits) {
    if (e.text === null) continue;
    const parsed = parseEdit(e.text, e.uid, e.uid === input.draftUid ? DRAFT_PREFIX : EDIT_PREFIX);
    for (const o of parsed.objects) if (o.kind === 'NetworkPolicy') objects.push(o);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  return importObjects(objects, diagnostics);
}

/** The policies of a snapshot that the draft produced (read from a `draft:` source). */
export function draftPolicies(policies: readonly Policy[]): Policy[] {
  return policies.filter((p) => p.source?.file.startsWith(DRAFT_PREFIX) === true);
}

/**
 * Why a draft cannot be analysed, or null when it can: it must read as exactly one valid
 * NetworkPolicy. The message names the first error of the draft's text.
 */
export function draftProblem(draftBuild: ImportResult): string | null {
  const mine = draftPolicies(draftBuild.snapshot.policies);
  const errors = draftBuild.diagnostics.filter(
    (d) => d.file?.startsWith(DRAFT_PREFIX) === true && d.severity === 'error',
  );
  if (mine.length === 1 && errors.length === 0) return null;
  const first = errors[0];
  if (first) {
    const at = first.line !== undefined ? ` (line ${first.line})` : '';
    return `The draft is not a valid NetworkPolicy${at}: ${first.message}`;
  }
  if (mine.length === 0) return 'The draft holds no NetworkPolicy.';
  return `The draft holds ${mine.length} NetworkPolicies; a draft is one policy.`;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The source name an edit's text is read under (its first object's file), or null when it has none. */
function sourceNameOf(parsed: ParseResult): string | null {
  return parsed.objects[0]?.source.file ?? parsed.diagnostics[0]?.file ?? null;
}

/**
 * The draft's workspace built from the applied one, reading only the draft's text: the policies
 * of the draft's edit and of its base are taken out, the draft's are put in. The same snapshot as
 * `buildOverlay` with the draft in place, except in rare cases it does not attempt (then null,
 * and the caller builds the whole workspace): two edits read under one name, a draft policy whose
 * id another policy already has, a policy that shadowed another of its id (or was shadowed), or a
 * base policy whose undeclared namespace might disappear.
 * Diagnostics: the applied ones without the draft's edit's, then the draft's.
 *
 * With `prefix` EDIT_PREFIX it also applies one changed, new or deleted (text null) edit to the
 * applied workspace, read as an edit: the worker's path for Apply, Delete, Rename and Move.
 */
export function overlayDraft(
  applied: ImportResult,
  edits: readonly PolicyEdit[],
  draft: Draft | PolicyEdit,
  parseEdit: EditParser = parseEditText,
  prefix: string = DRAFT_PREFIX,
): ImportResult | null {
  const names = new Map<string, number>();
  let editName: string | null = null;
  for (const e of edits) {
    // Another base for the same edit: the old base would come back, which only a full build does.
    if (e.uid === draft.uid && e.baseId !== draft.baseId) return null;
    if (e.text === null) continue;
    const name = sourceNameOf(parseEdit(e.text, e.uid, EDIT_PREFIX));
    if (name === null) continue;
    names.set(name, (names.get(name) ?? 0) + 1);
    if (e.uid === draft.uid) editName = name;
  }
  if (editName !== null && (names.get(editName) ?? 0) > 1) return null;

  const parsed: ParseResult =
    draft.text === null ? { objects: [], diagnostics: [] } : parseEdit(draft.text, draft.uid, prefix);
  const built = buildSnapshot(parsed.objects.filter((o) => o.kind === 'NetworkPolicy'));
  const added = built.snapshot.policies;
  const addedIds = new Set(added.map((p) => p.id));

  const removed: Policy[] = [];
  const kept: Policy[] = [];
  for (const p of applied.snapshot.policies) {
    const file = p.source?.file ?? '';
    const fromEdit = file.startsWith(EDIT_PREFIX) || file.startsWith(DRAFT_PREFIX);
    if ((editName !== null && file === editName) || (!fromEdit && p.id === draft.baseId)) removed.push(p);
    else kept.push(p);
  }
  if (kept.some((p) => addedIds.has(p.id))) return null;
  // A policy that shadowed another of the same id, or was shadowed: leave it to the full build.
  const touched = new Set([
    ...removed.map((p) => p.id),
    ...addedIds,
    ...(draft.baseId ? [draft.baseId] : []),
  ]);
  const shadows = applied.diagnostics.some(
    (d) =>
      d.code === 'DUPLICATE_OBJECT' &&
      (touched.has((d.object ?? '').replace(/^NetworkPolicy /, '')) ||
        (editName !== null && (d.file === editName || d.message.includes(editName)))),
  );
  if (shadows) return null;

  const namespaces = [...applied.snapshot.namespaces];
  for (const p of removed) {
    const ns = namespaces.find((n) => n.name === p.namespace);
    if (!ns || ns.declared) continue;
    const used =
      kept.some((q) => q.namespace === p.namespace) ||
      added.some((q) => q.namespace === p.namespace) ||
      applied.snapshot.endpoints.some((e) => e.namespace === p.namespace);
    if (!used) return null;
  }
  for (const ns of built.snapshot.namespaces)
    if (!namespaces.some((n) => n.name === ns.name)) namespaces.push(ns);
  namespaces.sort((x, y) => byString(x.name, y.name));

  const policies = [...kept, ...added].sort(
    (x, y) => byString(x.namespace, y.namespace) || byString(x.name, y.name),
  );
  const diagnostics = [
    ...applied.diagnostics.filter((d) => editName === null || d.file !== editName),
    ...parsed.diagnostics,
    ...built.diagnostics,
  ];
  return {
    snapshot: { namespaces, endpoints: applied.snapshot.endpoints, policies },
    diagnostics,
    ignored: applied.ignored,
  };
}
