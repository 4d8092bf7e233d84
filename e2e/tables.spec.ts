import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { DetailsPage } from './pages/details-page';
import { SourceViewer } from './pages/import-page';
import { TablesPage } from './pages/tables-page';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO = 'src/demo/demo-cluster.yaml';

interface Report {
  schemaVersion: number;
  endpoints: { id: string; kind: string; namespace?: string; name?: string }[];
  connections: { from: string; to: string; ports: { TCP: string; UDP: string; SCTP: string } }[];
}

/** What the command line prints for the demo cluster. */
function cli(format: 'json' | 'csv'): string {
  return execFileSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'analyze', DEMO, '--format', format], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

/** Whether a canonical port string ("80,5000-6000", "1-65535") holds a port. */
function holds(ports: string, port: number): boolean {
  return ports
    .split(',')
    .filter(Boolean)
    .some((r) => {
      const [a, b] = r.split('-').map(Number);
      return port >= a! && port <= (b ?? a!);
    });
}

const POSTGRES = 'data/postgres-0';
const ORDERS = 'backend/orders-5f7d8c6b9-7xk2p';

test.describe('connections table', () => {
  let report: Report;
  test.beforeAll(() => {
    report = JSON.parse(cli('json')) as Report;
  });

  test('lists the demo pairs, a page at a time, sorted by either end', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.openConnections();
    const total = report.connections.length;
    await expect(t.summary).toHaveText(`${total} allowed connections`);
    await expect(t.connectionRows).toHaveCount(100);
    await expect(t.view.getByText(`Rows 1–100 of ${total}`)).toBeVisible();

    // Default order: From ascending, then To ascending; endpoints before IP ranges.
    const byFrom = [...report.connections].sort(
      (a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to),
    );
    expect(await t.pairs()).toEqual(byFrom.slice(0, 100).map((c) => `${c.from} > ${c.to}`));
    await expect(t.connections.getByRole('columnheader', { name: 'From' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );

    await t.sortBy('To');
    await expect(t.connections.getByRole('columnheader', { name: 'To' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    const tos = (await t.pairs()).map((p) => p.split(' > ')[1]!);
    expect(tos).toEqual([...tos].sort(compareIds));
    await t.sortBy('To');
    await expect(t.connections.getByRole('columnheader', { name: 'To' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const desc = (await t.pairs()).map((p) => p.split(' > ')[1]!);
    expect(isRange(desc[0]!)).toBe(true);

    // Paging.
    await t.view.getByRole('button', { name: 'Next page of connections' }).click();
    await expect(t.view.getByText(`Rows 101–200 of ${total}`)).toBeVisible();
    await t.view.getByRole('button', { name: 'Last page of connections' }).click();
    await expect(t.connectionRows).toHaveCount(total - 200);
  });

  test('filters by label, port, namespace and isolation, as the CLI report says', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.openConnections();

    // "Who can reach TCP 5432?", narrowed to postgres.
    await t.search.fill('app=postgres');
    await t.port.fill('5432');
    const expected = report.connections.filter(
      (c) => (c.from === POSTGRES || c.to === POSTGRES) && holds(c.ports.TCP, 5432),
    );
    await expect(t.summary).toHaveText(
      `${expected.length} of ${report.connections.length} connections match the filters`,
    );
    expect((await t.pairs()).sort()).toEqual(expected.map((c) => `${c.from} > ${c.to}`).sort());
    await expect(t.connectionRow(ORDERS, POSTGRES)).toBeVisible();
    const intoPostgres = expected.filter((c) => c.to === POSTGRES).map((c) => c.from);
    expect(intoPostgres.sort()).toEqual([ORDERS, 'backend/orders-5f7d8c6b9-9qw4d']);

    // A namespace instead of a label.
    await t.view.page().getByRole('button', { name: 'Clear filters' }).click();
    await expect(t.search).toHaveValue('');
    await expect(t.port).toHaveValue('');
    await expect(t.summary).toHaveText(`${report.connections.length} allowed connections`);
    await t.chooseNamespaces('data');
    await expect(t.namespaces).toHaveText('Namespaces: data');
    const inData = report.connections.filter((c) => c.from.startsWith('data/') || c.to.startsWith('data/'));
    await expect(t.summary).toHaveText(
      `${inData.length} of ${report.connections.length} connections match the filters`,
    );
    for (const p of await t.pairs()) expect(p).toMatch(/(^data\/| > data\/)/);

    // Only isolated pods: a pair of two open pods goes, a pair with an isolated end stays.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await t.onlyIsolated.check();
    await expect(t.summary).toContainText('match the filters');
    await t.search.fill('debug-shell');
    await expect(t.connectionRow('sandbox/debug-shell', 'monitoring/prometheus-5c6d7f8b9-7xk2p')).toHaveCount(
      0,
    );
    await t.search.fill('orders');
    await expect(t.connectionRow(ORDERS, POSTGRES)).toBeVisible();

    // Hiding traffic no policy restricts drops pairs between open pods (sandbox → monitoring).
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await t.search.fill('debug-shell');
    await expect(
      t.connectionRow('sandbox/debug-shell', 'monitoring/prometheus-5c6d7f8b9-7xk2p'),
    ).toBeVisible();
    await t.hideUnrestricted.check();
    await expect(t.connectionRow('sandbox/debug-shell', 'monitoring/prometheus-5c6d7f8b9-7xk2p')).toHaveCount(
      0,
    );
    // What remains has an isolated destination: the sandbox's egress is open, so only an isolated ingress
    // restricts its traffic.
    for (const p of await t.pairs())
      expect(p.split(' > ')[1]).not.toMatch(/^(monitoring|sandbox|kube-system|ingress-nginx)\//);
  });

  test('a row, chosen with the keyboard, opens the why panel', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await t.openConnections();
    await t.connectionRows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(t.connectionRows.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(t.connectionRows.nth(1)).toHaveAttribute('aria-selected', 'true');
    const [from, to] = (await t.pairs())[1]!.split(' > ');
    await expect(d.root.getByRole('heading', { name: 'Why?' })).toBeVisible();
    await expect(d.root.getByRole('definition').first()).toHaveText(from!);
    await expect(d.root.getByRole('definition').nth(1)).toHaveText(to!);
  });

  test('Download JSON saves exactly the report the CLI prints', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.openConnections();
    // Filters do not change the report: it is the whole cluster.
    await t.search.fill('postgres');
    await expect(t.summary).toContainText('match the filters');
    const { name, text } = await t.download('Download JSON');
    expect(name).toBe('netpol-report.json');
    const parsed = JSON.parse(text) as Report;
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.endpoints).toEqual(report.endpoints);
    expect(parsed.connections).toEqual(report.connections);
    for (const e of parsed.endpoints) {
      expect(Object.keys(e)).toEqual(
        e.kind === 'IPRange' ? ['id', 'kind'] : ['id', 'kind', 'namespace', 'name'],
      );
    }
    for (const c of parsed.connections) {
      expect(Object.keys(c)).toEqual(['from', 'to', 'ports']);
      expect(Object.keys(c.ports)).toEqual(['TCP', 'UDP', 'SCTP']);
      for (const p of Object.values(c.ports)) expect(p).toMatch(/^(\d+(-\d+)?(,\d+(-\d+)?)*)?$/);
    }
    // Byte for byte the same text.
    expect(text).toBe(cli('json'));
  });

  test('Download CSV saves the CLI CSV report', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.openConnections();
    const { name, text } = await t.download('Download CSV');
    expect(name).toBe('netpol-report.csv');
    expect(text.split('\r\n')[0]).toBe('from,to,tcp,udp,sctp');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(report.connections.length + 1);
    expect(text).toBe(cli('csv'));
  });
});

test.describe('matrix', () => {
  test('for TCP 5432 shows who reaches postgres, namespace then pod level', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await t.showTab('Matrix');
    await t.matrixPort(5432);
    const ns = t.matrixTable('Namespaces reaching namespaces on TCP 5432');
    await expect(ns).toBeVisible();
    await expect(
      ns.getByRole('button', { name: 'backend to data on TCP 5432: 2 of 10 pod pairs allowed' }),
    ).toBeVisible();
    await expect(
      ns.getByRole('button', { name: 'frontend to data on TCP 5432: 0 of 6 pod pairs allowed' }),
    ).toBeVisible();
    await expect(
      ns.getByRole('button', { name: 'sandbox to data on TCP 5432: 0 of 2 pod pairs allowed' }),
    ).toBeVisible();

    await ns.getByRole('button', { name: /^backend to data on TCP 5432/ }).click();
    const pods = t.matrixTable('Pods reaching pods on TCP 5432');
    await expect(pods).toBeVisible();
    await expect(t.view.getByText('Pods of backend (rows) reaching pods of data (columns)')).toBeVisible();
    await expect(
      pods.getByRole('button', { name: `${ORDERS} to ${POSTGRES} on TCP 5432: allowed` }),
    ).toBeVisible();
    await expect(
      pods.getByRole('button', { name: `backend/api-7c9f6b5d8-7xk2p to ${POSTGRES} on TCP 5432: denied` }),
    ).toBeVisible();
    await expect(pods.getByRole('button', { name: /: allowed$/ })).toHaveCount(2);

    await pods.getByRole('button', { name: `${ORDERS} to ${POSTGRES} on TCP 5432: allowed` }).click();
    await expect(d.verdict).toContainText('Allowed');
    await expect(d.verdict).toContainText('TCP 5432 is allowed');
  });
});

const PAYMENTS = 'backend/payments-6d8b7c9f5-7xk2p';

test.describe('matrix and the filters', () => {
  test('addresses outside the cluster are rows and columns; a search keeps those the pods reach', async ({
    page,
  }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await t.showTab('Matrix');
    await t.matrixPort(443);
    const ns = t.matrixTable('Namespaces reaching namespaces on TCP 443');
    // Unfiltered: the seven namespaces, then the three groups of addresses the policies tell apart.
    await expect.poll(() => t.matrixRows(ns)).toHaveLength(10);
    const rows = await t.matrixRows(ns);
    expect(rows.slice(0, 7)).toEqual([
      'backend',
      'data',
      'frontend',
      'ingress-nginx',
      'kube-system',
      'monitoring',
      'sandbox',
    ]);
    expect(rows.slice(7).join(' | ')).toMatch(/^0\.0\.0\.0\/0.* \| 10\.0\.0\.0\/8.* \| ::\/0$/);
    await expect(
      ns.getByRole('button', { name: /^backend to 0\.0\.0\.0\/0.*: 1 of 5 pods allowed$/ }),
    ).toBeVisible();
    // Only payments may leave the cluster from backend, on 443, never to private addresses.
    await expect(
      ns.getByRole('button', { name: /^backend to 10\.0\.0\.0\/8.*: 0 of 5 pods allowed$/ }),
    ).toBeVisible();

    await t.search.fill('app=payments');
    await expect(
      t.view.getByRole('status').filter({ hasText: 'The filters pick 1 pod and 1 outside range' }),
    ).toBeVisible();
    await expect.poll(() => t.matrixRows(ns)).toEqual(['backend', expect.stringMatching(/^0\.0\.0\.0\/0/)]);

    await t.matrixLevel('Pods');
    const pods = t.matrixTable('Pods reaching pods on TCP 443');
    const out = pods.getByRole('button', {
      name: new RegExp(`^${PAYMENTS} to 0\\.0\\.0\\.0/0.* on TCP 443: allowed$`),
    });
    await expect(out).toBeVisible();
    await out.click();
    await expect(d.verdict).toContainText('Allowed');
  });

  test("only isolated, hide unrestricted and the filter bar's port change what the matrix compares", async ({
    page,
  }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.showTab('Matrix');
    await t.port.fill('5432');
    const ns = t.matrixTable('Namespaces reaching namespaces on TCP 5432');
    await expect(ns).toBeVisible();
    await expect(t.view.getByRole('combobox', { name: 'Port', exact: true })).toHaveValue('5432');
    await expect(ns.getByRole('rowheader', { name: 'sandbox', exact: true })).toBeVisible();

    // The sandbox's debug shell and the monitoring pod are isolated by no policy.
    await t.onlyIsolated.check();
    await expect(ns.getByRole('rowheader', { name: 'sandbox', exact: true })).toHaveCount(0);
    await expect(ns.getByRole('rowheader', { name: 'monitoring', exact: true })).toHaveCount(0);
    await expect(
      ns.getByRole('button', { name: 'backend to data on TCP 5432: 2 of 10 pod pairs allowed' }),
    ).toBeVisible();
    await t.onlyIsolated.uncheck();

    await t.hideUnrestricted.check();
    await expect(
      t.view.getByRole('status').filter({ hasText: 'pairs no policy restricts are left out' }),
    ).toBeVisible();
    await expect(
      ns.getByRole('img', { name: 'sandbox to monitoring: no pairs a policy restricts' }),
    ).toHaveText('–');
    await expect(
      ns.getByRole('button', { name: 'sandbox to data on TCP 5432: 0 of 2 pod pairs allowed' }),
    ).toBeVisible();

    await t.matrixLevel('Pods');
    const pods = t.matrixTable('Pods reaching pods on TCP 5432');
    await expect(
      pods.getByRole('button', {
        name: /^sandbox\/debug-shell to monitoring\/.* on TCP 5432: no policy restricts it \(hidden\)$/,
      }),
    ).toBeVisible();

    await t.search.fill('no-such-pod');
    await expect(t.view.getByText('No pod to compare: no pod matches the filters.')).toBeVisible();
  });
});

test.describe('matrix keyboard', () => {
  test('arrow keys move between cells and Enter opens one', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.showTab('Matrix');
    await t.matrixPort(5432);
    const ns = t.matrixTable('Namespaces reaching namespaces on TCP 5432');
    const first = ns.getByRole('button', { name: /^backend to backend / });
    await expect(first).toHaveAttribute('tabindex', '0');
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await expect(ns.getByRole('button', { name: /^data to backend / })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(ns.getByRole('button', { name: /^data to data / })).toBeFocused();
    await expect(ns.getByRole('button', { name: /^backend to backend / })).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('Enter');
    await expect(t.view.getByText('Pods of data (rows) reaching pods of data (columns)')).toBeVisible();
  });
});

test.describe('policies', () => {
  test('selecting a policy shows its details and opens its YAML', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await t.showTab('Policies');
    await expect(t.policyRows).toHaveCount(13);
    await t.view.getByRole('searchbox', { name: 'Filter policies' }).fill('postgres');
    await expect(t.policyRows).toHaveCount(1);
    const row = t.policyRow('data', 'postgres-from-orders');
    await expect(row.getByRole('cell')).toHaveText([
      'data',
      'postgres-from-orders',
      'Ingress',
      '1',
      '1',
      '0',
    ]);
    await row.click();
    await expect(row).toHaveAttribute('aria-selected', 'true');

    await expect(d.heading).toHaveText('postgres-from-orders');
    await expect(d.section('Applies to')).toContainText('pods with app=postgres in data (1 endpoint)');
    await expect(d.section('Policy types')).toContainText('no policyTypes: Ingress always');
    const ingress = d.section('Ingress rules');
    await expect(ingress).toContainText('pods with app=orders in namespaces with team=shop');
    await expect(ingress).toContainText('TCP 5432');
    await expect(d.section('Selected endpoints').getByRole('button', { name: POSTGRES })).toBeVisible();

    await d.root.getByRole('button', { name: 'Open YAML' }).click();
    const viewer = new SourceViewer(page);
    const lines = readFileSync(new URL(`../${DEMO}`, import.meta.url), 'utf8').split('\n');
    const nameLine = lines.indexOf('  name: postgres-from-orders') + 1;
    const start = nameLine - 3; // apiVersion, kind, metadata, name
    let end = nameLine;
    while (lines[end] !== undefined && lines[end] !== '---') end++;
    await expect(viewer.title).toContainText(`lines ${start}–${end}`);
    expect(await viewer.lineText(start)).toBe('apiVersion: networking.k8s.io/v1');
  });

  test('the policies of the chosen namespaces only', async ({ page }) => {
    const t = new TablesPage(page);
    await t.open();
    await t.showTab('Policies');
    await t.chooseNamespaces('frontend');
    await expect(t.policyRows).toHaveCount(3);
    for (const cells of await t.policyRows.all())
      await expect(cells.getByRole('cell').first()).toHaveText('frontend');
  });
});

function isRange(id: string): boolean {
  return !id.includes('/');
}

const collator = new Intl.Collator('en', { numeric: true });

/** The table's order: endpoints by id in natural order, then IP ranges (in address order, as the report lists them). */
function compareIds(a: string, b: string): number {
  if (isRange(a) !== isRange(b)) return isRange(a) ? 1 : -1;
  if (isRange(a)) return 0;
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
