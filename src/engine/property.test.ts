import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, explain } from '.';
import type {
  Endpoint,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  Policy,
  PolicyType,
  Snapshot,
} from '../model';
import {
  ARB_NAMESPACES,
  ARB_PROTOCOLS,
  containerPortArb,
  defined,
  labelsArb,
  optList,
  peerArbOver,
  portArb,
  selectorArb,
} from '../testing/arbitraries';
import { cluster } from '../testing/fixtures';
import { naivePortsBetween } from '../testing/naive';
import type { PortsByProtocol } from './api';
import { parseIp } from './sets/ip';
import { formatRanges } from './sets/ports';

const NS = ARB_NAMESPACES;
const PROTOCOLS = ARB_PROTOCOLS;
const CIDRS: [string, string[]][] = [
  ['10.0.0.0/8', ['10.1.0.0/16', '10.2.3.0/24']],
  ['10.1.0.0/16', ['10.1.2.0/24']],
  ['0.0.0.0/0', ['10.0.0.0/8', '192.168.0.0/16']],
  ['192.168.1.0/24', ['192.168.1.128/25']],
  ['fd00::/64', ['fd00::/96']],
  ['::/0', ['fd00::/16']],
];
const IPS = [
  '10.0.0.5',
  '10.1.2.3',
  '10.1.9.9',
  '10.2.3.4',
  '192.168.1.7',
  '192.168.1.200',
  '8.8.8.8',
  'fd00::5',
  'fd00::1:0:0:9',
];

const peer = peerArbOver(CIDRS);
const policyArb = (i: number): fc.Arbitrary<Policy> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      podSelector: selectorArb,
      policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as PolicyType[]), { nil: undefined }),
      ingress: optList(fc.record({ from: optList(peer), ports: optList(portArb) }, { requiredKeys: [] })),
      egress: optList(fc.record({ to: optList(peer), ports: optList(portArb) }, { requiredKeys: [] })),
    })
    .map(({ ns, podSelector, policyTypes, ingress, egress }) => ({
      id: `${ns}/p${i}`,
      namespace: ns,
      name: `p${i}`,
      spec: {
        podSelector,
        ...(policyTypes ? { policyTypes } : {}),
        ...(ingress ? { ingress: ingress.map(defined) as NetworkPolicyIngressRule[] } : {}),
        ...(egress ? { egress: egress.map(defined) as NetworkPolicyEgressRule[] } : {}),
      },
    }));
const endpointArb = (i: number): fc.Arbitrary<Endpoint> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      labels: labelsArb,
      ports: fc.array(containerPortArb, { maxLength: 3 }),
      ips: fc.subarray(IPS, { maxLength: 2 }),
      hostNetwork: fc.boolean(),
    })
    .map(({ ns, ...rest }) => ({
      id: `${ns}/e${i}`,
      kind: 'Pod' as const,
      namespace: ns,
      name: `e${i}`,
      ...rest,
    }));

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .tuple(
    fc
      .integer({ min: 1, max: 7 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => endpointArb(i)))),
    fc
      .integer({ min: 0, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(i)))),
    fc.record({ x: fc.constantFrom('red', 'blue', undefined), y: fc.constantFrom('red', 'blue', undefined) }),
  )
  .map(([endpoints, policies, teams]) =>
    cluster({
      namespaces: Object.fromEntries(
        NS.map((n) => [n, n in teams && teams[n as 'x'] ? { team: teams[n as 'x']! } : {}]),
      ),
      endpoints,
      policies,
    }),
  );

const text = (p: PortsByProtocol | Record<string, [number, number][]>): string =>
  PROTOCOLS.map((k) => `${k}:${formatRanges((p as PortsByProtocol)[k])}`).join(' ');

function rangeOf(ranges: readonly { id: string; first: string; last: string }[], ip: string): string {
  const v = parseIp(ip)!;
  const r = ranges.find((x) => {
    const f = parseIp(x.first)!;
    const l = parseIp(x.last)!;
    return f.family === v.family && f.value <= v.value && v.value <= l.value;
  });
  return r!.id;
}

const optionsArb = fc.record({
  ipBlockMatchesPods: fc.boolean(),
  hostNetwork: fc.constantFrom('pod' as const, 'unrestricted' as const),
});

describe('evaluate > agrees with the naive evaluator', () => {
  it('on every endpoint pair and every external address, for random clusters', () => {
    fc.assert(
      fc.property(snapshotArb, optionsArb, (snap, options) => {
        const naiveOpts = {
          ipBlockMatchesPods: options.ipBlockMatchesPods,
          hostNetworkUnrestricted: options.hostNetwork === 'unrestricted',
        };
        const r = analyze(snap, options);
        for (const f of snap.endpoints) {
          for (const t of snap.endpoints) {
            if (f === t) continue;
            expect(text(r.portsBetween(f.id, t.id)!), `${f.id} -> ${t.id}`).toBe(
              text(naivePortsBetween(snap, { endpoint: f }, { endpoint: t }, naiveOpts)),
            );
          }
        }
        const addresses = [...IPS, ...r.ipRanges.flatMap((x) => [x.first, x.last])];
        for (const ip of addresses) {
          const range = rangeOf(r.ipRanges, ip);
          for (const e of snap.endpoints) {
            expect(text(r.portsBetween(e.id, range)!), `${e.id} -> ${ip}`).toBe(
              text(naivePortsBetween(snap, { endpoint: e }, { ip }, naiveOpts)),
            );
            expect(text(r.portsBetween(range, e.id)!), `${ip} -> ${e.id}`).toBe(
              text(naivePortsBetween(snap, { ip }, { endpoint: e }, naiveOpts)),
            );
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('streams exactly the pairs that portsBetween reports, and counts them', () => {
    fc.assert(
      fc.property(snapshotArb, optionsArb, (snap, options) => {
        const r = analyze(snap, options);
        let n = 0;
        const seen = new Set<string>();
        r.forEachConnection((f, t, p) => {
          n++;
          expect(f).not.toBe(t);
          expect(text(p)).toBe(text(r.portsBetween(f, t)!));
          seen.add(`${f}|${t}`);
        });
        expect(n).toBe(seen.size);
        expect(r.countConnections()).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every pair with the ports the engine computes', () => {
    fc.assert(
      fc.property(snapshotArb, optionsArb, (snap, options) => {
        const r = analyze(snap, options);
        for (const f of snap.endpoints) {
          for (const t of snap.endpoints) {
            if (f === t) continue;
            const e = explain(snap, f.id, t.id, undefined, options)!;
            expect(text(e.ports)).toBe(text(r.portsBetween(f.id, t.id)!));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
