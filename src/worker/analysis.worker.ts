/// <reference lib="webworker" />
/**
 * The analysis worker: parses the sources and evaluates the snapshot off the main thread, with
 * the same functions the CLI calls, then transfers the result's typed arrays back.
 */
import { analysisFrom } from '../engine';
import { parseText, type ParseResult } from '../io';
import { readAhead, withReadAhead } from './parse-pool';
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol';
import { splitPayload } from './result-parts';
import { runWorkspace, type AppliedCache } from './workspace-run';

declare const self: DedicatedWorkerGlobalScope;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** Each source's parse by id, so an edit or a draft never re-parses a big source. */
const parsedSources = new Map<string, { name: string; text: string; parsed: ParseResult; version: number }>();
let parseVersion = 0;
const applied: { current: AppliedCache | null } = { current: null };

/** The parses of the request's sources (cached by id; a source without text must be cached). */
function parseSources(req: WorkerRequest): { parses: ParseResult[]; key: string } | null {
  const ids = new Set(req.sources.map((s) => s.id));
  for (const id of [...parsedSources.keys()]) if (!ids.has(id)) parsedSources.delete(id);
  const parses: ParseResult[] = [];
  const key: string[] = [];
  req.sources.forEach((s, i) => {
    let held = parsedSources.get(s.id);
    if (s.text !== undefined && (held?.name !== s.name || held.text !== s.text)) {
      held = { name: s.name, text: s.text, parsed: parseText(s.name, s.text), version: ++parseVersion };
      parsedSources.set(s.id, held);
      post({
        v: PROTOCOL_VERSION,
        type: 'progress',
        rev: req.rev,
        phase: 'parse',
        done: i + 1,
        total: req.sources.length,
      });
    }
    if (held) {
      parses.push(held.parsed);
      key.push(`${s.id}@${held.version}`);
    }
  });
  return parses.length === req.sources.length ? { parses, key: key.join(',') } : null;
}

/** The newest request: an older one still reading ahead gives up (its answer would be ignored). */
let latestRev = -Infinity;

/** The request with the text of every source sent as a file read (the page hands files over uncopied). */
async function withTexts(req: WorkerRequest): Promise<WorkerRequest> {
  if (!req.sources.some((s) => s.blob)) return req;
  const sources = await Promise.all(
    req.sources.map(async (s) => (s.blob ? { id: s.id, name: s.name, text: await s.blob.text() } : s)),
  );
  return { ...req, sources };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message?.v !== PROTOCOL_VERSION || message.type !== 'analyze') return;
  const { rev } = message;
  latestRev = rev;
  try {
    const t0 = performance.now();
    const req = await withTexts(message);
    if (rev !== latestRev) return;
    post({ v: PROTOCOL_VERSION, type: 'progress', rev, phase: 'parse', done: 0, total: req.sources.length });
    // Big new YAML sources are read in parallel by the parse pool first (parse-pool.ts).
    const ahead = await readAhead(
      req.sources.flatMap((s) =>
        s.text !== undefined && parsedSources.get(s.id)?.text !== s.text ? [s.text] : [],
      ),
    );
    if (rev !== latestRev) return;
    const sources = withReadAhead(ahead, () => parseSources(req));
    const parseMs = performance.now() - t0;
    if (!sources) {
      post({ v: PROTOCOL_VERSION, type: 'error', rev, message: 'a source text is missing', resend: true });
      return;
    }
    const run = runWorkspace(
      {
        sources: sources.parses,
        sourcesKey: sources.key,
        edits: req.edits,
        draft: req.draft,
        options: req.options,
      },
      applied,
      () => post({ v: PROTOCOL_VERSION, type: 'progress', rev, phase: 'evaluate', done: 0, total: 1 }),
    );
    const { timings } = run.payload;
    const connections = analysisFrom(run.payload.snapshot, req.options, run.payload.data).countConnections();
    const payload = {
      ...run.payload,
      timings: { ...timings, parseMs: timings.parseMs + parseMs },
      connections,
    };
    const { parts, rest } = splitPayload(payload);
    for (const part of parts) post({ v: PROTOCOL_VERSION, type: 'part', rev, part });
    post({ v: PROTOCOL_VERSION, type: 'result', rev, payload: rest }, run.transfer);
  } catch (err) {
    applied.current = null;
    post({
      v: PROTOCOL_VERSION,
      type: 'error',
      rev,
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
