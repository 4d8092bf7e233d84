/**
 * `npm run bench [-- --sizes M,L,L-dense,XL --runs 5 --seed 1]`
 *
 * Generates (and caches under bench/.fixtures/) the synthetic clusters of src/testing/generator,
 * then runs each benchmark in a fresh Node process (1 warm-up + N timed runs, median, p95, peak
 * RSS) and prints one JSON line per result on standard output, then a table. Progress goes to
 * standard error. A figure that misses its goal is marked MISSED; the bench fails (exit 1) only on
 * errors: a crashed case, or the engine disagreeing with the naive evaluator.
 *
 *   (a) reachability: analyze(snapshot) from src/engine per size, parse excluded; countConnections()
 *   (b) import: importTexts from src/io on the L fixture, YAML and JSON
 *   (c) speed-up over the naive evaluator (src/testing/naive) on M, both in one process
 *   (d) the CLI end to end on L (`analyze --format json`), under /usr/bin/time
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isProfile, PROFILE_NAMES, type Profile } from '../src/testing/generator';
import { FIXTURE_DIR, fixturePaths, generatorVersion, RESULT_MARKER, ROOT, round, sourceHash } from './lib';

const USAGE = `usage: npm run bench -- [options]
  --sizes LIST        profiles for the reachability bench (default M,L,L-dense,XL; also S, Stress)
  --runs N            timed runs after one warm-up (default 5)
  --seed N            generator seed (default 1)
  --import-size P     profile of the import bench (default L); --no-import to skip
  --naive-size P      profile of the naive comparison (default M); --no-naive to skip
  --naive-runs N      timed runs of the naive evaluator (default 1)
  --no-cli            skip the CLI end-to-end run on L
  --fresh             regenerate fixtures even when cached
  --importer PATH     module exporting importTexts (default src/io)
`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'M,L,L-dense,XL' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'import-size': { type: 'string', default: 'L' },
    'naive-size': { type: 'string', default: 'M' },
    'naive-runs': { type: 'string', default: '1' },
    'no-import': { type: 'boolean', default: false },
    'no-naive': { type: 'boolean', default: false },
    'no-cli': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    importer: { type: 'string', default: 'src/io' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function profileOf(text: string): Profile {
  if (!isProfile(text)) {
    process.stderr.write(`unknown profile '${text}' (one of ${PROFILE_NAMES.join(', ')})\n${USAGE}`);
    process.exit(2);
  }
  return text;
}
const sizes = values.sizes
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '')
  .map(profileOf);
const runs = String(Math.max(1, Number(values.runs) || 5));
const seed = Number(values.seed);
const importSize = profileOf(values['import-size']);
const naiveSize = profileOf(values['naive-size']);

/** Heap for the child processes, by profile. */
const HEAP_MB: Record<Profile, number> = {
  S: 2048,
  M: 2048,
  L: 4096,
  'L-dense': 4096,
  XL: 8192,
  Stress: 16384,
};

const errors: string[] = [];
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

// ---------- Child processes ----------

interface ChildResult {
  readonly result: Record<string, unknown> | undefined;
  readonly code: number | null;
  readonly wallMs: number;
}

function runChild(script: string, args: readonly string[], heapMB: number): Promise<ChildResult> {
  const argv = [
    `--max-old-space-size=${heapMB}`,
    '--expose-gc',
    '--import',
    'tsx',
    join('bench', script),
    ...args,
  ];
  return new Promise((resolveChild, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      let result: Record<string, unknown> | undefined;
      for (const line of out.split('\n')) {
        if (line.startsWith(RESULT_MARKER))
          result = JSON.parse(line.slice(RESULT_MARKER.length)) as Record<string, unknown>;
        else if (line.trim() !== '') process.stderr.write(`${line}\n`);
      }
      resolveChild({ result, code, wallMs: performance.now() - start });
    });
  });
}

/** Runs a case; records an error (and returns undefined) when the child fails. */
async function runCase(label: string, script: string, args: readonly string[], heapMB: number) {
  const child = await runChild(script, args, heapMB);
  if (child.code !== 0 || child.result === undefined) {
    errors.push(`${label}: child exited with ${String(child.code)}`);
    log(`ERROR ${label}: child exited with ${String(child.code)}`);
    return undefined;
  }
  return child.result;
}

// ---------- Fixtures and snapshots (cached) ----------

const version = generatorVersion();
const fixtureStats = new Map<Profile, Record<string, unknown>>();

async function ensureFixture(profile: Profile): Promise<Record<string, unknown> | undefined> {
  const cached = fixtureStats.get(profile);
  if (cached !== undefined) return cached;
  const paths = fixturePaths(profile, seed, version);
  if (!values.fresh && existsSync(paths.stats) && existsSync(paths.yaml) && existsSync(paths.json)) {
    const stats = JSON.parse(readFileSync(paths.stats, 'utf8')) as Record<string, unknown>;
    fixtureStats.set(profile, stats);
    return stats;
  }
  removeStaleFixtures(profile);
  log(`generating the ${profile} fixture (seed ${seed})...`);
  const stats = await runCase(
    `generate ${profile}`,
    'fixture.ts',
    ['--profile', profile, '--seed', String(seed), '--version', version],
    HEAP_MB[profile],
  );
  if (stats === undefined) return undefined;
  const g = stats['generator'] as Record<string, number>;
  log(
    `${profile}: ${String(stats['pods'])} pods, ${String(stats['namespaces'])} namespaces, ${String(stats['policies'])} policies; ` +
      `generated in ${g['generateMs']} ms; YAML ${mb(g['yamlBytes'])} in ${g['writeYamlMs']} ms, JSON ${mb(g['jsonBytes'])} in ${g['writeJsonMs']} ms`,
  );
  fixtureStats.set(profile, stats);
  return stats;
}

/** Deletes the cached files of this profile and seed made by other generator versions. */
function removeStaleFixtures(profile: Profile): void {
  if (!existsSync(FIXTURE_DIR)) return;
  const prefix = `${profile}-seed${seed}-g`;
  const current = `${prefix}${version}`;
  for (const file of readdirSync(FIXTURE_DIR)) {
    if (file.startsWith(prefix) && !file.startsWith(current))
      rmSync(join(FIXTURE_DIR, file), { force: true });
  }
}

const importerVersion = (): string => sourceHash(['src/io', 'src/model', values.importer]);

const snapshots = new Map<Profile, { path?: string; skipped?: string }>();

/** The imported Snapshot of a fixture, saved as JSON so that the timed cases skip parsing. */
async function ensureSnapshot(profile: Profile): Promise<{ path?: string; skipped?: string }> {
  let known = snapshots.get(profile);
  if (known === undefined) snapshots.set(profile, (known = await makeSnapshot(profile)));
  return known;
}

async function makeSnapshot(profile: Profile): Promise<{ path?: string; skipped?: string }> {
  if ((await ensureFixture(profile)) === undefined) return { skipped: 'no fixture' };
  const paths = fixturePaths(profile, seed, version);
  const path = `${paths.base}.snapshot-${importerVersion()}.json`;
  if (existsSync(path)) return { path };
  const stem = basename(`${paths.base}.snapshot-`);
  for (const file of readdirSync(FIXTURE_DIR))
    if (file.startsWith(stem)) rmSync(join(FIXTURE_DIR, file), { force: true });
  log(`importing the ${profile} fixture into a snapshot...`);
  const result = await runCase(
    `snapshot ${profile}`,
    'case.ts',
    ['snapshot', '--fixture', paths.json, '--out', path, '--importer', values.importer],
    HEAP_MB[profile],
  );
  if (result === undefined) return { skipped: 'the import failed' };
  if (typeof result['skipped'] === 'string') return { skipped: result['skipped'] };
  const diagnostics = result['diagnostics'] as Record<string, number>;
  const errorDiagnostics = Object.entries(diagnostics).filter(([k]) => k.startsWith('error'));
  if (errorDiagnostics.length > 0)
    log(`WARNING: importing ${profile} gave error diagnostics: ${JSON.stringify(diagnostics)}`);
  return { path };
}

// ---------- Goals ----------

interface Goal {
  readonly goal: string;
  readonly value: number | boolean;
  readonly status: 'MET' | 'MISSED';
}

function atMost(goal: string, value: unknown, limit: number): Goal | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return { goal, value, status: value <= limit ? 'MET' : 'MISSED' };
}

function atLeast(goal: string, value: unknown, limit: number): Goal | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return { goal, value, status: value >= limit ? 'MET' : 'MISSED' };
}

const defined = <T>(xs: readonly (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

function reachGoals(size: Profile, r: Record<string, unknown>): Goal[] {
  switch (size) {
    case 'L':
      return defined([
        atMost('L reachability <= 250 ms (issue 2)', r['medianMs'], 250),
        atMost('L analyze / JSON.parse <= 1.5 (G1r)', r['analyzeOverJsonParse'], 1.5),
      ]);
    case 'L-dense':
      return defined([atMost('L-dense reachability <= 500 ms (G1d)', r['medianMs'], 500)]);
    case 'XL':
      return defined([
        atMost('XL reachability <= 3000 ms (issue 2)', r['medianMs'], 3000),
        atMost('XL peak RSS <= 2048 MB (issue 2)', r['peakRssMB'], 2048),
      ]);
    case 'Stress':
      return defined([atMost('Stress reachability <= 60 s (G10, not gated)', r['medianMs'], 60_000)]);
    default:
      return [];
  }
}

// ---------- Output ----------

const lines: Record<string, unknown>[] = [];
function print(line: Record<string, unknown>): void {
  lines.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function mb(bytes: unknown): string {
  return typeof bytes === 'number' ? `${round(bytes / 1e6, 1)} MB` : '?';
}

function cell(value: unknown, width: number): string {
  const text =
    value === undefined ? '-' : typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
  return text.padStart(width);
}

function goalText(goals: unknown): string {
  return ((goals as Goal[] | undefined) ?? [])
    .map((g) => `${g.goal}: ${String(g.value)} ${g.status}`)
    .join('; ');
}

function table(): string {
  const out: string[] = [];
  const reach = lines.filter((l) => l['bench'] === 'reachability');
  if (reach.length > 0) {
    out.push('Reachability (analyze, class level; parse excluded)');
    const head = [
      'size',
      'pods',
      'endpts',
      'ns',
      'policies',
      'classes',
      'ipRanges',
      'classPairs',
      'median ms',
      'p95 ms',
      'count ms',
      'peak MB',
    ];
    const widths = [8, 8, 8, 7, 9, 8, 9, 11, 10, 9, 9, 8];
    out.push(head.map((h, i) => h.padStart(widths[i] as number)).join(' '));
    for (const l of reach) {
      if (l['skipped'] !== undefined) {
        out.push(`${cell(l['size'], 8)} skipped: ${String(l['skipped'])}`);
        continue;
      }
      const row = [
        l['size'],
        l['pods'],
        l['endpoints'],
        l['namespaces'],
        l['policies'],
        l['classes'],
        l['ipRanges'],
        l['classPairs'],
        l['medianMs'],
        l['p95Ms'],
        l['countMs'],
        l['peakRssMB'],
      ];
      out.push(row.map((v, i) => cell(v, widths[i] as number)).join(' '));
    }
    for (const l of reach) if (goalText(l['goals']) !== '') out.push(`  ${goalText(l['goals'])}`);
  }
  for (const l of lines.filter((x) => x['bench'] !== 'reachability')) {
    const name = [l['bench'], l['size'], l['format'], l['phase']].filter((x) => x !== undefined).join(' ');
    if (l['skipped'] !== undefined) {
      out.push(`${name}: skipped: ${String(l['skipped'])}`);
      continue;
    }
    switch (l['bench']) {
      case 'import':
        out.push(
          `${name}: ${mb(l['bytes'])}, median ${String(l['medianMs'])} ms (p95 ${String(l['p95Ms'])}), ${String(l['mbPerS'])} MB/s, peak ${String(l['peakRssMB'])} MB`,
        );
        break;
      case 'naive':
        out.push(
          `${name}: ${String(l['endpoints'])} endpoints, ${String(l['pairs'])} allowed pairs; engine ${String(l['engineMs'])} ms ` +
            `(analyze ${String(l['engineAnalyzeMs'])}), naive ${String(l['naiveMs'])} ms: ${String(l['speedup'])}x ` +
            `(${String(l['speedupAnalyzeOnly'])}x over analyze alone); identical: ${String(l['identical'])}`,
        );
        break;
      case 'cli':
        out.push(
          `${name}: wall ${String(l['wallMs'])} ms, max RSS ${String(l['maxRssMB'])} MB, output ${mb(l['outputBytes'])}, exit ${String(l['exitCode'])}`,
        );
        break;
      case 'environment':
        out.push(
          `${name}: node ${String(l['node'])}, ${String(l['cpus'])} CPUs, load average ${JSON.stringify(l['loadavg'])}`,
        );
        break;
      case 'ratio':
        out.push(`${String(l['name'])}: ${String(l['value'])}`);
        break;
      default:
        out.push(`${name}: ${JSON.stringify(l)}`);
    }
    if (goalText(l['goals']) !== '') out.push(`  ${goalText(l['goals'])}`);
  }
  return out.join('\n');
}

// ---------- The benchmarks ----------

async function reachability(size: Profile): Promise<void> {
  const stats = await ensureFixture(size);
  if (stats === undefined) return;
  const fixture = {
    pods: stats['pods'],
    fixtureYamlBytes: (stats['generator'] as Record<string, unknown>)['yamlBytes'],
    fixtureJsonBytes: (stats['generator'] as Record<string, unknown>)['jsonBytes'],
  };
  const snap = await ensureSnapshot(size);
  if (snap.path === undefined) {
    log(`reachability ${size}: SKIPPED (${snap.skipped ?? '?'})`);
    print({ bench: 'reachability', size, ...fixture, skipped: snap.skipped });
    return;
  }
  log(`reachability ${size}: ${runs} runs after a warm-up...`);
  const args = ['reach', '--snapshot', snap.path, '--runs', runs];
  if (size === 'L' || size === 'M' || size === 'S')
    args.push('--json', fixturePaths(size, seed, version).json);
  const r = await runCase(`reachability ${size}`, 'case.ts', args, HEAP_MB[size]);
  if (r === undefined) return;
  if (typeof r['skipped'] === 'string') {
    log(`reachability ${size}: SKIPPED (${r['skipped']})`);
    print({ bench: 'reachability', size, ...fixture, skipped: r['skipped'] });
    return;
  }
  print({ bench: 'reachability', size, ...fixture, ...r, goals: reachGoals(size, r) });
}

async function importBench(): Promise<void> {
  if ((await ensureFixture(importSize)) === undefined) return;
  const paths = fixturePaths(importSize, seed, version);
  for (const [format, file] of [
    ['yaml', paths.yaml],
    ['json', paths.json],
  ] as const) {
    log(`import ${importSize} ${format}: ${runs} runs after a warm-up...`);
    const r = await runCase(
      `import ${importSize} ${format}`,
      'case.ts',
      ['import', '--file', file, '--runs', runs, '--importer', values.importer],
      HEAP_MB[importSize],
    );
    if (r === undefined) continue;
    if (typeof r['skipped'] === 'string') {
      log(`import: SKIPPED (${r['skipped']})`);
      print({ bench: 'import', size: importSize, format, skipped: r['skipped'] });
      return;
    }
    const goals = defined(
      format === 'yaml'
        ? [
            importSize === 'L'
              ? atMost('import L YAML <= 3000 ms (issue 2)', r['medianMs'], 3000)
              : undefined,
            atLeast('YAML >= 15 MB/s (G4p)', r['mbPerS'], 15),
          ]
        : [
            importSize === 'L'
              ? atMost('import L JSON <= 3000 ms (issue 2)', r['medianMs'], 3000)
              : undefined,
            atLeast('JSON >= 80 MB/s (G4p)', r['mbPerS'], 80),
          ],
    );
    print({ bench: 'import', size: importSize, format, ...r, goals });
  }
}

async function naiveBench(): Promise<void> {
  const snap = await ensureSnapshot(naiveSize);
  if (snap.path === undefined) {
    log(`naive ${naiveSize}: SKIPPED (${snap.skipped ?? '?'})`);
    print({ bench: 'naive', size: naiveSize, skipped: snap.skipped });
    return;
  }
  log(`naive ${naiveSize}: engine ${runs} runs, naive ${values['naive-runs']} run(s)...`);
  const r = await runCase(
    `naive ${naiveSize}`,
    'case.ts',
    ['naive', '--snapshot', snap.path, '--runs', runs, '--naive-runs', values['naive-runs']],
    HEAP_MB[naiveSize],
  );
  if (r === undefined) return;
  if (typeof r['skipped'] === 'string') {
    log(`naive: SKIPPED (${r['skipped']})`);
    print({ bench: 'naive', size: naiveSize, skipped: r['skipped'] });
    return;
  }
  if (r['identical'] !== true) {
    errors.push(
      `naive ${naiveSize}: the engine and the naive evaluator disagree on ${String(r['mismatches'])} pairs`,
    );
    log(`ERROR: engine and naive disagree: ${JSON.stringify(r['mismatchExamples'])}`);
  }
  print({
    bench: 'naive',
    size: naiveSize,
    ...r,
    goals: defined([atLeast('speed-up over naive >= 100x (issue 2)', r['speedup'], 100)]),
  });
}

/** Wall time and peak memory from `/usr/bin/time -v` (GNU time) output. */
function parseTimeOutput(text: string): { wallMs?: number; maxRssMB?: number } {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(text);
  const out: { wallMs?: number; maxRssMB?: number } = {};
  if (rss?.[1] !== undefined) out.maxRssMB = round(Number(rss[1]) / 1024, 0);
  if (wall?.[1] !== undefined) {
    const seconds = wall[1].split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
    out.wallMs = round(seconds * 1000, 0);
  }
  return out;
}

async function cliBench(): Promise<void> {
  const size: Profile = 'L';
  const missing = ['src/cli/main.ts', 'src/io/index.ts', 'src/engine/index.ts'].filter(
    (f) => !existsSync(join(ROOT, f)),
  );
  if (missing.length > 0) {
    log(`cli ${size}: SKIPPED (${missing.join(', ')} missing)`);
    print({ bench: 'cli', size, skipped: `${missing.join(', ')} missing` });
    return;
  }
  if ((await ensureFixture(size)) === undefined) return;
  const yaml = fixturePaths(size, seed, version).yaml;
  const hasTime = existsSync('/usr/bin/time');
  const command = [
    process.execPath,
    '--import',
    'tsx',
    'src/cli/main.ts',
    'analyze',
    yaml,
    '--format',
    'json',
  ];
  log(
    `cli ${size}: ${hasTime ? '/usr/bin/time -v ' : ''}node src/cli/main.ts analyze ${size}.yaml --format json > (counted, discarded)`,
  );
  const start = performance.now();
  const result = await new Promise<{ code: number | null; stderr: string; outputBytes: number }>(
    (resolveRun, reject) => {
      const child = hasTime
        ? spawn('/usr/bin/time', ['-v', ...command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(command[0] as string, command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let outputBytes = 0;
      child.stdout.on('data', (chunk: Buffer) => (outputBytes += chunk.length));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-65536)));
      child.on('error', reject);
      child.on('close', (code) => resolveRun({ code, stderr, outputBytes }));
    },
  );
  const measured = parseTimeOutput(result.stderr);
  const wallMs = measured.wallMs ?? round(performance.now() - start, 0);
  const line = {
    bench: 'cli',
    size,
    command: `analyze ${size}.yaml --format json`,
    wallMs,
    maxRssMB: measured.maxRssMB,
    outputBytes: result.outputBytes,
    exitCode: result.code,
  };
  if (result.code !== 0) {
    errors.push(`cli ${size}: exited with ${String(result.code)}`);
    log(`ERROR cli: exited with ${String(result.code)}; stderr tail:\n${result.stderr.slice(-2000)}`);
  }
  print({
    ...line,
    goals: defined([
      atMost('CLI L wall <= 10000 ms (G4)', wallMs, 10_000),
      atMost('CLI L max RSS <= 1536 MB (G4)', measured.maxRssMB, 1536),
    ]),
  });
}

// ---------- Main ----------

/** The conditions of the run: figures from a loaded machine are not comparable. */
function environment(phase: 'start' | 'end'): Record<string, unknown> {
  return {
    bench: 'environment',
    phase,
    node: process.version,
    cpus: cpus().length,
    totalMemMB: Math.round(totalmem() / 1024 / 1024),
    loadavg: loadavg().map((x) => round(x, 2)),
    generator: version,
    seed,
  };
}

log(`generator ${version}, seed ${seed}, sizes ${sizes.join(',')}, ${runs} runs; node ${process.version}`);
print(environment('start'));
// Only one benchmark runs at a time: the machine's cores are shared.
for (const size of sizes) await reachability(size);
const times = new Map(
  lines.filter((l) => l['bench'] === 'reachability').map((l) => [l['size'], l['medianMs']]),
);
const tL = times.get('L');
const tXL = times.get('XL');
if (typeof tL === 'number' && typeof tXL === 'number') {
  print({
    bench: 'ratio',
    name: 'G2s',
    value: round(tXL / tL, 2),
    goals: defined([atMost('t(XL) / t(L) <= 10 (G2s)', round(tXL / tL, 2), 10)]),
  });
}
if (!values['no-import']) await importBench();
if (!values['no-naive']) await naiveBench();
if (!values['no-cli'] && sizes.includes('L')) await cliBench();

print(environment('end'));
process.stdout.write(`\n${table()}\n`);
if (errors.length > 0) {
  process.stdout.write(`\nERRORS (${errors.length}):\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  process.exitCode = 1;
}
