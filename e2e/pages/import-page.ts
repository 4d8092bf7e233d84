import { expect, type Locator, type Page } from '@playwright/test';

export type ImportMode = 'Replace the workspace' | 'Add to the workspace';

/** The Import dialog: paste, files, a folder, then replace or add. */
export class ImportDialog {
  readonly root: Locator;
  readonly pasteArea: Locator;
  readonly largePaste: Locator;
  readonly chosenFiles: Locator;
  readonly importButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Import manifests' });
    this.pasteArea = this.root.getByRole('textbox', { name: 'Paste YAML or JSON' });
    this.largePaste = this.root.getByRole('status').filter({ hasText: 'Pasted text' });
    this.chosenFiles = this.root.getByRole('list', { name: 'Chosen files' }).getByRole('listitem');
    this.importButton = this.root.getByRole('button', { name: /^Import/ });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel' });
  }

  /** Opens the dialog with the header's Import… button. */
  async open(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
    await expect(this.root).toBeVisible();
  }

  /** Types (fills) text into the paste area, as a person typing or pasting a small text does. */
  async fillPaste(text: string): Promise<void> {
    await this.pasteArea.fill(text);
  }

  /** Pastes text with Ctrl+V, through the system clipboard (the context must grant it). */
  async paste(text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await this.pasteArea.focus();
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  /**
   * Pastes a multi-document YAML of about `megabytes` MB (Pods in 100 namespaces), generated in
   * the page so that it never crosses the wire. `beforePaste` runs in between, once the text
   * exists (to start measuring only the app's own work). Returns the text's length.
   */
  async pasteGeneratedPods(megabytes: number, beforePaste?: () => Promise<void>): Promise<number> {
    const length = await this.page.evaluate((mb) => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < mb * 1024 * 1024; i++) {
        const doc =
          `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ns-${i % 100}\n` +
          `  labels:\n    app: app-${i % 400}\n    tier: ${i % 3 === 0 ? 'web' : 'db'}\n` +
          `spec:\n  containers:\n  - name: main\n    image: registry.example/app:1.${i % 50}\n` +
          `    ports:\n    - containerPort: ${8000 + (i % 10)}\n      name: http\n` +
          `status:\n  podIP: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n`;
        parts.push(doc);
        size += doc.length;
      }
      const text = parts.join('');
      const data = new DataTransfer();
      data.setData('text/plain', text);
      (window as unknown as { __pasteData?: DataTransfer }).__pasteData = data;
      return text.length;
    }, megabytes);
    await beforePaste?.();
    await this.pasteArea.focus();
    await this.pasteArea.evaluate((area) => {
      const holder = window as unknown as { __pasteData?: DataTransfer };
      const data = holder.__pasteData ?? null;
      delete holder.__pasteData;
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    return length;
  }

  async chooseMode(mode: ImportMode): Promise<void> {
    await this.root.getByRole('radio', { name: mode }).check();
  }

  /** Picks files (paths, or in-memory files) through the file chooser of "Choose files…". */
  async chooseFiles(files: Parameters<import('@playwright/test').FileChooser['setFiles']>[0]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.getByRole('button', { name: 'Choose files…' }).click();
    await (await chooser).setFiles(files);
  }

  /** Picks a folder through the file chooser of "Choose a folder…". */
  async chooseFolder(dir: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.getByRole('button', { name: 'Choose a folder…' }).click();
    await (await chooser).setFiles(dir);
  }

  async submit(): Promise<void> {
    await this.importButton.click();
    await expect(this.root).toBeHidden();
  }
}

/** The Sources region: the workspace's files. */
export class SourcesPanel {
  readonly root: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Sources' });
    this.items = this.root.getByRole('list', { name: 'Sources' }).getByRole('listitem');
  }

  /** The names of the sources, in order. */
  async names(): Promise<string[]> {
    return this.items.locator('.sources__name').allInnerTexts();
  }

  async remove(name: string): Promise<void> {
    await this.root.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  }

  /** Opens a source in the viewer by clicking its name. */
  async open(name: string): Promise<void> {
    await this.root.getByRole('button', { name, exact: true }).click();
  }

  async loadDemo(): Promise<void> {
    await this.root.getByRole('button', { name: 'Load demo' }).click();
  }
}

/** The Problems region. */
export class ProblemsPanel {
  readonly root: Locator;
  readonly heading: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: /^Problems(?: \(\d[\d,]*\))?$/ });
    this.heading = this.root.getByRole('heading', { level: 2 });
    this.summary = this.root.locator('.problems__summary');
  }

  group(file: string): Locator {
    return this.root.getByRole('region', { name: `Problems in ${file}`, exact: true });
  }

  /** The problem entries (buttons when they can open their source) of one file. */
  problems(file: string): Locator {
    return this.group(file).getByRole('listitem');
  }
}

/** The source viewer: a read-only Monaco editor in a dialog. */
export class SourceViewer {
  readonly root: Locator;
  readonly title: Locator;
  readonly editor: Locator;
  readonly markedLines: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog').filter({ has: page.locator('.source-viewer__body') });
    this.title = this.root.getByRole('heading', { level: 2 });
    this.editor = this.root.locator('.monaco-editor');
    this.markedLines = this.root.locator('.view-overlays .yaml-editor__mark');
  }

  /** The line numbers Monaco shows in its gutter next to the marked lines. */
  async visibleLineNumbers(): Promise<number[]> {
    const texts = await this.root.locator('.line-numbers').allInnerTexts();
    return texts.map(Number).filter((n) => Number.isFinite(n));
  }

  /** The text of Monaco's view line at a 1-based line number (it must be rendered). */
  async lineText(line: number): Promise<string> {
    return this.editor.evaluate((el, n) => {
      const numbers = Array.from(el.querySelectorAll<HTMLElement>('.line-numbers'));
      const gutter = numbers.find((g) => g.textContent?.trim() === String(n));
      if (!gutter) return '';
      const top = gutter.parentElement?.style.top;
      const line = Array.from(el.querySelectorAll<HTMLElement>('.view-line')).find(
        (v) => v.style.top === top,
      );
      return (line?.textContent ?? '').replace(/\u00a0/g, ' ');
    }, line);
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await expect(this.root).toBeHidden();
  }
}

/** The status bar at the bottom. */
export class StatusBar {
  readonly root: Locator;
  readonly progress: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('contentinfo', { name: 'Status' });
    this.progress = this.root.getByRole('progressbar', { name: 'Analysis progress' });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel' });
  }

  /** A count shown in the bar (`pods`, `policies`, `connections`...), or null when absent. */
  async count(label: string): Promise<number | null> {
    const item = this.root
      .locator('.statusbar__count')
      .filter({ has: this.page.locator(`dt:text-is("${label}")`) });
    if ((await item.count()) === 0) return null;
    return Number((await item.locator('dd').innerText()).replace(/,/g, ''));
  }

  /** Waits until no analysis runs and the bar says Ready. */
  async waitReady(timeout = 30_000): Promise<void> {
    await expect(this.root.getByRole('status').filter({ hasText: 'Ready' })).toBeVisible({ timeout });
  }
}

/**
 * Drops files onto the window as the browser would: a DataTransfer built in the page, with
 * dragenter on the body (the overlay appears) and drop on a target of the overlay.
 */
export async function dropFiles(
  page: Page,
  files: readonly { name: string; text: string }[],
  target: 'Replace the workspace' | 'Add to the workspace',
): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name, { type: 'application/yaml' }));
    return data;
  }, files);
  await page.locator('body').dispatchEvent('dragenter', { dataTransfer: transfer });
  await page.locator('body').dispatchEvent('dragover', { dataTransfer: transfer });
  const overlay = page.getByTestId('drop-overlay');
  await expect(overlay).toBeVisible();
  const spot = overlay.locator('[data-drop-mode]').filter({ hasText: target });
  await spot.dispatchEvent('dragover', { dataTransfer: transfer });
  await spot.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(overlay).toBeHidden();
}
