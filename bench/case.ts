/**
 * Child process: one benchmark case, run in a fresh process so that timings and peak memory
 * belong to that case alone. Prints one result line (see lib.ts), or `{ skipped }` when a module
 * it needs does not exist yet.
 *
 *   case.ts snapshot --fixture F.json --out F.snapshot.json   import once, save the Snapshot
 *   case.ts import   --file F.yaml --runs 5                   time importTexts on one file
 *   case.ts reach    --snapshot S.json --runs 5 [--json F]    time analyze() and countConnections()
 *   case.ts naive    --snapshot S.json --runs 5 --naive-runs 1   engine against the naive evaluator
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Analysis, EngineOptions, PortsByProtocol } from '../src/engine/api';
import type { Snapshot } from '../src/model';
import { emitResult, gc, median, peakRssMB, percentile, ROOT, round, rssMB } from './lib';

type ImportTexts = (sources: { name: string; text: string }[]) => {
  snapshot: Snapshot;
  diagnostics: readonly { severity?: string; code?: string }[];
  ignored: unknown;
};
type Analyze = (snapshot: Snapshot, options?: Partial<EngineOptions>) => Analysis;
type NaiveConnections = (
  snapshot: Snapshot,
) => Map<string, Record<'TCP' | 'UDP' | 'SCTP', [number, number][]>>;

class Missing extends Error {}

/** Loads an export of a project module, or throws Missing when the module is not there yet. */
async function loadExport<T>(modulePath: string, name: string): Promise<T> {
  const file = isAbsolute(modulePath) ? modulePath : resolve(ROOT, modulePath);
  const candidates = [file, `${file}.ts`, resolve(file, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (found === undefined) throw new Missing(`${modulePath} does not exist yet`);
  const mod = (await import(pathToFileURL(found).href)) as Record<string, unknown>;
  const value = mod[name];
  if (typeof value !== 'function') throw new Missing(`${modulePath} does not export ${name}() yet`);
  return value as T;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    fixture: { type: 'string' },
    out: { type: 'string' },
    file: { type: 'string' },
    snapshot: { type: 'string' },
    json: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'naive-runs': { type: 'string', default: '1' },
    importer: { type: 'string', default: 'src/io' },
  },
});
const mode = positionals[0];
const runs = Math.max(1, Number(values.runs));

function diagnosticSummary(
  diagnostics: readonly { severity?: string; code?: string }[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of diagnostics) {
    const key = `${d.severity ?? 'unknown'}:${d.code ?? '?'}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function snapshotCase(): Promise<object> {
  const importTexts = await loadExport<ImportTexts>(values.importer, 'importTexts');
  const fixture = values.fixture ?? '';
  const text = readFileSync(fixture, 'utf8');
  const start = performance.now();
  const imported = importTexts([{ name: fixture, text }]);
  const importMs = performance.now() - start;
  writeFileSync(values.out ?? '', JSON.stringify(imported.snapshot));
  return {
    importMs: round(importMs, 0),
    endpoints: imported.snapshot.endpoints.length,
    namespaces: imported.snapshot.namespaces.length,
    policies: imported.snapshot.policies.length,
    diagnostics: diagnosticSummary(imported.diagnostics),
  };
}

async function importCase(): Promise<object> {
  const importTexts = await loadExport<ImportTexts>(values.importer, 'importTexts');
  const file = values.file ?? '';
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const imported = importTexts([{ name: file, text }]); // warm-up
  const summary = {
    endpoints: imported.snapshot.endpoints.length,
    namespaces: imported.snapshot.namespaces.length,
    policies: imported.snapshot.policies.length,
    diagnostics: diagnosticSummary(imported.diagnostics),
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    importTexts([{ name: file, text }]);
    times.push(performance.now() - start);
  }
  const ms = median(times);
  return {
    bytes,
    ...summary,
    medianMs: round(ms, 0),
    p95Ms: round(percentile(times, 95), 0),
    minMs: round(Math.min(...times), 0),
    mbPerS: round(bytes / 1e6 / (ms / 1000), 1),
    runs,
    peakRssMB: peakRssMB(),
  };
}

function loadSnapshot(): Snapshot {
  return JSON.parse(readFileSync(values.snapshot ?? '', 'utf8')) as Snapshot;
}

async function reachCase(): Promise<object> {
  const analyze = await loadExport<Analyze>('src/engine', 'analyze');
  const snapshot = loadSnapshot();
  gc();
  const baseRssMB = rssMB();
  // One analysis alive at a time: the previous one is dropped before the next is timed.
  const slot: { analysis: Analysis | undefined } = { analysis: analyze(snapshot) }; // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    slot.analysis = undefined;
    gc();
    const start = performance.now();
    slot.analysis = analyze(snapshot);
    times.push(performance.now() - start);
  }
  const peakAnalyzeRssMB = peakRssMB();
  const last = slot.analysis as Analysis;
  let connections = last.countConnections(); // warm-up
  const countTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    connections = last.countConnections();
    countTimes.push(performance.now() - start);
  }
  const peakAfterCountRssMB = peakRssMB();
  // G1r: the same process parses the fixture's JSON, for a machine-independent ratio.
  let jsonParseMs: number | undefined;
  if (values.json !== undefined && statSync(values.json).size < 400e6) {
    gc();
    const text = readFileSync(values.json, 'utf8');
    const parseTimes: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const start = performance.now();
      JSON.parse(text);
      parseTimes.push(performance.now() - start);
    }
    jsonParseMs = round(median(parseTimes), 0);
  }
  const ms = median(times);
  return {
    ...last.stats,
    connections,
    medianMs: round(ms, 1),
    p95Ms: round(percentile(times, 95), 1),
    minMs: round(Math.min(...times), 1),
    countMs: round(median(countTimes), 1),
    runs,
    peakRssMB: peakAfterCountRssMB,
    peakAnalyzeRssMB,
    baseRssMB,
    ...(jsonParseMs === undefined ? {} : { jsonParseMs, analyzeOverJsonParse: round(ms / jsonParseMs, 2) }),
  };
}

const portsKey = (
  p: Readonly<Record<'TCP' | 'UDP' | 'SCTP', readonly (readonly [number, number])[]>>,
): string =>
  (['TCP', 'UDP', 'SCTP'] as const).map((proto) => p[proto].map(([a, b]) => `${a}-${b}`).join(',')).join('|');

async function naiveCase(): Promise<object> {
  const analyze = await loadExport<Analyze>('src/engine', 'analyze');
  const naiveConnections = await loadExport<NaiveConnections>('src/testing/naive', 'naiveConnections');
  const snapshot = loadSnapshot();
  const ids = new Set(snapshot.endpoints.map((e) => e.id));
  // Timed on both sides: everything it takes to produce the same Map (`from|to` -> ports) of
  // allowed endpoint pairs. The engine also visits IP ranges, which the naive evaluator skips.
  const engineRun = (): { analyzeMs: number; pairs: Map<string, PortsByProtocol> } => {
    const start = performance.now();
    const analysis = analyze(snapshot);
    const analyzeMs = performance.now() - start;
    const pairs = new Map<string, PortsByProtocol>();
    analysis.forEachConnection((from: string, to: string, ports: PortsByProtocol) => {
      if (ids.has(from) && ids.has(to)) pairs.set(`${from}|${to}`, ports);
    });
    return { analyzeMs, pairs };
  };
  let engine = engineRun(); // warm-up
  const engineTimes: number[] = [];
  const analyzeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    engine = engineRun();
    engineTimes.push(performance.now() - start);
    analyzeTimes.push(engine.analyzeMs);
  }
  const naiveRuns = Math.max(1, Number(values['naive-runs']));
  const naiveTimes: number[] = [];
  let naive = new Map<string, Record<'TCP' | 'UDP' | 'SCTP', [number, number][]>>();
  for (let i = 0; i < naiveRuns; i++) {
    gc();
    const start = performance.now();
    naive = naiveConnections(snapshot);
    naiveTimes.push(performance.now() - start);
  }
  // Compared after the timings: the same pairs with the same ports.
  const mismatches: string[] = [];
  for (const [key, ports] of naive) {
    const mine = engine.pairs.get(key);
    const expected = portsKey(ports);
    const got = mine === undefined ? 'none' : portsKey(mine);
    if (got !== expected) mismatches.push(`${key}: naive ${expected} engine ${got}`);
  }
  for (const key of engine.pairs.keys()) if (!naive.has(key)) mismatches.push(`${key}: engine only`);
  const engineMs = median(engineTimes);
  const analyzeMs = median(analyzeTimes);
  const naiveMs = median(naiveTimes);
  return {
    endpoints: snapshot.endpoints.length,
    policies: snapshot.policies.length,
    pairs: naive.size,
    engineMs: round(engineMs, 1),
    engineAnalyzeMs: round(analyzeMs, 1),
    naiveMs: round(naiveMs, 0),
    speedup: round(naiveMs / engineMs, 1),
    speedupAnalyzeOnly: round(naiveMs / analyzeMs, 1),
    identical: mismatches.length === 0,
    mismatches: mismatches.length,
    mismatchExamples: mismatches.slice(0, 5),
    runs,
    naiveRuns,
    peakRssMB: peakRssMB(),
  };
}

const CASES: Record<string, () => Promise<object>> = {
  snapshot: snapshotCase,
  import: importCase,
  reach: reachCase,
  naive: naiveCase,
};

const run = mode === undefined ? undefined : CASES[mode];
if (run === undefined)
  throw new Error(`unknown case '${mode ?? ''}' (one of ${Object.keys(CASES).join(', ')})`);
try {
  emitResult(await run());
} catch (e) {
  if (!(e instanceof Missing)) throw e;
  emitResult({ skipped: e.message });
}
