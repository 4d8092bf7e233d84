import { expect, type Locator, type Page } from '@playwright/test';
import { openApp } from './app-page';

/** The live cluster controls as a user sees them: the header indicator, the problems strip, the dialog. */
export class LivePage {
  readonly connectButton: Locator;
  readonly indicator: Locator;
  readonly problems: Locator;
  readonly dialog: Locator;
  readonly address: Locator;
  readonly sources: Locator;

  constructor(readonly page: Page) {
    this.connectButton = page.getByRole('button', { name: 'Connect to cluster…' });
    this.indicator = page.getByRole('button', { name: /^Cluster:/ });
    this.problems = page.getByRole('alert', { name: 'Cluster problems' });
    this.dialog = page.getByRole('dialog', { name: /^(Connect to cluster|Cluster connection)$/ });
    this.address = this.dialog.getByRole('textbox', { name: 'API address' });
    this.sources = page.getByRole('list', { name: 'Sources' });
  }

  /** Opens the app at `url` (with `?cluster` it connects on load). */
  async open(url: string): Promise<void> {
    await openApp(this.page, url);
  }

  async expectStatus(text: string | RegExp, timeout?: number): Promise<void> {
    await expect(this.indicator).toContainText(text, timeout === undefined ? {} : { timeout });
  }

  /** The connection dialog's table: resource, objects, state. */
  async resourceRows(): Promise<string[][]> {
    const rows = this.dialog.getByRole('table', { name: 'Objects read from the cluster' }).getByRole('row');
    return (await rows.allInnerTexts()).slice(1).map((r) => r.split('\t').map((c) => c.trim()));
  }
}
