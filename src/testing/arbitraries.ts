/**
 * fast-check arbitraries for model objects: label selectors, peers, ports, policies, endpoints
 * and small snapshots drawn from a few keys, values and namespaces, so that selectors often match.
 */
import fc from 'fast-check';
import type {
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  Policy,
  PolicyType,
  Snapshot,
} from '../model';
import { cluster } from './fixtures';

export const ARB_NAMESPACES = ['x', 'y', 'z'] as const;
export const ARB_KEYS = ['app', 'tier', 'env'] as const;
export const ARB_VALUES = ['a', 'b', 'c'] as const;
export const ARB_PORT_NAMES = ['http', 'dns', 'metrics'] as const;
export const ARB_PORT_NUMBERS = [53, 80, 443, 8080] as const;
export const ARB_IPS = ['10.0.0.5', '10.1.2.3', '10.2.3.4', '192.168.1.7', '8.8.8.8', 'fd00::5'] as const;
export const ARB_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const PROTOCOLS = ARB_PROTOCOLS;
const CIDRS: readonly (readonly [string, readonly string[]])[] = [
  ['10.0.0.0/8', ['10.1.0.0/16', '10.2.3.0/24']],
  ['0.0.0.0/0', ['10.0.0.0/8', '192.168.0.0/16']],
  ['192.168.1.0/24', ['192.168.1.128/25']],
  ['fd00::/64', ['fd00::/96']],
];

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes). */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const labelsArb = fc.dictionary(fc.constantFrom(...ARB_KEYS), fc.constantFrom(...ARB_VALUES), {
  maxKeys: 3,
});

const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...ARB_KEYS),
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.uniqueArray(fc.constantFrom(...ARB_VALUES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    key: fc.constantFrom(...ARB_KEYS),
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
  }),
);

export const selectorArb: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...ARB_KEYS), fc.constantFrom(...ARB_VALUES), {
      maxKeys: 2,
    }),
    matchExpressions: fc.array(requirementArb, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** A namespace selector: everything, a team, a namespace by name, or the namespaces without a team. */
export const nsSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ team: fc.constantFrom('red', 'blue') }) }),
  fc.record({
    matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom(...ARB_NAMESPACES) }),
  }),
  fc.record({ matchExpressions: fc.constant([{ key: 'team', operator: 'DoesNotExist' as const }]) }),
);

/** A peer by pod and/or namespace selector, or an ipBlock drawn from `cidrs` (each with its possible excepts). */
export const peerArbOver = (
  cidrs: readonly (readonly [string, readonly string[]])[],
): fc.Arbitrary<NetworkPolicyPeer> =>
  fc.oneof(
    fc.record({ podSelector: selectorArb }),
    fc.record({ namespaceSelector: nsSelectorArb }),
    fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
    fc
      .constantFrom(...cidrs)
      .chain(([cidr, ex]) =>
        fc.subarray([...ex]).map((except) => ({ ipBlock: except.length ? { cidr, except } : { cidr } })),
      ),
  );

export const peerArb: fc.Arbitrary<NetworkPolicyPeer> = peerArbOver(CIDRS);

export const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...ARB_PORT_NUMBERS) },
    { requiredKeys: ['port'] },
  ),
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...ARB_PORT_NAMES) },
    { requiredKeys: ['port'] },
  ),
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS) }),
  fc
    .constantFrom(...ARB_PORT_NUMBERS)
    .chain((p) => fc.integer({ min: p, max: p + 100 }).map((endPort) => ({ port: p, endPort }))),
);

/** Up to 3 of `arb`, or no list at all. */
export const optList = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T[] | undefined> =>
  fc.option(fc.array(arb, { maxLength: 3 }), { nil: undefined });

export const specArb: fc.Arbitrary<NetworkPolicySpec> = fc
  .record({
    podSelector: selectorArb,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as PolicyType[], { minLength: 1 }), {
      nil: undefined,
    }),
    ingress: optList(fc.record({ from: optList(peerArb), ports: optList(portArb) }, { requiredKeys: [] })),
    egress: optList(fc.record({ to: optList(peerArb), ports: optList(portArb) }, { requiredKeys: [] })),
  })
  .map(({ podSelector, policyTypes, ingress, egress }) => {
    const spec: { -readonly [K in keyof NetworkPolicySpec]: NetworkPolicySpec[K] } = { podSelector };
    if (policyTypes) spec.policyTypes = policyTypes;
    if (ingress) spec.ingress = ingress.map(defined) as NetworkPolicyIngressRule[];
    if (egress) spec.egress = egress.map(defined) as NetworkPolicyEgressRule[];
    return spec;
  });

/** A policy named `p<i>` in a random namespace. */
export const policyArb = (i: number): fc.Arbitrary<Policy> =>
  fc.record({ ns: fc.constantFrom(...ARB_NAMESPACES), spec: specArb }).map(({ ns, spec }) => ({
    id: `${ns}/p${i}`,
    namespace: ns,
    name: `p${i}`,
    spec,
  }));

export const containerPortArb: fc.Arbitrary<ContainerPort> = fc.record(
  {
    name: fc.constantFrom(...ARB_PORT_NAMES),
    containerPort: fc.constantFrom(...ARB_PORT_NUMBERS, 9090),
    protocol: fc.constantFrom(...PROTOCOLS),
  },
  { requiredKeys: ['containerPort', 'protocol'] },
);

/** A pod named `e<i>` in a random namespace. */
export const endpointArb = (i: number): fc.Arbitrary<Endpoint> =>
  fc
    .record({
      ns: fc.constantFrom(...ARB_NAMESPACES),
      labels: labelsArb,
      ports: fc.array(containerPortArb, { maxLength: 3 }),
      ips: fc.subarray([...ARB_IPS], { maxLength: 2 }),
    })
    .map(({ ns, ...rest }) => ({
      id: `${ns}/e${i}`,
      kind: 'Pod' as const,
      namespace: ns,
      name: `e${i}`,
      hostNetwork: false,
      ...rest,
    }));

/** `n` policies named p0..p(n-1). */
export const policiesArb = (max: number): fc.Arbitrary<Policy[]> =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(i))));

export const endpointsArb = (min: number, max: number): fc.Arbitrary<Endpoint[]> =>
  fc.integer({ min, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => endpointArb(i))));

export const teamsArb = fc.record({
  x: fc.constantFrom('red', 'blue', undefined),
  y: fc.constantFrom('red', 'blue', undefined),
});

/** A snapshot of the given parts, namespaces x and y labelled with a team or not. */
export function snapshotOf(
  endpoints: Endpoint[],
  policies: Policy[],
  teams: { x?: string | undefined; y?: string | undefined },
): Snapshot {
  return cluster({
    namespaces: Object.fromEntries(
      ARB_NAMESPACES.map((n) => {
        const team = n === 'z' ? undefined : teams[n];
        return [n, team ? { team } : {}];
      }),
    ),
    endpoints,
    policies,
  });
}

export const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .tuple(endpointsArb(1, 7), policiesArb(4), teamsArb)
  .map(([endpoints, policies, teams]) => snapshotOf(endpoints, policies, teams));
