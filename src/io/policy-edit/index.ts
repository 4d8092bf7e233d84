/**
 * The pure layer under the policy editor (design Decision 1): the YAML text is the truth, a form
 * edit is a command applied to the `yaml` Document, text in and text out, so the UI never imports
 * yaml.
 */
import type { EditCommand, EditResult, ParsedPolicy, PolicyTemplate } from './types';

export type * from './types';

const notYet = (): never => {
  throw new Error('not yet');
};

/** Applies form edits to one policy text; comments, key order and untouched lines are kept. */
export function applyEdits(text: string, commands: readonly EditCommand[]): EditResult {
  void text;
  void commands;
  return notYet();
}

/** Parses one policy text into the form model, YAML errors, the importer's diagnostics and the policy. */
export function parsePolicyText(text: string): ParsedPolicy {
  void text;
  return notYet();
}

/** A blank NetworkPolicy text (selects every pod of the namespace, no rules yet). */
export function newPolicyText(namespace: string, name: string): string {
  void namespace;
  void name;
  return notYet();
}

/** The text with `metadata.name` set to `name`. */
export function renamePolicyText(text: string, name: string): string {
  void text;
  void name;
  return notYet();
}

/** The text with `metadata.namespace` set to `namespace`. */
export function movePolicyText(text: string, namespace: string): string {
  void text;
  void namespace;
  return notYet();
}

/** A copy of the text under a new name (same namespace). */
export function duplicatePolicyText(text: string, newName: string): string {
  void text;
  void newName;
  return notYet();
}

/** `{ namespace, name }` of a policy text (namespace `default` when absent), or null. */
export function policyKeyOf(text: string): { namespace: string; name: string } | null {
  void text;
  return notYet();
}

/** One multi-document YAML of every policy text, ordered by (namespace, name). */
export function exportPolicies(texts: readonly string[]): string {
  void texts;
  return notYet();
}

/** Templates for new policies, each explaining itself. */
export const TEMPLATES: readonly PolicyTemplate[] = [];
