/// <reference lib="webworker" />
/**
 * Writes the full connectivity report (JSON or CSV, the CLI's formats) off the main thread, into
 * a Blob built from batches of chunks, reporting progress as pairs are written.
 */
import { analysisFrom } from '../../engine';
import { reportBlob, writeCsvReport, writeJsonReport } from '../../io/report';
import type { ReportRequest, ReportResponse } from './report-protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: ReportResponse): void => self.postMessage(message);

self.onmessage = (event: MessageEvent<ReportRequest>) => {
  const { format, snapshot, options, data } = event.data;
  try {
    const analysis = analysisFrom(snapshot, options, data);
    const total = analysis.countConnections();
    post({ type: 'progress', done: 0, total });
    let last = 0;
    let pairs = 0;
    const onProgress = (done: number): void => {
      pairs = done;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      post({ type: 'progress', done, total });
    };
    const write = format === 'json' ? writeJsonReport : writeCsvReport;
    const blob = reportBlob(
      (sink) => write(analysis, sink, { onProgress }),
      format === 'json' ? 'application/json' : 'text/csv',
    );
    post({ type: 'done', blob, pairs });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
