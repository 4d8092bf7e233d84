import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// End-to-end tests run against the production build served by `vite preview` (E2E_MODE=dev: the
// dev server instead). The Chromium comes from scripts/find-chromium.mjs: $CHROMIUM_PATH,
// Playwright's own browsers, or the system's chromium. `npm test` installs one when there is none.
const dev = process.env.E2E_MODE === 'dev';
const port = dev ? 5173 : 4173;
const baseURL = `http://127.0.0.1:${port}`;
const vite = 'node_modules/.bin/vite';
const chromium = await findChromium();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }],
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
      : `${vite} build --logLevel warn && ${vite} preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
