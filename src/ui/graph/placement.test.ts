import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutGraph, type Point } from './layout';
import type { GraphNode } from './model';
import { leafRect, placeNodes } from './placement';

function node(id: string, kind: GraphNode['kind'], extra: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    kind,
    label: id,
    iso: 'none',
    isoCounts: { both: 0, ingress: 0, egress: 0, none: 1 },
    count: 1,
    rep: id,
    expandable: false,
    expanded: false,
    internalPairs: 0,
    context: false,
    title: id,
    ...extra,
  };
}

/** Namespaces as boxes with `pods[i]` pods each. */
function cluster(pods: readonly number[]): GraphNode[] {
  const out: GraphNode[] = [];
  pods.forEach((count, i) => {
    const ns = `n${i}`;
    out.push(node(`ns:${ns}`, 'namespace', { namespace: ns }));
    for (let j = 0; j < count; j++)
      out.push(node(`ep:${ns}/p${j}`, 'pod', { parent: `ns:${ns}`, namespace: ns }));
  });
  return out;
}

const rectOf = (nodes: readonly GraphNode[], id: string, p: Point) =>
  leafRect(
    nodes.find((n) => n.id === id)!,
    p,
  );
const overlap = (a: ReturnType<typeof leafRect>, b: ReturnType<typeof leafRect>): boolean =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Pairs of leaves whose cells overlap, where at least one of them is new. */
function clashes(
  nodes: readonly GraphNode[],
  out: Map<string, Point>,
  known: ReadonlyMap<string, Point>,
): string[] {
  const ids = [...out.keys()];
  const bad: string[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      if (known.has(a) && known.has(b)) continue;
      if (overlap(rectOf(nodes, a, out.get(a)!), rectOf(nodes, b, out.get(b)!))) bad.push(`${a} × ${b}`);
    }
  return bad;
}

describe('placeNodes', () => {
  it('keeps every known position exactly, dragged ones too', () => {
    const nodes = cluster([3, 2]);
    const known = layoutGraph(nodes, []);
    known.set('ep:n0/p1', { x: 999, y: -50 });
    const out = placeNodes(nodes, [], known);
    for (const [id, p] of known) expect(out.get(id)).toEqual(p);
    expect(out.size).toBe(5);
  });

  it('puts a new pod in its namespace box, next to its siblings, on a free cell', () => {
    const before = cluster([4, 4, 4]);
    const known = layoutGraph(before, []);
    const nodes = [...before, node('ep:n1/new', 'pod', { parent: 'ns:n1', namespace: 'n1' })];
    const out = placeNodes(nodes, [], known);
    const p = out.get('ep:n1/new')!;
    const sibs = ['p0', 'p1', 'p2', 'p3'].map((s) => known.get(`ep:n1/${s}`)!);
    const near = Math.min(...sibs.map((s) => Math.hypot(s.x - p.x, s.y - p.y)));
    expect(near).toBeLessThanOrEqual(200);
    expect(clashes(nodes, out, known)).toEqual([]);
    for (const [id, q] of known) expect(out.get(id)).toEqual(q);
  });

  it('places a new namespace box on free space, apart from every other box', () => {
    const before = cluster([3, 5]);
    const known = layoutGraph(before, []);
    const nodes = [...before, ...cluster([0, 0, 4]).filter((n) => n.namespace === 'n2')];
    const out = placeNodes(nodes, [], known);
    const fresh = ['p0', 'p1', 'p2', 'p3'].map((s) => `ep:n2/${s}`);
    for (const id of fresh) expect(out.has(id)).toBe(true);
    expect(clashes(nodes, out, known)).toEqual([]);
  });

  it('puts a node that comes back where it was, when that spot is free', () => {
    const nodes = cluster([4]);
    const all = layoutGraph(nodes, []);
    const known = new Map([...all].filter(([id]) => id !== 'ep:n0/p2'));
    const out = placeNodes(nodes, [], known, new Map([['ep:n0/p2', all.get('ep:n0/p2')!]]));
    expect(out.get('ep:n0/p2')).toEqual(all.get('ep:n0/p2'));
  });

  it('places a namespace opened in place of its node near where that node was', () => {
    const known = new Map<string, Point>([
      ['nsa:a', { x: 0, y: 0 }],
      ['nsa:b', { x: 2000, y: 0 }],
    ]);
    const nodes = [
      node('nsa:a', 'nsagg', { namespace: 'a' }),
      node('ns:b', 'namespace', { namespace: 'b' }),
      node('ep:b/x', 'pod', { parent: 'ns:b', namespace: 'b' }),
      node('ep:b/y', 'pod', { parent: 'ns:b', namespace: 'b' }),
    ];
    const out = placeNodes(
      nodes,
      [],
      new Map([['nsa:a', known.get('nsa:a')!]]),
      new Map([['nsa:b', { x: 2000, y: 0, namespace: 'b' }]]),
    );
    const x = out.get('ep:b/x')!;
    expect(Math.hypot(x.x - 2000, x.y)).toBeLessThan(400);
  });

  it('lays out many new namespaces with nothing to be near together, beside the drawing', () => {
    const nodes = [node('r:a', 'range'), ...cluster([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3])];
    const known = new Map([['r:a', { x: 0, y: 0 }]]);
    const out = placeNodes(nodes, [], known);
    expect(out.get('r:a')).toEqual({ x: 0, y: 0 });
    expect(clashes(nodes, out, known)).toEqual([]);
    const xs = [...out.values()].map((p) => p.x);
    const ys = [...out.values()].map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    // Packed in rows like a full layout, not strung out in one line of twelve boxes.
    expect(w / Math.max(1, h)).toBeLessThan(4);
  });

  it('is deterministic, and never moves a kept node nor overlaps a new one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (was, now, keep) => {
          const before = cluster(was);
          const known0 = layoutGraph(before, []);
          const nodes = cluster(now);
          // Some of the old nodes are gone, some kept; the rest of `nodes` is new.
          const leaves = nodes.filter((n) => !nodes.some((m) => m.parent === n.id));
          const leafIds = new Set(leaves.map((n) => n.id));
          const known = new Map([...known0].filter(([id], i) => leafIds.has(id) && keep[i % keep.length]));
          const out = placeNodes(nodes, [], known);
          for (const [id, p] of known) expect(out.get(id)).toEqual(p);
          expect(new Set(out.keys())).toEqual(new Set(leaves.map((n) => n.id)));
          expect(clashes(nodes, out, known)).toEqual([]);
          expect(placeNodes(nodes, [], known)).toEqual(out);
        },
      ),
      { numRuns: 150 },
    );
  });
});
