/**
 * The typed, versioned messages between the app and its analysis worker. Requests carry a
 * revision; every response names the revision it answers, so a stale answer is ignored.
 */
import type { EngineOptions, ReachabilityData } from '../engine';
import type { Diagnostic, Snapshot } from '../model';

export const PROTOCOL_VERSION = 1;

export interface SourceText {
  readonly name: string;
  readonly text: string;
}

export type WorkerRequest = {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'analyze';
  readonly rev: number;
  readonly sources: readonly SourceText[];
  readonly options: EngineOptions;
};

export interface AnalysisPayload {
  readonly snapshot: Snapshot;
  readonly data: ReachabilityData;
  readonly diagnostics: readonly Diagnostic[];
  readonly ignored: Readonly<Record<string, number>>;
  readonly timings: { readonly parseMs: number; readonly evaluateMs: number };
}

export type WorkerResponse =
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'progress';
      readonly rev: number;
      readonly phase: 'parse' | 'evaluate';
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'result';
      readonly rev: number;
      readonly payload: AnalysisPayload;
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'error';
      readonly rev: number;
      readonly message: string;
    };
