/** Messages between the connections table and its report worker. */
import type { EngineOptions, ReachabilityData } from '../../engine';
import type { Snapshot } from '../../model';

export type ReportFormat = 'json' | 'csv';

export interface ReportRequest {
  readonly format: ReportFormat;
  readonly snapshot: Snapshot;
  readonly options: EngineOptions;
  readonly data: ReachabilityData;
}

export type ReportResponse =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly blob: Blob; readonly pairs: number }
  | { readonly type: 'error'; readonly message: string };
