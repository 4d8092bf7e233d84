/**
 * One analysis of the workspace, as the worker runs it: the applied workspace (sources + edits)
 * and, with a draft, the draft's workspace too and the reachability diff between them. Pure apart
 * from the clock, so it is unit-tested in Node.
 */
import { diffReachability, reachabilityData, transferablesOf, type EngineOptions } from '../engine';
import type { ImportResult, ParseResult } from '../io';
import {
  buildOverlay,
  draftProblem,
  DRAFT_PREFIX,
  EDIT_PREFIX,
  overlayDraft,
  withDraft,
  type Draft,
  type PolicyEdit,
} from './overlay';
import type { AnalysisPayload } from './protocol';

/** At most this many connection changes are listed in an impact (the counts stay exact). */
export const IMPACT_LIMIT = 2000;

export interface WorkspaceInput {
  readonly sources: readonly ParseResult[];
  /** Identifies the sources' parses: equal keys mean equal parses (for the cache). */
  readonly sourcesKey: string;
  readonly edits: readonly PolicyEdit[];
  readonly draft: Draft | null;
  readonly options: EngineOptions;
}

/** The applied workspace's build and evaluation, kept while drafts change on top of it. */
export interface AppliedCache {
  key: string;
  /** The sources and options part of the key, and the edits the build holds. */
  baseKey: string;
  edits: readonly PolicyEdit[];
  build: ImportResult;
  data: ReturnType<typeof reachabilityData> | null;
}

export interface WorkspaceRun {
  readonly payload: AnalysisPayload;
  /** The buffers to transfer with the payload. */
  readonly transfer: ArrayBuffer[];
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

function keyOf(input: WorkspaceInput): string {
  return JSON.stringify([input.sourcesKey, input.edits, input.options]);
}

function baseKeyOf(input: WorkspaceInput): string {
  return JSON.stringify([input.sourcesKey, input.options]);
}

const sameEdit = (a: PolicyEdit, b: PolicyEdit): boolean =>
  a.uid === b.uid && a.baseId === b.baseId && a.text === b.text;

/**
 * The one edit that `next` changes or adds at the end relative to `prev` (every other edit the
 * same, in the same order), or null when the change is anything else (an edit removed, several).
 */
export function singleChange(prev: readonly PolicyEdit[], next: readonly PolicyEdit[]): PolicyEdit | null {
  if (next.length === prev.length) {
    let changed: PolicyEdit | null = null;
    for (let i = 0; i < next.length; i++) {
      const a = prev[i]!;
      const b = next[i]!;
      if (sameEdit(a, b)) continue;
      if (changed || a.uid !== b.uid) return null;
      changed = b;
    }
    return changed;
  }
  if (next.length !== prev.length + 1) return null;
  for (let i = 0; i < prev.length; i++) if (!sameEdit(prev[i]!, next[i]!)) return null;
  return next[next.length - 1]!;
}

/** The applied workspace: from the previous one when one edit changed, else built whole. */
function appliedBuild(input: WorkspaceInput, previous: AppliedCache | null): ImportResult {
  if (previous && previous.baseKey === baseKeyOf(input)) {
    const change = singleChange(previous.edits, input.edits);
    const fast = change && overlayDraft(previous.build, previous.edits, change, undefined, EDIT_PREFIX);
    if (fast) return fast;
  }
  return buildOverlay({ sources: input.sources, edits: input.edits });
}

/**
 * Analyses the workspace. Without a draft the payload is the applied analysis. With a draft that
 * reads as one valid policy, the payload is the draft's analysis, with `impact` (draft against
 * applied) and `appliedPolicies`; with a broken draft, the applied analysis, the draft's
 * problems among the diagnostics, and `draftError`. `cache` (one per worker) keeps the applied
 * evaluation between drafts; its data is never transferred.
 */
export function runWorkspace(
  input: WorkspaceInput,
  cache: { current: AppliedCache | null },
  onEvaluate: () => void = () => {},
): WorkspaceRun {
  const t0 = now();
  const key = keyOf(input);
  let applied = cache.current?.key === key ? cache.current : null;
  if (!applied) {
    applied = {
      key,
      baseKey: baseKeyOf(input),
      edits: input.edits,
      build: appliedBuild(input, cache.current),
      data: null,
    };
    cache.current = applied;
  }
  const { draft } = input;
  if (!draft) {
    const t1 = now();
    onEvaluate();
    const data = reachabilityData(applied.build.snapshot, input.options);
    // Transferred: the cache keeps the build, not the data.
    applied.data = null;
    const t2 = now();
    return {
      payload: payloadOf(applied.build, data, t1 - t0, t2 - t1),
      transfer: transferablesOf(data),
    };
  }
  // Only the draft's text is read; the whole workspace is built again only in rare cases.
  const draftBuild =
    overlayDraft(applied.build, input.edits, draft) ??
    buildOverlay({ sources: input.sources, edits: withDraft(input.edits, draft), draftUid: draft.uid });
  const problem = draftProblem(draftBuild);
  const t1 = now();
  onEvaluate();
  applied.data ??= reachabilityData(applied.build.snapshot, input.options);
  const before = { snapshot: applied.build.snapshot, data: applied.data };
  if (problem !== null) {
    const draftDiagnostics = draftBuild.diagnostics.filter((d) => d.file?.startsWith(DRAFT_PREFIX) === true);
    // The applied data stays cached: send a copy.
    const data = structuredClone(applied.data);
    const base = payloadOf(applied.build, data, t1 - t0, now() - t1);
    return {
      payload: {
        ...base,
        diagnostics: [...base.diagnostics, ...draftDiagnostics],
        appliedPolicies: applied.build.snapshot.policies,
        draftError: problem,
      },
      transfer: transferablesOf(data),
    };
  }
  const data = reachabilityData(draftBuild.snapshot, input.options);
  const impact = diffReachability(before, { snapshot: draftBuild.snapshot, data }, { limit: IMPACT_LIMIT });
  const t2 = now();
  return {
    payload: {
      ...payloadOf(draftBuild, data, t1 - t0, t2 - t1),
      impact,
      appliedPolicies: applied.build.snapshot.policies,
    },
    transfer: transferablesOf(data),
  };
}

function payloadOf(
  build: ImportResult,
  data: ReturnType<typeof reachabilityData>,
  parseMs: number,
  evaluateMs: number,
): AnalysisPayload {
  return {
    snapshot: build.snapshot,
    data,
    diagnostics: build.diagnostics,
    ignored: build.ignored,
    timings: { parseMs, evaluateMs },
  };
}
