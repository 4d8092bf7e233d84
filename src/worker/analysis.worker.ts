/// <reference lib="webworker" />
/**
 * The analysis worker: parses the sources and evaluates the snapshot off the main thread, with
 * the same functions the CLI calls, then transfers the result's typed arrays back.
 */
import { reachabilityData, transferablesOf } from '../engine';
import { importTexts } from '../io';
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req?.v !== PROTOCOL_VERSION || req.type !== 'analyze') return;
  const { rev } = req;
  try {
    const t0 = performance.now();
    post({ v: PROTOCOL_VERSION, type: 'progress', rev, phase: 'parse', done: 0, total: req.sources.length });
    const imported = importTexts(req.sources.map((s) => ({ name: s.name, text: s.text })));
    const t1 = performance.now();
    post({ v: PROTOCOL_VERSION, type: 'progress', rev, phase: 'evaluate', done: 0, total: 1 });
    const data = reachabilityData(imported.snapshot, req.options);
    const t2 = performance.now();
    post(
      {
        v: PROTOCOL_VERSION,
        type: 'result',
        rev,
        payload: {
          snapshot: imported.snapshot,
          data,
          diagnostics: imported.diagnostics,
          ignored: imported.ignored,
          timings: { parseMs: t1 - t0, evaluateMs: t2 - t1 },
        },
      },
      transferablesOf(data),
    );
  } catch (err) {
    post({
      v: PROTOCOL_VERSION,
      type: 'error',
      rev,
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
