import { test as base, expect, type Page } from '@playwright/test';

/** What a page did that a clean run must not do. Every spec checks it after the test body. */
export interface PageHealth {
  /** `console.error` messages, with their source location. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions in the page, with their stack. */
  readonly pageErrors: string[];
  /** Requests to any host other than 127.0.0.1 (the app must work offline, with no CDN). */
  readonly foreignRequests: string[];
  /** Responses with an HTTP status of 400 or more. */
  readonly failedResponses: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1']);
const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);

function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return LOCAL_PROTOCOLS.has(parsed.protocol) || LOCAL_HOSTS.has(parsed.hostname);
}

function watch(page: Page): PageHealth {
  const health: PageHealth = { consoleErrors: [], pageErrors: [], foreignRequests: [], failedResponses: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    health.consoleErrors.push(`${message.text()} (${url}:${lineNumber})`);
  });
  page.on('pageerror', (error) => health.pageErrors.push(error.stack ?? error.message));
  page.on('request', (request) => {
    if (!isLocal(request.url())) health.foreignRequests.push(`${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) health.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  return health;
}

/**
 * The test function every spec uses: `page` is watched, and after the test body the run must have
 * had no console errors, no page errors, no failed responses and no requests leaving 127.0.0.1.
 * A spec that expects one of these (say, a test of an error message) reads and clears `health`.
 */
export const test = base.extend<{ health: PageHealth }>({
  health: [
    async ({ page }, use) => {
      const health = watch(page);
      await use(health);
      expect.soft(health.pageErrors, 'uncaught errors in the page').toEqual([]);
      expect.soft(health.consoleErrors, 'console errors').toEqual([]);
      expect.soft(health.failedResponses, 'HTTP responses >= 400').toEqual([]);
      expect(health.foreignRequests, 'requests to hosts other than 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
