import type { Locator, Page } from '@playwright/test';

/** Opens the app at `url` and waits for its heading (the shell is drawn). */
export async function openApp(page: Page, url = './'): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

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
