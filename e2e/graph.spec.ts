import { generateCluster, toYaml } from '../src/testing/generator';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { GraphPage } from './pages/graph-page';
import { ImportDialog, SourcesPanel } from './pages/import-page';

const WEB = 'g:frontend/web[Deployment]';
const ORDERS = 'g:backend/orders[Deployment]';
const POSTGRES = 'ep:data/postgres-0';

test.describe('graph', () => {
  let graph: GraphPage;

  test.beforeEach(async ({ page }) => {
    await new AppPage(page).open();
    graph = new GraphPage(page);
    await graph.ready();
  });

  test('shows the demo namespaces as boxes, with pods and grouped replicas', async () => {
    await expect(graph.summary).toContainText('7 namespaces');
    await expect(graph.summary).toContainText('for 15 endpoints');
    const nodes = await graph.nodeIds();
    for (const ns of [
      'frontend',
      'backend',
      'data',
      'monitoring',
      'kube-system',
      'ingress-nginx',
      'sandbox',
    ]) {
      expect(nodes).toContain(`ns:${ns}`);
    }
    expect(nodes).toContain(WEB);
    expect(nodes).toContain(POSTGRES);
    expect(nodes).toContain('ext');
    expect((await graph.edgeIds()).length).toBeGreaterThan(10);
    await expect(graph.legend.getByRole('listitem')).toContainText([
      'Isolated both ways',
      'Ingress isolated only',
      'Egress isolated only',
      'Not isolated (no policy)',
    ]);
  });

  test('clicking a pod focuses it and selects it', async ({ page }) => {
    await graph.click(POSTGRES);
    await expect(graph.status).toContainText(
      'data/postgres-0: 2 incoming connections and 15 outgoing connections (drawn as 1 and 7 edges).',
    );
    await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('postgres-0');
    // Clicking the background clears the focus.
    const box = (await graph.canvas.boundingBox())!;
    await page.mouse.click(box.x + 8, box.y + 8);
    await expect(graph.status).toContainText('Click a node or an edge');
  });

  test('hovering an edge shows its ports; clicking it selects the pair', async ({ page }) => {
    const edge = `${ORDERS}->${POSTGRES}`;
    expect(await graph.edgeIds()).toContain(edge);
    await graph.hover(edge);
    await expect(page.getByRole('tooltip')).toContainText('orders ×2 → postgres: TCP 5432');
    await graph.click(edge);
    await expect(graph.status).toContainText(/backend\/orders-\S+ → data\/postgres-0: allowed \(TCP 5432\)/);
  });

  test('double-clicking a group shows its pods, and Collapse all closes it', async () => {
    const before = await graph.positions();
    await graph.doubleClick(WEB);
    await expect.poll(() => graph.nodeIds()).not.toContain(WEB);
    const pods = (await graph.nodeIds()).filter((id) => id.startsWith('ep:frontend/web-'));
    expect(pods).toHaveLength(3);
    // Opening the group moves nothing outside its namespace; closing it puts it back where it was.
    const opened = await graph.positions();
    for (const [id, p] of before) if (!id.includes('frontend')) expect(opened.get(id), id).toEqual(p);
    await graph.button('Collapse all').click();
    await expect.poll(() => graph.nodeIds()).toContain(WEB);
    expect((await graph.positions()).get(WEB)).toEqual(before.get(WEB));
  });

  test('works with the keyboard: arrows select, Enter opens, Escape clears', async ({ page }) => {
    await graph.canvas.focus();
    await page.keyboard.press('ArrowRight');
    await expect(graph.status).toContainText('incoming connection');
    const first = await graph.status.textContent();
    await page.keyboard.press('ArrowDown');
    await expect(graph.status).not.toHaveText(first ?? '');
    await page.keyboard.press('Escape');
    await expect(graph.status).toContainText('Click a node or an edge');
    // Enter opens the group under the cursor (a click puts the cursor there too).
    await graph.click(WEB);
    await expect(graph.canvas).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => graph.nodeIds()).not.toContain(WEB);
    expect((await graph.nodeIds()).filter((id) => id.startsWith('ep:frontend/web-'))).toHaveLength(3);
  });

  test('Shift+click and Ctrl+click pick pods for a selector; Escape clears the picks', async ({ page }) => {
    await graph.clickWith('Shift', POSTGRES);
    await expect(graph.status).toContainText('1 picked for a selector');
    await expect.poll(() => graph.classes(POSTGRES)).toContain('picked');
    await expect(graph.legend).toContainText('Picked for a selector');
    // Picking selects nothing: the details stay empty.
    await expect(graph.status).not.toContainText('incoming connection');
    // A group of replicas picks its pods.
    await graph.clickWith('Shift', WEB);
    await expect(graph.status).toContainText('4 picked for a selector');
    await expect.poll(() => graph.classes(WEB)).toContain('picked');
    // Ctrl+click unpicks.
    await graph.clickWith('Control', POSTGRES);
    await expect(graph.status).toContainText('3 picked for a selector');
    await expect.poll(() => graph.classes(POSTGRES)).not.toContain('picked');
    // Shift+Space picks the node under the keyboard cursor.
    await graph.click(POSTGRES);
    await page.keyboard.press('Shift+Space');
    await expect(graph.status).toContainText('4 picked for a selector');
    await page.keyboard.press('Escape');
    await expect(graph.status).not.toContainText('picked');
    await expect.poll(() => graph.classes(WEB)).not.toContain('picked');
    await expect(graph.legend).not.toContainText('Picked for a selector');
  });

  test('a node’s connections are reachable by keyboard: ] and [ move, Enter explains', async ({ page }) => {
    await graph.click(POSTGRES);
    await expect(graph.canvas).toBeFocused();
    await page.keyboard.press(']');
    await expect(graph.status).toContainText(/Edge 1 of 8: postgres → \S+/);
    await page.keyboard.press(']');
    await expect(graph.status).toContainText('Edge 2 of 8');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect(graph.status).toContainText(/Edge 8 of 8: orders ×2 → postgres: TCP 5432/);
    expect(await graph.classes(`${ORDERS}->${POSTGRES}`)).toContain('cursor');
    await page.keyboard.press('Enter');
    await expect(graph.status).toContainText(/backend\/orders-\S+ → data\/postgres-0: allowed \(TCP 5432\)/);
    await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('postgres-0');
  });

  test('filters change what is drawn', async ({ page }) => {
    const before = (await graph.edgeIds()).length;
    await page.getByRole('checkbox', { name: 'Hide unrestricted' }).check();
    await expect.poll(async () => (await graph.edgeIds()).length).toBeLessThan(before);
    const restricted = await graph.edgeIds();
    // The unprotected sandbox pod talks to nothing isolated... except what isolates its ingress.
    expect(restricted).not.toContain('ep:sandbox/debug-shell->ep:monitoring/prometheus-5c6d7f8b9-7xk2p');

    await page.getByRole('searchbox', { name: 'Search pods and labels' }).fill('app=postgres');
    await expect.poll(async () => (await graph.edgeIds()).every((e) => e.includes(POSTGRES))).toBe(true);
    expect(await graph.edgeIds()).toContain(`${ORDERS}->${POSTGRES}`);
    await expect(graph.summary).toContainText('(of 15; the filters hide the rest)');

    await page.getByRole('searchbox', { name: 'Search pods and labels' }).fill('');
    await page.getByLabel('Port', { exact: true }).fill('5432');
    await expect
      .poll(async () =>
        (await graph.edgeIds()).every((e) => e.endsWith(POSTGRES) || !e.includes('->ep:data')),
      )
      .toBe(true);
    expect(await graph.edgeIds()).toContain(`${ORDERS}->${POSTGRES}`);
    expect(await graph.edgeIds()).not.toContain(`${WEB}->g:backend/api[Deployment]`);
  });

  test('keeps node positions when the analysis is recomputed', async ({ page }) => {
    // Drag postgres somewhere else, then load the same demo again: a new analysis, the same nodes.
    const from = await graph.point(POSTGRES);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 30, { steps: 5 });
    await page.mouse.up();
    const moved = await graph.point(POSTGRES);
    expect(Math.abs(moved.x - from.x - 60)).toBeLessThan(3);
    const before = await graph.drawn();
    await page.getByRole('button', { name: 'Load demo' }).click();
    await expect.poll(async () => (await graph.drawn()).graphs).toBeGreaterThan(before.graphs);
    expect((await graph.drawn()).layouts).toBe(before.layouts);
    const after = await graph.point(POSTGRES);
    expect(Math.abs(after.x - moved.x)).toBeLessThan(1);
    expect(Math.abs(after.y - moved.y)).toBeLessThan(1);
  });

  test('a pod added or removed moves no other node, keeps the view, and Re-layout lays out anew', async ({
    page,
  }) => {
    // Drag postgres away from its place: where the user put it must survive the changes below.
    const from = await graph.point(POSTGRES);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 70, from.y + 40, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    const before = await graph.positions();
    const view = await graph.viewport();
    const drawn = await graph.drawn();
    const dragged = before.get(POSTGRES)!;

    // Import one more pod into the data namespace, adding to the workspace.
    const dialog = new ImportDialog(page);
    await dialog.open();
    await dialog.fillPaste(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache-0\n  namespace: data\n  labels: {app: cache}\n' +
        'spec:\n  containers: [{name: c, image: redis}]\n',
    );
    await dialog.chooseMode('Add to the workspace');
    await dialog.submit();
    const CACHE = 'ep:data/cache-0';
    await expect.poll(() => graph.nodeIds()).toContain(CACHE);

    const after = await graph.positions();
    // Every node but the data box (which grows around its new pod) is exactly where it was.
    for (const [id, p] of before) {
      if (id === 'ns:data') continue;
      expect(after.get(id), id).toEqual(p);
    }
    expect(await graph.viewport()).toEqual(view);
    const now = await graph.drawn();
    expect(now.layouts).toBe(drawn.layouts);
    expect(now.placements).toBeGreaterThan(drawn.placements);
    // The new pod sits next to a pod of its namespace, on a cell of its own.
    const cache = after.get(CACHE)!;
    const mates = [...after].filter(([id]) => id !== CACHE && /^(ep|g):data\//.test(id)).map(([, p]) => p);
    expect(mates.length).toBeGreaterThan(0);
    expect(Math.min(...mates.map((p) => Math.hypot(p.x - cache.x, p.y - cache.y)))).toBeLessThan(260);
    for (const [id, p] of after) {
      if (id === CACHE || id.startsWith('ns:') || id === 'ext') continue;
      expect(Math.abs(p.x - cache.x) >= 60 || Math.abs(p.y - cache.y) >= 40, `${id} under the new pod`).toBe(
        true,
      );
    }

    // Removing that source takes the pod away and moves nothing else.
    await new SourcesPanel(page).remove('pasted.yaml');
    await expect.poll(() => graph.nodeIds()).not.toContain(CACHE);
    const later = await graph.positions();
    for (const [id, p] of before) if (id !== 'ns:data') expect(later.get(id), id).toEqual(p);
    expect(later.get(POSTGRES)).toEqual(dragged);
    expect(await graph.viewport()).toEqual(view);

    // Re-layout is the one way to lay everything out anew: postgres leaves the spot it was dragged to.
    await graph.button('Re-layout').click();
    await expect.poll(async () => (await graph.drawn()).layouts).toBe(drawn.layouts + 1);
    expect((await graph.positions()).get(POSTGRES)).not.toEqual(dragged);
  });

  test('exports PNG and SVG files', async () => {
    const png = await graph.export('PNG');
    expect(png.download.suggestedFilename()).toBe('netpol-graph.png');
    expect(png.body.length).toBeGreaterThan(5_000);
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');

    const svg = await graph.export('SVG');
    expect(svg.download.suggestedFilename()).toBe('netpol-graph.svg');
    const text = svg.body.toString('utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('>postgres</tspan>');
    expect(text).toContain('>frontend</tspan>');
    expect(text.match(/<polygon/g)?.length).toBeGreaterThan(20);
  });

  test('follows the dark colour scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('.graph')).toHaveAttribute('data-theme', 'dark');
    const svg = await graph.export('SVG');
    expect(svg.body.toString('utf8')).toContain('fill="#0d1117"');
  });
});

test('a large generated cluster aggregates to namespaces, and opens one on double-click', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { objects } = generateCluster({ profile: 'M', seed: 1 });
  const yaml = toYaml(objects);
  await new AppPage(page).open();
  const graph = new GraphPage(page);
  await graph.ready();

  const dialog = new ImportDialog(page);
  await dialog.open();
  await dialog.chooseFiles({ name: 'm.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await dialog.submit();

  await expect(graph.notice).toBeVisible({ timeout: 60_000 });
  await expect(graph.summary).toContainText('Aggregated to namespaces');
  const nodes = await graph.nodeIds();
  const namespaces = nodes.filter((id) => id.startsWith('nsa:'));
  expect(namespaces.length).toBeGreaterThan(40);
  expect(nodes.filter((id) => id.startsWith('ep:') || id.startsWith('g:'))).toEqual([]);
  expect(nodes).toContain('exta');

  const ns = namespaces.find((id) => id.startsWith('nsa:team-')) ?? namespaces[0]!;
  await graph.doubleClick(ns);
  const box = `ns:${ns.slice(4)}`;
  await expect.poll(() => graph.nodeIds()).toContain(box);
  const inside = (await graph.nodeIds()).filter((id) => id.startsWith('g:') || id.startsWith('ep:'));
  expect(inside.length).toBeGreaterThan(0);
  await expect(graph.status).toContainText(/^namespace /);

  // Hiding unrestricted traffic brings the pod level back within the budget.
  await page.getByRole('checkbox', { name: 'Hide unrestricted' }).check();
  await expect(graph.notice).toBeHidden({ timeout: 30_000 });
});

test('names and labels with markup are drawn as text, in the tooltip and the SVG', async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`a script ran: ${d.message()}`);
  });
  await new AppPage(page).open();
  const graph = new GraphPage(page);
  await graph.ready();
  const dialog = new ImportDialog(page);
  await dialog.open();
  await dialog.fillPaste(`apiVersion: v1
kind: Pod
metadata:
  name: "<img src=x onerror=alert(1)>"
  namespace: "<script>alert(2)</script>"
  labels: {app: "<b>web</b>"}
spec:
  containers: [{name: c, image: x}]
`);
  await dialog.submit();
  const id = 'ep:<script>alert(2)</script>/<img src=x onerror=alert(1)>';
  await expect.poll(() => graph.nodeIds()).toContain(id);
  await graph.hover(id);
  await expect(page.getByRole('tooltip')).toHaveText(
    'Pod <script>alert(2)</script>/<img src=x onerror=alert(1)>: not isolated: no policy selects it',
  );
  await expect(page.locator('.graph img, .graph script')).toHaveCount(0);
  const svg = (await graph.export('SVG')).body.toString('utf8');
  expect(svg).toContain('>&#60;script&#62;alert(2)&#60;/script&#62;</tspan>');
  expect(svg).toContain('>&#60;img src=x</tspan>');
  expect(svg).not.toContain('<img');
  const wellFormed = await page.evaluate(
    (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
    svg,
  );
  expect(wellFormed).toBe(true);
});
