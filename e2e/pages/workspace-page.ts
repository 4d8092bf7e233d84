import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/**
 * The workspace as a user handles it: the header's Undo, Redo, Export… and New workspace, the
 * Export dialog, the New workspace question, and a policy's actions in the details panel.
 */
export class WorkspacePage {
  readonly header: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly exportButton: Locator;
  readonly newButton: Locator;
  readonly saved: Locator;
  readonly exportDialog: Locator;
  readonly preview: Locator;
  readonly confirm: Locator;
  readonly policies: Locator;
  readonly policyRows: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    const group = this.header.getByRole('group', { name: 'Workspace' });
    this.undoButton = group.getByRole('button', { name: 'Undo' });
    this.redoButton = group.getByRole('button', { name: 'Redo' });
    this.exportButton = group.getByRole('button', { name: 'Export…' });
    this.newButton = group.getByRole('button', { name: 'New workspace' });
    this.saved = group.getByRole('status', { name: 'Saved in this browser' });
    this.exportDialog = page.getByRole('dialog', { name: 'Export policies' });
    this.preview = this.exportDialog.getByRole('textbox', { name: /^YAML/ });
    this.confirm = page.getByRole('dialog', { name: 'Start a new workspace?' });
    this.policies = page.getByRole('table', { name: 'Policies' });
    this.policyRows = this.policies.locator('tbody').getByRole('row');
    this.details = page.getByRole('complementary', { name: 'Details' });
  }

  async open(): Promise<void> {
    await this.page.goto('./');
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(
      this.page.getByRole('contentinfo', { name: 'Status' }).getByRole('status').filter({ hasText: 'Ready' }),
    ).toBeVisible({ timeout: 30_000 });
  }

  /** Waits until the latest change is saved in the browser. */
  async waitSaved(): Promise<void> {
    await expect(this.saved).toHaveText('Saved');
  }

  async showPolicies(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Policies' }).click();
    await expect(this.policies).toBeVisible();
  }

  /** The policies listed, as `namespace/name`, in the table's order. */
  async policyIds(): Promise<string[]> {
    const rows = await this.policyRows.all();
    const out: string[] = [];
    for (const row of rows) {
      const cells = await row.getByRole('cell').allInnerTexts();
      out.push(`${cells[0]?.trim()}/${cells[1]?.trim()}`);
    }
    return out;
  }

  policyRow(namespace: string, name: string): Locator {
    return this.policyRows
      .filter({ has: this.page.getByRole('cell', { name: namespace, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Selects a policy in the Policies view and presses one of its actions in the details panel. */
  async policyAction(id: string, action: 'Edit' | 'Duplicate' | 'Rename' | 'Move' | 'Delete'): Promise<void> {
    const [namespace, name] = id.split('/') as [string, string];
    await this.policyRow(namespace, name).click();
    await this.details
      .getByRole('group', { name: 'Policy actions' })
      .getByRole('button', { name: action })
      .click();
  }

  async rename(id: string, to: string): Promise<void> {
    await this.policyAction(id, 'Rename');
    await this.details.getByRole('textbox', { name: 'New name' }).fill(to);
    await this.details.getByRole('button', { name: 'Rename', exact: true }).last().click();
  }

  async openExport(): Promise<void> {
    await this.exportButton.click();
    await expect(this.exportDialog).toBeVisible();
  }

  async chooseExport(what: 'All policies' | 'Only those changed since import' | 'One policy'): Promise<void> {
    await this.exportDialog.getByRole('radio', { name: new RegExp(`^${what}`) }).check();
  }

  /** Presses Download and returns the file's name and text. */
  async download(): Promise<{ name: string; text: string }> {
    const wait: Promise<Download> = this.page.waitForEvent('download');
    await this.exportDialog.getByRole('button', { name: 'Download' }).click();
    const file = await wait;
    const path = await file.path();
    return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  async closeExport(): Promise<void> {
    await this.exportDialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(this.exportDialog).toBeHidden();
  }

  /** New workspace, answered with `answer`. */
  async newWorkspace(answer: 'Cancel' | 'Discard and start new'): Promise<void> {
    await this.newButton.click();
    await expect(this.confirm).toBeVisible();
    await this.confirm.getByRole('button', { name: answer }).click();
    await expect(this.confirm).toBeHidden();
  }
}
