import { expect, type Locator, type Page } from '@playwright/test';

/** The Details aside: endpoint, namespace and policy details, and the why panel. */
export class DetailsPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly verdict: Locator;
  readonly egress: Locator;
  readonly ingress: Locator;
  readonly from: Locator;
  readonly to: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Details' });
    this.heading = this.root.getByRole('heading', { level: 2 }).first();
    this.verdict = this.root.getByRole('region', { name: 'Verdict' });
    this.egress = this.root.getByRole('region', { name: /^Egress of / });
    this.ingress = this.root.getByRole('region', { name: /^Ingress of / });
    this.from = this.root.getByRole('combobox', { name: 'From', exact: true });
    this.to = this.root.getByRole('combobox', { name: 'To', exact: true });
  }

  /** Asks about any pair with the From/To comboboxes. */
  async explain(from: string, to: string): Promise<void> {
    await this.from.fill(from);
    await this.to.fill(to);
    await this.root.getByRole('button', { name: 'Explain', exact: true }).click();
    await expect(this.root.getByRole('heading', { name: 'Why?' })).toBeVisible();
  }

  /** Checks one port in the why panel ("" for any port). */
  async checkPort(port: string, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): Promise<void> {
    const form = this.root.getByRole('form', { name: 'Port to check' });
    await form.getByRole('textbox', { name: 'Port' }).fill(port);
    await form.getByRole('combobox', { name: 'Protocol' }).selectOption(protocol);
    await form.getByRole('button', { name: 'Check' }).click();
  }

  /** The list of rules admitting the peer in one direction's section. */
  admittingRules(section: Locator): Locator {
    return section.getByRole('list', { name: /^Rules admitting / }).getByRole('listitem');
  }

  /** A section of the details by its accessible name ("Labels", "Selected by", "Ingress rules"...). */
  section(name: string): Locator {
    return this.root.getByRole('region', { name, exact: true });
  }

  /** A link-like button, by its accessible name. */
  link(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }
}
