import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp } from './app-page';

/** The filter bar, the Connections, Matrix and Policies views, as a user sees them. */
export class TablesPage {
  readonly filters: Locator;
  readonly search: Locator;
  readonly port: Locator;
  readonly protocol: Locator;
  readonly namespaces: Locator;
  readonly onlyIsolated: Locator;
  readonly hideUnrestricted: Locator;
  readonly view: Locator;
  readonly connections: Locator;
  readonly connectionRows: Locator;
  readonly summary: Locator;
  readonly policies: Locator;
  readonly policyRows: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole('search', { name: 'Filters' });
    this.search = this.filters.getByRole('searchbox', { name: 'Search pods and labels' });
    this.port = this.filters.getByRole('textbox', { name: 'Port' });
    this.protocol = this.filters.getByRole('combobox', { name: 'Protocol' });
    this.namespaces = this.filters.locator('summary');
    this.onlyIsolated = this.filters.getByRole('checkbox', { name: 'Only isolated' });
    this.hideUnrestricted = this.filters.getByRole('checkbox', { name: 'Hide unrestricted' });
    this.view = page.getByRole('tabpanel');
    this.connections = page.getByRole('table', { name: 'Allowed connections' });
    this.connectionRows = this.connections.locator('tbody').getByRole('row');
    this.summary = this.view.getByRole('status').first();
    this.policies = page.getByRole('table', { name: 'Policies' });
    this.policyRows = this.policies.locator('tbody').getByRole('row');
  }

  async open(): Promise<void> {
    await openApp(this.page);
  }

  async showTab(name: 'Graph' | 'Connections' | 'Matrix' | 'Policies'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  async openConnections(): Promise<void> {
    await this.showTab('Connections');
    await expect(this.connections).toBeVisible();
  }

  /**
   * The row whose From and To cells are exactly these (a row is named by its cells, in order; on a
   * narrow screen the To cell reads "→ to").
   */
  connectionRow(from: string, to: string): Locator {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return this.connections.getByRole('row', { name: new RegExp(`^${esc(from)} (?:→ )?${esc(to)} `) });
  }

  /** The From and To texts of the rows on the page. */
  async pairs(): Promise<string[]> {
    const rows = await this.connectionRows.all();
    return Promise.all(
      rows.map(async (r) => {
        const cells = await r.getByRole('cell').allInnerTexts();
        return `${cells[0]} > ${cells[1]}`;
      }),
    );
  }

  async sortBy(column: 'From' | 'To' | 'TCP' | 'UDP' | 'SCTP'): Promise<void> {
    await this.connections.getByRole('columnheader', { name: column }).getByRole('button').click();
  }

  async chooseNamespaces(...names: string[]): Promise<void> {
    await this.namespaces.click();
    for (const n of names) await this.filters.getByRole('checkbox', { name: n, exact: true }).check();
    await this.page.keyboard.press('Escape');
  }

  /** Clicks a download button and returns the saved file's name and text. */
  async download(button: 'Download JSON' | 'Download CSV'): Promise<{ name: string; text: string }> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      this.view.getByRole('button', { name: button }).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  // Matrix

  matrixTable(name: RegExp | string): Locator {
    return this.page.getByRole('table', { name });
  }

  async matrixPort(port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): Promise<void> {
    const controls = this.view;
    await controls.getByRole('combobox', { name: 'Protocol' }).selectOption(protocol);
    const input = controls.getByRole('combobox', { name: 'Port', exact: true });
    await input.fill(String(port));
  }

  async matrixLevel(level: 'Namespaces' | 'Pods'): Promise<void> {
    await this.view.getByRole('radio', { name: level }).check();
  }

  /** The texts of a matrix's row headings, in order. */
  async matrixRows(table: Locator): Promise<string[]> {
    return table.locator('tbody').getByRole('rowheader').allInnerTexts();
  }

  // Policies

  policyRow(namespace: string, name: string): Locator {
    return this.policyRows
      .filter({ has: this.page.getByRole('cell', { name: namespace, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }
}
