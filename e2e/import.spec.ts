import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { dropFiles, ImportDialog, ProblemsPanel, SourcesPanel, StatusBar } from './pages/import-page';

/** Two pods and one policy in one namespace. */
const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: shop
  labels: {app: db}
spec:
  containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-web
  namespace: shop
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 5432}]
`;

const pod = (ns: string, name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {app: ${name}}\nspec:\n  containers: [{name: c, image: busybox}]\n`;

/** A JSON `kind: List` with one pod. */
const LIST_JSON = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'from-json', namespace: 'lists', labels: { app: 'j' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    },
  ],
});

test.describe('import', () => {
  let app: AppPage;
  let dialog: ImportDialog;
  let sources: SourcesPanel;
  let status: StatusBar;

  test.beforeEach(async ({ page }) => {
    app = new AppPage(page);
    dialog = new ImportDialog(page);
    sources = new SourcesPanel(page);
    status = new StatusBar(page);
    await app.open();
    await status.waitReady();
  });

  test('the demo loads on start and the status bar shows its counts', async () => {
    expect(await sources.names()).toEqual(['demo-cluster.yaml']);
    await expect(sources.items.first()).toContainText(/\d+ pods?/);
    expect(await status.count('pods')).toBeGreaterThan(5);
    expect(await status.count('namespaces')).toBeGreaterThanOrEqual(6);
    expect(await status.count('policies')).toBe(13);
    expect(await status.count('connections')).toBeGreaterThan(0);
    expect(await status.count('classes')).toBeGreaterThan(0);
    await expect(status.root).toContainText(/parse [\d.]+ m?s · evaluate [\d.]+ m?s/);
  });

  test('pasted YAML replaces the workspace', async ({ page }) => {
    await dialog.open();
    await expect(dialog.root.getByRole('radio', { name: 'Replace the workspace' })).toBeChecked();
    await dialog.fillPaste(SHOP);
    await dialog.chooseMode('Replace the workspace');
    await dialog.submit();
    await status.waitReady();
    expect(await sources.names()).toEqual(['pasted.yaml']);
    expect(await status.count('pods')).toBe(2);
    expect(await status.count('namespaces')).toBe(1);
    expect(await status.count('policies')).toBe(1);
    await expect(sources.items.first()).toContainText('1 namespace, 2 pods, 1 policy');
    // The dialog closed and gave the focus back to the button that opened it.
    await expect(page.getByRole('banner').getByRole('button', { name: 'Import…' })).toBeFocused();
  });

  test('a pasted JSON List is added to the workspace next to the demo', async () => {
    const before = (await status.count('pods')) ?? 0;
    await dialog.open();
    await dialog.paste(LIST_JSON);
    await expect(dialog.pasteArea).toHaveValue(LIST_JSON);
    await expect(dialog.root.getByRole('textbox', { name: 'Name of the pasted source' })).toHaveAttribute(
      'placeholder',
      'pasted.json',
    );
    await dialog.chooseMode('Add to the workspace');
    await expect(dialog.importButton).toHaveText('Import');
    await dialog.submit();
    await status.waitReady();
    expect(await sources.names()).toEqual(['demo-cluster.yaml', 'pasted.json']);
    expect(await status.count('pods')).toBe(before + 1);

    // A second paste with the same name gets a numbered one, and a chosen name is kept.
    await dialog.open();
    await expect(dialog.root.getByRole('radio', { name: 'Add to the workspace' })).toBeChecked();
    await dialog.fillPaste(pod('lists', 'second'));
    await dialog.submit();
    await dialog.open();
    await dialog.fillPaste(pod('lists', 'third'));
    await dialog.root.getByRole('textbox', { name: 'Name of the pasted source' }).fill('third.yaml');
    await dialog.submit();
    await status.waitReady();
    expect(await sources.names()).toEqual(['demo-cluster.yaml', 'pasted.json', 'pasted.yaml', 'third.yaml']);
    expect(await status.count('pods')).toBe(before + 3);

    await sources.remove('pasted.json');
    await status.waitReady();
    expect(await sources.names()).toEqual(['demo-cluster.yaml', 'pasted.yaml', 'third.yaml']);
    expect(await status.count('pods')).toBe(before + 2);
  });

  test('several files are uploaded at once', async () => {
    await dialog.open();
    await dialog.chooseFiles([
      { name: 'shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SHOP) },
      { name: 'extra.yml', mimeType: 'application/yaml', buffer: Buffer.from(pod('extra', 'solo')) },
      { name: 'list.json', mimeType: 'application/json', buffer: Buffer.from(LIST_JSON) },
    ]);
    await expect(dialog.chosenFiles).toHaveCount(3);
    await dialog.root.getByRole('button', { name: 'Remove extra.yml' }).click();
    await expect(dialog.chosenFiles).toHaveCount(2);
    await expect(dialog.importButton).toHaveText('Import 2 sources');
    await dialog.chooseMode('Replace the workspace');
    await dialog.submit();
    await status.waitReady();
    expect(await sources.names()).toEqual(['shop.yaml', 'list.json']);
    expect(await status.count('pods')).toBe(3);
    expect(await status.count('namespaces')).toBe(2);
  });

  test('a folder is uploaded with relative paths, keeping only YAML and JSON', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netpol-folder-'));
    const dir = join(root, 'cluster');
    mkdirSync(join(dir, 'apps'), { recursive: true });
    writeFileSync(join(dir, 'shop.yaml'), SHOP);
    writeFileSync(join(dir, 'apps', 'solo.yml'), pod('apps', 'solo'));
    writeFileSync(join(dir, 'apps', 'list.json'), LIST_JSON);
    writeFileSync(join(dir, 'README.md'), '# not a manifest');

    await dialog.open();
    await dialog.chooseFolder(dir);
    await expect(dialog.chosenFiles).toHaveCount(3);
    await expect(dialog.root).toContainText(
      'Skipped 1 file that is not YAML or JSON (or hidden): cluster/README.md',
    );
    await dialog.chooseMode('Replace the workspace');
    await dialog.submit();
    await status.waitReady();
    expect((await sources.names()).sort()).toEqual([
      'cluster/apps/list.json',
      'cluster/apps/solo.yml',
      'cluster/shop.yaml',
    ]);
    expect(await status.count('pods')).toBe(4);
  });

  test('files dropped on the window are added to the workspace, or replace it', async ({ page }) => {
    const before = (await status.count('pods')) ?? 0;
    await dropFiles(page, [{ name: 'dropped.yaml', text: pod('drop', 'one') }], 'Add to the workspace');
    await expect(page.getByRole('status').filter({ hasText: 'Added 1 file' })).toBeVisible();
    await status.waitReady();
    expect(await sources.names()).toEqual(['demo-cluster.yaml', 'dropped.yaml']);
    expect(await status.count('pods')).toBe(before + 1);

    await dropFiles(
      page,
      [
        { name: 'shop.yaml', text: SHOP },
        { name: 'dropped.yaml', text: pod('drop', 'two') },
      ],
      'Replace the workspace',
    );
    await status.waitReady();
    expect(await sources.names()).toEqual(['shop.yaml', 'dropped.yaml']);
    expect(await status.count('pods')).toBe(3);
  });

  test('files dropped on the open Import dialog join its list', async ({ page }) => {
    await dialog.open();
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['kind: Pod'], 'onto-dialog.yaml'));
      return data;
    });
    const form = dialog.root.locator('form');
    await form.dispatchEvent('dragover', { dataTransfer: transfer });
    await form.dispatchEvent('drop', { dataTransfer: transfer });
    await expect(dialog.chosenFiles).toHaveCount(1);
    await expect(dialog.chosenFiles.first()).toContainText('onto-dialog.yaml');
    await expect(page.getByTestId('drop-overlay')).toBeHidden();
  });

  test('the dialog is modal: named, focus stays inside, Esc closes it', async ({ page }) => {
    await dialog.open();
    await expect(dialog.root).toHaveAttribute('aria-labelledby', /.+/);
    await expect(dialog.pasteArea).toBeVisible();
    // Tab through every control: the focus never leaves the dialog.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.root.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.root.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Import…' })).toBeFocused();
    // Importing nothing says what to do.
    await dialog.open();
    await dialog.importButton.click();
    await expect(dialog.root.getByRole('alert')).toHaveText(/Paste some YAML or JSON, or choose files/);
    await dialog.cancelButton.click();
    await expect(dialog.root).toBeHidden();
  });

  test('hostile names and labels render as text', async ({ page }) => {
    const hostile = '<img src=x onerror=alert(1)>';
    let alerted = false;
    page.on('dialog', (d) => {
      alerted = true;
      void d.dismiss();
    });
    const text =
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: victim\n  namespace: evil\n` +
      `  labels:\n    app: "${hostile}"\n    ok: "yes"\nspec:\n  containers: [{name: c, image: x}]\n`;
    await dialog.open();
    await dialog.chooseFiles([
      { name: `${hostile}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) },
    ]);
    await dialog.chooseMode('Add to the workspace');
    await dialog.submit();
    await status.waitReady();
    expect(await sources.names()).toContain(`${hostile}.yaml`);
    const problems = new ProblemsPanel(page).root;
    await expect(problems.getByRole('heading', { name: `${hostile}.yaml` })).toBeVisible();
    await expect(problems).toContainText(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(alerted).toBe(false);
  });
});
