import { createServer, type AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test as base, type PageHealth } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { LivePage } from './pages/live-page';
import { pod, policy, SHOP_ONLY, startLiveCluster, type LiveCluster } from './support/live-cluster';

// The app served by the real `kubectl proxy --www=<build> --www-prefix=/ui/` in front of a fake API
// server: each test starts both (with a small seeded cluster) and stops them.
const test = base.extend<{ cluster: LiveCluster }>({
  cluster: async ({ page }, use) => {
    const cluster = await startLiveCluster();
    await use(cluster);
    // Leave the app first: stopping the server under open watches would log errors in the page.
    await page.goto('about:blank');
    await cluster.stop();
  },
});

/** A port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Takes out of `health` the failed API requests (and Chromium's console lines for them) a test
 * caused on purpose, checking that they are those and nothing else.
 */
function acceptApiFailures(health: PageHealth, statuses: readonly number[]): void {
  const api = new RegExp(`^(${statuses.join('|')}) http://127\\.0\\.0\\.1:\\d+/(api|apis)/`);
  const failed = health.failedResponses.splice(0);
  expect(failed.filter((f) => !api.test(f))).toEqual([]);
  const loadErrors = new RegExp(
    `Failed to load resource: the server responded with a status of (${statuses.join('|')})`,
  );
  const other = health.consoleErrors.splice(0).filter((m) => !loadErrors.test(m) && !/net::ERR_/.test(m));
  health.consoleErrors.push(...other);
}

/** Opens the app with `?cluster` and waits until it is connected and the graph is drawn. */
async function openConnected(
  page: Page,
  cluster: LiveCluster,
): Promise<{ live: LivePage; graph: GraphPage }> {
  const live = new LivePage(page);
  const graph = new GraphPage(page);
  await live.open(`${cluster.appUrl}?cluster`);
  await live.expectStatus('connected');
  await graph.ready();
  return { live, graph };
}

test.describe('live cluster through kubectl proxy', () => {
  test('?cluster connects on load and draws the cluster in place of the demo', async ({ page, cluster }) => {
    const live = new LivePage(page);
    const graph = new GraphPage(page);
    await live.open(`${cluster.appUrl}?cluster`);
    await live.expectStatus('connected');
    await expect(live.indicator).toContainText('3 pods · 1 policy · 2 namespaces');
    await expect(live.indicator).toContainText(/updated \d\d:\d\d:\d\d/);
    await graph.ready();
    await expect
      .poll(() => graph.nodeIds())
      .toEqual(expect.arrayContaining(['ns:shop', 'ns:data', 'ep:shop/web', 'ep:shop/api', 'ep:data/db']));
    await expect(live.sources.getByRole('listitem')).toHaveCount(1);
    await expect(live.sources).toContainText('cluster (live)');
    // The app only read: lists and watches, nothing else.
    const verbs = new Set(cluster.server.requests.map((r) => r.method));
    expect([...verbs]).toEqual(['GET']);
    expect(cluster.server.requests.some((r) => r.path === '/api/v1/pods' && r.query['watch'] === '1')).toBe(
      true,
    );
  });

  test('Connect to cluster works from the header with the keyboard, at the page origin by default', async ({
    page,
    cluster,
  }) => {
    const live = new LivePage(page);
    await live.open(cluster.appUrl);
    await expect(page.getByRole('list', { name: 'Sources' })).toContainText('demo-cluster.yaml');
    await live.connectButton.focus();
    await page.keyboard.press('Enter');
    await expect(live.dialog).toBeVisible();
    await expect(live.dialog.getByRole('heading', { name: 'Connect to cluster' })).toBeVisible();
    await expect(live.address).toBeFocused();
    await expect(live.address).toHaveValue('');
    await expect(live.address).toHaveAttribute(
      'placeholder',
      /^http:\/\/127\.0\.0\.1:\d+ \(this page’s origin\)$/,
    );
    await page.keyboard.press('Enter');
    await expect(live.dialog).toBeHidden();
    await live.expectStatus('connected');
    await expect(live.sources).toContainText('cluster (live)');
    await expect(live.sources).not.toContainText('demo-cluster.yaml');
    // The address bar follows, so a reload reconnects.
    expect(new URL(page.url()).searchParams.get('cluster')).toBe('');

    // The details: address, objects per resource; Disconnect keeps the objects.
    await live.indicator.click();
    await expect(live.dialog.getByRole('heading', { name: 'Cluster connection' })).toBeVisible();
    await expect(live.dialog).toContainText('(this page’s origin)');
    const rows = await live.resourceRows();
    expect(rows.slice(0, 3)).toEqual([
      ['namespaces', '2', 'watching'],
      ['pods', '3', 'watching'],
      ['policies', '1', 'watching'],
    ]);
    await live.dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(live.connectButton).toBeVisible();
    await expect(live.sources).toContainText('cluster (live)');
    expect(new URL(page.url()).searchParams.has('cluster')).toBe(false);
    await live.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(live.dialog).toBeHidden();

    // `k` opens it from anywhere (outside a text field); Esc closes it.
    await page.getByRole('tab', { name: 'Graph' }).focus();
    await page.keyboard.press('k');
    await expect(live.dialog.getByRole('heading', { name: 'Connect to cluster' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(live.dialog).toBeHidden();
  });

  test('follows pods and policies created and deleted on the server within 2 seconds', async ({
    page,
    cluster,
  }) => {
    const { live, graph } = await openConnected(page, cluster);
    await expect.poll(() => graph.nodeIds()).toContain('ep:shop/web');
    const within2s = { timeout: 2000, intervals: [50] };

    cluster.server.apply(pod('shop', 'cart', { app: 'cart' }));
    await expect.poll(() => graph.nodeIds(), within2s).toContain('ep:shop/cart');
    cluster.server.remove('Pod', 'shop', 'web');
    await expect.poll(() => graph.nodeIds(), within2s).not.toContain('ep:shop/web');

    // A policy that admits only shop's own pods into shop: data/db loses its way to shop/api.
    const edge = 'ep:data/db->ep:shop/api';
    await expect.poll(() => graph.edgeIds()).toContain(edge);
    cluster.server.apply(SHOP_ONLY);
    await expect.poll(() => graph.edgeIds(), within2s).not.toContain(edge);
    await expect(live.indicator).toContainText('2 policies');
    cluster.server.remove('NetworkPolicy', 'shop', 'shop-only');
    await expect.poll(() => graph.edgeIds(), within2s).toContain(edge);
    await expect(live.indicator).toContainText('1 policy');
  });

  test('goes reconnecting when the API server stops, and connected again when it is back', async ({
    page,
    cluster,
    health,
  }) => {
    const { live, graph } = await openConnected(page, cluster);

    await cluster.server.stop();
    await live.expectStatus(/reconnecting (in \d+ s|now…)/);
    cluster.server.apply(pod('data', 'cache', { app: 'cache' }));
    await cluster.server.start();
    await live.expectStatus('connected', 20_000);
    // Resumed from where it was: the pod made while the server was down arrives.
    await expect.poll(() => graph.nodeIds()).toContain('ep:data/cache');

    // A restart that lost the history (410 Gone): the app lists again and is current.
    await cluster.server.stop();
    cluster.server.remove('Pod', 'data', 'cache');
    await cluster.server.restart({ compact: true });
    await expect.poll(() => graph.nodeIds(), { timeout: 20_000 }).not.toContain('ep:data/cache');
    await live.expectStatus('connected');
    acceptApiFailures(health, [500, 502, 503]);
  });

  test('reports a forbidden resource by name and permission while the rest keeps working', async ({
    page,
    cluster,
    health,
  }) => {
    cluster.server.forbid('networkpolicies');
    const live = new LivePage(page);
    const graph = new GraphPage(page);
    await live.open(`${cluster.appUrl}?cluster`);
    await expect(live.problems).toContainText(
      'networkpolicies.networking.k8s.io: cannot list networkpolicies.networking.k8s.io at cluster scope: needs list/watch on networkpolicies.networking.k8s.io',
    );
    await live.expectStatus('connected');
    await expect(live.indicator).toContainText('1 resource unreadable');
    await graph.ready();
    cluster.server.apply(pod('shop', 'cart', { app: 'cart' }));
    await expect.poll(() => graph.nodeIds(), { timeout: 2000 }).toContain('ep:shop/cart');
    await live.indicator.click();
    await expect(live.dialog.getByRole('region', { name: 'Cannot read' })).toContainText(
      'User "system:serviceaccount:default:viewer" cannot list resource "networkpolicies"',
    );
    expect((await live.resourceRows())[2]).toEqual(['policies', '0', 'forbidden']);
    acceptApiFailures(health, [403]);
  });

  test('an address that is no Kubernetes API says so (the app served by vite preview)', async ({
    page,
    health,
  }) => {
    const live = new LivePage(page);
    await live.open('./');
    const port = await freePort();
    await live.connectButton.click();
    await live.address.fill(`127.0.0.1:${port}`);
    await live.address.press('Enter');
    // 127.0.0.1:PORT means http://127.0.0.1:PORT, where nothing listens; then the page's own origin.
    await live.expectStatus(/reconnecting/);
    await live.indicator.click();
    await expect(live.dialog.getByRole('region', { name: 'Cannot read' })).toContainText(
      `no connection to the API at http://127.0.0.1:${port}`,
    );
    await live.dialog.getByRole('button', { name: 'Other address…' }).click();
    await live.address.fill('');
    await live.address.press('Enter');
    await live.expectStatus('cannot read the cluster');
    await expect(live.problems).toContainText(
      'is this the address of a Kubernetes API server (kubectl proxy)?',
    );
    await expect(live.sources).toContainText('demo-cluster.yaml');
    acceptApiFailures(health, [404]);
  });

  test('keeps the selection, the node positions and a local policy deletion through live updates', async ({
    page,
    cluster,
  }) => {
    const { live, graph } = await openConnected(page, cluster);
    await expect.poll(() => graph.nodeIds()).toContain('ep:shop/api');

    // A local edit: delete the cluster's db-from-api policy in the app (not in the cluster).
    await page.getByRole('tab', { name: 'Policies' }).click();
    await page.getByRole('row', { name: /db-from-api/ }).click();
    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('row', { name: /db-from-api/ })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Graph' }).click();
    await graph.ready();
    await graph.click('ep:shop/api');
    await expect(details).toContainText('shop/api');
    const before = await graph.point('ep:shop/api');
    const drawn = await graph.drawn();

    // A new policy in the cluster: drawn again, the same nodes where they were, still selected.
    cluster.server.apply(policy('shop', 'noop', { podSelector: { matchLabels: { app: 'none' } } }));
    await expect(live.indicator).toContainText('2 policies');
    await expect.poll(async () => (await graph.drawn()).graphs).toBeGreaterThan(drawn.graphs);
    expect((await graph.drawn()).layouts).toBe(drawn.layouts);
    const after = await graph.point('ep:shop/api');
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    await expect(details).toContainText('shop/api');

    // A new pod: drawn within 2 s, the selection stays.
    cluster.server.apply(pod('shop', 'cart', { app: 'cart' }));
    await expect.poll(() => graph.nodeIds(), { timeout: 2000 }).toContain('ep:shop/cart');
    await expect(details).toContainText('shop/api');

    // The local deletion stays on top of the live state; the cluster's new policy is there.
    await page.getByRole('tab', { name: 'Policies' }).click();
    await expect(page.getByRole('row', { name: /noop/ })).toHaveCount(1);
    await expect(page.getByRole('row', { name: /db-from-api/ })).toHaveCount(0);
  });
});
