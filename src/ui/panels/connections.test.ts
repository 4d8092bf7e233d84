import { describe, expect, it } from 'vitest';
import {
  analysisFrom,
  DEFAULT_ENGINE_OPTIONS,
  portSets,
  reachabilityData,
  type PortsByProtocol,
} from '../../engine';
import type { Endpoint, NetworkPolicyPeer, NetworkPolicyPort, Policy, Snapshot } from '../../model';
import { DEFAULT_FILTERS, type Filters } from '../../state/store';
import { cluster, pod, policy } from '../../testing/fixtures';
import { Prng } from '../../testing/prng';
import { connectionCounts, connectionView, type Sort } from './connections';
import { endpointMatchesQuery, parseLabelQuery, rangeMatchesQuery } from './filters';
import { compareIds, ReachIndex } from './reach-index';

const NS = ['x', 'y', 'z'];
const APPS = ['web', 'api', 'db'];

function randomCluster(seed: number): Snapshot {
  const r = new Prng(seed);
  const endpoints: Endpoint[] = [];
  for (let i = 0; i < 14; i++) {
    const ns = NS[r.int(0, 2)]!;
    endpoints.push(
      pod(
        `${ns}/p${i}`,
        { app: APPS[r.int(0, 2)]!, ...(r.chance(0.5) ? { tier: 't' } : {}) },
        {
          ports: [{ name: 'http', containerPort: r.chance(0.5) ? 80 : 8080, protocol: 'TCP' }],
          ips: r.chance(0.7) ? [`10.0.${r.int(0, 3)}.${i + 1}`] : [],
        },
      ),
    );
  }
  const peer = (): NetworkPolicyPeer =>
    r.chance(0.25)
      ? { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }
      : r.chance(0.5)
        ? { podSelector: { matchLabels: { app: APPS[r.int(0, 2)]! } } }
        : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': NS[r.int(0, 2)]! } } };
  const port = (): NetworkPolicyPort =>
    r.chance(0.3)
      ? { port: 'http' }
      : r.chance(0.5)
        ? { port: 53, protocol: 'UDP' }
        : { port: 80, endPort: 90 };
  const policies: Policy[] = [];
  for (let i = 0; i < 5; i++) {
    const ns = NS[r.int(0, 2)]!;
    const rules = Array.from({ length: r.int(0, 2) }, () => ({
      ...(r.chance(0.8) ? { from: [peer()], to: [peer()] } : {}),
      ...(r.chance(0.6) ? { ports: [port()] } : {}),
    }));
    policies.push(
      policy(`${ns}/pol${i}`, {
        podSelector: r.chance(0.4) ? {} : { matchLabels: { app: APPS[r.int(0, 2)]! } },
        policyTypes: r.chance(0.5) ? ['Ingress'] : ['Ingress', 'Egress'],
        ingress: rules.map((x) => ({
          ...(x.from ? { from: x.from } : {}),
          ...(x.ports ? { ports: x.ports } : {}),
        })),
        egress: rules.map((x) => ({ ...(x.to ? { to: x.to } : {}), ...(x.ports ? { ports: x.ports } : {}) })),
      }),
    );
  }
  return cluster({ endpoints, policies });
}

interface Pair {
  from: string;
  to: string;
  ports: PortsByProtocol;
}

/** The rows the table should show, by listing every pair and filtering it one by one. */
function bruteForce(snapshot: Snapshot, filters: Filters, sort: Sort): Pair[] {
  const analysis = analysisFrom(snapshot, DEFAULT_ENGINE_OPTIONS, reachabilityData(snapshot));
  const eps = new Map(snapshot.endpoints.map((e) => [e.id, e]));
  const terms = parseLabelQuery(filters.labelQuery);
  const iso = (id: string) => {
    const i = analysis.isolation(id);
    return i ? { ...i } : { ingress: false, egress: false };
  };
  const matches = (id: string): boolean => {
    const e = eps.get(id);
    if (!e) return filters.namespaces.length === 0 && !filters.onlyIsolated && rangeMatchesQuery(id, terms);
    if (filters.namespaces.length > 0 && !filters.namespaces.includes(e.namespace)) return false;
    if (filters.onlyIsolated && !iso(id).ingress && !iso(id).egress) return false;
    return endpointMatchesQuery(e, terms);
  };
  const rank = new Map<string, number>();
  [...snapshot.endpoints.map((e) => e.id).sort(compareIds), ...analysis.ipRanges.map((r) => r.id)].forEach(
    (id, i) => rank.set(id, i),
  );
  const rows: Pair[] = [];
  analysis.forEachConnection((from, to, ports) => {
    if (!matches(from) && !matches(to)) return;
    const q = filters.port;
    if (q && !portSets.rangesContain(ports[q.protocol], q.port)) return;
    if (filters.hideUnrestricted && !iso(from).egress && !iso(to).ingress) return;
    rows.push({ from, to, ports });
  });
  const r = (id: string) => rank.get(id)!;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const portKey = (p: PortsByProtocol) =>
    p[sort.key as 'TCP']
      .map(([a, b]) => `${String(a).padStart(5, '0')}-${String(b).padStart(5, '0')}`)
      .join(',');
  rows.sort((a, b) => {
    if (sort.key === 'from') return sign * (r(a.from) - r(b.from)) || r(a.to) - r(b.to);
    if (sort.key === 'to') return sign * (r(a.to) - r(b.to)) || r(a.from) - r(b.from);
    const ka = portKey(a.ports);
    const kb = portKey(b.ports);
    return sign * (ka < kb ? -1 : ka > kb ? 1 : 0) || r(a.from) - r(b.from) || r(a.to) - r(b.to);
  });
  return rows;
}

const FILTER_CASES: [string, Partial<Filters>][] = [
  ['no filter', {}],
  ['a namespace', { namespaces: ['y'] }],
  ['two namespaces', { namespaces: ['x', 'z'] }],
  ['a label', { labelQuery: 'app=db' }],
  ['a label and text', { labelQuery: 'tier= p1' }],
  ['text that matches ranges', { labelQuery: '10.0.' }],
  ['a negated label', { labelQuery: 'app!=web' }],
  ['a port', { port: { port: 80, protocol: 'TCP' } }],
  ['a UDP port', { port: { port: 53, protocol: 'UDP' } }],
  ['only isolated', { onlyIsolated: true }],
  ['hide unrestricted', { hideUnrestricted: true }],
  [
    'everything',
    { namespaces: ['x'], port: { port: 85, protocol: 'TCP' }, hideUnrestricted: true, onlyIsolated: true },
  ],
];
const SORTS: Sort[] = [
  { key: 'from', dir: 'asc' },
  { key: 'from', dir: 'desc' },
  { key: 'to', dir: 'asc' },
  { key: 'to', dir: 'desc' },
  { key: 'TCP', dir: 'asc' },
  { key: 'UDP', dir: 'desc' },
];

const text = (rows: Pair[]) => rows.map((x) => `${x.from}>${x.to} ${portSets.portsKey(x.ports)}`);

describe('connections view > agrees with listing every pair', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const snapshot = randomCluster(seed);
    const ix = new ReachIndex(snapshot, reachabilityData(snapshot));
    for (const [name, partial] of FILTER_CASES) {
      it(`seed ${seed}: ${name}`, () => {
        const filters = { ...DEFAULT_FILTERS, ...partial };
        for (const sort of SORTS) {
          const expected = bruteForce(snapshot, filters, sort);
          const view = connectionView(ix, filters, sort);
          expect(view.total, `${sort.key} ${sort.dir}`).toBe(expected.length);
          const pages: Pair[] = [];
          for (let off = 0; off < view.total; off += 7) pages.push(...view.page(off, 7));
          expect(text(pages), `${sort.key} ${sort.dir}`).toEqual(text(expected));
        }
      });
    }
  }
});

describe('connections view > paging', () => {
  const snapshot = cluster({ endpoints: [pod('a/one'), pod('a/two'), pod('b/three')] });
  const ix = new ReachIndex(snapshot, reachabilityData(snapshot));
  it('counts every pair of an open cluster, pods and ranges alike', () => {
    const view = connectionView(ix, DEFAULT_FILTERS, { key: 'from', dir: 'asc' });
    // 3 pods: 6 pod pairs; each pod to and from each range.
    expect(view.total).toBe(6 + 2 * 3 * ix.k);
    expect(view.page(0, 2).map((r) => `${r.from}>${r.to}`)).toEqual(['a/one>a/two', 'a/one>b/three']);
  });
  it('returns nothing past the end', () => {
    const view = connectionView(ix, DEFAULT_FILTERS, { key: 'to', dir: 'asc' });
    expect(view.page(view.total, 10)).toEqual([]);
    expect(view.page(view.total - 1, 10)).toHaveLength(1);
  });
  it('hides everything when nothing is isolated and unrestricted traffic is hidden', () => {
    expect(
      connectionView(ix, { ...DEFAULT_FILTERS, hideUnrestricted: true }, { key: 'from', dir: 'asc' }).total,
    ).toBe(0);
  });
  it('counts incoming and outgoing pairs of one endpoint', () => {
    const node = ix.indexOf('a/one')!;
    expect(connectionCounts(ix, node, DEFAULT_FILTERS)).toEqual({ incoming: 2 + ix.k, outgoing: 2 + ix.k });
  });
});
