/**
 * `npm run bench:browser [-- --profile L --seed 1 --runs 3 --format yaml]`
 *
 * The app in Chromium on a synthetic cluster (the L fixture: 10,000 pods, 5,000 policies; cached
 * in bench/.fixtures by the bench's own fixture code). It builds the app into a temporary folder,
 * serves it with `vite preview` on a free port (started and stopped here), launches the same
 * Chromium with the same flags as the end-to-end tests (playwright.config.ts), records long tasks
 * with a PerformanceObserver installed before the app loads, and then, as a person would:
 *
 *   (a) uploads the fixture through the Import dialog's file chooser ("Replace the workspace") and
 *       times the click on Import until the overview is interactive: the analysis done, the
 *       status bar showing the new counts and the graph drawn (goal: 3 s; the breakdown adds when
 *       the graph's last chunk of elements was drawn);
 *   (b) takes the longest main-thread task from that click until a second after (goal: 100 ms);
 *   (c) types into the filter's search box and times each keystroke to the next frame, and the
 *       longest gap between frames until the filtered views have settled (goal: 100 ms).
 *
 * It prints one JSON line per run and per figure on standard output, then a table with the goals
 * and MET / MISSED. Progress goes to standard error. A missed goal never fails the bench; only
 * errors do (exit 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { isProfile, type Profile } from '../../src/testing/generator';
import { fixturePaths, generatorVersion, median, ROOT, round } from '../lib';

const USAGE = `usage: npm run bench:browser -- [options]
  --profile P     the fixture's generator profile (default L)
  --seed N        generator seed (default 1)
  --runs N        uploads measured, each in a fresh page (default 3)
  --format F      yaml or json: which serialisation of the fixture is uploaded (default yaml)
  --query TEXT    what is typed into the filter search (default ns-12)
  --headed        show the browser
`;

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'L' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    format: { type: 'string', default: 'yaml' },
    query: { type: 'string', default: 'ns-12' },
    headed: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!isProfile(values.profile)) {
  process.stderr.write(`unknown profile '${values.profile}'\n${USAGE}`);
  process.exit(2);
}
if (values.format !== 'yaml' && values.format !== 'json') {
  process.stderr.write(`--format is yaml or json\n${USAGE}`);
  process.exit(2);
}
const profile: Profile = values.profile;
const seed = Number(values.seed);
const runs = Math.max(1, Number(values.runs) || 3);
const format = values.format;

const GOALS = { overviewMs: 3000, longestTaskMs: 100, filterToFrameMs: 100 } as const;
const VIEWPORT = { width: 1280, height: 800 };
/** Long tasks this long after the overview still count as part of loading (the first frames' work). */
const SETTLE_MS = 1000;

const log = (line: string): void => void process.stderr.write(`[bench:browser] ${line}\n`);
const print = (record: object): void => void process.stdout.write(`${JSON.stringify(record)}\n`);

// ---------- Processes: the fixture, the build, the preview server ----------

function run(command: string, args: readonly string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${String(code)}`)),
    );
  });
}

/** The fixture's path and stats, generating it (with the bench's own fixture script) when not cached. */
async function ensureFixture(): Promise<{ file: string; stats: Record<string, unknown> }> {
  const version = generatorVersion();
  const paths = fixturePaths(profile, seed, version);
  if (!(existsSync(paths.yaml) && existsSync(paths.json) && existsSync(paths.stats))) {
    log(`generating the ${profile} fixture (seed ${seed}) into bench/.fixtures...`);
    await run(
      process.execPath,
      [
        '--max-old-space-size=4096',
        '--import',
        'tsx',
        join('bench', 'fixture.ts'),
        '--profile',
        profile,
        '--seed',
        String(seed),
        '--version',
        version,
      ],
      'the fixture generator',
    );
  }
  const stats = JSON.parse(readFileSync(paths.stats, 'utf8')) as Record<string, unknown>;
  return { file: format === 'yaml' ? paths.yaml : paths.json, stats };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const VITE = join(ROOT, 'node_modules', '.bin', 'vite');

/** Starts `vite preview` on the build (the bin itself, so its pid is the server's). */
async function startPreview(outDir: string): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(
    VITE,
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
    try {
      const response = await fetch(url);
      if (response.ok) return { url, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`vite preview did not answer at ${url}: ${output}`);
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
    setTimeout(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    }, 3000).unref();
  });
}

// ---------- In the page ----------

/** Installed before the app loads: long tasks and a frame clock, kept on `window.__bench`. */
function installProbes(): void {
  interface Probes {
    longTasks: { start: number; duration: number }[];
    frames: number[] | null;
  }
  const w = window as unknown as { __bench: Probes };
  w.__bench = { longTasks: [], frames: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** What identifies the graph on screen: its screen-reader summary and its first node ids. */
async function graphSignature(page: Page): Promise<string> {
  return page.evaluate(() => {
    const g = (window as unknown as { __netpolGraph?: { ids(): { nodes: string[] } } }).__netpolGraph;
    const nodes = g?.ids().nodes ?? [];
    return `${document.getElementById('graph-summary')?.textContent ?? ''}|${nodes.length}|${nodes.slice(0, 5).join(',')}`;
  });
}

/**
 * Arms a per-frame watch that notes when the overview is interactive after the next click on the
 * dialog's Import button: a new analysis done, the status bar Ready with counts, the graph's
 * summary and nodes changed; then two more frames (Cytoscape draws in its own frame callback).
 * It also notes when the graph is complete: its elements arrive a chunk per frame, and the
 * breakdown reports when the last one was drawn.
 */
async function armOverviewWatch(page: Page, before: { signature: string; analyses: number }): Promise<void> {
  await page.evaluate((prev) => {
    interface Watch {
      clickAt?: number;
      readyAt?: number;
      drawnAt?: number;
      completeAt?: number;
      pods?: string;
    }
    const w = window as unknown as {
      __overview: Watch;
      __netpolGraph?: { ids(): { nodes: string[] }; pending?(): number };
    };
    const watch: Watch = {};
    w.__overview = watch;
    document.addEventListener(
      'click',
      (e) => {
        const t = e.target;
        if (t instanceof Element && t.closest('dialog button[type="submit"]')) watch.clickAt ??= e.timeStamp;
      },
      { capture: true },
    );
    const status = () => document.querySelector('footer[aria-label="Status"]');
    const podsShown = (): string | undefined => {
      for (const dt of Array.from(status()?.querySelectorAll('dt') ?? [])) {
        if (dt.textContent === 'pods') return dt.nextElementSibling?.textContent ?? undefined;
      }
      return undefined;
    };
    let framesAfterReady = 0;
    const frame = (now: number) => {
      if (watch.clickAt === undefined) {
        requestAnimationFrame(frame);
        return;
      }
      if (watch.readyAt === undefined) {
        const done = performance.getEntriesByName('analysis-ready').length > prev.analyses;
        const ready = status()?.querySelector('[role="status"]')?.textContent === 'Ready';
        const summary = document.getElementById('graph-summary')?.textContent ?? '';
        if (done && ready && podsShown() !== undefined && summary !== '') {
          const nodes = w.__netpolGraph?.ids().nodes ?? [];
          const signature = `${summary}|${nodes.length}|${nodes.slice(0, 5).join(',')}`;
          if (nodes.length > 0 && signature !== prev.signature) {
            watch.readyAt = now;
            watch.pods = podsShown() ?? '';
          }
        }
      } else if (watch.drawnAt === undefined) {
        if (++framesAfterReady === 2) watch.drawnAt = performance.now();
      } else if ((w.__netpolGraph?.pending?.() ?? 0) === 0) {
        // The graph adds its elements over a few frames: the last one drawn.
        watch.completeAt = performance.now();
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, before);
}

interface Overview {
  readonly clickAt: number;
  readonly readyAt: number;
  readonly drawnAt: number;
  readonly completeAt?: number;
  readonly pods: string;
}

// ---------- One run ----------

interface RunResult {
  readonly overviewMs: number;
  readonly clickToImportStartMs: number;
  readonly analysisMs: number;
  readonly analysisToDrawnMs: number;
  readonly graphCompleteMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly blockingMs: number;
  readonly loadGraphBuildMs: number;
  readonly loadGraphUpdateMs: number;
  readonly filterGraphBuildMs: number;
  readonly filterGraphUpdateMs: number;
  readonly podsShown: string;
  readonly keyToFrameMs: number;
  readonly maxFrameGapMs: number;
  readonly filterToFrameMs: number;
  readonly filterAppliedMs: number | null;
}

async function measure(browser: Browser, url: string, fixture: string): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  try {
    // tsx compiles this file keeping function names (`__name(fn, "name")`), and the functions
    // handed to page.evaluate carry those calls into the page: give the page a no-op `__name`.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    await page.addInitScript(installProbes);
    await page.goto(url);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await status.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => (document.getElementById('graph-summary')?.textContent ?? '') !== '');

    // (a) and (b): the upload.
    const dialog = page.getByRole('dialog', { name: 'Import manifests' });
    await page.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
    await dialog.waitFor();
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose files…' }).click();
    await (await chooser).setFiles(fixture);
    await dialog.getByRole('list', { name: 'Chosen files' }).getByRole('listitem').first().waitFor();
    await dialog.getByRole('radio', { name: 'Replace the workspace' }).check();
    const before = {
      signature: await graphSignature(page),
      analyses: await page.evaluate(() => performance.getEntriesByName('analysis-ready').length),
    };
    await armOverviewWatch(page, before);
    await dialog.getByRole('button', { name: /^Import/ }).click();
    await page.waitForFunction(
      () => (window as unknown as { __overview: { drawnAt?: number } }).__overview.drawnAt !== undefined,
      undefined,
      { timeout: 180_000, polling: 100 },
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { __overview: { completeAt?: number } }).__overview.completeAt !== undefined,
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    await page.waitForTimeout(SETTLE_MS);
    const loading = await page.evaluate((settle) => {
      const w = window as unknown as {
        __overview: Overview;
        __bench: { longTasks: { start: number; duration: number }[] };
      };
      const o = w.__overview;
      const last = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
      const tasks = w.__bench.longTasks.filter(
        (t) =>
          t.start + t.duration >= o.clickAt && t.start <= Math.max(o.drawnAt, o.completeAt ?? 0) + settle,
      );
      return {
        overview: o,
        importStart: last('import-start'),
        analysisReady: last('analysis-ready'),
        longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        count: tasks.length,
        blocking: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
        // The graph's own measures (src/ui/graph): building its model, and updating Cytoscape.
        graphBuild: performance
          .getEntriesByName('graph-build')
          .filter((e) => e.startTime >= o.clickAt)
          .reduce((sum, e) => sum + e.duration, 0),
        graphUpdate: performance
          .getEntriesByName('graph-update')
          .filter((e) => e.startTime >= o.clickAt)
          .reduce((sum, e) => sum + e.duration, 0),
      };
    }, SETTLE_MS);

    // (c): type into the filter search, a key at a time, and watch the frames.
    const search = page
      .getByRole('search', { name: 'Filters' })
      .getByRole('searchbox', { name: 'Search pods and labels' });
    await search.click();
    await page.waitForTimeout(300);
    const beforeFilter = await page.evaluate(
      () => document.getElementById('graph-summary')?.textContent ?? '',
    );
    await page.evaluate(() => {
      const w = window as unknown as {
        __bench: { frames: number[] | null };
        __filter: { inputs: number[]; summaryChangedAt?: number; summary: string };
      };
      w.__filter = { inputs: [], summary: document.getElementById('graph-summary')?.textContent ?? '' };
      w.__bench.frames = [];
      document
        .getElementById('filter-search')
        ?.addEventListener('input', (e) => w.__filter.inputs.push(e.timeStamp));
      const frame = (now: number) => {
        const frames = w.__bench.frames;
        if (!frames) return;
        frames.push(now);
        const summary = document.getElementById('graph-summary')?.textContent ?? '';
        if (w.__filter.summaryChangedAt === undefined && summary !== w.__filter.summary) {
          w.__filter.summaryChangedAt = now;
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.keyboard.type(values.query, { delay: 80 });
    await page.waitForTimeout(2000);
    const filter = await page.evaluate(() => {
      const w = window as unknown as {
        __bench: { frames: number[] | null };
        __filter: { inputs: number[]; summaryChangedAt?: number };
      };
      const frames = w.__bench.frames ?? [];
      w.__bench.frames = null;
      const { inputs, summaryChangedAt } = w.__filter;
      const first = inputs[0] ?? 0;
      const keyToFrame = inputs.map((t) => (frames.find((f) => f > t) ?? Number.POSITIVE_INFINITY) - t);
      let maxGap = 0;
      for (let i = 1; i < frames.length; i++) {
        const gap = (frames[i] ?? 0) - (frames[i - 1] ?? 0);
        if ((frames[i] ?? 0) > first) maxGap = Math.max(maxGap, gap);
      }
      const graphMs = (name: string) =>
        performance
          .getEntriesByName(name)
          .filter((e) => e.startTime >= first)
          .reduce((sum, e) => sum + e.duration, 0);
      return {
        graphBuild: graphMs('graph-build'),
        graphUpdate: graphMs('graph-update'),
        keyToFrame: Math.max(0, ...keyToFrame),
        maxGap,
        inputs: inputs.length,
        applied: summaryChangedAt === undefined ? null : summaryChangedAt - (inputs.at(-1) ?? first),
      };
    });
    if (filter.inputs !== values.query.length) {
      problems.push(`typed ${values.query.length} keys but saw ${filter.inputs} input events`);
    }
    const afterFilter = await page.evaluate(
      () => document.getElementById('graph-summary')?.textContent ?? '',
    );
    if (afterFilter === beforeFilter)
      log(`note: the graph summary did not change after typing "${values.query}"`);

    if (problems.length > 0) throw new Error(problems.join('; '));
    const o = loading.overview;
    return {
      overviewMs: round(o.drawnAt - o.clickAt, 0),
      clickToImportStartMs: round(loading.importStart - o.clickAt, 0),
      analysisMs: round(loading.analysisReady - loading.importStart, 0),
      analysisToDrawnMs: round(o.drawnAt - loading.analysisReady, 0),
      graphCompleteMs: round((o.completeAt ?? o.drawnAt) - o.clickAt, 0),
      longestTaskMs: round(loading.longest, 0),
      longTasks: loading.count,
      blockingMs: round(loading.blocking, 0),
      loadGraphBuildMs: round(loading.graphBuild, 0),
      loadGraphUpdateMs: round(loading.graphUpdate, 0),
      filterGraphBuildMs: round(filter.graphBuild, 0),
      filterGraphUpdateMs: round(filter.graphUpdate, 0),
      podsShown: o.pods,
      keyToFrameMs: round(filter.keyToFrame, 0),
      maxFrameGapMs: round(filter.maxGap, 0),
      filterToFrameMs: round(Math.max(filter.keyToFrame, filter.maxGap), 0),
      filterAppliedMs: filter.applied === null ? null : round(filter.applied, 0),
    };
  } finally {
    await context.close();
  }
}

// ---------- Main ----------

async function main(): Promise<number> {
  const startedAt = { loadavg: loadavg().map((l) => round(l, 2)), cpus: cpus().length };
  const { file, stats } = await ensureFixture();
  log(`fixture: ${file} (${String(stats['pods'])} pods, ${String(stats['policies'])} policies)`);

  const outDir = mkdtempSync(join(tmpdir(), 'netpol-bench-browser-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    log('building the app...');
    await run(VITE, ['build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], 'vite build');
    const preview = await startPreview(outDir);
    server = preview.server;
    log(`serving the build at ${preview.url}`);

    const launch = config.use?.launchOptions ?? {};
    browser = await chromium.launch({ ...launch, headless: !values.headed });
    log(`chromium ${browser.version()}`);

    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`run ${i + 1} of ${runs}: upload, overview, filter...`);
      const r = await measure(browser, preview.url, file);
      results.push(r);
      print({ bench: 'browser', profile, format, run: i + 1, ...r });
    }

    const pick = (key: keyof RunResult) =>
      median(results.map((r) => r[key]).filter((v): v is number => typeof v === 'number'));
    const figures = [
      { metric: 'file upload to interactive overview', key: 'overviewMs', goal: GOALS.overviewMs },
      { metric: 'longest main-thread task while loading', key: 'longestTaskMs', goal: GOALS.longestTaskMs },
      { metric: 'filter change to next frame', key: 'filterToFrameMs', goal: GOALS.filterToFrameMs },
    ] as const;
    const rows = figures.map((f) => {
      const value = pick(f.key);
      const met = value <= f.goal;
      print({ bench: 'browser', profile, metric: f.metric, medianMs: value, goalMs: f.goal, met, runs });
      return { ...f, value, met };
    });
    const detail = {
      bench: 'browser',
      profile,
      format,
      fixtureBytes: (stats['generator'] as Record<string, unknown> | undefined)?.[`${format}Bytes`],
      pods: stats['pods'],
      policies: stats['policies'],
      medians: {
        clickToImportStartMs: pick('clickToImportStartMs'),
        analysisMs: pick('analysisMs'),
        analysisToDrawnMs: pick('analysisToDrawnMs'),
        graphCompleteMs: pick('graphCompleteMs'),
        longTasks: pick('longTasks'),
        blockingMs: pick('blockingMs'),
        loadGraphBuildMs: pick('loadGraphBuildMs'),
        loadGraphUpdateMs: pick('loadGraphUpdateMs'),
        keyToFrameMs: pick('keyToFrameMs'),
        maxFrameGapMs: pick('maxFrameGapMs'),
        filterAppliedMs: pick('filterAppliedMs'),
        filterGraphBuildMs: pick('filterGraphBuildMs'),
        filterGraphUpdateMs: pick('filterGraphUpdateMs'),
      },
      chromium: browser.version(),
      cpus: startedAt.cpus,
      loadavgStart: startedAt.loadavg,
      loadavgEnd: loadavg().map((l) => round(l, 2)),
    };
    print(detail);

    const table = [
      ['figure', `median of ${runs}`, 'goal', ''],
      ...rows.map((r) => [r.metric, `${r.value} ms`, `≤ ${r.goal} ms`, r.met ? 'MET' : 'MISSED']),
    ];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    const line = (row: readonly string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
    process.stdout.write(`\n${line(table[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
    for (const row of table.slice(1)) process.stdout.write(`${line(row)}\n`);
    const m = detail.medians;
    process.stdout.write(
      `\nbreakdown (medians): click → import-start ${m.clickToImportStartMs} ms, analysis ${m.analysisMs} ms, ` +
        `analysis → graph drawn ${m.analysisToDrawnMs} ms (graph build ${m.loadGraphBuildMs} ms, ` +
        `Cytoscape update ${m.loadGraphUpdateMs} ms); every element drawn ${m.graphCompleteMs} ms after the click; ` +
        `${m.longTasks} long tasks, ${m.blockingMs} ms blocking.\n` +
        `filter: keystroke → frame ${m.keyToFrameMs} ms, longest frame gap ${m.maxFrameGapMs} ms, ` +
        `the graph filtered ${m.filterAppliedMs} ms after the last key (graph build ${m.filterGraphBuildMs} ms, ` +
        `Cytoscape update ${m.filterGraphUpdateMs} ms)\n`,
    );
    return 0;
  } finally {
    await browser?.close();
    if (server) await stop(server);
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
