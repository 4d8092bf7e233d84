import { expect, test } from './fixtures';
import { ShellPage, type ViewName } from './pages/shell-page';

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test.describe('theme', () => {
  test('follows the system preference by default, live', async ({ page }) => {
    const shell = new ShellPage(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await shell.open();
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: System');
    expect(await shell.effectiveTheme()).toBe('light');
    expect(await shell.background()).toBe('rgb(255, 255, 255)');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => shell.effectiveTheme()).toBe('dark');
    expect(contrast(await shell.background(), 'rgb(255, 255, 255)')).toBeGreaterThan(15);
  });

  test('the toggle goes system → light → dark, and the choice survives a reload', async ({ page }) => {
    const shell = new ShellPage(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shell.open();
    expect(await shell.effectiveTheme()).toBe('dark');

    await shell.themeToggle.click();
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: Light');
    expect(await shell.effectiveTheme()).toBe('light');
    await shell.themeToggle.click();
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: Dark');
    expect(await shell.effectiveTheme()).toBe('dark');

    // A light system does not override an explicit dark choice, not even after a reload.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await shell.waitReady();
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: Dark');
    expect(await shell.effectiveTheme()).toBe('dark');

    // `t` cycles too: back to the system's (light) preference.
    await shell.pressOnPage('t');
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: System');
    expect(await shell.effectiveTheme()).toBe('light');
    await page.reload();
    await shell.waitReady();
    await expect(shell.themeToggle).toHaveAccessibleName('Theme: System');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`text is readable in the ${scheme} theme`, async ({ page }) => {
      const shell = new ShellPage(page);
      await page.emulateMedia({ colorScheme: scheme });
      await shell.open();
      const colours = await page.evaluate(() => {
        const v = (name: string) => {
          const probe = document.createElement('span');
          probe.style.color = `var(${name})`;
          document.body.append(probe);
          const value = getComputedStyle(probe).color;
          probe.remove();
          return value;
        };
        return {
          bg: v('--bg'),
          surface: v('--surface'),
          surface2: v('--surface-2'),
          text: v('--text'),
          muted: v('--muted'),
          accent: v('--accent'),
          danger: v('--danger'),
          allowed: v('--allowed'),
          allowedBg: v('--allowed-bg'),
          denied: v('--denied'),
          deniedBg: v('--denied-bg'),
          warning: v('--warning'),
          warningBg: v('--warning-bg'),
          info: v('--info'),
          infoBg: v('--info-bg'),
          selectedBg: v('--selected-bg'),
        };
      });
      // The verdict, badge and matrix colours: text on the fill it is paired with.
      const pairs: [string, string, string][] = [
        ['allowed on its fill', colours.allowed, colours.allowedBg],
        ['denied on its fill', colours.denied, colours.deniedBg],
        ['warning on its fill', colours.warning, colours.warningBg],
        ['info on its fill', colours.info, colours.infoBg],
        ['text on a selected row', colours.text, colours.selectedBg],
        ['muted on surface-2', colours.muted, colours.surface2],
        ['accent on surface', colours.accent, colours.surface],
        ['danger on the page', colours.danger, colours.bg],
      ];
      for (const [what, fg, bg] of pairs) expect(contrast(fg, bg), what).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.text, colours.bg)).toBeGreaterThanOrEqual(7);
      expect(contrast(colours.muted, colours.bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.muted, colours.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.accent, colours.bg)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

test.describe('keyboard', () => {
  test('? opens the shortcuts overlay; Esc closes it and the focus comes back', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await shell.helpButton.focus();
    await page.keyboard.press('?');
    await expect(shell.shortcuts).toBeVisible();
    const rows = shell.shortcuts.getByRole('table', { name: 'Global shortcuts' }).getByRole('row');
    for (const [key, action] of [
      ['?', 'Show these keyboard shortcuts'],
      ['g', 'Show the graph'],
      ['c', 'Show the connections table'],
      ['m', 'Show the matrix'],
      ['p', 'Show the policies'],
      ['/', 'Search pods and labels'],
      ['i', 'Import manifests'],
      ['t', 'Switch the theme'],
      ['Esc', 'Clear the selection'],
    ] as const) {
      await expect(rows.filter({ hasText: action })).toContainText(key);
    }
    // Shortcuts are off while a dialog is open.
    await page.keyboard.press('c');
    await expect(shell.tab('Graph')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(shell.shortcuts).toBeHidden();
    await expect(shell.helpButton).toBeFocused();

    await shell.helpButton.click();
    await expect(shell.shortcuts).toBeVisible();
    await shell.shortcuts.getByRole('button', { name: 'Close' }).click();
    await expect(shell.shortcuts).toBeHidden();
  });

  test('g, c, m and p switch the views; / focuses the search, where letters are text', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    const keys: readonly [string, ViewName][] = [
      ['c', 'Connections'],
      ['m', 'Matrix'],
      ['p', 'Policies'],
      ['g', 'Graph'],
    ];
    for (const [key, view] of keys) {
      await shell.pressOnPage(key);
      await shell.expectView(view);
    }
    await shell.pressOnPage('/');
    await expect(shell.search).toBeFocused();
    await page.keyboard.type('cmp');
    await expect(shell.search).toHaveValue('cmp');
    await shell.expectView('Graph');
  });

  test('i opens the Import dialog; Esc clears the selection', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await shell.pressOnPage('i');
    const dialog = page.getByRole('dialog', { name: 'Import manifests' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await shell.pressOnPage('c');
    const row = page
      .getByRole('table', { name: 'Allowed connections' })
      .locator('tbody')
      .getByRole('row')
      .first();
    await row.click();
    await expect(shell.details).not.toContainText('Select a pod, a policy or a connection');
    await page.keyboard.press('Escape');
    await expect(shell.details).toContainText('Select a pod, a policy or a connection');
  });

  test('the view tabs follow the WAI-ARIA tabs pattern', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    // One tab stop: the selected tab.
    await expect(shell.tabs).toHaveCount(4);
    for (const name of ['Connections', 'Matrix', 'Policies'] as const) {
      await expect(shell.tab(name)).toHaveAttribute('tabindex', '-1');
    }
    await shell.tab('Graph').focus();
    await page.keyboard.press('ArrowRight');
    await expect(shell.tab('Connections')).toBeFocused();
    await shell.expectView('Connections');
    await page.keyboard.press('End');
    await expect(shell.tab('Policies')).toBeFocused();
    await shell.expectView('Policies');
    await page.keyboard.press('ArrowRight');
    await expect(shell.tab('Graph')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await shell.expectView('Policies');
    await page.keyboard.press('Home');
    await shell.expectView('Graph');
    await expect(shell.tab('Graph')).toHaveAttribute('tabindex', '0');
  });

  test('keyboard only: the skip link leads to the views, and every stop shows its focus', async ({
    page,
  }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeInViewport();
    expect(await shell.focusIsVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect(shell.views).toBeFocused();

    // Into the tabs, over to Connections, then Tab on into the view: a row, and Enter explains it.
    await page.keyboard.press('Tab');
    await expect(shell.tab('Graph')).toBeFocused();
    expect(await shell.focusIsVisible()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await shell.expectView('Connections');
    const firstRow = page
      .getByRole('table', { name: 'Allowed connections' })
      .locator('tbody')
      .getByRole('row')
      .first();
    const stops: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      stops.push(await shell.focused());
      expect(await shell.focusIsVisible(), `focus visible on ${stops.at(-1)}`).toBe(true);
      if (await firstRow.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(firstRow, `Tab stops: ${stops.join(' | ')}`).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(shell.details).not.toContainText('Select a pod, a policy or a connection');
  });

  test('from the top, Tab walks the header and the workspace with a visible focus', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    const stops: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      stops.push(await shell.focused());
      expect(await shell.focusIsVisible(), `focus visible on ${stops.at(-1)}`).toBe(true);
    }
    expect(stops.join(' | ')).toContain('Import…');
    expect(stops.join(' | ')).toContain('Theme: System');
    expect(stops.join(' | ')).toContain('Keyboard shortcuts');
  });
});

test.describe('layout', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`a small screen (390×844, ${scheme}) has one column and no horizontal scroll`, async ({
      page,
    }, info) => {
      const shell = new ShellPage(page);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: scheme });
      await shell.open();

      // The header fits on one row.
      const header = await shell.header.boundingBox();
      expect(header?.height ?? 0).toBeLessThan(56);

      // The workspace folds away; its headings open it.
      const sources = shell.fold('Sources');
      await expect(sources).toHaveAttribute('aria-expanded', 'false');
      await expect(shell.region('Sources').getByRole('button', { name: 'Load demo' })).toBeHidden();
      await sources.click();
      await expect(sources).toHaveAttribute('aria-expanded', 'true');
      await expect(shell.region('Sources').getByRole('button', { name: 'Load demo' })).toBeVisible();

      // One column: the views below the workspace, the details below the views.
      const views = await shell.views.boundingBox();
      const details = await shell.details.boundingBox();
      expect(views?.width ?? 0).toBeGreaterThan(380);
      expect(details?.y ?? 0).toBeGreaterThan((views?.y ?? 0) + (views?.height ?? 0) - 1);

      for (const view of ['Graph', 'Connections', 'Matrix', 'Policies'] as const) {
        await shell.tab(view).click();
        await shell.expectView(view);
        await page.waitForTimeout(200);
        expect(
          await shell.horizontalOverflow(),
          `${view}: ${(await shell.overflowingElements()).join(', ')}`,
        ).toBe(0);
        await page.screenshot({ path: info.outputPath(`390-${scheme}-${view}.png`), fullPage: true });
      }
      // The tables read without scrolling sideways (the matrix is a grid: it may scroll).
      for (const view of ['Connections', 'Policies'] as const) {
        await shell.tab(view).click();
        await shell.expectView(view);
        expect(await shell.sidewaysScrollers(), view).toEqual([]);
      }
    });
  }

  test('on a phone the status bar is one short line; its counts and timings open on demand', async ({
    page,
  }) => {
    const shell = new ShellPage(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await shell.open();
    const counts = shell.status.getByRole('button', { name: 'Counts' });
    await expect(counts).toHaveAttribute('aria-expanded', 'false');
    expect((await shell.status.boundingBox())?.height ?? 99).toBeLessThan(40);
    await expect(shell.status.getByText(/^parse /)).toBeHidden();

    await counts.click();
    await expect(counts).toHaveAttribute('aria-expanded', 'true');
    await expect(shell.status.getByText(/^parse .* evaluate /)).toBeVisible();
    await expect(shell.status.getByText('classes')).toBeVisible();
    await counts.click();
    await expect(shell.status.getByText(/^parse /)).toBeHidden();

    // A laptop shows everything on one line, with no disclosure.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(counts).toBeHidden();
    await expect(shell.status.getByText(/^parse .* evaluate /)).toBeVisible();
    expect((await shell.status.boundingBox())?.height ?? 99).toBeLessThan(44);
  });

  test('a laptop screen (1280×800) shows the three columns side by side, without scrolling', async ({
    page,
  }, info) => {
    const shell = new ShellPage(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shell.open();
    const side = await page.getByRole('complementary', { name: 'Workspace' }).boundingBox();
    const views = await shell.views.boundingBox();
    const details = await shell.details.boundingBox();
    expect(side && views && details).toBeTruthy();
    expect((side?.x ?? 0) + (side?.width ?? 0)).toBeLessThanOrEqual((views?.x ?? 0) + 1);
    expect((views?.x ?? 0) + (views?.width ?? 0)).toBeLessThanOrEqual((details?.x ?? 0) + 1);
    expect(views?.width ?? 0).toBeGreaterThan(560);
    await expect(shell.fold('Sources')).toHaveAttribute('aria-expanded', 'true');
    await expect(shell.fold(/^Problems/)).toHaveAttribute('aria-expanded', 'true');
    for (const view of ['Graph', 'Connections', 'Matrix', 'Policies'] as const) {
      await shell.tab(view).click();
      await shell.expectView(view);
      expect(await shell.horizontalOverflow()).toBe(0);
      expect(
        await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
      ).toBeLessThanOrEqual(0);
    }
    // The policies table fits the view column.
    expect(await shell.sidewaysScrollers(), 'Policies').toEqual([]);
    await page.screenshot({ path: info.outputPath('1280-policies.png') });
  });
});
