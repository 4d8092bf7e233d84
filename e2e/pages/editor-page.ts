import { expect, type Locator, type Page } from '@playwright/test';
import { openApp } from './app-page';

interface Marker {
  readonly message: string;
  readonly startLineNumber: number;
  readonly owner: string;
}

/** The policy editor (form, YAML in Monaco, impact) and the New policy dialog, as a user sees them. */
export class EditorPage {
  readonly editor: Locator;
  readonly form: Locator;
  readonly subject: Locator;
  readonly ingress: Locator;
  readonly egress: Locator;
  readonly types: Locator;
  readonly impact: Locator;
  readonly apply: Locator;
  readonly discard: Locator;
  readonly monaco: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole('complementary', { name: 'Policy editor' });
    this.form = this.editor.getByRole('group', { name: 'Policy form' });
    this.subject = this.editor.getByRole('region', { name: 'Applies to' });
    this.ingress = this.editor.getByRole('region', { name: 'Ingress rules' });
    this.egress = this.editor.getByRole('region', { name: 'Egress rules' });
    this.types = this.editor.getByRole('region', { name: 'Policy types' });
    this.impact = this.editor.getByRole('region', { name: 'Impact' });
    this.apply = this.impact.getByRole('button', { name: 'Apply' });
    this.discard = this.impact.getByRole('button', { name: 'Discard' });
    this.monaco = this.editor.locator('.pe__monaco .monaco-editor');
    this.dialog = page.getByRole('dialog', { name: 'New policy' });
  }

  async open(): Promise<void> {
    await openApp(this.page);
  }

  /** New policy… → a template (or Blank policy) → parameters → Create. */
  async newPolicy(template: string, params: Readonly<Record<string, string>> = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'New policy…' }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('radio', { name: template, exact: true }).check();
    for (const [label, value] of Object.entries(params))
      await this.dialog.getByLabel(label, { exact: true }).fill(value);
    await this.dialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.editor).toBeVisible();
  }

  /** Adds `key=value` to a selector (a fieldset of the form) with its "+ Label" button. */
  async addLabel(selector: Locator, key: string, value: string): Promise<void> {
    await selector.getByRole('button', { name: '+ Label' }).click();
    await selector.getByLabel('New label key').fill(key);
    await selector.getByLabel('New label value').fill(value);
    await selector.getByLabel('New label value').press('Enter');
  }

  rule(direction: 'Ingress' | 'Egress', n: number): Locator {
    return this.editor.getByRole('listitem', { name: `${direction} rule ${n}` });
  }

  peer(rule: Locator, n: number): Locator {
    return rule.getByRole('listitem', { name: `Peer ${n}` });
  }

  /** The YAML in Monaco, once the editor shows it. */
  async yaml(): Promise<string> {
    await expect(this.monaco).toBeVisible();
    return this.page.evaluate(() => window.__draftEditor?.getValue() ?? '');
  }

  /** Types into Monaco at the end of `line` (1-based) as a person would. */
  async typeAtLineEnd(line: number, text: string): Promise<void> {
    await this.page.evaluate((l) => {
      const ed = window.__draftEditor?.editor;
      const model = ed?.getModel();
      if (!ed || !model) throw new Error('no draft editor');
      ed.setPosition({ lineNumber: l, column: model.getLineMaxColumn(l) });
      ed.focus();
    }, line);
    await this.page.keyboard.type(text);
  }

  /** Selects the text of a (1-based) line in Monaco, to type over it. */
  async selectLine(line: number): Promise<void> {
    await this.page.evaluate((l) => {
      const ed = window.__draftEditor?.editor;
      const model = ed?.getModel();
      if (!ed || !model) throw new Error('no draft editor');
      ed.setSelection({
        startLineNumber: l,
        startColumn: model.getLineFirstNonWhitespaceColumn(l),
        endLineNumber: l,
        endColumn: model.getLineMaxColumn(l),
      });
      ed.focus();
    }, line);
  }

  /** Monaco's cursor and scroll position. */
  async cursor(): Promise<{ line: number; column: number; scrollTop: number }> {
    return this.page.evaluate(() => {
      const ed = window.__draftEditor?.editor;
      const p = ed?.getPosition();
      return { line: p?.lineNumber ?? 0, column: p?.column ?? 0, scrollTop: ed?.getScrollTop() ?? -1 };
    });
  }

  /** The 1-based line holding `text` in the YAML. */
  async lineOf(text: string): Promise<number> {
    const lines = (await this.yaml()).split('\n');
    const i = lines.findIndex((l) => l.includes(text));
    if (i < 0) throw new Error(`no line with ${text}`);
    return i + 1;
  }

  /** The markers on the draft (YAML errors, validation, the schema's). */
  async markers(): Promise<Marker[]> {
    return this.page.evaluate(() => {
      const c = window.__draftEditor;
      const model = c?.editor.getModel();
      if (!c || !model) return [];
      return c.monaco.editor
        .getModelMarkers({ resource: model.uri })
        .map((m) => ({ message: m.message, startLineNumber: m.startLineNumber, owner: m.owner }));
    });
  }
}
