import type { Locator, Page } from '@playwright/test';

/** The application shell, as a user sees it. */
export class AppPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async open(): Promise<void> {
    await this.page.goto('./');
    await this.heading.waitFor();
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name });
  }
}
