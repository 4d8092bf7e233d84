import { describe, expect, it } from 'vitest';
import { diffReachability, reachabilityData } from '../../engine';
import type { ConnectionChange } from '../../engine/diff';
import type { Snapshot } from '../../model';
import { cluster, pod, policy } from '../../testing/fixtures';
import { buildGraph } from './build';
import { cyElements } from './elements';
import { graphImpact, impactLabel } from './impact';
import type { GraphStructure } from './model';
import { pickedNodes, pickIdsOf, togglePicked } from './picking';

const FILTERS = { namespaces: [], labelQuery: '', port: null, onlyIsolated: false, hideUnrestricted: false };

/** web (2 replicas), api, db, prom: db lets api in on 5432; api lets web in, and prom from any namespace. */
function before(): Snapshot {
  return cluster({
    namespaces: { shop: {}, ops: {} },
    endpoints: [
      { ...pod('shop/web-1', { app: 'web' }), workload: 'shop/web[Deployment]' },
      { ...pod('shop/web-2', { app: 'web' }), workload: 'shop/web[Deployment]' },
      pod('shop/api', { app: 'api' }),
      pod('shop/db', { app: 'db' }),
      pod('ops/prom', { app: 'prom' }),
    ],
    policies: [
      policy('shop/db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
      }),
      policy('shop/api', {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'web' } } }] },
          { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prom' } } }] },
        ],
      }),
    ],
  });
}

/** The draft: db also lets web in (added), api only on 8080 (changed), and prom no longer reaches api (removed). */
function after(): Snapshot {
  const s = before();
  return {
    ...s,
    policies: [
      policy('shop/db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] },
          { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] },
        ],
      }),
      policy('shop/api', {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
      }),
    ],
  };
}

function graphAndChanges(nodes = 1500): { graph: GraphStructure; changes: ConnectionChange[] } {
  const a = before();
  const b = after();
  const da = reachabilityData(a);
  const db = reachabilityData(b);
  const diff = diffReachability({ snapshot: a, data: da }, { snapshot: b, data: db });
  const graph = buildGraph({
    snapshot: b,
    data: db,
    analysis: undefined as never,
    filters: FILTERS,
    expanded: new Set(),
    budget: { nodes, edges: 5000 },
  });
  return { graph, changes: [...diff.changes] };
}

const WEB = 'g:shop/web[Deployment]';
const API = 'ep:shop/api';
const DB = 'ep:shop/db';
const PROM = 'ep:ops/prom';

describe('graphImpact', () => {
  it('marks gained edges green, changed ones amber, and draws lost connections as ghosts', () => {
    const { graph, changes } = graphAndChanges();
    const impact = graphImpact(graph, changes);
    expect(impact.edges.get(`${WEB}->${DB}`)).toMatchObject({ impact: 'added', added: 2, removed: 0 });
    expect(impact.edges.get(`${WEB}->${API}`)).toMatchObject({ impact: 'changed', changed: 2 });
    const ghosts = impact.ghosts.map((g) => [g.source, g.target, g.removed]);
    expect(ghosts).toContainEqual([PROM, API, 1]);
    expect(ghosts).toHaveLength(1);
    // A ghost is never an edge the analysis shown still has.
    const drawn = new Set(graph.edges.map((e) => e.id));
    for (const g of impact.ghosts) expect(drawn.has(`${g.source}->${g.target}`)).toBe(false);
    const prom = impact.ghosts.find((g) => g.source === PROM)!;
    expect([prom.from, prom.to]).toEqual(['ops/prom', 'shop/api']);
    expect(prom.title).toContain('no longer allowed with the draft');
  });

  it('turns into element classes and ghost edges', () => {
    const { graph, changes } = graphAndChanges();
    const defs = cyElements(graph, null, { impact: graphImpact(graph, changes) });
    const byId = new Map(defs.map((d) => [String(d.data.id), d]));
    expect(byId.get(`${WEB}->${DB}`)?.classes).toContain('imp-added');
    expect(byId.get(`${WEB}->${API}`)?.classes).toContain('imp-changed');
    const ghost = byId.get(`ghost:${PROM}->${API}`);
    expect(ghost?.classes).toContain('ghost');
    // One lost pod pair is drawn without a count.
    expect(ghost?.data).toMatchObject({ source: PROM, target: API, label: '' });
    expect(cyElements(graph, null).some((d) => String(d.data.id).startsWith('ghost:'))).toBe(false);
  });

  it('at namespace level, colours the aggregated edge holding a change and labels it +n/−m', () => {
    const { graph, changes } = graphAndChanges(2);
    expect(graph.aggregated).toBe(true);
    const impact = graphImpact(graph, changes);
    // prom → api is lost, but ops still reaches shop (the web pods): the edge stays, amber, "+0/−1".
    expect(impact.edges.get('nsa:ops->nsa:shop')).toMatchObject({
      impact: 'changed',
      removed: 1,
      label: '+0/−1',
    });
    expect(impact.ghosts).toEqual([]);
    const def = cyElements(graph, null, { impact }).find((d) => d.data.id === 'nsa:ops->nsa:shop');
    expect(def?.classes).toContain('imp-changed');
    expect(String(def?.data.label)).toMatch(/^\+0\/−1 · /);
  });

  it('counts changes per aggregated edge, and skips changes inside one node', () => {
    const { graph: g0, changes } = graphAndChanges();
    // Everything in one node: nothing to draw between nodes.
    const one: GraphStructure = { ...g0, nodeOf: new Map([...g0.nodeOf].map(([k]) => [k, 'nsa:x'])) };
    expect(graphImpact(one, changes)).toEqual({ edges: new Map(), ghosts: [] });
    expect(impactLabel(3, 1, 0)).toBe('+3/−1');
    expect(impactLabel(1200, 0, 2)).toBe('+1,200/−0/±2');
  });
});

describe('picking', () => {
  it('picks the pods a node stands for, toggles them, and marks the nodes that show them', () => {
    const { graph } = graphAndChanges();
    expect(pickIdsOf(graph, { kind: 'group', id: WEB, rep: 'shop/web-1' })).toEqual([
      'shop/web-1',
      'shop/web-2',
    ]);
    expect(pickIdsOf(graph, { kind: 'pod', id: API, rep: 'shop/api' })).toEqual(['shop/api']);
    expect(pickIdsOf(graph, { kind: 'namespace', id: 'ns:shop', rep: 'shop' })).toEqual([]);
    let picked = togglePicked([], ['shop/api']);
    picked = togglePicked(picked, ['shop/web-1', 'shop/web-2']);
    expect(picked).toEqual(['shop/api', 'shop/web-1', 'shop/web-2']);
    expect([...pickedNodes(graph, picked)].sort()).toEqual([API, WEB].sort());
    expect(togglePicked(picked, ['shop/web-1', 'shop/web-2'])).toEqual(['shop/api']);
    expect(togglePicked(['shop/web-1'], ['shop/web-1', 'shop/web-2'])).toEqual(['shop/web-1', 'shop/web-2']);
    const defs = cyElements(graph, null, { picked: pickedNodes(graph, ['shop/api']) });
    expect(defs.find((d) => d.data.id === API)?.classes).toContain('picked');
    expect(defs.find((d) => d.data.id === DB)?.classes).not.toContain('picked');
  });
});
