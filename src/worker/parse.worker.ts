/// <reference lib="webworker" />
/**
 * A parse worker of the analysis worker's pool (parse-pool.ts): reads one piece of a big YAML
 * text and sends the result back.
 */
import { answerPiece, type PieceRequest } from './yaml-split';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<PieceRequest>) => {
  self.postMessage(answerPiece(event.data));
};
