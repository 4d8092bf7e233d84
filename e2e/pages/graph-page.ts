import { expect, type Download, type Locator, type Page } from '@playwright/test';

/**
 * The Graph tab as a user sees it: the toolbar, the canvas, its status line, the legend and the
 * screen-reader summary. Cytoscape draws on a canvas, so where a node or an edge is on screen
 * comes from the view's test hook (`window.__netpolGraph`); everything else is read as text.
 */
export class GraphPage {
  readonly canvas: Locator;
  readonly toolbar: Locator;
  readonly status: Locator;
  readonly summary: Locator;
  readonly notice: Locator;
  readonly legend: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('application', { name: 'Reachability graph' });
    this.toolbar = page.getByRole('toolbar', { name: 'Graph tools' });
    this.status = page.locator('.graph__status');
    this.summary = page.locator('#graph-summary');
    this.notice = page.getByRole('note').filter({ hasText: 'showing namespaces' });
    this.legend = page.locator('.graph__legend');
  }

  button(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  /** Waits until the graph has drawn something. */
  async ready(): Promise<void> {
    await expect(this.canvas).toBeVisible();
    await expect.poll(async () => (await this.nodeIds()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  }

  async nodeIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__netpolGraph?.ids().nodes ?? []);
  }

  async edgeIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__netpolGraph?.ids().edges ?? []);
  }

  /**
   * How many graphs the view has drawn, how many it laid out anew, and how many kept the nodes
   * still there in place and placed only the new ones.
   */
  async drawn(): Promise<{ graphs: number; layouts: number; placements: number }> {
    return this.page.evaluate(
      () => window.__netpolGraph?.drawn() ?? { graphs: 0, layouts: 0, placements: 0 },
    );
  }

  /** Where each drawn node is in the graph's own coordinates (a pan or a zoom changes none). */
  async positions(): Promise<Map<string, { x: number; y: number }>> {
    const list = await this.page.evaluate(() => {
      const g = window.__netpolGraph;
      return g ? g.ids().nodes.map((id) => [id, g.position(id)] as const) : [];
    });
    const out = new Map<string, { x: number; y: number }>();
    for (const [id, p] of list) if (p) out.set(id, p);
    return out;
  }

  /** The zoom and pan of the canvas. */
  async viewport(): Promise<{ zoom: number; pan: { x: number; y: number } }> {
    return this.page.evaluate(() => window.__netpolGraph?.viewport() ?? { zoom: 0, pan: { x: 0, y: 0 } });
  }

  /** The classes that mark a drawn node or edge (picked, cursor, imp-added, ghost...). */
  async classes(id: string): Promise<string[]> {
    return this.page.evaluate((i) => window.__netpolGraph?.classes(i) ?? [], id);
  }

  /** Clicks a node or an edge with a modifier key held (Shift, Control, Meta). */
  async clickWith(modifier: 'Shift' | 'Control' | 'Meta', id: string): Promise<void> {
    const { x, y } = await this.point(id);
    await this.page.keyboard.down(modifier);
    await this.page.mouse.click(x, y);
    await this.page.keyboard.up(modifier);
  }

  /** Where a node's centre or an edge's midpoint is on the page. */
  async point(id: string): Promise<{ x: number; y: number }> {
    const p = await this.page.evaluate((i) => window.__netpolGraph?.point(i) ?? null, id);
    if (!p) throw new Error(`the graph does not draw ${id}`);
    return p;
  }

  async click(id: string): Promise<void> {
    const { x, y } = await this.point(id);
    await this.page.mouse.click(x, y);
  }

  async doubleClick(id: string): Promise<void> {
    const { x, y } = await this.point(id);
    await this.page.mouse.dblclick(x, y);
  }

  async hover(id: string): Promise<void> {
    const { x, y } = await this.point(id);
    await this.page.mouse.move(x, y);
  }

  /** Clicks an export button and returns the download with its content. */
  async export(kind: 'PNG' | 'SVG'): Promise<{ download: Download; body: Buffer }> {
    const pending = this.page.waitForEvent('download');
    await this.button(`Export ${kind}`).click();
    const download = await pending;
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    return { download, body: readFileSync(path) };
  }
}
