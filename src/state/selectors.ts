import { analysisFrom, type Analysis } from '../engine';
import { useStudio, type StudioState } from './store';

let cached: { readonly result: StudioState['result']; readonly analysis: Analysis | null } | null = null;

/** The `Analysis` queries over the last result, rebuilt only when the result changes. */
export function selectAnalysis(state: StudioState): Analysis | null {
  if (cached?.result !== state.result) {
    const r = state.result;
    cached = { result: r, analysis: r ? analysisFrom(r.snapshot, r.options, r.data) : null };
  }
  return cached.analysis;
}

/** A hook over `selectAnalysis`: components re-render only when the result changes. */
export function useAnalysis(): Analysis | null {
  return useStudio(selectAnalysis);
}

/** The allowed connections of the last result: the worker's count, or counted here when it sent none. */
export function selectConnectionCount(state: StudioState): number {
  return state.result?.connections ?? selectAnalysis(state)?.countConnections() ?? 0;
}
