/**
 * Local placement for a graph whose node set changed: the nodes already drawn keep their
 * positions exactly (dragged or not), and only the new ones are placed, near what they belong
 * to, on free space. A new pod goes into a free cell of its namespace box, next to its siblings;
 * a new namespace (a box with its pods, laid out on its own) or a new top-level node goes on
 * free space near where its namespace was last seen, or next to the drawing. Pure and
 * deterministic: the same input always gives the same positions.
 */
import { layoutGraph, nodeSize, type Point } from './layout';
import type { GraphEdge, GraphNode } from './model';

/** A position remembered from an earlier drawing, with the namespace of the node it was. */
export interface Remembered extends Point {
  readonly namespace?: string;
}

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const CELL_W = 128;
const LABEL_H = 36;
const PAD = 14;
const BOX_LABEL = 24;
const GAP = 40;
const BUCKET = 256;

/** The space a leaf node takes at `p`: its cell, label included (as the full layout packs it). */
export function leafRect(n: Pick<GraphNode, 'kind' | 'count'>, p: Point): Rect {
  const s = nodeSize(n);
  const w = n.kind === 'nsagg' ? Math.max(104, s.w + 30) : Math.max(CELL_W, s.w + 24);
  const y1 = p.y - s.h / 2 - 4;
  return { x1: p.x - w / 2, y1, x2: p.x + w / 2, y2: y1 + s.h + LABEL_H };
}

const overlaps = (a: Rect, b: Rect): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const grow = (r: Rect, by: number): Rect => ({ x1: r.x1 - by, y1: r.y1 - by, x2: r.x2 + by, y2: r.y2 + by });
const union = (a: Rect | null, b: Rect): Rect =>
  a
    ? {
        x1: Math.min(a.x1, b.x1),
        y1: Math.min(a.y1, b.y1),
        x2: Math.max(a.x2, b.x2),
        y2: Math.max(a.y2, b.y2),
      }
    : { ...b };
const boxAround = (inner: Rect): Rect => ({
  x1: inner.x1 - PAD,
  y1: inner.y1 - PAD - BOX_LABEL,
  x2: inner.x2 + PAD,
  y2: inner.y2 + PAD,
});

/** Rectangles bucketed on a grid, for "does this rectangle hit any other?" in near-constant time. */
class RectIndex {
  private readonly buckets = new Map<string, { key: string; rect: Rect }[]>();
  private readonly rects = new Map<string, Rect>();

  set(key: string, rect: Rect): void {
    this.delete(key);
    this.rects.set(key, rect);
    this.each(rect, (b) => {
      const list = this.buckets.get(b);
      if (list) list.push({ key, rect });
      else this.buckets.set(b, [{ key, rect }]);
    });
  }

  delete(key: string): void {
    const old = this.rects.get(key);
    if (!old) return;
    this.rects.delete(key);
    this.each(old, (b) => {
      const list = this.buckets.get(b);
      if (list)
        this.buckets.set(
          b,
          list.filter((e) => e.key !== key),
        );
    });
  }

  get(key: string): Rect | undefined {
    return this.rects.get(key);
  }

  /** Whether `rect` overlaps any rectangle but those whose key `skip` accepts. */
  hits(rect: Rect, skip?: (key: string) => boolean): boolean {
    let hit = false;
    this.each(rect, (b) => {
      if (hit) return;
      for (const e of this.buckets.get(b) ?? []) {
        if ((!skip || !skip(e.key)) && overlaps(rect, e.rect)) {
          hit = true;
          return;
        }
      }
    });
    return hit;
  }

  /** The box around every rectangle, or null when there is none. */
  bounds(): Rect | null {
    let box: Rect | null = null;
    for (const r of this.rects.values()) box = union(box, r);
    return box;
  }

  private each(r: Rect, fn: (bucket: string) => void): void {
    const bx1 = Math.floor(r.x1 / BUCKET);
    const bx2 = Math.floor(r.x2 / BUCKET);
    const by1 = Math.floor(r.y1 / BUCKET);
    const by2 = Math.floor(r.y2 / BUCKET);
    for (let x = bx1; x <= bx2; x++) for (let y = by1; y <= by2; y++) fn(`${x},${y}`);
  }
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Positions of every leaf node (boxes follow their children): those in `known` stay where they
 * are, the others are placed locally without moving anything. `hints` are positions remembered
 * from earlier drawings (a node coming back returns to its place when that is free; a namespace's
 * new box goes near where the namespace was).
 */
export function placeNodes(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  known: ReadonlyMap<string, Point>,
  hints: ReadonlyMap<string, Remembered> = new Map(),
): Map<string, Point> {
  const byIdMap = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    if (n.parent === undefined || !byIdMap.has(n.parent)) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const isLeaf = (n: GraphNode): boolean => !children.has(n.id);
  const topOf = (n: GraphNode): string => {
    let at = n;
    for (let i = 0; i < 8 && at.parent !== undefined; i++) {
      const p = byIdMap.get(at.parent);
      if (!p) break;
      at = p;
    }
    return at.id;
  };

  const out = new Map<string, Point>();
  const leaves = new RectIndex();
  for (const n of nodes) {
    const p = known.get(n.id);
    if (!p || !isLeaf(n)) continue;
    out.set(n.id, { x: p.x, y: p.y });
    leaves.set(n.id, leafRect(n, p));
  }
  // Top-level blocks: a box (around its placed children) or a top-level leaf.
  const blocks = new RectIndex();
  const blockRect = (id: string): Rect | null => {
    const n = byIdMap.get(id);
    if (!n) return null;
    if (isLeaf(n)) {
      const r = leaves.get(id);
      return r ? { ...r } : null;
    }
    let inner: Rect | null = null;
    const stack = [...(children.get(id) ?? [])];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (isLeaf(c)) {
        const r = leaves.get(c.id);
        if (r) inner = union(inner, r);
      } else stack.push(...(children.get(c.id) ?? []));
    }
    return inner ? boxAround(inner) : null;
  };
  const refreshBlock = (id: string): void => {
    const r = blockRect(id);
    if (r) blocks.set(id, r);
  };
  for (const n of nodes) if (n.parent === undefined || !byIdMap.has(n.parent)) refreshBlock(n.id);

  const fresh = nodes.filter((n) => isLeaf(n) && !out.has(n.id));
  if (fresh.length === 0) return out;

  // New leaves whose box already holds placed nodes join it; the rest form new top-level units.
  const joiners = new Map<string, GraphNode[]>();
  const units = new Map<string, GraphNode[]>();
  for (const n of [...fresh].sort(byId)) {
    const parent = n.parent !== undefined && byIdMap.has(n.parent) ? n.parent : undefined;
    const siblingsPlaced = parent !== undefined && (children.get(parent) ?? []).some((c) => out.has(c.id));
    const map = siblingsPlaced ? joiners : units;
    const key = siblingsPlaced ? parent! : topOf(n);
    const list = map.get(key);
    if (list) list.push(n);
    else map.set(key, [n]);
  }

  const put = (n: GraphNode, p: Point): void => {
    out.set(n.id, p);
    leaves.set(n.id, leafRect(n, p));
  };

  const hemmed = new Set<string>();
  for (const [parent, list] of [...joiners].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const top = topOf(byIdMap.get(parent)!);
    for (const n of list) {
      const spot = joinSpot(n, parent, top);
      put(n, spot);
      refreshBlock(top);
    }
  }

  function joinSpot(n: GraphNode, parent: string, top: string): Point {
    const sibs = (children.get(parent) ?? []).filter((c) => out.has(c.id));
    const free = (p: Point, strict: boolean): boolean => {
      const r = leafRect(n, p);
      if (leaves.hits(r)) return false;
      if (!strict) return true;
      const current = blocks.get(top);
      const grown = current ? union(current, boxAround(r)) : boxAround(r);
      return !blocks.hits(grow(grown, GAP / 2), (k) => k === top);
    };
    const hint = hints.get(n.id);
    if (hint && free(hint, true)) return { x: hint.x, y: hint.y };
    const pts = sibs.map((s) => out.get(s.id)!);
    const ox = Math.min(...pts.map((p) => p.x));
    const oy = Math.min(...pts.map((p) => p.y));
    const mx = Math.max(...pts.map((p) => p.x));
    const my = Math.max(...pts.map((p) => p.y));
    const dy = Math.max(nodeSize(n).h, ...sibs.map((s) => nodeSize(s).h)) + LABEL_H;
    const cols = Math.round((mx - ox) / CELL_W);
    const rows = Math.round((my - oy) / dy);
    // Cells of the siblings' grid, nearest to them first (inside their box before around it).
    const cells = (reach: number): Point[] => {
      const cands: { p: Point; score: number }[] = [];
      for (let j = -reach; j <= rows + reach; j++) {
        for (let i = -reach; i <= cols + reach; i++) {
          const p = { x: ox + i * CELL_W, y: oy + j * dy };
          const outX = Math.max(0, ox - p.x, p.x - mx);
          const outY = Math.max(0, oy - p.y, p.y - my);
          cands.push({ p, score: Math.hypot(outX, outY) + j * 1e-3 + i * 1e-6 });
        }
      }
      return cands.sort((a, b) => a.score - b.score).map((c) => c.p);
    };
    const near = cells(5);
    // First a cell where the grown box stays clear of the others; a box hemmed in by its
    // neighbours (a packed layout) stops looking for one and takes the nearest free cell.
    if (!hemmed.has(parent)) {
      for (const p of near) if (free(p, true)) return p;
      hemmed.add(parent);
    }
    for (const p of near) if (free(p, false)) return p;
    for (const p of cells(14)) if (free(p, false)) return p;
    return { x: mx + CELL_W, y: my };
  }

  // New units, laid out on their own and set down on free space near their anchor. Units with
  // nothing to be near (a new level, a big import) are laid out together and set down beside.
  const unitOf = (root: string): { ids: Set<string>; nodes: GraphNode[] } => {
    const ids = new Set<string>([root]);
    const stack = [root];
    while (stack.length > 0) {
      for (const c of children.get(stack.pop()!) ?? []) {
        ids.add(c.id);
        stack.push(c.id);
      }
    }
    return { ids, nodes: nodes.filter((n) => ids.has(n.id)) };
  };
  const layoutOf = (ids: ReadonlySet<string>, list: readonly GraphNode[]): Map<string, Point> =>
    layoutGraph(
      list,
      edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    );
  /** The space the members take at their relative positions, with their boxes around them. */
  const extent = (roots: readonly string[], rel: ReadonlyMap<string, Point>): Rect | null => {
    let all: Rect | null = null;
    for (const root of roots) {
      let inner: Rect | null = null;
      for (const m of units.get(root) ?? []) {
        const p = rel.get(m.id);
        if (p) inner = union(inner, leafRect(m, p));
      }
      if (inner) all = union(all, isLeaf(byIdMap.get(root)!) ? inner : boxAround(inner));
    }
    return all;
  };
  const setDown = (
    roots: readonly string[],
    rel: ReadonlyMap<string, Point>,
    anchor: Point | null,
    back: boolean,
  ): void => {
    const rect = extent(roots, rel);
    if (!rect) return;
    const cx = (rect.x1 + rect.x2) / 2;
    const cy = (rect.y1 + rect.y2) / 2;
    const at = (x: number, y: number): Rect => ({
      x1: rect.x1 - cx + x,
      y1: rect.y1 - cy + y,
      x2: rect.x2 - cx + x,
      y2: rect.y2 - cy + y,
    });
    const fits = (x: number, y: number): boolean =>
      !blocks.hits(grow(at(x, y), GAP / 2)) && !leaves.hits(at(x, y));
    const spot =
      back && fits(cx, cy)
        ? { x: cx, y: cy }
        : ((anchor ? ringSearch(anchor, fits) : null) ?? aside(rect.x2 - rect.x1, rect.y2 - rect.y1));
    for (const root of roots)
      for (const m of units.get(root) ?? []) {
        const p = rel.get(m.id);
        if (p) put(m, { x: p.x - cx + spot.x, y: p.y - cy + spot.y });
      }
    for (const root of roots) refreshBlock(root);
  };

  const orphans: string[] = [];
  for (const [root, members] of [...units].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const rootNode = byIdMap.get(root)!;
    // Every member comes back to a remembered spot, when all have one and it is free.
    const back = members.every((m) => hints.has(m.id))
      ? new Map(members.map((m) => [m.id, hints.get(m.id)!]))
      : null;
    const anchor = anchorOf(rootNode);
    if (!back && !anchor) {
      orphans.push(root);
      continue;
    }
    const unit = unitOf(root);
    setDown([root], back ?? layoutOf(unit.ids, unit.nodes), anchor, back !== null);
  }
  if (orphans.length > 0) {
    const ids = new Set<string>();
    for (const root of orphans) for (const id of unitOf(root).ids) ids.add(id);
    setDown(
      orphans,
      layoutOf(
        ids,
        nodes.filter((n) => ids.has(n.id)),
      ),
      null,
      false,
    );
  }

  /** Where a new unit belongs: near its namespace (drawn or remembered), or where it was. */
  function anchorOf(rootNode: GraphNode): Point | null {
    const ns = rootNode.namespace;
    if (ns !== undefined) {
      for (const [id, p] of out) if (byIdMap.get(id)?.namespace === ns) return p;
      for (const h of hints.values()) if (h.namespace === ns) return h;
    }
    return hints.get(rootNode.id) ?? null;
  }

  /** Beside the drawing: to the right or below, whichever keeps the whole closer to a screen's shape. */
  function aside(w: number, h: number): Point {
    const all = blocks.bounds();
    if (!all) return { x: w / 2, y: h / 2 };
    const allW = all.x2 - all.x1;
    const allH = all.y2 - all.y1;
    const right = Math.max((allW + GAP * 1.5 + w) / 1.6, Math.max(allH, h));
    const below = Math.max(Math.max(allW, w) / 1.6, allH + GAP * 1.5 + h);
    return right <= below
      ? { x: all.x2 + GAP * 1.5 + w / 2, y: all.y1 + h / 2 }
      : { x: all.x1 + w / 2, y: all.y2 + GAP * 1.5 + h / 2 };
  }

  /** The nearest spot to `a` where `fits` holds, in rings up to a few screens away; null if none. */
  function ringSearch(a: Point, fits: (x: number, y: number) => boolean): Point | null {
    const step = 40;
    for (let k = 0; k <= 60; k++) {
      const ring: Point[] = [];
      for (let i = -k; i <= k; i++) {
        ring.push({ x: a.x + i * step, y: a.y - k * step });
        if (k > 0) ring.push({ x: a.x + i * step, y: a.y + k * step });
        if (i !== -k && i !== k) {
          ring.push({ x: a.x - k * step, y: a.y + i * step });
          ring.push({ x: a.x + k * step, y: a.y + i * step });
        }
      }
      ring.sort((p, q) => Math.hypot(p.x - a.x, p.y - a.y) - Math.hypot(q.x - a.x, q.y - a.y));
      for (const p of ring) if (fits(p.x, p.y)) return p;
    }
    return null;
  }

  return out;
}
