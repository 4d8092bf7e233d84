import { createContext, useContext } from 'react';
import type { Diagnostic, Endpoint, Namespace, Snapshot } from '../../model';
import type { EditCommand } from '../../io/policy-edit';
import type { LabelCatalogue } from './form-model';

/** What every part of the form needs: the edit function, the diagnostics, the suggestions. */
export interface FormContext {
  /** Applies commands to the draft text; false (with a message shown) when they cannot apply. */
  readonly edit: (...commands: EditCommand[]) => boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The policy's namespace (`default` when not written). */
  readonly namespace: string;
  readonly snapshot: Snapshot | null;
  readonly endpoints: readonly Endpoint[];
  readonly namespaces: readonly Namespace[];
  readonly podLabels: LabelCatalogue;
  readonly namespaceLabels: LabelCatalogue;
  /** Endpoints picked on the graph (Shift+click). */
  readonly picked: readonly string[];
  /** A prefix for element ids, unique per editor. */
  readonly idPrefix: string;
}

export const FormCtx = createContext<FormContext | null>(null);

/** The form's context; the form's parts render only inside the policy editor. */
export function useForm(): FormContext {
  const ctx = useContext(FormCtx);
  if (!ctx) throw new Error('policy editor: a form part rendered outside the editor');
  return ctx;
}
