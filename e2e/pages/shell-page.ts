import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'Graph' | 'Connections' | 'Matrix' | 'Policies';
export type ThemeName = 'System' | 'Light' | 'Dark';

/** The shell's everyday comfort, as a person meets it: the theme, shortcuts, tabs, the layout. */
export class ShellPage {
  readonly header: Locator;
  readonly themeToggle: Locator;
  readonly helpButton: Locator;
  readonly importButton: Locator;
  readonly shortcuts: Locator;
  readonly skipLink: Locator;
  readonly views: Locator;
  readonly tabs: Locator;
  readonly panel: Locator;
  readonly search: Locator;
  readonly details: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.themeToggle = this.header.getByRole('button', { name: /^Theme: / });
    this.helpButton = this.header.getByRole('button', { name: 'Keyboard shortcuts' });
    this.importButton = this.header.getByRole('button', { name: 'Import…' });
    this.shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.skipLink = page.getByRole('link', { name: 'Skip to the views' });
    this.views = page.getByRole('region', { name: 'Reachability' });
    this.tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    this.panel = page.getByRole('tabpanel');
    this.search = page.getByRole('search', { name: 'Filters' }).getByRole('searchbox', {
      name: 'Search pods and labels',
    });
    this.details = page.getByRole('complementary', { name: 'Details' });
    this.status = page.getByRole('contentinfo', { name: 'Status' });
  }

  /** Opens the app and waits for the demo's analysis. */
  async open(): Promise<void> {
    await this.page.goto('./');
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.status.getByRole('status').filter({ hasText: 'Ready' })).toBeVisible({
      timeout: 30_000,
    });
  }

  tab(name: ViewName): Locator {
    return this.page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name });
  }

  async expectView(name: ViewName): Promise<void> {
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(this.panel).toHaveAccessibleName(name);
  }

  /** The region of the side column, by its heading (`Sources`, `Problems`). */
  region(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name });
  }

  /** A side region's disclosure button (its heading). */
  fold(name: string | RegExp): Locator {
    return this.region(name).getByRole('heading', { level: 2 }).getByRole('button');
  }

  /** The theme in effect on the page (`light` or `dark`), as the root element says. */
  async effectiveTheme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset['theme']);
  }

  /** The page's background colour as computed (rgb()). */
  async background(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  async chooseTheme(name: ThemeName): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if ((await this.themeToggle.getAttribute('aria-label')) === `Theme: ${name}`) return;
      await this.themeToggle.click();
    }
    await expect(this.themeToggle).toHaveAccessibleName(`Theme: ${name}`);
  }

  /** Presses a key with the focus on the page's body (nothing typed into a field). */
  async pressOnPage(key: string): Promise<void> {
    await this.page.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    });
    await this.page.keyboard.press(key);
  }

  /** The widest the document scrolls horizontally beyond the viewport, in CSS pixels. */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(
      () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth,
    );
  }

  /** Elements that stick out of the viewport on the right or left (for a readable failure message). */
  async overflowingElements(): Promise<string[]> {
    return this.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
        // Inside a scroll box or a hidden-overflow box: contained, not overflowing the page.
        let contained = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
            contained = true;
            break;
          }
        }
        if (!contained)
          out.push(
            `${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.left)}..${Math.round(box.right)})`,
          );
      }
      return out.slice(0, 10);
    });
  }

  /** The boxes inside the view that scroll sideways (their class and how far), for a readable failure. */
  async sidewaysScrollers(): Promise<string[]> {
    return this.panel.evaluate((panel) =>
      Array.from(panel.querySelectorAll<HTMLElement>('*'))
        .filter((el) => {
          const o = getComputedStyle(el).overflowX;
          return (o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1;
        })
        .map((el) => `${el.className} (+${el.scrollWidth - el.clientWidth}px)`),
    );
  }

  /** Whether the element that has the focus shows a focus indicator (an outline or a box shadow). */
  async focusIsVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el === document.body) return false;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none';
    });
  }

  /** A short description of the focused element: its role-ish tag and its text or label. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement)) return '';
      const name = el.getAttribute('aria-label') ?? el.textContent ?? '';
      return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}: ${name.trim().slice(0, 60)}`;
    });
  }
}
