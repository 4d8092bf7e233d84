import { useMemo } from 'react';
import { analysisFrom, type Analysis } from '../../engine';
import { selectAnalysis, useAnalysis } from '../../state/selectors';
import { useStudio } from '../../state/store';
import { ReachIndex } from './reach-index';

type Result = NonNullable<ReturnType<typeof useStudio.getState>['result']>;

// One index and one Analysis per result, shared by every panel that reads them.
const indexes = new WeakMap<Result, ReachIndex>();
const analyses = new WeakMap<Result, Analysis>();

export function reachIndexOf(result: Result): ReachIndex {
  let ix = indexes.get(result);
  if (!ix) {
    ix = new ReachIndex(result.snapshot, result.data);
    indexes.set(result, ix);
  }
  return ix;
}

export function analysisOf(result: Result): Analysis {
  // The store keeps one Analysis for its current result: share it.
  const state = useStudio.getState();
  if (state.result === result) return selectAnalysis(state)!;
  let a = analyses.get(result);
  if (!a) {
    a = analysisFrom(result.snapshot, result.options, result.data);
    analyses.set(result, a);
  }
  return a;
}

/** The class-level index over the last result. */
export function useReachIndex(): ReachIndex | null {
  const result = useStudio((s) => s.result);
  return useMemo(() => (result ? reachIndexOf(result) : null), [result]);
}

/** The `Analysis` queries over the last result, shared between panels. */
export function useSharedAnalysis(): Analysis | null {
  return useAnalysis();
}
