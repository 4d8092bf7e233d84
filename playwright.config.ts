import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// End-to-end tests run against the production build served by `vite preview` (E2E_MODE=dev: the
// dev server instead). The Chromium comes from scripts/find-chromium.mjs: $CHROMIUM_PATH,
// Playwright's own browsers, or the system's chromium. `npm test` installs one when there is none.
const dev = process.env.E2E_MODE === 'dev';
// E2E_PORT lets two runs share a machine (each builds into its own folder); the default is 4173.
const port = Number(process.env.E2E_PORT ?? (dev ? 5173 : 4173));
const outDir = port === 4173 ? 'dist' : `.cache/dist-${port}`;
const baseURL = `http://127.0.0.1:${port}`;
const vite = 'node_modules/.bin/vite';
const chromium = await findChromium();

export default defineConfig({
  testDir: 'e2e',
  outputDir: port === 4173 ? 'test-results' : `.cache/test-results-${port}`,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ??
          (port === 4173 ? 'test-results/e2e.json' : `.cache/e2e-${port}.json`),
      },
    ],
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium.path } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // Build first, so the specs always see the current code (vite build takes about 5 s here).
    command: dev
      ? `${vite} --host 127.0.0.1 --port ${port} --strictPort`
      : `${vite} build --logLevel warn --outDir ${outDir} --emptyOutDir && ${vite} preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
