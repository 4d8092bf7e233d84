#!/usr/bin/env node
// `npm test`: runs every check and test there is, in order, streams their output, and ends with
// one plain line `N passed, M failed` summing them all. Exit status 0 only when nothing failed.
//
//   node scripts/test-all.mjs [--only step,step] [--skip step,step]
//
// Steps: typecheck, lint, format (Prettier check), unit (Vitest: unit and property tests),
// conformance (the shared netpol-analyzer corpus through the CLI), e2e (Playwright in Chromium
// against the built app). typecheck, lint and format count as one check each: 1 passed or 1 failed.
// Environment: SHARED_DIR (default: ../shared beside the checkout), CHROMIUM_PATH,
// CONFORMANCE_JOBS (default 2).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './find-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const SHARED = resolve(ROOT, process.env.SHARED_DIR ?? join('..', 'shared'));
const TEMP = mkdtempSync(join(tmpdir(), 'netpol-test-'));
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

/** Runs a command in the project, streaming its output, and resolves with its exit code and output tail. */
function run(command, args, env = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    child.on('error', (error) => {
      console.error(`test-all: could not start ${command}: ${error.message}`);
      resolveRun({ code: 127, tail });
    });
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 128 : 1), tail }));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A step that has no test count of its own: it passes or fails as one check. */
async function single(command, args) {
  const { code } = await run(command, args);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

const steps = {
  typecheck: () => single('npm', ['run', '--silent', 'typecheck']),

  lint: () => single(join(BIN, 'eslint'), ['.', '--max-warnings', '0']),

  format: () => single(join(BIN, 'prettier'), ['--check', '.', '--log-level', 'warn']),

  async unit() {
    const report = join(TEMP, 'vitest.json');
    const { code } = await run(join(BIN, 'vitest'), [
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    const json = readJson(report);
    const passed = json?.numPassedTests ?? 0;
    let failed = json?.numFailedTests ?? 0;
    // A file that fails to load fails its suite with no failed test: count it.
    if (code !== 0 && failed === 0) failed = Math.max(1, json?.numFailedTestSuites ?? 0);
    return { passed, failed, note: json ? undefined : 'no JSON report' };
  },

  async conformance() {
    const runner = join(SHARED, 'conformance', 'run');
    const corpus = join(SHARED, 'conformance', 'netpol-analyzer');
    if (!existsSync(runner) || !existsSync(corpus)) {
      console.error(`test-all: conformance corpus not found at ${corpus} (set SHARED_DIR)`);
      return { passed: 0, failed: 1, note: 'corpus not found' };
    }
    const jobs = process.env.CONFORMANCE_JOBS ?? '2';
    const { code, tail } = await run(process.execPath, [
      runner,
      corpus,
      '--project',
      ROOT,
      '--jobs',
      jobs,
      '--timeout',
      '60',
    ]);
    const last = tail
      .split('\n')
      .map((line) => line.trim())
      .reverse()
      .map((line) => SUMMARY_LINE.exec(line))
      .find(Boolean);
    if (!last) return { passed: 0, failed: 1, note: `runner exited ${code} without a summary line` };
    const counts = { passed: Number(last[1]), failed: Number(last[2]) };
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    return { ...counts, note: last[3] ? `${last[3]} skipped` : undefined };
  },

  async e2e() {
    let chromium;
    try {
      chromium = await ensureChromium();
    } catch (error) {
      console.error(
        `test-all: no Chromium for the e2e tests: ${error instanceof Error ? error.message : error}`,
      );
      return { passed: 0, failed: 1, note: 'no Chromium' };
    }
    console.log(`test-all: e2e uses ${chromium.path} (from ${chromium.source})`);
    const report = join(TEMP, 'playwright.json');
    const { code } = await run(join(BIN, 'playwright'), ['test', '--reporter=list,json'], {
      CHROMIUM_PATH: chromium.path,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    });
    const stats = readJson(report)?.stats;
    const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
    let failed = stats?.unexpected ?? 0;
    if (code !== 0 && failed === 0) failed = 1;
    const notes = [];
    if (!stats) notes.push('no JSON report');
    if (stats?.flaky) notes.push(`${stats.flaky} flaky`);
    if (stats?.skipped) notes.push(`${stats.skipped} skipped`);
    return { passed, failed, note: notes.join(', ') || undefined };
  },
};

function parseList(flag) {
  const index = process.argv.indexOf(flag);
  const inline = process.argv.find((arg) => arg.startsWith(`${flag}=`));
  const value = inline ? inline.slice(flag.length + 1) : index >= 0 ? process.argv[index + 1] : undefined;
  return value ? value.split(',').filter(Boolean) : undefined;
}

const only = parseList('--only');
const skip = parseList('--skip') ?? [];
for (const name of [...(only ?? []), ...skip]) {
  if (!(name in steps)) {
    console.error(`test-all: unknown step "${name}"; steps: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
}
const selected = Object.keys(steps).filter((name) => (!only || only.includes(name)) && !skip.includes(name));

const results = [];
const started = Date.now();
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  let result;
  try {
    result = await steps[name]();
  } catch (error) {
    console.error(`test-all: step ${name} crashed: ${error instanceof Error ? error.stack : error}`);
    result = { passed: 0, failed: 1, note: 'crashed' };
  }
  results.push({ name, ...result, seconds: (Date.now() - t0) / 1000 });
}
rmSync(TEMP, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const { name, passed, failed, seconds, note } of results) {
  const status = failed > 0 ? 'FAIL' : 'ok  ';
  const extra = note ? ` (${note})` : '';
  console.log(
    `${status} ${name.padEnd(12)} passed=${passed} failed=${failed}${extra}  [${seconds.toFixed(1)} s]`,
  );
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
