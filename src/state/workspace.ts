/**
 * Pure helpers of the workspace slice: which edit stands for a policy, the current text of a
 * policy (its edit's, or its YAML cut from the imported source), and the export of policy texts.
 */
import type { Policy } from '../model';
import { parseText } from '../io';
import { objectText, policyToYaml } from '../io/object-text';
import { quickPolicyId } from './quick-key';
import { DRAFT_PREFIX, EDIT_PREFIX, rawPolicyId, type Draft, type PolicyEdit } from '../worker/overlay';

export interface SourceLike {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

export type ExportScope = 'all' | 'changed' | { readonly policyId: string };

// Keys of edit texts, by text: a text never changes under its own string.
const keyCache = new Map<string, string | null>();

/** The id (`ns/name`) a policy text declares, or null when it declares none. */
export function textPolicyId(text: string): string | null {
  const hit = keyCache.get(text);
  if (hit !== undefined) return hit;
  const id =
    quickPolicyId(text) ??
    parseText('policy.yaml', text)
      .objects.map(rawPolicyId)
      .find((x) => x !== null) ??
    null;
  if (keyCache.size > 20_000) keyCache.clear();
  keyCache.set(text, id);
  return id;
}

/** The live edit (not a deletion) whose policy is `policyId`: the last one, as the last duplicate wins. */
export function editFor(edits: Readonly<Record<string, PolicyEdit>>, policyId: string): PolicyEdit | null {
  let found: PolicyEdit | null = null;
  for (const e of Object.values(edits)) if (e.text !== null && textPolicyId(e.text) === policyId) found = e;
  return found;
}

/** Whether the draft's text declares `policyId`. */
export function draftIs(draft: Draft | null, policyId: string): boolean {
  return draft !== null && textPolicyId(draft.text) === policyId;
}

/** The YAML of an imported policy: cut from its source when found there, else written from the model. */
export function importedText(policy: Policy, sources: readonly SourceLike[]): string {
  const ref = policy.source;
  const source = ref ? sources.find((s) => s.name === ref.file) : undefined;
  if (ref && source) {
    const text = objectText(source.text, ref);
    if (text !== null && textPolicyId(text) === policy.id) return text;
  }
  return policyToYaml(policy);
}

/** Whether a policy comes from an edit or a draft, not from an imported source. */
export function isEditedPolicy(policy: Policy): boolean {
  const file = policy.source?.file ?? '';
  return file.startsWith(EDIT_PREFIX) || file.startsWith(DRAFT_PREFIX);
}

/** The imported policies an analysis saw (without the draft's and the edits' policies). */
export function importedPolicies(
  result: {
    readonly snapshot: { readonly policies: readonly Policy[] };
    readonly appliedPolicies?: readonly Policy[];
  } | null,
): Policy[] {
  if (!result) return [];
  return (result.appliedPolicies ?? result.snapshot.policies).filter((p) => !isEditedPolicy(p));
}

/** Ids of imported policies that an edit replaces or deletes. */
function replacedIds(edits: Readonly<Record<string, PolicyEdit>>): Set<string> {
  const out = new Set<string>();
  for (const e of Object.values(edits)) if (e.baseId !== null) out.add(e.baseId);
  return out;
}

/**
 * The current (applied) text of a policy of the workspace: its edit's text, else the imported
 * policy's (unless an edit replaced or deleted it); null when there is no such policy.
 */
export function currentText(
  policyId: string,
  edits: Readonly<Record<string, PolicyEdit>>,
  imported: readonly Policy[] | ReadonlyMap<string, Policy>,
  sources: readonly SourceLike[],
): string | null {
  const edit = editFor(edits, policyId);
  if (edit?.text) return edit.text;
  if (replacedIds(edits).has(policyId)) return null;
  const policy =
    imported instanceof Map
      ? imported.get(policyId)
      : (imported as readonly Policy[]).find((p) => p.id === policyId);
  return policy ? importedText(policy, sources) : null;
}

/** The ids of every applied policy: imported ones not replaced, and the edits'. */
export function appliedIds(
  edits: Readonly<Record<string, PolicyEdit>>,
  imported: readonly Policy[],
): Set<string> {
  const replaced = replacedIds(edits);
  const out = new Set(imported.filter((p) => !replaced.has(p.id)).map((p) => p.id));
  for (const e of Object.values(edits)) {
    const id = e.text === null ? null : textPolicyId(e.text);
    if (id !== null) out.add(id);
  }
  return out;
}

/** A new uid for an edit. */
export function newUid(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `e${Date.now().toString(36)}${random}`;
}

/** A name `<name>-copy`, `<name>-copy-2`, ... not taken in the namespace. */
export function copyName(namespace: string, name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name}-copy` : `${name}-copy-${n}`;
    if (!taken.has(`${namespace}/${candidate}`)) return candidate;
  }
}

function byId(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Texts joined as one multi-document YAML, each ending with one newline. */
export function joinDocuments(texts: readonly string[]): string {
  return texts.map((t) => `${t.replace(/^---[ \t]*\r?\n/, '').replace(/\s+$/, '')}\n`).join('---\n');
}

/**
 * Imported policies no longer in the workspace (deleted, or renamed or moved away), sorted: to
 * bring a cluster in line with an export of the changes, these are to be deleted from it.
 */
export function removedSinceImport(
  edits: Readonly<Record<string, PolicyEdit>>,
  imported: readonly Policy[],
): string[] {
  const present = appliedIds(edits, imported);
  const out = new Set<string>();
  for (const e of Object.values(edits)) if (e.baseId !== null && !present.has(e.baseId)) out.add(e.baseId);
  return [...out].sort();
}

/** A YAML comment naming the policies to delete from a cluster, one `kubectl delete` line each. */
function removedComment(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  const lines = ids.map((id) => {
    const slash = id.indexOf('/');
    return `#   kubectl delete networkpolicy -n ${id.slice(0, slash)} ${id.slice(slash + 1)}`;
  });
  return `# Removed since import (deleted, renamed or moved); to remove them from a cluster:\n${lines.join('\n')}\n`;
}

/**
 * The YAML to export, in a stable order (by `ns/name`): every applied policy, only those changed
 * since import (edits that are not deletions, after a comment naming the policies removed since
 * import), or one policy. '' when there is nothing.
 * `imported` are the imported policies of the last analysis (`importedPolicies`).
 */
export function exportWorkspace(
  scope: ExportScope,
  edits: Readonly<Record<string, PolicyEdit>>,
  imported: readonly Policy[],
  sources: readonly SourceLike[],
): string {
  let entries: (readonly [string, string])[];
  if (scope === 'all') {
    const byId = new Map(imported.map((p) => [p.id, p]));
    entries = [...appliedIds(edits, imported)].map(
      (id) => [id, currentText(id, edits, byId, sources) ?? ''] as const,
    );
  } else if (scope === 'changed') {
    entries = Object.values(edits).flatMap((e) =>
      e.text === null ? [] : [[textPolicyId(e.text) ?? e.uid, e.text] as const],
    );
    const header = removedComment(removedSinceImport(edits, imported));
    const body = joinDocuments(
      entries
        .filter(([, t]) => t !== '')
        .sort(byId)
        .map(([, t]) => t),
    );
    // The comment stands apart from the first policy (its own comments belong to it).
    return header && body ? `${header}---\n${body}` : header + body;
  } else {
    const text = currentText(scope.policyId, edits, imported, sources);
    entries = text === null ? [] : [[scope.policyId, text] as const];
  }
  return joinDocuments(
    entries
      .filter(([, t]) => t !== '')
      .sort(byId)
      .map(([, t]) => t),
  );
}

/**
 * The text behind a source name of the analysis: an imported source's, an edit's (`edit:ns/name`)
 * or the draft's (`draft:ns/name`); undefined when there is none.
 */
export function sourceTextOf(
  state: {
    readonly sources: readonly SourceLike[];
    readonly edits: Readonly<Record<string, PolicyEdit>>;
    readonly draft: Draft | null;
  },
  name: string,
): string | undefined {
  const source = state.sources.find((s) => s.name === name);
  if (source) return source.text;
  if (name.startsWith(DRAFT_PREFIX)) return state.draft?.text;
  if (!name.startsWith(EDIT_PREFIX)) return undefined;
  const key = name.slice(EDIT_PREFIX.length);
  return (editFor(state.edits, key) ?? state.edits[key])?.text ?? undefined;
}
