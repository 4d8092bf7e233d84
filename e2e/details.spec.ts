import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { DetailsPage } from './pages/details-page';
import { ImportDialog, SourceViewer } from './pages/import-page';
import { TablesPage } from './pages/tables-page';

const DEMO_LINES = readFileSync(new URL('../src/demo/demo-cluster.yaml', import.meta.url), 'utf8').split(
  '\n',
);
const POSTGRES = 'data/postgres-0';
const ORDERS = 'backend/orders-5f7d8c6b9-7xk2p';
const WEB = 'frontend/web-84f5d9c7b-7xk2p';

/** 1-based lines of the `index`-th rule under `direction:` of the policy named `name` in the demo. */
function ruleLines(
  name: string,
  direction: 'ingress' | 'egress',
  index: number,
): { start: number; end: number } {
  let i = DEMO_LINES.findIndex(
    (l, k) => l === `  name: ${name}` && DEMO_LINES[k - 2] === 'kind: NetworkPolicy',
  );
  while (DEMO_LINES[i] !== `  ${direction}:`) i++;
  const starts: number[] = [];
  let j = i + 1;
  for (; j < DEMO_LINES.length && /^ {4}/.test(DEMO_LINES[j]!); j++)
    if (/^ {4}- /.test(DEMO_LINES[j]!)) starts.push(j);
  const start = starts[index]!;
  const end = (starts[index + 1] ?? j) - 1;
  return { start: start + 1, end: end + 1 };
}

test.describe('the why panel', () => {
  test('a table row opens the why panel with the rules that allow it, each linked to its YAML', async ({
    page,
  }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await t.openConnections();
    await t.connectionRow(ORDERS, POSTGRES).click();

    await expect(d.root.getByRole('heading', { name: 'Why?' })).toBeVisible();
    await expect(d.verdict).toContainText('Allowed');
    await expect(d.verdict).toContainText('on TCP 5432');

    // Egress of orders: isolated, admitted by orders' second egress rule on its named port.
    await expect(d.egress).toHaveAccessibleName(`Egress of ${ORDERS}`);
    await expect(d.egress).toContainText('isolated');
    await expect(d.egress.getByRole('button', { name: 'backend/orders' }).first()).toBeVisible();
    const egressRules = d.admittingRules(d.egress);
    await expect(egressRules).toHaveCount(1);
    await expect(egressRules.first()).toContainText('egress rule 2');
    await expect(egressRules.first()).toContainText('pods with app=postgres in namespaces with team=data');
    await expect(egressRules.first()).toContainText('TCP port named "postgres"');
    await expect(egressRules.first()).toContainText('admits TCP 5432');

    // Ingress of postgres: isolated by two policies, admitted by postgres-from-orders' first rule.
    await expect(d.ingress).toContainText('data/default-deny-ingress');
    const ingressRules = d.admittingRules(d.ingress);
    await expect(ingressRules).toHaveCount(1);
    await expect(ingressRules.first()).toContainText('data/postgres-from-orders');
    await expect(ingressRules.first()).toContainText('ingress rule 1');
    await expect(ingressRules.first()).toContainText('pods with app=orders in namespaces with team=shop');

    // The rule link opens the YAML at exactly that rule's lines.
    const viewer = new SourceViewer(page);
    const rule = ruleLines('postgres-from-orders', 'ingress', 0);
    await ingressRules
      .first()
      .getByRole('button', { name: 'Open ingress rule 1 of data/postgres-from-orders in the YAML' })
      .click();
    await expect(viewer.title).toContainText(`lines ${rule.start}–${rule.end}`);
    expect(await viewer.lineText(rule.start)).toBe('    - from:');
    expect(await viewer.lineText(rule.end)).toBe('          port: 5432');
    await expect(viewer.markedLines.first()).toBeVisible();
    await viewer.close();

    // The peer and the port entry have their own lines.
    await egressRules
      .first()
      .getByRole('button', { name: /^Open to\[0\] of egress rule 2 of backend\/orders/ })
      .click();
    const egress = ruleLines('orders', 'egress', 1);
    await expect(viewer.title).toContainText(`lines ${egress.start + 1}–${egress.end - 2}`);
    expect(await viewer.lineText(egress.start + 1)).toBe('        - namespaceSelector:');
    await viewer.close();
    await egressRules
      .first()
      .getByRole('button', { name: /^Open ports\[0\] of egress rule 2 of backend\/orders/ })
      .click();
    await expect(viewer.title).toContainText(`line ${egress.end}`);
    expect(await viewer.lineText(egress.end)).toBe('        - port: postgres');
    await viewer.close();

    // A policy link shows that policy.
    await d.ingress.getByRole('button', { name: 'data/postgres-from-orders' }).first().click();
    await expect(d.heading).toHaveText('postgres-from-orders');
  });

  test('a denied pair says which side isolates it and that no rule admits it', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await d.explain(WEB, POSTGRES);
    await expect(d.verdict).toContainText('Denied');
    await expect(d.verdict).toContainText(`Blocked by the ingress of ${POSTGRES}.`);
    await expect(d.egress).toContainText('not isolated');
    await expect(d.egress).toContainText(
      `No policy selects ${WEB} for egress, so every port is allowed out.`,
    );
    await expect(d.ingress).toContainText('isolated');
    await expect(d.ingress).toContainText('data/default-deny-ingress');
    await expect(d.ingress).toContainText('data/postgres-from-orders');
    await expect(d.ingress).toContainText(`No rule admits ${WEB}`);
    await expect(d.ingress).toContainText('Ingress allows: none');

    // Reverse: postgres → web is denied by web's ingress (frontend default deny).
    await d.root.getByRole('button', { name: '⇄ Reverse' }).click();
    await expect(d.root.getByRole('definition').first()).toHaveText(POSTGRES);
    await expect(d.verdict).toContainText(`Blocked by the ingress of ${WEB}.`);
  });

  test('a port can be checked, and an unknown end is reported', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await d.explain(ORDERS, POSTGRES);
    await d.checkPort('6379');
    await expect(d.verdict).toContainText('Denied');
    await expect(d.verdict).toContainText('TCP 6379 is not allowed');
    await expect(d.verdict).toContainText('End to end: TCP 5432');
    await expect(d.ingress).toContainText('(TCP 6379: no)');
    await d.checkPort('5432');
    await expect(d.verdict).toContainText('TCP 5432 is allowed');
    await d.root.getByRole('button', { name: 'Any port' }).click();
    await expect(d.verdict).toContainText('on TCP 5432');

    // An address outside the cluster is accepted; a name that is not an endpoint is not.
    await d.explain('backend/payments-6d8b7c9f5-7xk2p', '8.8.8.8');
    await expect(d.verdict).toContainText('Allowed');
    await expect(d.ingress).toContainText('not a pod');
    await expect(d.egress).toContainText('backend/payments');
    await d.from.fill('nope/nothing');
    await d.root.getByRole('button', { name: 'Explain', exact: true }).click();
    await expect(d.root.getByRole('alert')).toContainText(
      'Not an endpoint, an IP range or an address: "nope/nothing"',
    );
  });
});

test.describe('endpoint details', () => {
  test('show labels, ports, isolation, selecting policies, counts and a why picker', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await d.explain(ORDERS, POSTGRES);
    await d.root.getByRole('definition').first().getByRole('button', { name: ORDERS }).click();
    await expect(d.heading).toHaveText('orders-5f7d8c6b9-7xk2p');
    await expect(d.root).toContainText('ingress isolated');
    await expect(d.root).toContainText('egress isolated');
    await expect(d.section('Labels').getByRole('listitem')).toHaveText([
      'app=orders',
      'pod-template-hash=5f7d8c6b9',
      'tier=backend',
    ]);
    await expect(d.section('Container ports')).toContainText('grpc50051/TCP');
    const selected = d.section('Selected by');
    await expect(selected).toContainText(
      'Ingress: backend/allow-monitoring, backend/default-deny-all, backend/orders',
    );
    await expect(selected).toContainText(
      'Egress: backend/allow-dns-egress, backend/default-deny-all, backend/orders',
    );
    await expect(d.section('Connections')).toContainText('3 incoming · 4 outgoing');

    const why = d.section('Why');
    await why.getByRole('combobox', { name: 'Direction' }).selectOption('to');
    await why.getByRole('combobox', { name: 'Other end' }).fill(WEB);
    await why.getByRole('button', { name: 'Why?' }).click();
    await expect(d.root.getByRole('definition').nth(1)).toHaveText(WEB);
    await expect(d.verdict).toContainText('Denied');
    await expect(d.verdict).toContainText(`Blocked by the egress of ${ORDERS} and the ingress of ${WEB}.`);

    // A selecting policy link opens that policy.
    await d.root.getByRole('button', { name: ORDERS }).click();
    await d.section('Selected by').getByRole('button', { name: 'backend/orders' }).first().click();
    await expect(d.heading).toHaveText('orders');
  });

  test('hostile names and labels render as text', async ({ page }) => {
    const t = new TablesPage(page);
    const d = new DetailsPage(page);
    await t.open();
    await page.evaluate(() => {
      (window as unknown as { pwned: number }).pwned = 0;
      window.alert = () => ((window as unknown as { pwned: number }).pwned += 1);
    });
    const dialog = new ImportDialog(page);
    await dialog.open();
    await dialog.fillPaste(`apiVersion: v1
kind: Pod
metadata:
  name: evil
  namespace: x
  labels:
    app: "<img src=x onerror=alert(1)>"
    "<b>key</b>": "<script>alert(2)</script>"
---
apiVersion: v1
kind: Pod
metadata:
  name: "<script>alert(3)</script>"
  namespace: x
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: "<i>deny</i>"
  namespace: x
spec:
  podSelector: {}
`);
    await dialog.chooseMode('Replace the workspace');
    await dialog.submit();
    await t.openConnections();
    await expect(
      t.connections.getByRole('cell', { name: 'x/<script>alert(3)</script>' }).first(),
    ).toBeVisible();
    await d.explain('x/evil', 'x/<script>alert(3)</script>');
    await expect(d.ingress).toContainText('x/<i>deny</i>');
    await d.root.getByRole('definition').first().getByRole('button').click();
    await expect(d.section('Labels').getByRole('listitem')).toHaveText([
      '<b>key</b>=<script>alert(2)</script>',
      'app=<img src=x onerror=alert(1)>',
    ]);
    await t.showTab('Policies');
    await t.policyRow('x', '<i>deny</i>').click();
    await expect(d.heading).toHaveText('<i>deny</i>');
    expect(await page.locator('main img, main script, main b, main i').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
  });
});
