import type { EngineOptions } from '../engine';
import {
  PROTOCOL_VERSION,
  type AnalysisPayload,
  type SourceText,
  type WorkerResponse,
} from '../worker/protocol';

export interface AnalysisCallbacks {
  onProgress(phase: 'parse' | 'evaluate', done: number, total: number): void;
  onResult(payload: AnalysisPayload): void;
  onError(message: string): void;
}

/**
 * Runs analyses in a Web Worker. Only the newest request's answer is delivered; `cancel`
 * terminates the worker (a real stop, even mid-parse) and the next request starts a fresh one.
 */
export class AnalysisClient {
  private worker: Worker | null = null;
  private rev = 0;

  analyze(sources: readonly SourceText[], options: EngineOptions, cb: AnalysisCallbacks): number {
    const rev = ++this.rev;
    const worker = this.ensureWorker();
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.v !== PROTOCOL_VERSION || msg.rev !== this.rev) return;
      if (msg.type === 'progress') cb.onProgress(msg.phase, msg.done, msg.total);
      else if (msg.type === 'result') cb.onResult(msg.payload);
      else cb.onError(msg.message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (rev === this.rev) cb.onError(event.message || 'the analysis worker failed');
    };
    worker.postMessage({ v: PROTOCOL_VERSION, type: 'analyze', rev, sources, options });
    return rev;
  }

  cancel(): void {
    this.rev++;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' });
    }
    return this.worker;
  }
}
