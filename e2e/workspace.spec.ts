import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';
import { ImportDialog } from './pages/import-page';
import { WorkspacePage } from './pages/workspace-page';

let ws: WorkspacePage;

test.beforeEach(async ({ page }) => {
  ws = new WorkspacePage(page);
  await ws.open();
  await ws.showPolicies();
});

test.describe('workspace', () => {
  test('deleting a policy is undone and redone, by keys and by the header buttons', async ({ page }) => {
    await expect(ws.undoButton).toBeDisabled();
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(1);
    await ws.policyAction('backend/api-egress', 'Delete');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
    await expect(ws.undoButton).toBeEnabled();

    await page.locator('body').press('ControlOrMeta+z');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(1);
    await expect(ws.redoButton).toBeEnabled();
    await page.locator('body').press('ControlOrMeta+Shift+z');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
    await page.locator('body').press('ControlOrMeta+z');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(1);
    await page.locator('body').press('Control+y');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);

    await ws.undoButton.click();
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(1);
    await ws.redoButton.click();
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
    await expect(ws.redoButton).toBeDisabled();
  });

  test('form edits of a draft, Apply and Discard are undone and redone step by step', async ({ page }) => {
    const e = new EditorPage(page);
    await ws.policyAction('backend/api-egress', 'Edit');
    await expect(e.editor).toBeVisible();
    const selector = e.subject.getByRole('group', { name: 'Pods in backend with' });
    const labels = selector.getByRole('textbox', { name: /label key/i });
    const before = await labels.count();
    await e.addLabel(selector, 'tier', 'api');
    await expect.poll(() => e.yaml()).toContain('tier: api');
    await e.editor.getByRole('heading').first().click(); // out of the fields: Ctrl+Z is the workspace's

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => e.yaml()).not.toContain('tier: api');
    await expect(labels).toHaveCount(before);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(() => e.yaml()).toContain('tier: api');

    await e.apply.click();
    await expect(e.editor).toBeHidden();
    await ws.undoButton.click(); // the Apply: the draft is back, as it was
    await expect(e.editor).toBeVisible();
    await expect.poll(() => e.yaml()).toContain('tier: api');
    await ws.redoButton.click();
    await expect(e.editor).toBeHidden();
    await ws.policyAction('backend/api-egress', 'Edit');
    await expect.poll(() => e.yaml()).toContain('tier: api'); // the applied text

    await e.discard.click();
    await expect(e.editor).toBeHidden();
    await ws.undoButton.click(); // the Discard
    await expect(e.editor).toBeVisible();
  });

  test('Ctrl+Z in a text field is the field’s own undo, not the workspace’s', async ({ page }) => {
    await ws.policyAction('backend/api-egress', 'Delete');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
    const search = page.getByRole('searchbox', { name: 'Search pods and labels' });
    await search.fill('backend');
    await search.press('ControlOrMeta+z');
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
  });

  test('a reload finds the edits, the draft, the tab and the selection again', async ({ page }) => {
    await ws.policyAction('backend/api-egress', 'Delete');
    await ws.rename('backend/allow-dns-egress', 'dns-out');
    await expect(ws.policyRow('backend', 'dns-out')).toHaveCount(1);
    await ws.policyAction('frontend/default-deny-ingress', 'Edit');
    const editor = page.getByRole('complementary', { name: 'Policy editor' });
    await expect(editor).toBeVisible();
    await ws.waitSaved();
    const before = await ws.policyIds();

    await page.reload();
    await ws.waitReady();
    await expect(page.getByRole('tab', { name: 'Policies' })).toHaveAttribute('aria-selected', 'true');
    await expect(editor).toBeVisible();
    await expect(ws.policyRow('backend', 'dns-out')).toHaveCount(1);
    await expect(ws.policyRow('backend', 'api-egress')).toHaveCount(0);
    await expect(ws.policyRow('backend', 'allow-dns-egress')).toHaveCount(0);
    expect(await ws.policyIds()).toEqual(before);
  });

  test('export all, download, re-import into a new workspace: the same policies', async ({ page }) => {
    await ws.policyAction('backend/api-egress', 'Delete');
    await ws.rename('backend/allow-dns-egress', 'dns-out');
    await expect(ws.policyRow('backend', 'dns-out')).toHaveCount(1);
    const before = await ws.policyIds();

    await page.keyboard.press('Escape');
    await page.locator('body').press('e');
    await expect(ws.exportDialog).toBeVisible();
    await ws.chooseExport('All policies');
    await expect(ws.exportDialog.getByText(`(${before.length} policies, `)).toBeVisible();
    const file = await ws.download();
    expect(file.name).toBe('policies.yaml');
    expect(file.text).toContain('name: dns-out');
    expect(file.text).not.toContain('name: api-egress\n');
    // Comments of the imported policies come along.
    expect(file.text).toContain('# Frontend: nothing gets in unless a policy below lets it.');
    await ws.closeExport();

    await ws.newWorkspace('Discard and start new');
    await expect(page.getByText('The workspace has no NetworkPolicy.')).toBeVisible();
    const dialog = new ImportDialog(page);
    await dialog.open();
    await dialog.chooseFiles({
      name: file.name,
      mimeType: 'application/yaml',
      buffer: Buffer.from(file.text),
    });
    await dialog.submit();
    await ws.waitReady();
    expect([...(await ws.policyIds())].sort()).toEqual([...before].sort());
    await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('error');
  });

  test('export only what changed since import, and copy it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ws.openExport();
    await ws.chooseExport('Only those changed since import');
    await expect(ws.preview).toHaveValue('');
    await expect(ws.exportDialog.getByRole('button', { name: 'Download' })).toBeDisabled();
    await ws.closeExport();

    await ws.rename('backend/allow-dns-egress', 'dns-out');
    await ws.policyAction('backend/api-egress', 'Delete');
    await ws.openExport();
    await ws.chooseExport('Only those changed since import');
    await expect(ws.preview).toHaveValue(/name: dns-out/);
    const text = await ws.preview.inputValue();
    expect(text.match(/^kind: NetworkPolicy$/gm)).toHaveLength(1);
    // What is gone is named, to be deleted from a cluster: the deleted and the renamed policy.
    expect(text).toContain('#   kubectl delete networkpolicy -n backend allow-dns-egress\n');
    expect(text).toContain('#   kubectl delete networkpolicy -n backend api-egress\n');
    expect(text).not.toContain('name: api-egress');
    await ws.exportDialog.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect(ws.exportDialog.getByRole('status')).toHaveText('Copied 1 policy to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    await ws.chooseExport('One policy');
    await ws.exportDialog
      .getByRole('combobox', { name: 'Policy' })
      .selectOption('frontend/default-deny-ingress');
    await expect(ws.preview).toHaveValue(/name: default-deny-ingress/);
    const one = await ws.download();
    expect(one.name).toBe('frontend-default-deny-ingress.yaml');
  });

  test('New workspace asks first; Cancel keeps everything, Discard empties it for good', async ({ page }) => {
    const before = await ws.policyIds();
    await ws.newWorkspace('Cancel');
    expect(await ws.policyIds()).toEqual(before);
    await expect(ws.newButton).toBeFocused();

    await ws.newButton.click();
    await expect(ws.confirm).toContainText('1 source');
    await ws.confirm.getByRole('button', { name: 'Discard and start new' }).click();
    await expect(page.getByText('The workspace has no NetworkPolicy.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Sources' }).getByRole('listitem')).toHaveCount(0);
    await ws.waitSaved();

    // The empty workspace is what the browser keeps: no demo comes back.
    await page.reload();
    await expect(page.getByText('The workspace has no NetworkPolicy.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Sources' }).getByRole('listitem')).toHaveCount(0);
  });
});

test.describe('workspace storage failing', () => {
  test('a browser whose storage refuses says so plainly, and the app works on', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(IDBFactory.prototype, 'open', {
        value: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      });
    });
    const w = new WorkspacePage(page);
    await w.open();
    const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await expect(notice).toContainText('no room left for it (storage quota full)');
    await expect(notice).toContainText('export the policies to keep them');
    await w.showPolicies();
    await w.policyAction('backend/api-egress', 'Delete');
    await expect(w.policyRow('backend', 'api-egress')).toHaveCount(0);
    await expect(w.saved).toHaveText('Not saved');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  });
});
