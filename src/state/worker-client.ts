import type { EngineOptions } from '../engine';
import {
  PROTOCOL_VERSION,
  type AnalysisPayload,
  type Draft,
  type PolicyEdit,
  type SourceText,
  type WorkerRequest,
  type WorkerResponse,
} from '../worker/protocol';
import { joinPayload, type ResultPart } from '../worker/result-parts';

export interface AnalysisCallbacks {
  onProgress(phase: 'parse' | 'evaluate', done: number, total: number): void;
  onResult(payload: AnalysisPayload): void;
  onError(message: string): void;
}

/** What one analysis reads: the sources (with their texts), the edits on top, the draft. */
export interface AnalysisInput {
  readonly sources: readonly {
    readonly id: string;
    readonly name: string;
    readonly text: string;
    /** The file the text was read from: sent instead of the text (no copy on the page). */
    readonly blob?: Blob;
  }[];
  readonly edits: readonly PolicyEdit[];
  readonly draft: Draft | null;
  readonly options: EngineOptions;
}

/**
 * Runs analyses in a Web Worker. Only the newest request's answer is delivered; `cancel`
 * terminates the worker (a real stop, even mid-parse) and the next request starts a fresh one.
 * A source's text is sent once: later requests name it by id while its name and text stay the same.
 */
export class AnalysisClient {
  private worker: Worker | null = null;
  private rev = 0;
  /** What the current worker holds, by source id. */
  private sent = new Map<string, { readonly name: string; readonly text: string }>();

  analyze(input: AnalysisInput, cb: AnalysisCallbacks): number {
    const rev = ++this.rev;
    const worker = this.ensureWorker();
    /** The parts of this request's result received so far (a big result comes in parts). */
    let parts: ResultPart[] = [];
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.v !== PROTOCOL_VERSION || msg.rev !== this.rev) return;
      if (msg.type === 'progress') cb.onProgress(msg.phase, msg.done, msg.total);
      else if (msg.type === 'part') parts.push(msg.part);
      else if (msg.type === 'result') {
        const whole = joinPayload(msg.payload, parts);
        parts = [];
        cb.onResult(whole);
      } else if (msg.resend) {
        this.sent.clear();
        worker.postMessage(this.request(input, rev));
      } else {
        this.sent.clear();
        cb.onError(msg.message);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.sent.clear();
      if (rev === this.rev) cb.onError(event.message || 'the analysis worker failed');
    };
    worker.postMessage(this.request(input, rev));
    return rev;
  }

  cancel(): void {
    this.rev++;
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
  }

  private request(input: AnalysisInput, rev: number): WorkerRequest {
    const sources: SourceText[] = input.sources.map((s) => {
      const held = this.sent.get(s.id);
      if (held && held.name === s.name && held.text === s.text) return { id: s.id, name: s.name };
      this.sent.set(s.id, { name: s.name, text: s.text });
      return s.blob ? { id: s.id, name: s.name, blob: s.blob } : { id: s.id, name: s.name, text: s.text };
    });
    const ids = new Set(input.sources.map((s) => s.id));
    for (const id of [...this.sent.keys()]) if (!ids.has(id)) this.sent.delete(id);
    return {
      v: PROTOCOL_VERSION,
      type: 'analyze',
      rev,
      sources,
      edits: input.edits,
      draft: input.draft,
      options: input.options,
    };
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.sent.clear();
      this.worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' });
    }
    return this.worker;
  }
}
