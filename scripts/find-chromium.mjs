#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests, and installs one when asked and there is none.
//
//   node scripts/find-chromium.mjs            print the executable's path (exit 1 when none)
//   node scripts/find-chromium.mjs --install  the same, installing a Chromium first if needed
//
// Where it looks, in order: $CHROMIUM_PATH, Playwright's own installed browsers, then the
// system's chromium / chromium-browser / google-chrome / google-chrome-stable on PATH.
// Installing: Debian's `chromium` package via apt-get when running as root on Debian,
// otherwise `npx playwright install chromium`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

async function playwrightBrowser() {
  try {
    const { chromium } = await import('@playwright/test');
    const file = chromium.executablePath();
    return file && existsSync(file) && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Looks for a Chromium without installing anything.
 * @returns {Promise<{ path: string, source: string } | null>}
 */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { path: fromEnv, source: 'CHROMIUM_PATH' };
    console.warn(`find-chromium: CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere`);
  }
  const bundled = await playwrightBrowser();
  if (bundled) return { path: bundled, source: "Playwright's installed browsers" };
  for (const name of SYSTEM_NAMES) {
    const file = onPath(name);
    if (file) return { path: file, source: `the system's ${name}` };
  }
  return null;
}

function run(command, args, env = process.env) {
  console.log(`find-chromium: running: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function isRootOnDebian() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

/** Installs a Chromium: Debian's package as root on Debian, Playwright's download elsewhere. */
export function installChromium() {
  if (isRootOnDebian() && onPath('apt-get')) {
    console.log(
      'find-chromium: no Chromium found; installing Debian chromium with apt-get (running as root).',
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], env);
    run('apt-get', ['install', '-y', 'chromium', 'fonts-liberation'], env);
  } else {
    console.log('find-chromium: no Chromium found; installing one with `npx playwright install chromium`.');
    run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
  }
}

/**
 * Finds a Chromium, installing one when there is none.
 * @returns {Promise<{ path: string, source: string }>}
 */
export async function ensureChromium() {
  const found = await findChromium();
  if (found) return found;
  installChromium();
  const installed = await findChromium();
  if (!installed) throw new Error('find-chromium: the install finished but still no Chromium was found');
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const install = process.argv.includes('--install');
  try {
    const found = install ? await ensureChromium() : await findChromium();
    if (!found) {
      console.error('find-chromium: no Chromium found (run with --install to install one)');
      process.exit(1);
    }
    console.error(`find-chromium: using ${found.path} (from ${found.source})`);
    console.log(found.path);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
