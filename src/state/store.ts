/**
 * The one store of the app, in slices: workspace (sources, engine options), analysis (status and
 * the worker's last result), view (tab, selection, filters, theme, dialogs). Derived data, such
 * as the `Analysis` queries, is computed by selectors (see selectors.ts), never stored twice.
 */
import { create } from 'zustand';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../engine';
import type { Protocol } from '../model';
import { DEMO_SOURCE } from '../demo';
import type { AnalysisPayload } from '../worker/protocol';
import { AnalysisClient } from './worker-client';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type { Draft, ExportScope, PolicyEdit, WorkspaceSlice } from './workspace-slice';

export interface Source {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  /**
   * The file the text was read from, when it was: the worker and the saved workspace take it
   * instead of the text (a Blob is handed over by reference; a 59 MB string is copied on the page).
   */
  readonly blob?: Blob;
}

export type Tab = 'graph' | 'connections' | 'matrix' | 'policies';

export type Selection =
  | null
  | { readonly kind: 'endpoint'; readonly id: string }
  | { readonly kind: 'namespace'; readonly id: string }
  | { readonly kind: 'policy'; readonly id: string }
  | { readonly kind: 'pair'; readonly from: string; readonly to: string };

export interface PortQuery {
  readonly port: number;
  readonly protocol: Protocol;
}

export interface Filters {
  /** Namespaces shown; empty: all. */
  readonly namespaces: readonly string[];
  /** Free text matched against names and `key=value` labels. */
  readonly labelQuery: string;
  /** Only connections that allow this port ("who can reach TCP 5432?"). */
  readonly port: PortQuery | null;
  readonly onlyIsolated: boolean;
  /** Hide connections that no policy restricts (an unprotected cluster is N² edges that help nobody). */
  readonly hideUnrestricted: boolean;
}

export type AnalysisStatus =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'running';
      readonly step: 'parse' | 'evaluate';
      readonly done: number;
      readonly total: number;
    }
  | { readonly phase: 'ready' }
  | { readonly phase: 'cancelled' }
  | { readonly phase: 'error'; readonly message: string };

export interface StudioState extends WorkspaceSlice {
  readonly sources: readonly Source[];
  readonly options: EngineOptions;
  readonly status: AnalysisStatus;
  /** The last complete analysis; kept while a new one runs, so nothing blinks or is lost. */
  readonly result: (AnalysisPayload & { readonly options: EngineOptions }) | null;
  readonly tab: Tab;
  readonly selection: Selection;
  readonly filters: Filters;
  /**
   * Endpoints picked on the graph (Shift+click) or in a list, in pick order: the policy editor
   * proposes the simplest selector that selects exactly these (issue 4).
   */
  readonly picked: readonly string[];
  /** The port asked about in the "why" panel. */
  readonly explainPort: PortQuery | null;
  readonly theme: 'system' | 'light' | 'dark';
  readonly dialog: null | 'import' | 'shortcuts' | 'export' | 'newWorkspace';
  /** A source opened in the viewer, at a line. */
  readonly sourceView: {
    readonly sourceName: string;
    readonly line?: number;
    readonly endLine?: number;
  } | null;

  readonly loadDemo: () => void;
  readonly importSources: (sources: readonly Omit<Source, 'id'>[], mode: 'replace' | 'add') => void;
  readonly removeSource: (id: string) => void;
  /**
   * Puts a source with a fixed id in place (added at the end when new), keeping the selection and
   * the view: the live cluster connection (issue 5) keeps its state as one such source.
   */
  readonly upsertSource: (source: Source) => void;
  readonly setOptions: (options: Partial<EngineOptions>) => void;
  readonly cancelAnalysis: () => void;
  /** Runs the analysis of the current sources again (after a cancel or an error). */
  readonly reanalyze: () => void;
  readonly setTab: (tab: Tab) => void;
  readonly select: (selection: Selection) => void;
  readonly setFilters: (filters: Partial<Filters>) => void;
  readonly setPicked: (ids: readonly string[]) => void;
  readonly setExplainPort: (port: PortQuery | null) => void;
  readonly setTheme: (theme: StudioState['theme']) => void;
  readonly openDialog: (dialog: StudioState['dialog']) => void;
  readonly openSource: (view: StudioState['sourceView']) => void;
}

export const DEFAULT_FILTERS: Filters = {
  namespaces: [],
  labelQuery: '',
  port: null,
  onlyIsolated: false,
  hideUnrestricted: false,
};

let nextSourceId = 1;
const client = typeof Worker === 'undefined' ? null : new AnalysisClient();
/** Milliseconds of quiet typing in the draft before it is analysed. */
const DRAFT_RUN_DELAY_MS = 150;

export const useStudio = create<StudioState>()((set, get, api) => {
  let runTimer: ReturnType<typeof setTimeout> | null = null;
  /** Re-runs the analysis of the current sources, edits, draft and options in the worker. */
  const run = (): void => {
    if (runTimer !== null) clearTimeout(runTimer);
    runTimer = null;
    if (!client) return;
    const { sources, options, edits, draft } = get();
    set({
      status: { phase: 'running', step: 'parse', done: 0, total: sources.length },
      impact: null,
      impactStatus: draft ? 'running' : 'idle',
    });
    client.analyze(
      { sources, edits: Object.values(edits), draft, options },
      {
        onProgress: (step, done, total) => set({ status: { phase: 'running', step, done, total } }),
        onResult: (payload) => {
          performance.mark('analysis-ready');
          set({
            status: { phase: 'ready' },
            result: { ...payload, options },
            impact: payload.impact ?? null,
            impactStatus: draft ? (payload.impact ? 'ready' : 'error') : 'idle',
            draftError: payload.draftError ?? null,
          });
        },
        onError: (message) =>
          set({ status: { phase: 'error', message }, impactStatus: draft ? 'error' : 'idle' }),
      },
    );
  };
  const runSoon = (): void => {
    if (runTimer !== null) clearTimeout(runTimer);
    runTimer = setTimeout(run, DRAFT_RUN_DELAY_MS);
  };
  const noteSourceIds = (ids: readonly string[]): void => {
    for (const id of ids) {
      const n = /^s(\d+)$/.exec(id);
      if (n) nextSourceId = Math.max(nextSourceId, Number(n[1]) + 1);
    }
  };

  return {
    ...createWorkspaceSlice(set, get, api.subscribe, {
      run,
      runSoon,
      noteSourceIds,
      defaultFilters: DEFAULT_FILTERS,
    }),
    sources: [],
    options: DEFAULT_ENGINE_OPTIONS,
    status: { phase: 'idle' },
    result: null,
    tab: 'graph',
    selection: null,
    filters: DEFAULT_FILTERS,
    picked: [],
    explainPort: null,
    theme: 'system',
    dialog: null,
    sourceView: null,

    loadDemo: () => get().importSources([DEMO_SOURCE], 'replace'),
    importSources: (incoming, mode) => {
      performance.mark('import-start');
      const added = incoming.map((s) => ({ ...s, id: `s${nextSourceId++}` }));
      // Replacing the workspace replaces its policy edits too (they were made on the old sources).
      if (mode === 'replace') get().forgetEdits();
      set((st) => ({
        sources: mode === 'replace' ? added : [...st.sources, ...added],
        selection: mode === 'replace' ? null : st.selection,
      }));
      run();
    },
    removeSource: (id) => {
      set((st) => ({ sources: st.sources.filter((s) => s.id !== id) }));
      run();
    },
    upsertSource: (source) => {
      set((st) => {
        const at = st.sources.findIndex((s) => s.id === source.id);
        if (at < 0) return { sources: [...st.sources, source] };
        const sources = st.sources.slice();
        sources[at] = source;
        return { sources };
      });
      run();
    },
    setOptions: (options) => {
      set((st) => ({ options: { ...st.options, ...options } }));
      run();
    },
    cancelAnalysis: () => {
      client?.cancel();
      set({ status: { phase: 'cancelled' } });
    },
    reanalyze: () => run(),
    setTab: (tab) => set({ tab }),
    select: (selection) => set({ selection }),
    setFilters: (filters) => set((st) => ({ filters: { ...st.filters, ...filters } })),
    setPicked: (picked) => set({ picked }),
    setExplainPort: (explainPort) => set({ explainPort }),
    setTheme: (theme) => set({ theme }),
    openDialog: (dialog) => set({ dialog }),
    openSource: (sourceView) => set({ sourceView }),
  };
});
