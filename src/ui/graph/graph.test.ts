import { describe, expect, it } from 'vitest';
import { analysisFrom, DEFAULT_ENGINE_OPTIONS, reachabilityData } from '../../engine';
import type { Endpoint, Snapshot } from '../../model';
import type { Filters, Selection } from '../../state/store';
import { cluster, pod, policy } from '../../testing/fixtures';
import { buildGraph } from './build';
import { toElements } from './elements';
import { focusOf } from './focus';
import { layoutGraph, nodeSize } from './layout';
import type { Budget, GraphInput, GraphStructure } from './model';

const NO_FILTERS: Filters = {
  namespaces: [],
  labelQuery: '',
  port: null,
  onlyIsolated: false,
  hideUnrestricted: false,
};

const replica = (id: string, labels: Record<string, string>, workload: string): Endpoint => ({
  ...pod(id, labels),
  workload,
});

/**
 * shop: three web replicas (no policy), one api (ingress from web on 8080; egress to db on 5432
 * and to the internet but 10/8 on 443), one db (ingress from api on 5432).
 * ops: prometheus, no policy.
 */
function shop(): Snapshot {
  return cluster({
    namespaces: { shop: { team: 'shop' }, ops: { role: 'monitoring' } },
    endpoints: [
      replica('shop/web-1', { app: 'web' }, 'shop/web[Deployment]'),
      replica('shop/web-2', { app: 'web' }, 'shop/web[Deployment]'),
      replica('shop/web-3', { app: 'web' }, 'shop/web[Deployment]'),
      replica('shop/api-7f-x', { app: 'api' }, 'shop/api[Deployment]'),
      {
        ...pod(
          'shop/db-0',
          { app: 'db' },
          { ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }] },
        ),
        workload: 'shop/db[StatefulSet]',
      },
      pod('ops/prom', { app: 'prom' }),
    ],
    policies: [
      policy('shop/db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
      }),
      policy('shop/api', {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
        egress: [
          { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] },
        ],
      }),
    ],
  });
}

function input(
  snapshot: Snapshot,
  opts: {
    filters?: Partial<Filters>;
    expanded?: string[];
    selection?: Selection;
    budget?: Budget;
  } = {},
): GraphInput {
  const data = reachabilityData(snapshot);
  return {
    snapshot,
    data,
    analysis: analysisFrom(snapshot, DEFAULT_ENGINE_OPTIONS, data),
    filters: { ...NO_FILTERS, ...opts.filters },
    expanded: new Set(opts.expanded ?? []),
    selection: opts.selection ?? null,
    budget: opts.budget ?? { nodes: 1500, edges: 5000 },
  };
}

const graphOf = (i: GraphInput): GraphStructure => buildGraph(i);
const node = (g: GraphStructure, id: string) => g.nodes.find((n) => n.id === id);
const edge = (g: GraphStructure, from: string, to: string) =>
  g.edges.find((e) => e.source === from && e.target === to);
const ids = (g: GraphStructure): string[] => g.nodes.map((n) => n.id).sort();

const WEB = 'g:shop/web[Deployment]';
const API = 'ep:shop/api-7f-x';
const DB = 'ep:shop/db-0';
const PROM = 'ep:ops/prom';

describe('buildGraph > pod level', () => {
  const g = graphOf(input(shop()));

  it('draws namespaces as boxes holding their pods', () => {
    expect(g.level).toBe('pods');
    expect(g.aggregated).toBe(false);
    expect(node(g, 'ns:shop')?.kind).toBe('namespace');
    expect(node(g, DB)?.parent).toBe('ns:shop');
    expect(node(g, PROM)?.parent).toBe('ns:ops');
  });

  it('groups the replicas of one workload into one node with their count', () => {
    const web = node(g, WEB);
    expect(web).toMatchObject({ kind: 'group', label: 'web', count: 3, iso: 'none', expandable: true });
    expect(g.nodes.filter((n) => n.id.startsWith('ep:shop/web'))).toEqual([]);
    expect(g.nodeOf.get('shop/web-2')).toBe(WEB);
  });

  it('names the only pod of a workload after the workload', () => {
    expect(node(g, API)?.label).toBe('api');
    expect(node(g, PROM)?.label).toBe('prom');
  });

  it('shows isolation per node', () => {
    expect(node(g, API)?.iso).toBe('both');
    expect(node(g, DB)?.iso).toBe('ingress');
    expect(node(g, PROM)?.iso).toBe('none');
  });

  it('draws one directed edge per node pair with its ports and an example pair', () => {
    const e = edge(g, WEB, API);
    expect(e).toMatchObject({ ports: 'TCP 8080', pairs: 3, possible: 3, open: false, to: 'shop/api-7f-x' });
    expect(e?.from).toMatch(/^shop\/web-/);
    expect(edge(g, API, DB)?.ports).toBe('TCP 5432');
    expect(edge(g, WEB, DB)).toBeUndefined();
    expect(edge(g, API, WEB)).toBeUndefined();
  });

  it('marks traffic that no policy restricts as open', () => {
    expect(edge(g, WEB, PROM)).toMatchObject({ open: true, ports: 'all ports', pairs: 3 });
    expect(edge(g, PROM, WEB)?.open).toBe(true);
  });

  it('draws external ranges, merging those every policy treats alike', () => {
    const ranges = g.nodes.filter((n) => n.kind === 'range');
    const labels = ranges.map((r) => r.label).sort();
    expect(labels).toContain('0.0.0.0/0 except 10.0.0.0/8');
    expect(labels).toContain('10.0.0.0/8');
    const pub = ranges.find((r) => r.label.startsWith('0.0.0.0/0'))!;
    expect(pub.parent).toBe('ext');
    expect(pub.count).toBe(2);
    expect(edge(g, API, pub.id)?.ports).toBe('TCP 443');
    const priv = ranges.find((r) => r.label === '10.0.0.0/8')!;
    expect(edge(g, API, priv.id)).toBeUndefined();
    expect(edge(g, priv.id, API)).toBeUndefined();
    expect(edge(g, priv.id, WEB)?.open).toBe(true);
  });

  it('shows the pods of a group the user opened', () => {
    const open = graphOf(input(shop(), { expanded: [WEB] }));
    expect(node(open, WEB)).toBeUndefined();
    const pods = open.nodes.filter((n) => n.id.startsWith('ep:shop/web-'));
    expect(pods.map((p) => p.label).sort()).toEqual(['web-1', 'web-2', 'web-3']);
    expect(pods.every((p) => p.expandKey === WEB && p.expanded)).toBe(true);
    expect(edge(open, 'ep:shop/web-1', API)?.pairs).toBe(1);
  });
});

describe('buildGraph > aggregation above the budget', () => {
  it('draws namespaces with counts of allowed pairs when there are too many nodes', () => {
    const g = graphOf(input(shop(), { budget: { nodes: 3, edges: 5000 } }));
    expect(g.level).toBe('namespaces');
    expect(g.aggregated).toBe(true);
    expect(ids(g).filter((i) => i.startsWith('nsa:'))).toEqual(['nsa:ops', 'nsa:shop']);
    expect(node(g, 'nsa:shop')).toMatchObject({ kind: 'nsagg', count: 5, expandKey: 'ns:shop' });
    expect(node(g, 'nsa:shop')?.isoCounts).toEqual({ both: 1, ingress: 1, egress: 0, none: 3 });
    expect(node(g, 'nsa:shop')?.iso).toBe('mixed');
    // web×3 and db reach prom (4 pairs); api does not.
    expect(edge(g, 'nsa:shop', 'nsa:ops')?.pairs).toBe(4);
    expect(edge(g, 'nsa:ops', 'nsa:shop')?.pairs).toBe(3);
    expect(node(g, 'exta')?.kind).toBe('extagg');
  });

  it('counts the pairs inside a namespace on its node', () => {
    const g = graphOf(input(shop(), { budget: { nodes: 3, edges: 5000 } }));
    // web↔web (6), web→api (3), api→db (1), db→web (3), db→api? no (api ingress only from web).
    expect(node(g, 'nsa:shop')?.internalPairs).toBe(6 + 3 + 1 + 3);
  });

  it('aggregates when the edges exceed the budget', () => {
    const g = graphOf(input(shop(), { budget: { nodes: 100, edges: 2 } }));
    expect(g.level).toBe('namespaces');
  });

  it('opens a namespace the user expands, at workload level', () => {
    const g = graphOf(input(shop(), { budget: { nodes: 3, edges: 5000 }, expanded: ['ns:shop'] }));
    expect(g.level).toBe('namespaces');
    expect(node(g, 'ns:shop')).toMatchObject({ kind: 'namespace', expanded: true, expandable: true });
    expect(node(g, WEB)?.parent).toBe('ns:shop');
    expect(node(g, 'nsa:ops')).toBeDefined();
    expect(edge(g, WEB, 'nsa:ops')?.pairs).toBe(3);
  });

  it('keeps the biggest namespace edges when even namespaces exceed the budget', () => {
    const g = graphOf(input(shop(), { budget: { nodes: 1, edges: 1 } }));
    expect(g.edges).toHaveLength(1);
    expect(g.droppedEdges).toBeGreaterThan(0);
  });
});

describe('buildGraph > filters', () => {
  it('keeps only connections that allow the asked port ("who can reach TCP 5432?")', () => {
    const g = graphOf(input(shop(), { filters: { port: { port: 5432, protocol: 'TCP' } } }));
    expect(edge(g, API, DB)).toBeDefined();
    expect(edge(g, WEB, API)).toBeUndefined();
    expect(edge(g, WEB, PROM)?.ports).toBe('all ports');
    expect(g.edges.every((e) => e.ports === 'all ports' || e.ports.includes('5432'))).toBe(true);
  });

  it('hides traffic that no policy restricts', () => {
    const g = graphOf(input(shop(), { filters: { hideUnrestricted: true } }));
    expect(g.edges.every((e) => !e.open)).toBe(true);
    expect(edge(g, WEB, PROM)).toBeUndefined();
    expect(edge(g, WEB, API)).toBeDefined();
    expect(edge(g, API, DB)).toBeDefined();
  });

  it('draws the matching endpoints and, as context, what connects to them', () => {
    const g = graphOf(input(shop(), { filters: { labelQuery: 'app=db' } }));
    expect(node(g, DB)?.context).toBe(false);
    expect(node(g, API)?.context).toBe(true);
    // web and db are not connected (db admits only api), and web→prom involves no match.
    expect(node(g, WEB)?.context).toBe(true); // db → web (db is not egress-isolated)
    expect(edge(g, WEB, PROM)).toBeUndefined();
    expect(
      g.edges.every(
        (e) => e.source === DB || e.target === DB || e.source.startsWith('ip:') || e.target.startsWith('ip:'),
      ),
    ).toBe(true);
  });

  it('filters by namespace', () => {
    const g = graphOf(input(shop(), { filters: { namespaces: ['ops'] } }));
    expect(node(g, PROM)?.context).toBe(false);
    expect(node(g, WEB)?.context).toBe(true);
    expect(edge(g, WEB, API)).toBeUndefined();
  });

  it('keeps only isolated endpoints (and their context)', () => {
    const g = graphOf(input(shop(), { filters: { onlyIsolated: true, hideUnrestricted: true } }));
    expect(node(g, API)?.context).toBe(false);
    expect(node(g, DB)?.context).toBe(false);
    expect(node(g, PROM)).toBeUndefined();
  });

  it('draws nothing when nothing matches', () => {
    const g = graphOf(input(shop(), { filters: { labelQuery: 'app=nothing' } }));
    expect(g.nodes).toEqual([]);
    expect(g.edges).toEqual([]);
  });
});

describe('focusOf', () => {
  const g = graphOf(input(shop()));
  const ctx = input(shop());

  it('focuses a pod with its incoming and outgoing connections', () => {
    const f = focusOf(g, { kind: 'endpoint', id: 'shop/api-7f-x' }, ctx)!;
    expect(f.nodes.get(API)).toBe('focus');
    expect(f.nodes.get(WEB)).toBe('near');
    expect(f.nodes.get(DB)).toBe('near');
    expect(f.nodes.has(PROM)).toBe(false);
    expect([...f.edges].sort()).toEqual(
      g.edges
        .filter((e) => e.source === API || e.target === API)
        .map((e) => e.id)
        .sort(),
    );
    expect(f.message).toBe(
      'shop/api-7f-x: 3 incoming connections and 3 outgoing connections (drawn as 1 and 2 edges).',
    );
  });

  it('focuses the group that holds a selected replica', () => {
    const f = focusOf(g, { kind: 'endpoint', id: 'shop/web-2' }, ctx)!;
    expect(f.nodes.get(WEB)).toBe('focus');
  });

  it('focuses the edge of a selected pair', () => {
    const f = focusOf(g, { kind: 'pair', from: 'shop/web-1', to: 'shop/api-7f-x' }, ctx)!;
    expect([...f.edges]).toEqual([`${WEB}->${API}`]);
    expect(f.nodes.get(WEB)).toBe('focus');
    expect(f.nodes.get(API)).toBe('focus');
    expect(f.message).toMatch(/allowed \(TCP 8080\)/);
  });

  it("highlights a policy's subjects and the peers its rules admit", () => {
    const f = focusOf(g, { kind: 'policy', id: 'shop/api' }, ctx)!;
    expect(f.nodes.get(API)).toBe('subject');
    expect(f.nodes.get(WEB)).toBe('peer');
    expect(f.nodes.get(DB)).toBe('peer');
    expect(f.nodes.has(PROM)).toBe(false);
    const pub = g.nodes.find((n) => n.label.startsWith('0.0.0.0/0'))!;
    expect(f.nodes.get(pub.id)).toBe('peer');
    expect(f.edges.has(`${WEB}->${API}`)).toBe(true);
    expect(f.edges.has(`${API}->${DB}`)).toBe(true);
    expect(f.edges.has(`${WEB}->${PROM}`)).toBe(false);
  });

  it('focuses a namespace and what it talks to', () => {
    const f = focusOf(g, { kind: 'namespace', id: 'ops' }, ctx)!;
    expect(f.nodes.get('ns:ops')).toBe('focus');
    expect(f.nodes.get(PROM)).toBe('focus');
    expect(f.nodes.get(WEB)).toBe('near');
  });

  it('says so when the selection is hidden by the filters', () => {
    const filtered = graphOf(input(shop(), { filters: { namespaces: ['ops'], hideUnrestricted: true } }));
    const f = focusOf(filtered, { kind: 'endpoint', id: 'shop/db-0' }, ctx)!;
    expect(f.nodes.size).toBe(0);
    expect(f.message).toMatch(/not in the graph/);
  });

  it('is null without a selection', () => {
    expect(focusOf(g, null, ctx)).toBeNull();
  });
});

describe('toElements', () => {
  it('turns the graph into Cytoscape elements with isolation classes and focus', () => {
    const out = toElements(input(shop(), { selection: { kind: 'endpoint', id: 'shop/api-7f-x' } }));
    expect(out.aggregated).toBe(false);
    const byId = new Map(out.elements.map((e) => [String(e.data.id), e]));
    expect(byId.get(DB)?.classes).toContain('iso-ingress');
    expect(byId.get(API)?.classes).toContain('focus');
    expect(byId.get(DB)?.classes).toContain('near');
    expect(byId.get(PROM)?.classes).toContain('faded');
    expect(byId.get('ns:shop')?.classes).not.toContain('faded');
    expect(byId.get(WEB)?.data.label).toBe('web ×3');
    const e = byId.get(`${WEB}->${API}`)!;
    expect(e.data).toMatchObject({ source: WEB, target: API, label: 'TCP 8080' });
    expect(String(e.data.title)).toContain('web ×3 → api: TCP 8080');
    expect(out.summary).toMatch(/^2 namespaces, \d+ nodes for 6 endpoints/);
  });

  it('labels aggregated edges with their pair counts', () => {
    const out = toElements(input(shop(), { budget: { nodes: 3, edges: 5000 } }));
    expect(out.aggregated).toBe(true);
    const e = out.elements.find((x) => x.data.id === 'nsa:shop->nsa:ops')!;
    expect(String(e.data.label)).toMatch(/^4 · /);
    expect(out.summary).toMatch(/^Aggregated to namespaces/);
  });
});

describe('layoutGraph', () => {
  const g = graphOf(input(shop()));

  it('is deterministic and places every leaf', () => {
    const a = layoutGraph(g.nodes, g.edges);
    const b = layoutGraph(g.nodes, g.edges);
    expect([...a.entries()]).toEqual([...b.entries()]);
    const leaves = g.nodes.filter((n) => !g.nodes.some((m) => m.parent === n.id));
    expect(leaves.every((n) => a.has(n.id))).toBe(true);
  });

  it('never overlaps two nodes', () => {
    const pos = layoutGraph(g.nodes, g.edges);
    const placed = [...pos.entries()];
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const [, p] = placed[i]!;
        const [, q] = placed[j]!;
        expect(Math.abs(p.x - q.x) >= 100 || Math.abs(p.y - q.y) >= 50).toBe(true);
      }
    }
  });

  it('puts the addresses outside the cluster in a column to the right', () => {
    const pos = layoutGraph(g.nodes, g.edges);
    const ranges = g.nodes.filter((n) => n.kind === 'range').map((n) => pos.get(n.id)!.x);
    const pods = g.nodes.filter((n) => n.namespace && n.kind !== 'namespace').map((n) => pos.get(n.id)!.x);
    expect(Math.min(...ranges)).toBeGreaterThan(Math.max(...pods));
  });

  it('sizes namespace nodes by their number of endpoints', () => {
    expect(nodeSize({ kind: 'nsagg', count: 1000 }).w).toBeGreaterThan(
      nodeSize({ kind: 'nsagg', count: 2 }).w,
    );
  });
});
