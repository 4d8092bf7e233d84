/** What every report formatter receives. */
import type { Analysis } from '../../engine/api';
import type { Diagnostic } from '../../model';
import type { Sink } from '../sink';

export interface ReportInput {
  readonly analysis: Analysis;
  /** Problems found while reading the input (for `summary`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Objects of kinds that take no part, by kind (for `summary`). */
  readonly ignored: Readonly<Record<string, number>>;
}

/** Writes one report to the sink, streaming connections as the engine visits them. */
export type Formatter = (input: ReportInput, out: Sink) => void;
