import { describe, expect, it } from 'vitest';
import { analysisFrom, DEFAULT_ENGINE_OPTIONS, portSets, reachabilityData } from '../../engine';
import type { Snapshot } from '../../model';
import { cluster, pod, policy } from '../../testing/fixtures';
import { defaultMatrixPort, matrixAxis, namespaceMatrix, podMatrixPage, portChoices } from './matrix';
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
  ],
});
const ix = new ReachIndex(snapshot, reachabilityData(snapshot));
const analysis = analysisFrom(snapshot, DEFAULT_ENGINE_OPTIONS, reachabilityData(snapshot));

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

describe('matrix > namespaces', () => {
  it('counts allowed pod pairs out of all pairs, self pairs excluded', () => {
    const m = namespaceMatrix(ix, { port: 5432, protocol: 'TCP' });
    expect(m.namespaces).toEqual(['api', 'data', 'web']);
    const cell = (a: string, b: string) => m.cells[m.namespaces.indexOf(a)]![m.namespaces.indexOf(b)]!;
    expect(cell('api', 'data')).toEqual({ allowed: 2, total: 2 });
    expect(cell('web', 'data')).toEqual({ allowed: 0, total: 4 });
    expect(cell('data', 'data')).toEqual({ allowed: 0, total: 2 });
    expect(cell('web', 'web')).toEqual({ allowed: 2, total: 2 });
    expect(cell('web', 'api')).toEqual({ allowed: 2, total: 2 });
  });
  it('agrees with asking every pair', () => {
    for (const query of [
      { port: 5432, protocol: 'TCP' as const },
      { port: 8080, protocol: 'TCP' as const },
      { port: 53, protocol: 'UDP' as const },
    ]) {
      const m = namespaceMatrix(ix, query);
      m.namespaces.forEach((a, i) =>
        m.namespaces.forEach((b, j) => {
          let allowed = 0;
          for (const f of snapshot.endpoints.filter((e) => e.namespace === a))
            for (const t of snapshot.endpoints.filter((e) => e.namespace === b)) {
              if (f.id === t.id) continue;
              if (portSets.rangesContain(analysis.portsBetween(f.id, t.id)![query.protocol], query.port))
                allowed++;
            }
          expect(m.cells[i]![j]!.allowed, `${a}>${b}`).toBe(allowed);
        }),
      );
    }
  });
  it('keeps only the chosen namespaces', () => {
    expect(namespaceMatrix(ix, { port: 80, protocol: 'TCP' }, ['web', 'data']).namespaces).toEqual([
      'data',
      'web',
    ]);
  });
});

describe('matrix > pods', () => {
  it('lists endpoints in id order and tells which pairs allow the port', () => {
    const axis = matrixAxis(ix, ['api', 'data']);
    expect(axis.map((n) => ix.ids[n])).toEqual(['api/c', 'data/db', 'data/db2']);
    expect(podMatrixPage(ix, axis, axis, { port: 5432, protocol: 'TCP' })).toEqual([
      [false, true, true],
      [true, false, false],
      [true, false, false],
    ]);
  });
});
