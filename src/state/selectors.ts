import { useMemo } from 'react';
import { analysisFrom, type Analysis } from '../engine';
import { useStudio } from './store';

/** The `Analysis` queries over the last result, rebuilt only when the result changes. */
export function useAnalysis(): Analysis | null {
  const result = useStudio((s) => s.result);
  return useMemo(
    () => (result ? analysisFrom(result.snapshot, result.options, result.data) : null),
    [result],
  );
}
