import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisFrom, DEFAULT_ENGINE_OPTIONS, portSets, reachabilityData } from '../../engine';
import type { Snapshot } from '../../model';
import type { Filters } from '../../state/store';
import { cluster, pod, policy } from '../../testing/fixtures';
import {
  defaultMatrixPort,
  entryName,
  matrixAxis,
  matrixScope,
  namespaceMatrix,
  pairCounts,
  podMatrixPage,
  portChoices,
  rangeGroups,
  type MatrixScope,
} from './matrix';
import { ReachIndex } from './reach-index';

const http = { name: 'http', containerPort: 8080, protocol: 'TCP' as const };
const pg = { name: 'postgres', containerPort: 5432, protocol: 'TCP' as const };
const snapshot: Snapshot = cluster({
  endpoints: [
    pod('web/a', { app: 'web' }, { ports: [http] }),
    pod('web/b', { app: 'web' }, { ports: [http] }),
    pod('api/c', { app: 'api' }, { ports: [http] }),
    pod('data/db', { app: 'db' }, { ports: [pg] }),
    pod('data/db2', { app: 'db' }, { ports: [pg] }),
  ],
  policies: [
    policy('data/db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } } }],
          ports: [{ port: 'postgres' }],
        },
      ],
    }),
    // The API may call out to 10.0.0.0/8 (but not 10.1.0.0/16) on 443 only.
    policy('api/egress', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] },
        { to: [{ namespaceSelector: {} }] },
      ],
    }),
  ],
});
const data = reachabilityData(snapshot);
const ix = new ReachIndex(snapshot, data);
const analysis = analysisFrom(snapshot, DEFAULT_ENGINE_OPTIONS, data);
/** No filter at all (whatever the app opens with). */
const all: Filters = {
  namespaces: [],
  labelQuery: '',
  port: null,
  onlyIsolated: false,
  hideUnrestricted: false,
};
const scopeOf = (f: Partial<Filters>, port = 5432) =>
  matrixScope(ix, { ...all, ...f }, { port, protocol: 'TCP' });
/** Below 10.0.0.0/8, 10.1.0.0/16 and above: policies treat them alike. */
const OUTSIDE = '0.0.0.0/5, 8.0.0.0/7 +7';
const ids = (nodes: readonly number[]) => nodes.map((n) => ix.ids[n]);

describe('matrix > ports', () => {
  it('lists container ports, most exposed first, with their names', () => {
    expect(portChoices(snapshot)).toEqual([
      { port: 8080, protocol: 'TCP', names: ['http'], count: 3 },
      { port: 5432, protocol: 'TCP', names: ['postgres'], count: 2 },
    ]);
  });
  it('opens on the most exposed TCP port, or 80', () => {
    expect(defaultMatrixPort(snapshot)).toEqual({ port: 8080, protocol: 'TCP' });
    expect(defaultMatrixPort(cluster({ endpoints: [pod('x/a')] }))).toEqual({ port: 80, protocol: 'TCP' });
  });
});

describe('matrix > range groups', () => {
  it('groups the ranges every policy treats alike, one family each, labelled by CIDR', () => {
    const groups = rangeGroups(ix);
    expect(groups.map((g) => g.label)).toEqual([OUTSIDE, '10.0.0.0/8 except 10.1.0.0/16', '::/0']);
    // The first group holds the ranges below and above 10.0.0.0/8 and 10.1.0.0/16 itself.
    expect(groups[0]!.atoms.length).toBeGreaterThan(1);
    expect(new Set(groups.flatMap((g) => g.atoms)).size).toBe(data.ipRanges.length);
  });
  it('has the whole outside, per family, when no policy names an address', () => {
    const plain = cluster({ endpoints: [pod('x/a'), pod('x/b')] });
    const groups = rangeGroups(new ReachIndex(plain, reachabilityData(plain)));
    expect(groups.map((g) => g.label)).toEqual(['0.0.0.0/0', '::/0']);
  });
});

describe('matrix > scope', () => {
  it('without filters, compares every endpoint and every range group', () => {
    const s = scopeOf({});
    expect(ids(s.pods)).toEqual(['api/c', 'data/db', 'data/db2', 'web/a', 'web/b']);
    expect(s.ranges).toHaveLength(3);
  });
  it('namespaces, labels and "only isolated" pick the endpoints', () => {
    expect(ids(scopeOf({ namespaces: ['web', 'data'] }).pods)).toEqual([
      'data/db',
      'data/db2',
      'web/a',
      'web/b',
    ]);
    expect(ids(scopeOf({ labelQuery: 'app=db' }).pods)).toEqual(['data/db', 'data/db2']);
    expect(ids(scopeOf({ onlyIsolated: true }).pods)).toEqual(['api/c', 'data/db', 'data/db2']);
  });
  it('with an endpoint filter, keeps the ranges a picked endpoint connects with on the port', () => {
    // The API is not ingress-isolated: every range reaches it, on every port.
    expect(scopeOf({ labelQuery: 'app=api' }, 5432).ranges).toHaveLength(3);
    // Its egress is restricted: only 10.0.0.0/8 except 10.1.0.0/16, only on 443.
    expect(
      scopeOf({ labelQuery: 'app=api', hideUnrestricted: true }, 443).ranges.map((g) => g.label),
    ).toEqual(['10.0.0.0/8 except 10.1.0.0/16']);
    expect(scopeOf({ labelQuery: 'app=api', hideUnrestricted: true }, 5432).ranges).toEqual([]);
    // Web is unprotected: its connections outside are restricted by no policy.
    expect(scopeOf({ namespaces: ['web'] }, 8080).ranges).toHaveLength(3);
    expect(scopeOf({ namespaces: ['web'], hideUnrestricted: true }, 8080).ranges).toEqual([]);
  });
  it('a search for an address keeps the ranges it names', () => {
    const s = scopeOf({ labelQuery: '10.1.0.0' });
    expect(s.pods).toEqual([]);
    expect(s.ranges.map((g) => g.label)).toEqual([OUTSIDE]);
  });
});

describe('matrix > namespaces', () => {
  const cell = (m: ReturnType<typeof namespaceMatrix>, a: string, b: string) => {
    const names = m.entries.map(entryName);
    return m.cell(names.indexOf(a), names.indexOf(b));
  };
  it('counts allowed pod pairs out of all pairs, self pairs excluded', () => {
    const m = namespaceMatrix(ix, scopeOf({}), { port: 5432, protocol: 'TCP' });
    expect(m.entries.map(entryName)).toEqual([
      'api',
      'data',
      'web',
      OUTSIDE,
      '10.0.0.0/8 except 10.1.0.0/16',
      '::/0',
    ]);
    expect(cell(m, 'api', 'data')).toEqual({ allowed: 2, total: 2 });
    expect(cell(m, 'web', 'data')).toEqual({ allowed: 0, total: 4 });
    expect(cell(m, 'data', 'data')).toEqual({ allowed: 0, total: 2 });
    expect(cell(m, 'web', 'web')).toEqual({ allowed: 2, total: 2 });
    expect(cell(m, 'web', 'api')).toEqual({ allowed: 2, total: 2 });
  });
  it('counts pods reaching a range group and reached from it, the group as one peer', () => {
    const m = namespaceMatrix(ix, scopeOf({}), { port: 443, protocol: 'TCP' });
    expect(cell(m, 'api', '10.0.0.0/8 except 10.1.0.0/16')).toEqual({ allowed: 1, total: 1 });
    expect(cell(m, 'api', '::/0')).toEqual({ allowed: 0, total: 1 });
    expect(cell(m, 'web', '::/0')).toEqual({ allowed: 2, total: 2 });
    expect(cell(m, '::/0', 'data')).toEqual({ allowed: 0, total: 2 });
    expect(cell(m, '::/0', 'api')).toEqual({ allowed: 1, total: 1 });
    expect(cell(m, '::/0', '10.0.0.0/8 except 10.1.0.0/16')).toEqual({ allowed: 0, total: 0 });
  });
  it('with "hide unrestricted", leaves out the pairs no policy restricts', () => {
    const m = namespaceMatrix(ix, scopeOf({ hideUnrestricted: true }, 8080), { port: 8080, protocol: 'TCP' });
    expect(cell(m, 'web', 'web')).toEqual({ allowed: 0, total: 0 });
    expect(cell(m, 'web', 'data')).toEqual({ allowed: 0, total: 4 });
    expect(cell(m, 'api', 'web')).toEqual({ allowed: 2, total: 2 });
    expect(cell(m, 'web', 'api')).toEqual({ allowed: 0, total: 0 });
  });
  it('agrees with asking every pair, whatever the filters', () => {
    const arbFilters = fc.record({
      namespaces: fc.subarray(['api', 'data', 'web']),
      labelQuery: fc.constantFrom('', 'app=db', 'app!=web', 'b', '10.'),
      onlyIsolated: fc.boolean(),
      hideUnrestricted: fc.boolean(),
    });
    const arbQuery = fc.record({
      port: fc.constantFrom(443, 5432, 8080, 53),
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
    });
    fc.assert(
      fc.property(arbFilters, arbQuery, (f, query) => {
        const scope = matrixScope(ix, { ...all, ...f }, query);
        const m = namespaceMatrix(ix, scope, query);
        m.entries.forEach((a, i) =>
          m.entries.forEach((b, j) => {
            const expected = countPairs(scope, matrixAxis(ix, scope, a), matrixAxis(ix, scope, b), query);
            expect(m.cell(i, j), `${entryName(a)}>${entryName(b)}`).toEqual(expected);
          }),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('matrix > pair counts', () => {
  it('adds up alike, dense for a few namespaces and sparse for thousands', () => {
    for (const n of [3, 2_001]) {
      const c = pairCounts(n);
      c.add(n + 1, 2);
      c.add(n + 1, 3);
      c.add(n * n - 1, 1);
      expect([c.get(n + 1), c.get(n * n - 1), c.get(0)], `n=${n}`).toEqual([5, 1, 0]);
    }
  });
});

/** Allowed and compared pairs between two lists of nodes, asked pair by pair of the Analysis. */
function countPairs(
  scope: MatrixScope,
  rows: readonly number[],
  cols: readonly number[],
  query: { port: number; protocol: 'TCP' | 'UDP' },
): { allowed: number; total: number } {
  let allowed = 0;
  let total = 0;
  for (const f of rows)
    for (const t of cols) {
      if (f === t || (ix.isRange(f) && ix.isRange(t))) continue;
      const iso = (id: string) => analysis.isolation(id);
      const restricted =
        (!ix.isRange(f) && iso(ix.ids[f]!)!.egress) || (!ix.isRange(t) && iso(ix.ids[t]!)!.ingress);
      if (scope.hide && !restricted) continue;
      total++;
      const ports = analysis.portsBetween(ix.ids[f]!, ix.ids[t]!);
      if (ports && portSets.rangesContain(ports[query.protocol], query.port)) allowed++;
    }
  return { allowed, total };
}

describe('matrix > pods', () => {
  const scope = scopeOf({ namespaces: ['api', 'data'] }, 443);
  const axis = matrixAxis(ix, scope);
  it('lists picked endpoints in id order, then the range groups', () => {
    expect(ids(axis.slice(0, 3))).toEqual(['api/c', 'data/db', 'data/db2']);
    expect(axis.slice(3)).toEqual(scope.ranges.map((g) => g.node));
    expect(scope.ranges.map((g) => g.label)).toEqual([OUTSIDE, '10.0.0.0/8 except 10.1.0.0/16', '::/0']);
    expect(ids(matrixAxis(ix, scope, { kind: 'namespace', name: 'data' }))).toEqual(['data/db', 'data/db2']);
    expect(matrixAxis(ix, scope, { kind: 'range', group: scope.ranges[1]! })).toEqual([
      scope.ranges[1]!.node,
    ]);
  });
  it('tells which pairs allow the port, range to range being no pair', () => {
    const [s, a, d, n] = ['self', 'allowed', 'denied', 'none'] as const;
    expect(podMatrixPage(ix, axis, axis, { port: 5432, protocol: 'TCP' })).toEqual([
      [s, a, a, d, d, d],
      [a, s, d, a, a, a],
      [a, d, s, a, a, a],
      [a, d, d, s, n, n],
      [a, d, d, n, s, n],
      [a, d, d, n, n, s],
    ]);
    expect(podMatrixPage(ix, axis, axis, { port: 443, protocol: 'TCP' })[0]).toEqual([s, d, d, d, a, d]);
  });
  it('marks the pairs no policy restricts as open when they are hidden', () => {
    const scope = scopeOf({ hideUnrestricted: true }, 8080);
    const web = matrixAxis(ix, scope, { kind: 'namespace', name: 'web' });
    const api = matrixAxis(ix, scope, { kind: 'namespace', name: 'api' });
    expect(podMatrixPage(ix, web, [...web, ...api], { port: 8080, protocol: 'TCP' }, true)).toEqual([
      ['self', 'open', 'open'],
      ['open', 'self', 'open'],
    ]);
    expect(podMatrixPage(ix, api, web, { port: 8080, protocol: 'TCP' }, true)).toEqual([
      ['allowed', 'allowed'],
    ]);
  });
});
