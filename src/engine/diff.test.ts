import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffReachability, reachabilityData, type ConnectionChange, type DiffSide } from '.';
import type { Endpoint, Policy, Snapshot } from '../model';
import { endpointsArb, policiesArb, snapshotOf, teamsArb, ARB_IPS } from '../testing/arbitraries';
import { cluster, pod, policy } from '../testing/fixtures';
import { naiveIsEmpty, naivePortsBetween, type NaivePorts, type NaiveParty } from '../testing/naive';
import { formatPortsText } from './diff';
import { parseIp } from './sets/ip';

const side = (snapshot: Snapshot): DiffSide => ({ snapshot, data: reachabilityData(snapshot) });

const web = pod(
  'shop/web',
  { app: 'web' },
  { ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
);
const db = pod('shop/db', { app: 'db' });
const denyDb = policy('shop/deny-db', {
  podSelector: { matchLabels: { app: 'db' } },
  policyTypes: ['Ingress'],
});
const allowWeb = (ports: number[]): Policy =>
  policy('shop/allow-web', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }],
        ports: ports.map((port) => ({ port })),
      },
    ],
  });

const endpointPairs = (changes: readonly ConnectionChange[]): string[] =>
  changes
    .filter((c) => c.from.kind === 'endpoint' && c.to.kind === 'endpoint')
    .map(
      (c) =>
        `${(c.from as { id: string }).id}>${(c.to as { id: string }).id} ${c.change} +${c.gained} -${c.lost}`,
    );

describe('diffReachability', () => {
  it('reports nothing when the evaluations are the same', () => {
    const s = cluster({ endpoints: [web, db], policies: [denyDb] });
    const d = diffReachability(side(s), side(s));
    expect(d).toMatchObject({ added: 0, removed: 0, changed: 0, truncated: false });
    expect(d.changes).toEqual([]);
  });

  it('counts a connection a new deny policy closes as removed, with every port lost', () => {
    const before = cluster({ endpoints: [web, db] });
    const after = cluster({ endpoints: [web, db], policies: [denyDb] });
    const d = diffReachability(side(before), side(after));
    // web -> db closes, and every external range -> db closes (one range per address family).
    expect(endpointPairs(d.changes)).toEqual(['shop/web>shop/db removed + -all ports']);
    expect(d.removed).toBe(3);
    expect(d.added).toBe(0);
    const external = d.changes.filter((c) => c.from.kind === 'external');
    expect(external.map((c) => (c.from as { cidr: string }).cidr)).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('counts a connection whose ports change as changed, naming the ports gained and lost', () => {
    const before = cluster({ endpoints: [web, db], policies: [allowWeb([80, 81])] });
    const after = cluster({ endpoints: [web, db], policies: [allowWeb([80, 443])] });
    const d = diffReachability(side(before), side(after));
    expect(endpointPairs(d.changes)).toEqual(['shop/web>shop/db changed +TCP 443 -TCP 81']);
    expect(d).toMatchObject({ added: 0, removed: 0, changed: 1 });
  });

  it('counts a connection an allow rule opens as added', () => {
    const before = cluster({ endpoints: [web, db], policies: [denyDb] });
    const after = cluster({ endpoints: [web, db], policies: [denyDb, allowWeb([5432])] });
    const d = diffReachability(side(before), side(after));
    expect(endpointPairs(d.changes)).toEqual(['shop/web>shop/db added +TCP 5432 -']);
    expect(d.added).toBe(1);
  });

  it('ignores endpoints present on one side only', () => {
    const extra = pod('shop/extra', { app: 'extra' });
    const before = cluster({ endpoints: [web, db, extra] });
    const after = cluster({ endpoints: [web, db], policies: [denyDb] });
    const d = diffReachability(side(before), side(after));
    expect(endpointPairs(d.changes)).toEqual(['shop/web>shop/db removed + -all ports']);
  });

  it('splits external ranges on the boundaries of both sides', () => {
    const egress = (cidr: string): Policy =>
      policy('shop/out', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr } }] }],
      });
    const before = cluster({ endpoints: [web], policies: [egress('10.0.0.0/8')] });
    const after = cluster({ endpoints: [web], policies: [egress('10.0.0.0/16')] });
    const d = diffReachability(side(before), side(after));
    expect(d.changes.map((c) => [c.change, c.to.kind === 'external' ? c.to.cidr : '', c.to])).toEqual([
      [
        'removed',
        '10.1.0.0-10.255.255.255',
        {
          kind: 'external',
          cidr: '10.1.0.0-10.255.255.255',
          beforeRange: '10.0.0.0-10.255.255.255',
          afterRange: '10.1.0.0-255.255.255.255',
        },
      ],
    ]);
    expect(d.removed).toBe(1);
  });

  it('lists at most `limit` changes and keeps the counts exact', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`shop/p${i}`, { app: 'p' }));
    const before = cluster({ endpoints: pods });
    const after = cluster({
      endpoints: pods,
      policies: [policy('shop/deny', { podSelector: {}, policyTypes: ['Ingress'] })],
    });
    const d = diffReachability(side(before), side(after), { limit: 4 });
    expect(d.changes).toHaveLength(4);
    expect(d.truncated).toBe(true);
    expect(d.removed).toBe(6 * 5 + 6 * 2); // every pod pair, and both external ranges to each pod
  });

  it('formats ports as the app does', () => {
    expect(
      formatPortsText({
        TCP: [
          [80, 80],
          [443, 443],
        ],
        UDP: [[53, 53]],
        SCTP: [],
      }),
    ).toBe('TCP 80,443 · UDP 53');
    expect(formatPortsText({ TCP: [[1, 65535]], UDP: [], SCTP: [] })).toBe('TCP (all)');
    expect(formatPortsText({ TCP: [], UDP: [], SCTP: [] })).toBe('');
  });
});

// ---- against the naive evaluator ----------------------------------------------------------------

const PROTOS = ['TCP', 'UDP', 'SCTP'] as const;
const text = (p: NaivePorts | ConnectionChange['gainedPorts']): string =>
  PROTOS.map((k) => `${k}:${p[k].map(([a, b]) => `${a}-${b}`).join(',')}`).join(' ');

/** Ports in `a` and not in `b`, interval by interval (both sorted and merged). */
function minus(a: NaivePorts, b: NaivePorts): NaivePorts {
  const out: NaivePorts = { TCP: [], UDP: [], SCTP: [] };
  for (const k of PROTOS) {
    for (const [x, y] of a[k]) {
      let lo = x;
      for (const [c, d] of b[k]) {
        if (d < lo || c > y) continue;
        if (c > lo) out[k].push([lo, c - 1]);
        lo = Math.max(lo, d + 1);
      }
      if (lo <= y) out[k].push([lo, y]);
    }
  }
  return out;
}

function inRun(ip: string, run: string): boolean {
  const v = parseIp(ip)!;
  const [first, last] = run.includes('/')
    ? (() => {
        const [addr, bits] = run.split('/') as [string, string];
        const a = parseIp(addr)!;
        const size = BigInt(a.family === 4 ? 32 : 128) - BigInt(bits);
        return [a, { family: a.family, value: a.value + (1n << size) - 1n }];
      })()
    : (run.split('-').map((x) => parseIp(x)!) as [
        ReturnType<typeof parseIp> & object,
        ReturnType<typeof parseIp> & object,
      ]);
  return first.family === v.family && first.value <= v.value && v.value <= last.value;
}

const diffCase = fc
  .tuple(endpointsArb(1, 6), policiesArb(3), policiesArb(3), teamsArb, fc.boolean())
  .map(([endpoints, p1, p2, teams, dropOne]) => {
    const before = snapshotOf(endpoints, p1, teams);
    // The after side may lose one endpoint (ignored by the diff) and has other policies.
    const afterEndpoints: Endpoint[] = dropOne && endpoints.length > 1 ? endpoints.slice(1) : endpoints;
    const after = snapshotOf(
      afterEndpoints,
      [...p1.slice(0, 1), ...p2.map((p) => ({ ...p, id: `${p.id}b`, name: `${p.name}b` }))],
      teams,
    );
    return { before, after };
  });

describe('diffReachability > agrees with the naive evaluator, pod by pod', () => {
  it('on every endpoint pair and on sample external addresses', () => {
    fc.assert(
      fc.property(diffCase, ({ before, after }) => {
        const d = diffReachability(side(before), side(after), { limit: Number.MAX_SAFE_INTEGER });
        expect(d.truncated).toBe(false);
        const listed = new Map<string, ConnectionChange>();
        for (const c of d.changes) {
          const key = `${c.from.kind === 'endpoint' ? c.from.id : c.from.cidr}|${c.to.kind === 'endpoint' ? c.to.id : c.to.cidr}`;
          expect(listed.has(key), key).toBe(false);
          listed.set(key, c);
        }
        const counts = { added: 0, removed: 0, changed: 0 };
        for (const c of d.changes) counts[c.change]++;
        expect(counts).toEqual({ added: d.added, removed: d.removed, changed: d.changed });

        const common = after.endpoints.filter((e) => before.endpoints.some((b) => b.id === e.id));
        const beforeOf = (e: Endpoint): Endpoint => before.endpoints.find((b) => b.id === e.id)!;
        const check = (key: string, was: NaivePorts, now: NaivePorts): void => {
          const c = listed.get(key);
          if (text(was) === text(now)) {
            expect(c, key).toBeUndefined();
            return;
          }
          expect(c, key).toBeDefined();
          const kind = naiveIsEmpty(was) ? 'added' : naiveIsEmpty(now) ? 'removed' : 'changed';
          expect(c!.change, key).toBe(kind);
          expect(text(c!.gainedPorts), key).toBe(text(minus(now, was)));
          expect(text(c!.lostPorts), key).toBe(text(minus(was, now)));
        };
        let endpointChanges = 0;
        for (const f of common) {
          for (const t of common) {
            if (f === t) continue;
            const was = naivePortsBetween(before, { endpoint: beforeOf(f) }, { endpoint: beforeOf(t) });
            const now = naivePortsBetween(after, { endpoint: f }, { endpoint: t });
            check(`${f.id}|${t.id}`, was, now);
            if (text(was) !== text(now)) endpointChanges++;
          }
        }
        expect(d.changes.filter((c) => c.from.kind === 'endpoint' && c.to.kind === 'endpoint')).toHaveLength(
          endpointChanges,
        );
        const runs = [
          ...new Set(
            d.changes
              .flatMap((c) => [c.from, c.to])
              .filter((p) => p.kind === 'external')
              .map((p) => p.cidr),
          ),
        ];
        const samples = [
          ...ARB_IPS,
          '0.0.0.0',
          '255.255.255.255',
          '10.1.0.0',
          '10.2.3.255',
          '::',
          'fd00::1:0:0:9',
        ];
        for (const ip of samples) {
          const run = runs.find((r) => inRun(ip, r));
          for (const e of common) {
            const ext: NaiveParty = { ip };
            const outWas = naivePortsBetween(before, { endpoint: beforeOf(e) }, ext);
            const outNow = naivePortsBetween(after, { endpoint: e }, ext);
            const inWas = naivePortsBetween(before, ext, { endpoint: beforeOf(e) });
            const inNow = naivePortsBetween(after, ext, { endpoint: e });
            if (run === undefined) {
              expect(text(outWas), `${e.id} -> ${ip}`).toBe(text(outNow));
              expect(text(inWas), `${ip} -> ${e.id}`).toBe(text(inNow));
              continue;
            }
            check(`${e.id}|${run}`, outWas, outNow);
            check(`${run}|${e.id}`, inWas, inNow);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
