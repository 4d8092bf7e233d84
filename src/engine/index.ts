import type { Snapshot } from '../model';
import type { Analysis, EngineOptions } from './api';
import { DEFAULT_ENGINE_OPTIONS } from './api';
import { compile } from './compile';
import { analysisFrom, type ReachabilityData } from './data';
import { evaluate } from './evaluate';

export * from './api';
export {
  analysisFrom,
  atomPorts,
  classPairPorts,
  forEachAtomPorts,
  transferablesOf,
  type ReachabilityData,
} from './data';
export { explain } from './explain';
export { effectivePolicyTypes } from './compile';
export { selectorMatches } from './selectors';
export * as portSets from './sets/ports';
export * as ipSets from './sets/ip';

/** Evaluates every pair of endpoints and IP ranges of a snapshot under NetworkPolicy v1. */
export function analyze(snapshot: Snapshot, options: Partial<EngineOptions> = {}): Analysis {
  const full: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  return analysisFrom(snapshot, full, evaluate(compile(snapshot, full)));
}

/** The evaluation as transferable data, for a Web Worker to post; `analysisFrom` reads it back. */
export function reachabilityData(snapshot: Snapshot, options: Partial<EngineOptions> = {}): ReachabilityData {
  return evaluate(compile(snapshot, { ...DEFAULT_ENGINE_OPTIONS, ...options }));
}
export {
  DEFAULT_DIFF_LIMIT,
  diffReachability,
  formatPortsText,
  type ConnectionChange,
  type DiffSide,
  type PeerRef,
  type ReachDiff,
} from './diff';
export { proposeSelector, type ProposedSelector } from './propose-selector';
