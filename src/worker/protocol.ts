/**
 * The typed, versioned messages between the app and its analysis worker. Requests carry a
 * revision; every response names the revision it answers, so a stale answer is ignored.
 */
import type { EngineOptions, ReachabilityData, ReachDiff } from '../engine';
import type { Diagnostic, Policy, Snapshot } from '../model';
import type { Draft, PolicyEdit } from './overlay';
import type { ResultPart } from './result-parts';

export type { Draft, PolicyEdit } from './overlay';

export const PROTOCOL_VERSION = 2;

/**
 * A source as sent: the worker keeps each source's parse by `id`, so `text` is left out when the
 * worker already has this id with this name and text (a 59 MB source is not sent, nor re-parsed,
 * when only an edit changed).
 */
export interface SourceText {
  readonly id: string;
  readonly name: string;
  readonly text?: string;
  /** Instead of `text`: the file it was read from (UTF-8, read here as Blob.text() reads it). */
  readonly blob?: Blob;
}

export type WorkerRequest = {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'analyze';
  readonly rev: number;
  readonly sources: readonly SourceText[];
  /** Policy edits on top of the sources, in the order they were first made. */
  readonly edits: readonly PolicyEdit[];
  /** The policy being edited: when set, the result is the draft's analysis, with its impact. */
  readonly draft: Draft | null;
  readonly options: EngineOptions;
};

export interface AnalysisPayload {
  readonly snapshot: Snapshot;
  readonly data: ReachabilityData;
  readonly diagnostics: readonly Diagnostic[];
  readonly ignored: Readonly<Record<string, number>>;
  readonly timings: { readonly parseMs: number; readonly evaluateMs: number };
  /**
   * With a draft: the draft's effect against the applied workspace (this payload is then the
   * analysis of the workspace with the draft in place).
   */
  readonly impact?: ReachDiff;
  /** With a draft: the policies of the applied workspace (without the draft). */
  readonly appliedPolicies?: readonly Policy[];
  /** With a draft that is not one valid NetworkPolicy: why (the payload is then the applied analysis). */
  readonly draftError?: string;
  /** Its long lists came before it, in `part` messages (result-parts.ts); the page joins them. */
  readonly parted?: true;
  /** The allowed connections counted (Analysis.countConnections), so the page need not count them. */
  readonly connections?: number;
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
      readonly type: 'part';
      readonly rev: number;
      readonly part: ResultPart;
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
      /** The worker lacks the text of a source it was told it had: send every text again. */
      readonly resend?: boolean;
    };
