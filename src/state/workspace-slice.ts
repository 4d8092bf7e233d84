/**
 * The workspace slice (issue 4): policy edits as an overlay on the imported sources, the draft
 * being edited and its impact, undo and redo, and the workspace saved in IndexedDB as the person
 * works. Edits are data (`PolicyEdit`), so a history step is the `{ edits, draft }` before it.
 */
import type { StoreApi } from 'zustand';
import { duplicatePolicyText, movePolicyText, renamePolicyText } from '../io/policy-edit';
import type { ReachDiff } from '../engine';
import type { Protocol } from '../model';
import type { Draft, PolicyEdit } from '../worker/overlay';
import {
  EMPTY_HISTORY,
  record,
  redo as redoStep,
  undo as undoStep,
  type EditState,
  type History,
} from './history';
import { loadWorkspace, saveWorkspace, type SavedSource, type SavedView } from './persistence';
import type { Filters, Selection, StudioState, Tab } from './store';
import {
  appliedIds,
  copyName,
  currentText,
  draftIs,
  editFor,
  exportWorkspace,
  importedPolicies,
  newUid,
  textPolicyId,
  type ExportScope,
} from './workspace';

export type { Draft, PolicyEdit } from '../worker/overlay';
export type { ExportScope } from './workspace';

export interface WorkspaceSlice {
  readonly edits: Readonly<Record<string, PolicyEdit>>;
  readonly draft: Draft | null;
  /** The draft's effect against the applied workspace; null without a draft or while it is computed. */
  readonly impact: ReachDiff | null;
  readonly impactStatus: 'idle' | 'running' | 'ready' | 'error';
  /** Why the draft cannot be analysed (its text is not one valid NetworkPolicy), or null. */
  readonly draftError: string | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** When the workspace was last saved in the browser (ms since the epoch), or null. */
  readonly workspaceSavedAt: number | null;
  /** A change waits to be saved (or is being saved). */
  readonly workspacePending: boolean;
  /** A problem with saving or restoring the workspace, for the person to read; null when none. */
  readonly workspaceMessage: string | null;

  /** Starts a draft from a policy's current text (an imported one's YAML, comments kept). */
  readonly editPolicy: (policyId: string) => void;
  /** Starts a draft of a new policy (from a template, say). */
  readonly newPolicy: (text: string) => void;
  /**
   * Every form or editor change of the draft. Changes with the same `step` key in quick
   * succession are one undo step (typing); `null` makes this change a step of its own (a form
   * action such as adding a rule). The default key is the draft's: the YAML editor's typing.
   */
  readonly updateDraft: (text: string, step?: string | null) => void;
  readonly applyDraft: () => void;
  readonly discardDraft: () => void;
  readonly deletePolicy: (policyId: string) => void;
  readonly duplicatePolicy: (policyId: string) => void;
  readonly renamePolicy: (policyId: string, name: string) => void;
  readonly movePolicy: (policyId: string, namespace: string) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  /** Empties the workspace: no sources, no edits, no draft, no history (the UI asks first). */
  readonly newWorkspace: () => void;
  /** The policies as one multi-document YAML, in a stable order ('' when there are none). */
  readonly exportText: (scope: ExportScope) => string;
  /** Reads the saved workspace (once); loads the demo when none is saved. Then saves as the person works. */
  readonly restoreWorkspace: () => Promise<void>;
  readonly dismissWorkspaceMessage: () => void;
  /** Drops the edits, the draft and the history, without analysing (a replacing import does it). */
  readonly forgetEdits: () => void;
}

export interface SliceDeps {
  /** Runs the analysis now. */
  readonly run: () => void;
  /** Runs the analysis after a short pause (typing in the draft). */
  readonly runSoon: () => void;
  /** Source ids restored from storage, so new ids do not collide with them. */
  readonly noteSourceIds: (ids: readonly string[]) => void;
  readonly defaultFilters: Filters;
}

/** Milliseconds of quiet before the workspace is saved. */
export const SAVE_DELAY_MS = 300;

/** The edit state of a workspace with no edits: the start, and what `forgetEdits` returns to. */
const NO_EDITS = {
  edits: {},
  draft: null,
  impact: null,
  impactStatus: 'idle',
  draftError: null,
  canUndo: false,
  canRedo: false,
} as const satisfies Partial<WorkspaceSlice>;

const TABS: readonly Tab[] = ['graph', 'connections', 'matrix', 'policies'];

type Set = StoreApi<StudioState>['setState'];
type Get = StoreApi<StudioState>['getState'];
type Subscribe = StoreApi<StudioState>['subscribe'];

function readSelection(v: unknown): Selection {
  if (!v || typeof v !== 'object') return null;
  const s = v as Record<string, unknown>;
  const str = (k: string) => typeof s[k] === 'string';
  if ((s['kind'] === 'endpoint' || s['kind'] === 'namespace' || s['kind'] === 'policy') && str('id'))
    return { kind: s['kind'], id: s['id'] as string };
  if (s['kind'] === 'pair' && str('from') && str('to'))
    return { kind: 'pair', from: s['from'] as string, to: s['to'] as string };
  return null;
}

function readFilters(v: unknown, defaults: Filters): Filters {
  if (!v || typeof v !== 'object') return defaults;
  const f = v as Record<string, unknown>;
  const port = f['port'] as { port?: unknown; protocol?: unknown } | null | undefined;
  const validPort =
    port &&
    typeof port.port === 'number' &&
    (port.protocol === 'TCP' || port.protocol === 'UDP' || port.protocol === 'SCTP')
      ? { port: port.port, protocol: port.protocol as Protocol }
      : null;
  return {
    namespaces: Array.isArray(f['namespaces'])
      ? f['namespaces'].filter((n): n is string => typeof n === 'string')
      : defaults.namespaces,
    labelQuery: typeof f['labelQuery'] === 'string' ? f['labelQuery'] : defaults.labelQuery,
    port: validPort,
    onlyIsolated: typeof f['onlyIsolated'] === 'boolean' ? f['onlyIsolated'] : defaults.onlyIsolated,
    hideUnrestricted:
      typeof f['hideUnrestricted'] === 'boolean' ? f['hideUnrestricted'] : defaults.hideUnrestricted,
  };
}

/** Creates the workspace slice of the store. */
export function createWorkspaceSlice(
  set: Set,
  get: Get,
  subscribe: Subscribe,
  deps: SliceDeps,
): WorkspaceSlice {
  let history: History = EMPTY_HISTORY;
  let restoring: Promise<void> | null = null;

  const editState = (): EditState => ({ edits: get().edits, draft: get().draft });
  const imported = () => importedPolicies(get().result);

  /** Moves to a new `{ edits, draft }`, as one undo step (joined with the last when `key` matches). */
  const commit = (next: Partial<EditState>, key: string | null = null): void => {
    history = record(history, editState(), key, Date.now());
    const draftOnly = next.edits === undefined;
    set({ ...next, canUndo: true, canRedo: false });
    if (draftOnly && key !== null) deps.runSoon();
    else deps.run();
  };

  const restoreStep = (step: { history: History; state: EditState } | null): void => {
    if (!step) return;
    history = step.history;
    set({
      edits: step.state.edits,
      draft: step.state.draft,
      canUndo: history.past.length > 0,
      canRedo: history.future.length > 0,
    });
    deps.run();
  };

  const textOf = (policyId: string): string | null => {
    const { edits, sources } = get();
    return currentText(policyId, edits, imported(), sources);
  };

  /** Gives a policy a new applied text: its edit's, or a new edit replacing the imported one. */
  const withText = (policyId: string, text: string): Readonly<Record<string, PolicyEdit>> => {
    const { edits } = get();
    const edit = editFor(edits, policyId);
    const uid = edit?.uid ?? newUid();
    return { ...edits, [uid]: { uid, baseId: edit ? edit.baseId : policyId, text } };
  };

  /** The draft, when it is the draft of `policyId`. */
  const draftOf = (policyId: string): Draft | null => {
    const { draft, edits } = get();
    if (!draft) return null;
    if (draftIs(draft, policyId)) return draft;
    const edit = editFor(edits, policyId);
    if (edit && edit.uid === draft.uid) return draft;
    if (!edit && draft.baseId === policyId && !Object.values(edits).some((e) => e.uid === draft.uid))
      return draft;
    return null;
  };

  /** The selection follows a policy to its new id (or is cleared when it is gone). */
  const follow = (policyId: string, to: string | null): void => {
    const { selection } = get();
    if (selection?.kind !== 'policy' || selection.id !== policyId || to === policyId) return;
    set({ selection: to === null ? null : { kind: 'policy', id: to } });
  };

  /** Applies a text transformation to a policy: to its draft when it has one, else as an edit. */
  const transform = (policyId: string, change: (text: string) => string): void => {
    const draft = draftOf(policyId);
    const before = draft ? draft.text : textOf(policyId);
    if (before === null) return;
    const after = change(before);
    if (draft) commit({ draft: { ...draft, text: after } });
    else commit({ edits: withText(policyId, after) });
    follow(policyId, textPolicyId(after));
  };

  // Saving: debounced; the sources only when they changed (they can be 60 MB).
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let savedSources: readonly SavedSource[] | null = null;
  let saving = false;
  const save = async (): Promise<void> => {
    saveTimer = null;
    if (saving) {
      schedule();
      return;
    }
    saving = true;
    const st = get();
    const view: SavedView = { tab: st.tab, selection: st.selection, filters: st.filters };
    const sourcesChanged = st.sources !== savedSources;
    const result = await saveWorkspace({
      ...(sourcesChanged ? { sources: st.sources } : {}),
      edits: st.edits,
      draft: st.draft,
      view,
      savedAt: Date.now(),
    });
    saving = false;
    const pending = saveTimer !== null;
    if (result.ok) {
      if (sourcesChanged) savedSources = st.sources;
      set({ workspaceSavedAt: result.value, workspacePending: pending });
    } else {
      set({
        workspacePending: pending,
        ...(get().workspaceMessage !== result.message ? { workspaceMessage: result.message } : {}),
      });
    }
  };
  const schedule = (): void => {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
    if (!get().workspacePending) set({ workspacePending: true });
  };
  const startSaving = (): void => {
    const watched = (s: StudioState) => [s.sources, s.edits, s.draft, s.tab, s.selection, s.filters] as const;
    subscribe((s, prev) => {
      const now = watched(s);
      const before = watched(prev);
      if (now.some((x, i) => x !== before[i])) schedule();
    });
    if (typeof window !== 'undefined')
      window.addEventListener('pagehide', () => {
        if (saveTimer === null) return;
        clearTimeout(saveTimer);
        void save();
      });
  };

  return {
    ...NO_EDITS,
    workspaceSavedAt: null,
    workspacePending: false,
    workspaceMessage: null,

    editPolicy: (policyId) => {
      const current = get().draft;
      if (current && draftIs(current, policyId)) return;
      const edit = editFor(get().edits, policyId);
      if (edit?.text) {
        commit({ draft: { uid: edit.uid, baseId: edit.baseId, text: edit.text } });
        return;
      }
      const text = textOf(policyId);
      if (text === null) return;
      commit({ draft: { uid: newUid(), baseId: policyId, text } });
    },
    newPolicy: (text) => commit({ draft: { uid: newUid(), baseId: null, text } }),
    updateDraft: (text, step) => {
      const { draft } = get();
      if (!draft || draft.text === text) return;
      commit({ draft: { ...draft, text } }, step === undefined ? `draft:${draft.uid}` : step);
    },
    applyDraft: () => {
      const { draft, edits } = get();
      if (!draft) return;
      // An imported policy applied unchanged stays as imported (not "changed since import").
      const unchanged =
        edits[draft.uid] === undefined && draft.baseId !== null && textOf(draft.baseId) === draft.text;
      if (unchanged) {
        commit({ draft: null });
        return;
      }
      commit({
        edits: { ...edits, [draft.uid]: { uid: draft.uid, baseId: draft.baseId, text: draft.text } },
        draft: null,
      });
    },
    discardDraft: () => {
      if (get().draft) commit({ draft: null });
    },
    deletePolicy: (policyId) => {
      const { edits } = get();
      const draft = draftOf(policyId);
      const edit = editFor(edits, policyId);
      let next: Record<string, PolicyEdit> | null = null;
      if (edit) {
        next = { ...edits };
        if (edit.baseId === null) delete next[edit.uid];
        else next[edit.uid] = { uid: edit.uid, baseId: edit.baseId, text: null };
      } else if (textOf(policyId) !== null) {
        const uid = draft?.uid ?? newUid();
        next = { ...edits, [uid]: { uid, baseId: policyId, text: null } };
      }
      if (next) commit({ edits: next, ...(draft ? { draft: null } : {}) });
      else if (draft) commit({ draft: null });
      follow(policyId, null);
    },
    duplicatePolicy: (policyId) => {
      const text = textOf(policyId);
      const slash = policyId.indexOf('/');
      if (text === null || slash < 0) return;
      const taken = appliedIds(get().edits, imported());
      const name = copyName(policyId.slice(0, slash), policyId.slice(slash + 1), taken);
      const uid = newUid();
      commit({
        edits: { ...get().edits, [uid]: { uid, baseId: null, text: duplicatePolicyText(text, name) } },
      });
    },
    renamePolicy: (policyId, name) => transform(policyId, (t) => renamePolicyText(t, name)),
    movePolicy: (policyId, namespace) => transform(policyId, (t) => movePolicyText(t, namespace)),
    undo: () => restoreStep(undoStep(history, editState())),
    redo: () => restoreStep(redoStep(history, editState())),
    newWorkspace: () => {
      history = EMPTY_HISTORY;
      set({
        ...NO_EDITS,
        sources: [],
        selection: null,
        picked: [],
        filters: deps.defaultFilters,
        sourceView: null,
      });
      deps.run();
    },
    exportText: (scope) => {
      const { edits, sources } = get();
      return exportWorkspace(scope, edits, imported(), sources);
    },
    restoreWorkspace: () => {
      restoring ??= (async () => {
        const loaded = await loadWorkspace();
        const saved = loaded.ok ? loaded.value : null;
        const untouched = get().sources.length === 0 && Object.keys(get().edits).length === 0;
        if (!loaded.ok) set({ workspaceMessage: loaded.message });
        if (saved && untouched) {
          deps.noteSourceIds(saved.sources.map((s) => s.id));
          savedSources = saved.sources;
          const tab = TABS.find((t) => t === saved.view.tab) ?? get().tab;
          set({
            sources: saved.sources,
            edits: saved.edits,
            draft: saved.draft,
            tab,
            selection: readSelection(saved.view.selection),
            filters: readFilters(saved.view.filters, deps.defaultFilters),
            workspaceSavedAt: saved.savedAt,
          });
          deps.run();
        } else if (untouched) {
          get().loadDemo();
        }
        startSaving();
      })();
      return restoring;
    },
    dismissWorkspaceMessage: () => set({ workspaceMessage: null }),
    forgetEdits: () => {
      history = EMPTY_HISTORY;
      set(NO_EDITS);
    },
  };
}
