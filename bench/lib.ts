/**
 * Helpers shared by the bench's parent (`run.ts`) and its child processes (`fixture.ts`,
 * `case.ts`): paths of cached fixtures, statistics, the result protocol.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');
export const FIXTURE_DIR = join(BENCH_DIR, '.fixtures');

/** A child prints exactly one line starting with this marker, followed by its JSON result. */
export const RESULT_MARKER = 'BENCH_RESULT ';

export function emitResult(result: object): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** Hash of the files under the given paths (recursively, .ts only, tests excluded). */
export function sourceHash(paths: readonly string[]): string {
  const hash = createHash('sha1');
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
      hash.update(path.slice(ROOT.length));
      hash.update(readFileSync(path));
    }
  };
  for (const p of paths) visit(resolve(ROOT, p));
  return hash.digest('hex').slice(0, 10);
}

/** Changes whenever the generator changes, so cached fixtures are never stale. */
export function generatorVersion(): string {
  const testing = join(ROOT, 'src/testing');
  const files = readdirSync(testing)
    .filter((f) => (f.startsWith('generator') || f === 'prng.ts') && !f.endsWith('.test.ts'))
    .map((f) => join('src/testing', f));
  return sourceHash(files);
}

export interface FixturePaths {
  readonly base: string;
  readonly yaml: string;
  readonly json: string;
  readonly stats: string;
}

export function fixturePaths(profile: string, seed: number, version: string): FixturePaths {
  const base = join(FIXTURE_DIR, `${profile}-seed${seed}-g${version}`);
  return { base, yaml: `${base}.yaml`, json: `${base}.json`, stats: `${base}.stats.json` };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0
    ? Number.NaN
    : s.length % 2 === 1
      ? (s[mid] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

export function rssMB(): number {
  return round(process.memoryUsage().rss / 1024 / 1024, 0);
}

/** Runs `fn` once to warm up, then `runs` times; returns the timings in milliseconds. */
export function timeRuns<T>(runs: number, fn: () => T, between?: () => void): { times: number[]; last: T } {
  let last = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    between?.();
    const start = performance.now();
    last = fn();
    times.push(performance.now() - start);
  }
  return { times, last };
}

export function gc(): void {
  const maybe = (globalThis as { gc?: () => void }).gc;
  if (maybe !== undefined) maybe();
}
