import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, explain } from '.';
import type {
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Policy,
  PolicyType,
  Snapshot,
} from '../model';
import { cluster } from '../testing/fixtures';
import { naivePortsBetween } from '../testing/naive';
import type { PortsByProtocol } from './api';
import { parseIp } from './sets/ip';
import { formatRanges } from './sets/ports';

const NS = ['x', 'y', 'z'];
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];
const NAMES = ['http', 'dns', 'metrics'];
const NUMBERS = [53, 80, 443, 8080];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
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

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });
const requirement: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
  }),
);
const selector: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const nsSelector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ team: fc.constantFrom('red', 'blue') }) }),
  fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom(...NS) }) }),
  fc.record({ matchExpressions: fc.constant([{ key: 'team', operator: 'DoesNotExist' as const }]) }),
);
const peer: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: nsSelector }),
  fc.record({ podSelector: selector, namespaceSelector: nsSelector }),
  fc
    .constantFrom(...CIDRS)
    .chain(([cidr, ex]) =>
      fc.subarray(ex).map((except) => ({ ipBlock: except.length ? { cidr, except } : { cidr } })),
    ),
);
const port: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...NUMBERS) },
    { requiredKeys: ['port'] },
  ),
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...NAMES) },
    { requiredKeys: ['port'] },
  ),
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS) }),
  fc
    .constantFrom(...NUMBERS)
    .chain((p) => fc.integer({ min: p, max: p + 100 }).map((endPort) => ({ port: p, endPort }))),
);
const optList = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.array(arb, { maxLength: 3 }), { nil: undefined });
const policyArb = (i: number): fc.Arbitrary<Policy> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      podSelector: selector,
      policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as PolicyType[]), { nil: undefined }),
      ingress: optList(fc.record({ from: optList(peer), ports: optList(port) }, { requiredKeys: [] })),
      egress: optList(fc.record({ to: optList(peer), ports: optList(port) }, { requiredKeys: [] })),
    })
    .map(({ ns, podSelector, policyTypes, ingress, egress }) => ({
      id: `${ns}/p${i}`,
      namespace: ns,
      name: `p${i}`,
      spec: {
        podSelector,
        ...(policyTypes ? { policyTypes } : {}),
        ...(ingress ? { ingress: ingress.map(strip) as NetworkPolicyIngressRule[] } : {}),
        ...(egress ? { egress: egress.map(strip) as NetworkPolicyEgressRule[] } : {}),
      },
    }));
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
const containerPort: fc.Arbitrary<ContainerPort> = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    containerPort: fc.constantFrom(...NUMBERS, 9090),
    protocol: fc.constantFrom(...PROTOCOLS),
  },
  { requiredKeys: ['containerPort', 'protocol'] },
);
const endpointArb = (i: number): fc.Arbitrary<Endpoint> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      labels,
      ports: fc.array(containerPort, { maxLength: 3 }),
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
