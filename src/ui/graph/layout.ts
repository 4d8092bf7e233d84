/**
 * A cheap, deterministic layout computed in one pass (no physics, no iterations): the children
 * of each box in a grid, the boxes and top-level nodes packed in rows. Items are ordered by how
 * much they send rather than receive, so traffic mostly reads left to right, top to bottom.
 * The same graph always gets the same positions; 10,000 nodes take a few milliseconds.
 */
import type { GraphEdge, GraphNode } from './model';

export interface Size {
  readonly w: number;
  readonly h: number;
}
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The drawn size of a node's shape (labels go below it). */
export function nodeSize(n: Pick<GraphNode, 'kind' | 'count'>): Size {
  switch (n.kind) {
    case 'group':
      return { w: 44, h: 44 };
    case 'range':
      return { w: 44, h: 28 };
    case 'nsagg': {
      const s = Math.round(Math.min(96, 40 + 8 * Math.log2(Math.max(1, n.count))));
      return { w: s, h: s };
    }
    case 'extagg':
      return { w: 56, h: 40 };
    default:
      return { w: 34, h: 34 };
  }
}

const CELL_W = 128;
const LABEL_H = 36;
const PAD = 14;
const BOX_LABEL = 24;
const GAP = 40;

interface Item {
  readonly id: string;
  readonly label: string;
  readonly w: number;
  readonly h: number;
  /** Positions relative to the item's top-left corner. */
  readonly place: (x: number, y: number, out: Map<string, Point>) => void;
}

/**
 * Per item, (out - in) / (out + in + 1) over the edges between items: sources score high.
 * Traffic a policy restricts says more about the flow than the all-to-all of unprotected pods,
 * so when there is any, only it counts.
 */
function flowScores(
  edges: readonly GraphEdge[],
  keyOf: (id: string) => string | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  const inc = new Map<string, number>();
  const restricted = edges.filter((e) => !e.open);
  for (const e of restricted.length > 0 ? restricted : edges) {
    const a = keyOf(e.source);
    const b = keyOf(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    out.set(a, (out.get(a) ?? 0) + 1);
    inc.set(b, (inc.get(b) ?? 0) + 1);
  }
  const keys = new Set([...out.keys(), ...inc.keys()]);
  const score = new Map<string, number>();
  for (const k of keys) {
    const o = out.get(k) ?? 0;
    const i = inc.get(k) ?? 0;
    score.set(k, (o - i) / (o + i + 1));
  }
  return score;
}

const byScore =
  (score: Map<string, number>) =>
  (a: { id: string; label: string }, b: { id: string; label: string }): number =>
    (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0) ||
    a.label.localeCompare(b.label) ||
    (a.id < b.id ? -1 : 1);

function leafItem(n: GraphNode): Item {
  const s = nodeSize(n);
  // A namespace node's label is short ("shop", "12 endpoints"): its cell can be narrower.
  const w = n.kind === 'nsagg' ? Math.max(104, s.w + 30) : Math.max(CELL_W, s.w + 24);
  const h = s.h + LABEL_H;
  return {
    id: n.id,
    label: n.label,
    w,
    h,
    place: (x, y, out) => out.set(n.id, { x: x + w / 2, y: y + s.h / 2 + 4 }),
  };
}

function boxItem(box: GraphNode, children: GraphNode[], edges: readonly GraphEdge[], columns?: number): Item {
  const members = new Set(children.map((c) => c.id));
  const score = flowScores(edges, (id) => (members.has(id) ? id : undefined));
  const sorted = [...children].sort(byScore(score));
  const n = sorted.length;
  const cols = columns ?? (n <= 3 ? n : Math.ceil(Math.sqrt(n * 1.3)));
  const rows = Math.ceil(n / cols);
  const cellH = Math.max(...sorted.map((c) => nodeSize(c).h)) + LABEL_H;
  const w = cols * CELL_W + 2 * PAD;
  const h = rows * cellH + 2 * PAD + BOX_LABEL;
  return {
    id: box.id,
    label: box.label,
    w,
    h,
    place: (x, y, out) => {
      sorted.forEach((c, i) => {
        const col = i % cols;
        const row = Math.floor(i / cols);
        const s = nodeSize(c);
        out.set(c.id, {
          x: x + PAD + (col + 0.5) * CELL_W,
          y: y + PAD + BOX_LABEL + row * cellH + s.h / 2 + 4,
        });
      });
    },
  };
}

/**
 * Positions of every leaf node (boxes follow their children), packed for a view of the given
 * aspect ratio (width / height).
 */
export function layoutGraph(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  aspect = 1.6,
): Map<string, Point> {
  const children = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    if (n.parent === undefined) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const top = nodes.filter((n) => n.parent === undefined);
  const isExternal = (n: GraphNode): boolean => n.kind === 'external' || n.kind === 'extagg';
  const items = top
    .filter((n) => !isExternal(n))
    .map((n) => {
      const kids = children.get(n.id);
      return kids && kids.length > 0 ? boxItem(n, kids, edges) : leafItem(n);
    });
  const topOf = new Map<string, string>();
  for (const n of nodes) topOf.set(n.id, n.parent ?? n.id);
  const score = flowScores(edges, (id) => topOf.get(id));
  items.sort(byScore(score));

  const externals = top.filter(isExternal).map((n) => {
    const kids = children.get(n.id) ?? [];
    return kids.length > 0 ? boxItem(n, kids, edges, Math.ceil(kids.length / 8)) : leafItem(n);
  });
  const extW = externals.reduce((w, it) => Math.max(w, it.w), 0);
  const extH = externals.reduce((h, it) => h + it.h + GAP, 0);

  // Pack the rows at several widths and keep the one that fills a view of this shape best
  // (the largest zoom at which everything fits): deterministic, and a few passes over the items.
  const widest = items.reduce((w, it) => Math.max(w, it.w), 0);
  const total = items.reduce((w, it) => w + it.w + GAP, 0);
  const shape = Math.min(4, Math.max(0.4, aspect));
  let best = { width: total, zoom: -1 };
  for (let k = 0; k <= 16; k++) {
    const width = widest + ((total - widest) * k) / 16;
    const { w, h } = packRows(items, width, null);
    const fullW = w + (extW > 0 ? GAP * 1.5 + extW : 0);
    const fullH = Math.max(h, extH);
    const zoom = Math.min(shape / Math.max(1, fullW), 1 / Math.max(1, fullH));
    if (zoom > best.zoom + 1e-12) best = { width, zoom };
  }
  const out = new Map<string, Point>();
  const { w: right, h: height } = packRows(items, best.width, out);
  // Addresses outside the cluster: a column to the right, vertically centred.
  let y = Math.max(0, (height - extH + GAP) / 2);
  for (const it of externals) {
    it.place(right + GAP * 1.5, y, out);
    y += it.h + GAP;
  }
  return out;
}

/** Places items left to right in rows no wider than `maxW`; returns the size used. */
function packRows(
  items: readonly Item[],
  maxW: number,
  out: Map<string, Point> | null,
): { w: number; h: number } {
  let x = 0;
  let y = 0;
  let rowH = 0;
  let right = 0;
  for (const it of items) {
    if (x > 0 && x + it.w > maxW + 0.5) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
    if (out) it.place(x, y, out);
    right = Math.max(right, x + it.w);
    x += it.w + GAP;
    rowH = Math.max(rowH, it.h);
  }
  return { w: right, h: y + rowH };
}
