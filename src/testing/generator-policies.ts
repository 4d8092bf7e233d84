/**
 * The NetworkPolicy mix of the synthetic cluster generator (performance.md §7): namespace
 * defaults, per-workload allows, edge cases and k8s-netpol-scale-style top-ups.
 */
import type {
  Component,
  JsonObject,
  JsonValue,
  ObjectFactory,
  PortDef,
  WorkloadPlan,
} from './generator-objects';
import { intToIPv4 } from './generator-objects';
import type { Prng } from './prng';

export const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The knobs of npinaeva/k8s-netpol-scale's kube-burner workload, for the top-up policies.
 * Each top-up rule has `podSelectors` peers (namespaceSelector over `peerNamespaces` namespaces,
 * plus a podSelector over about `peerPods` pods when `peerPods` > 0), `cidrs` ipBlock peers (a
 * unique CIDR each), `singlePorts` single ports (TCP and UDP alternately) and `portRanges` ranges;
 * the policy selects about `localPods` pods of its namespace (0: one workload).
 */
export interface NetpolScaleKnobs {
  readonly localPods: number;
  readonly singlePorts: number;
  readonly portRanges: number;
  readonly podSelectors: number;
  readonly peerNamespaces: number;
  readonly peerPods: number;
  readonly cidrs: number;
}

export const DEFAULT_NETPOL_SCALE: NetpolScaleKnobs = {
  localPods: 0,
  singlePorts: 2,
  portRanges: 0,
  podSelectors: 1,
  peerNamespaces: 3,
  peerPods: 0,
  cidrs: 1,
};

/** The Red Hat kube-burner shape: 10 local pods, 5 single ports, 5 ranges, 5 selectors × 5 ns × 5 pods, 5 CIDRs. */
export const RED_HAT_NETPOL_SCALE: NetpolScaleKnobs = {
  localPods: 10,
  singlePorts: 5,
  portRanges: 5,
  podSelectors: 5,
  peerNamespaces: 5,
  peerPods: 5,
  cidrs: 5,
};

/** The user namespaces' view the policy builders need. */
export interface NamespaceView {
  readonly name: string;
  readonly team: string | undefined;
  readonly workloads: readonly WorkloadPlan[];
}

/** Unique CIDRs: consecutive /24 blocks from 20.0.0.0 (outside RFC1918 and the pod network). */
export class CidrAllocator {
  private next = 0;
  unique24(): string {
    const base = (20 << 24) + this.next * 256;
    this.next++;
    return `${intToIPv4(base >>> 0)}/24`;
  }
}

export interface PolicyContext {
  readonly prng: Prng;
  readonly factory: ObjectFactory;
  readonly cidrs: CidrAllocator;
  readonly teams: readonly string[];
  readonly namespaces: readonly NamespaceView[];
}

export function networkPolicy(
  f: ObjectFactory,
  namespace: string,
  name: string,
  spec: JsonObject,
): JsonObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      creationTimestamp: f.timestamp(),
      generation: 1,
      name,
      namespace,
      resourceVersion: f.resourceVersion(),
      uid: f.uid(),
    },
    spec,
  };
}

const tcpPort = (port: number | string): JsonObject => ({ port, protocol: 'TCP' });
const matchLabels = (labels: Record<string, string>): JsonObject => ({ matchLabels: labels });
const expression = (key: string, operator: string, values?: string[]): JsonObject =>
  values === undefined ? { key, operator } : { key, operator, values };

// ---------- Namespace-level policies ----------

export function defaultDenyIngress(c: PolicyContext, ns: string): JsonObject {
  return networkPolicy(c.factory, ns, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
}

/** Default-deny egress and its three companions: DNS, internet on 443, same namespace. */
export function egressLockdown(c: PolicyContext, ns: string): JsonObject[] {
  const f = c.factory;
  return [
    networkPolicy(f, ns, 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] }),
    networkPolicy(f, ns, 'allow-dns', {
      egress: [
        {
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
          to: [
            {
              namespaceSelector: matchLabels({ [NAME_LABEL]: 'kube-system' }),
              podSelector: matchLabels({ 'k8s-app': 'kube-dns' }),
            },
          ],
        },
      ],
      podSelector: {},
      policyTypes: ['Egress'],
    }),
    networkPolicy(f, ns, 'allow-internet-egress', {
      egress: [
        {
          ports: [tcpPort(443)],
          to: [
            {
              ipBlock: {
                cidr: '0.0.0.0/0',
                except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32'],
              },
            },
          ],
        },
      ],
      podSelector: {},
      policyTypes: ['Egress'],
    }),
    networkPolicy(f, ns, 'allow-same-namespace-egress', {
      egress: [{ to: [{ podSelector: {} }] }],
      podSelector: {},
      policyTypes: ['Egress'],
    }),
  ];
}

export function allowMonitoring(c: PolicyContext, ns: string): JsonObject {
  return networkPolicy(c.factory, ns, 'allow-monitoring', {
    ingress: [
      {
        from: [{ namespaceSelector: matchLabels({ role: 'monitoring' }) }],
        ports: [tcpPort('metrics')],
      },
    ],
    podSelector: { matchExpressions: [expression('component', 'Exists')] },
    policyTypes: ['Ingress'],
  });
}

// ---------- Per-workload allows ----------

const CALLER_COMPONENTS: ReadonlySet<Component> = new Set(['frontend', 'backend', 'api', 'worker']);
const MISSING_PORT_NAMES = ['admin', 'postgres', 'grpc', 'redis', 'http', 'amqp'];

/** Whether a workload gets its own allow policy (it serves something). */
export function servesTraffic(w: WorkloadPlan): boolean {
  return w.ports.some((p) => p.name !== 'metrics') && w.component !== 'batch';
}

function servicePort(w: WorkloadPlan): PortDef | undefined {
  return w.ports.find((p) => p.name !== 'metrics' && p.protocol === 'TCP') ?? w.ports[0];
}

/** A port entry for the workload's main port: named or numbered; sometimes a name it lacks. */
function targetPort(c: PolicyContext, w: WorkloadPlan, missingPortRate: number): JsonObject {
  if (c.prng.chance(missingPortRate)) {
    const lacking = MISSING_PORT_NAMES.filter((n) => !w.ports.some((p) => p.name === n));
    return tcpPort(c.prng.pick(lacking.length > 0 ? lacking : ['admin']));
  }
  const port = servicePort(w);
  if (port === undefined) return tcpPort(8080);
  const value = c.prng.chance(0.5) ? port.name : port.containerPort;
  return { port: value, protocol: port.protocol };
}

function callers(c: PolicyContext, ns: NamespaceView, w: WorkloadPlan): string[] {
  const candidates = ns.workloads
    .filter((o) => o !== w && CALLER_COMPONENTS.has(o.component))
    .map((o) => o.name);
  if (candidates.length === 0) return [`${w.name}-client`];
  return c.prng.sample(candidates, c.prng.int(1, Math.min(3, candidates.length))).sort();
}

export interface WorkloadPolicyRates {
  readonly crossNamespace: number;
  readonly portRange: number;
  readonly expressions: number;
  readonly missingNamedPort: number;
}

/**
 * `allow-<workload>`: from same-namespace callers (`app In [...]`); from ingress-nginx (namespace
 * AND pod selector) plus a unique /24 for web components; sometimes from another team's
 * namespaces, a NodePort-like range, NotIn/Exists/DoesNotExist expressions.
 */
export function workloadAllow(
  c: PolicyContext,
  ns: NamespaceView,
  w: WorkloadPlan,
  rates: WorkloadPolicyRates,
): JsonObject {
  const p = c.prng;
  let subjectExpressions: JsonObject[] | undefined;
  const callerSelector: { matchExpressions: JsonObject[] } = {
    matchExpressions: [expression('app', 'In', callers(c, ns, w))],
  };
  const firstPorts: JsonObject[] = [targetPort(c, w, rates.missingNamedPort)];
  if (p.chance(rates.portRange)) firstPorts.push({ endPort: 32767, port: 30000, protocol: 'TCP' });
  const rules: JsonObject[] = [{ from: [{ podSelector: callerSelector }], ports: firstPorts }];

  const http = w.ports.find((port) => port.name === 'http' || port.name === 'https');
  if (http !== undefined && (w.component === 'frontend' || w.component === 'api' || p.chance(0.3))) {
    rules.push({
      from: [
        {
          namespaceSelector: matchLabels({ [NAME_LABEL]: 'ingress-nginx' }),
          podSelector: matchLabels({ 'app.kubernetes.io/name': 'ingress-nginx' }),
        },
        { ipBlock: { cidr: c.cidrs.unique24() } },
      ],
      ports: [tcpPort(http.name)],
    });
  }
  let crossPeer: { namespaceSelector: JsonObject; podSelector: JsonObject } | undefined;
  if (p.chance(rates.crossNamespace) && c.teams.length > 0) {
    crossPeer = {
      namespaceSelector: matchLabels({ team: c.teams[p.zipf(c.teams.length, 1.1)] as string }),
      podSelector: matchLabels({ component: p.pick(['frontend', 'backend', 'api', 'worker']) }),
    };
    rules.push({ from: [crossPeer], ports: [targetPort(c, w, rates.missingNamedPort)] });
  }
  if (p.chance(rates.expressions)) {
    switch (p.int(0, 3)) {
      case 0:
        subjectExpressions = [expression('version', 'NotIn', ['v2'])];
        break;
      case 1:
        callerSelector.matchExpressions.push(expression('canary', 'DoesNotExist'));
        break;
      case 2:
        subjectExpressions = [expression('app.kubernetes.io/part-of', 'Exists')];
        break;
      default:
        if (crossPeer !== undefined) {
          crossPeer.namespaceSelector = { matchExpressions: [expression('env', 'NotIn', ['dev'])] };
        } else {
          subjectExpressions = [expression('component', 'In', [w.component])];
        }
    }
  }
  return networkPolicy(c.factory, ns.name, `allow-${w.name}`, {
    ingress: rules,
    podSelector:
      subjectExpressions === undefined
        ? matchLabels({ app: w.name })
        : { matchExpressions: subjectExpressions, matchLabels: { app: w.name } },
    policyTypes: ['Ingress'],
  });
}

// ---------- Empty and deny-only policies (L-dense) ----------

/** A policy whose podSelector matches no pod (a leftover of a retired workload). */
export function emptyPolicy(c: PolicyContext, ns: NamespaceView, index: number): JsonObject {
  const app = `retired-${index}`;
  return networkPolicy(c.factory, ns.name, `allow-${app}`, {
    ingress: [{ from: [{ podSelector: matchLabels({ app: `${app}-client` }) }], ports: [tcpPort('http')] }],
    podSelector: matchLabels({ app }),
    policyTypes: ['Ingress'],
  });
}

/** A policy that selects a workload and allows nothing in the directions it names. */
export function denyOnlyPolicy(
  c: PolicyContext,
  ns: NamespaceView,
  w: WorkloadPlan,
  index: number,
): JsonObject {
  const both = c.prng.chance(0.3);
  return networkPolicy(c.factory, ns.name, `deny-${w.name}-${index}`, {
    podSelector: matchLabels({ app: w.name }),
    policyTypes: both ? ['Ingress', 'Egress'] : ['Ingress'],
  });
}

// ---------- Edge cases ----------

export const EDGE_CASES = [
  'from-empty',
  'from-omitted',
  'protocol-only',
  'no-policytypes-ingress',
  'no-policytypes-egress',
  'egress-only',
  'selects-nothing',
  'ingress-empty-list',
  'allow-all-ingress',
  'ipv6-egress',
  'pod-cidr-ipblock',
  'default-protocol',
  'egress-empty-list-alone',
  'two-peers-or',
  'labels-and-expressions',
  'sctp-port',
  'udp-range',
  'named-udp-port',
  'named-port-wrong-protocol',
] as const;
export type EdgeCase = (typeof EDGE_CASES)[number];

/** One edge-case policy of the given kind, selecting workload `w` of namespace `ns`. */
export function edgeCasePolicy(
  c: PolicyContext,
  ns: NamespaceView,
  w: WorkloadPlan,
  kind: EdgeCase,
  index: number,
): JsonObject {
  const name = `edge-${kind}-${index}`;
  const subject = matchLabels({ app: w.name });
  const port = w.ports.find((p) => p.protocol === 'TCP')?.containerPort ?? 8080;
  const spec = ((): JsonObject => {
    switch (kind) {
      case 'from-empty':
        return {
          ingress: [{ from: [], ports: [tcpPort(port)] }],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'from-omitted':
        return { ingress: [{ ports: [tcpPort(port)] }], podSelector: subject, policyTypes: ['Ingress'] };
      case 'protocol-only':
        return {
          ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'UDP' }] }],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'no-policytypes-ingress':
        return { ingress: [{ from: [{ namespaceSelector: {} }] }], podSelector: subject };
      case 'no-policytypes-egress':
        return { egress: [{ to: [{ podSelector: {} }] }], podSelector: subject };
      case 'egress-only':
        return {
          egress: [{ ports: [tcpPort(443)], to: [{ namespaceSelector: {} }] }],
          podSelector: subject,
          policyTypes: ['Egress'],
        };
      case 'selects-nothing':
        return {
          ingress: [{ from: [{ podSelector: {} }] }],
          podSelector: matchLabels({ app: `${w.name}-retired` }),
          policyTypes: ['Ingress'],
        };
      case 'ingress-empty-list':
        return { ingress: [], podSelector: subject, policyTypes: ['Ingress'] };
      case 'allow-all-ingress':
        return { ingress: [{}], podSelector: subject, policyTypes: ['Ingress'] };
      case 'ipv6-egress':
        return {
          egress: [
            { to: [{ ipBlock: { cidr: 'fd00::/64', except: ['fd00::/120'] } }] },
            { ports: [tcpPort(443)], to: [{ ipBlock: { cidr: '2001:db8::/32' } }] },
          ],
          podSelector: subject,
          policyTypes: ['Egress'],
        };
      case 'pod-cidr-ipblock':
        return {
          ingress: [
            {
              from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }],
              ports: [tcpPort(port)],
            },
          ],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'default-protocol':
        return {
          ingress: [{ from: [{ podSelector: {} }], ports: [{ port }] }],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'egress-empty-list-alone':
        return { egress: [], podSelector: subject };
      case 'two-peers-or':
        return {
          ingress: [
            {
              from: [
                { namespaceSelector: matchLabels({ team: c.teams[0] ?? 'team-a' }) },
                { podSelector: matchLabels({ component: 'frontend' }) },
              ],
            },
          ],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'labels-and-expressions':
        return {
          ingress: [
            {
              from: [
                {
                  podSelector: {
                    matchExpressions: [expression('version', 'In', ['v1'])],
                    matchLabels: { component: 'backend' },
                  },
                },
              ],
            },
          ],
          podSelector: {
            matchExpressions: [expression('version', 'NotIn', ['v3'])],
            matchLabels: { app: w.name },
          },
          policyTypes: ['Ingress'],
        };
      case 'sctp-port':
        return {
          ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 3868, protocol: 'SCTP' }] }],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
      case 'udp-range':
        return {
          egress: [
            { ports: [{ endPort: 5100, port: 5000, protocol: 'UDP' }], to: [{ namespaceSelector: {} }] },
          ],
          podSelector: subject,
          policyTypes: ['Egress'],
        };
      case 'named-udp-port':
        return {
          ingress: [
            {
              from: [{ namespaceSelector: matchLabels({ role: 'monitoring' }) }],
              ports: [{ port: 'statsd', protocol: 'UDP' }],
            },
          ],
          podSelector: matchLabels({ component: 'worker' }),
          policyTypes: ['Ingress'],
        };
      case 'named-port-wrong-protocol':
        return {
          ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 'http', protocol: 'UDP' }] }],
          podSelector: subject,
          policyTypes: ['Ingress'],
        };
    }
  })();
  return networkPolicy(c.factory, ns.name, name, spec);
}

// ---------- k8s-netpol-scale-style top-ups ----------

const COMMON_PORTS = [80, 443, 8080, 8443, 9090, 5432, 6379, 53, 5672, 9000];

function topUpPorts(p: Prng, knobs: NetpolScaleKnobs): JsonObject[] {
  const ports: JsonObject[] = [];
  for (let i = 0; i < knobs.singlePorts; i++) {
    const value = p.chance(0.5) ? p.pick(COMMON_PORTS) : p.int(1024, 49151);
    ports.push({ port: value, protocol: i % 2 === 0 ? 'TCP' : 'UDP' });
  }
  for (let i = 0; i < knobs.portRanges; i++) {
    const start = p.int(1024, 60000);
    ports.push({ endPort: start + p.int(1, 500), port: start, protocol: 'TCP' });
  }
  return ports;
}

function appsCovering(p: Prng, workloads: readonly WorkloadPlan[], pods: number): string[] {
  if (workloads.length === 0) return [];
  const shuffled = p.shuffle(workloads.slice());
  const apps: string[] = [];
  let covered = 0;
  for (const w of shuffled) {
    apps.push(w.name);
    covered += Math.max(1, w.replicas);
    if (covered >= pods) break;
  }
  return apps.sort();
}

function topUpPeers(c: PolicyContext, knobs: NetpolScaleKnobs): JsonObject[] {
  const p = c.prng;
  const peers: JsonObject[] = [];
  for (let i = 0; i < knobs.podSelectors; i++) {
    const chosen = p.sample(c.namespaces, Math.max(1, knobs.peerNamespaces));
    const peer: JsonObject = {
      namespaceSelector: {
        matchExpressions: [expression(NAME_LABEL, 'In', chosen.map((n) => n.name).sort())],
      },
    };
    if (knobs.peerPods > 0) {
      const pool = chosen.flatMap((n) => n.workloads);
      const apps = appsCovering(p, pool, Math.ceil(knobs.peerPods / Math.max(1, chosen.length)));
      peer['podSelector'] = {
        matchExpressions: [expression('app', 'In', apps.length > 0 ? apps : ['none'])],
      };
    }
    peers.push(peer);
  }
  for (let i = 0; i < knobs.cidrs; i++) peers.push({ ipBlock: { cidr: c.cidrs.unique24() } });
  return peers;
}

/** A top-up policy: subject in `ns`, ingress and/or egress rules of the k8s-netpol-scale shape. */
export function topUpPolicy(
  c: PolicyContext,
  ns: NamespaceView,
  index: number,
  knobs: NetpolScaleKnobs,
): JsonObject {
  const p = c.prng;
  const apps =
    knobs.localPods > 0
      ? appsCovering(p, ns.workloads, knobs.localPods)
      : ns.workloads.length > 0
        ? [p.pick(ns.workloads).name]
        : [];
  const podSelector: JsonObject =
    apps.length === 1
      ? matchLabels({ app: apps[0] as string })
      : { matchExpressions: [expression('app', 'In', apps.length > 0 ? apps : ['none'])] };
  const direction = p.weighted(['ingress', 'egress', 'both'] as const, [0.5, 0.2, 0.3]);
  const spec: JsonObject = {};
  const policyTypes: JsonValue[] = [];
  const rule = (peerField: 'from' | 'to'): JsonObject => {
    const out: JsonObject = {};
    const peers = topUpPeers(c, knobs);
    const ports = topUpPorts(p, knobs);
    if (peerField === 'from' && peers.length > 0) out['from'] = peers;
    if (ports.length > 0) out['ports'] = ports;
    if (peerField === 'to' && peers.length > 0) out['to'] = peers;
    return out;
  };
  if (direction !== 'ingress') spec['egress'] = [rule('to')];
  if (direction !== 'egress') {
    spec['ingress'] = [rule('from')];
    policyTypes.push('Ingress');
  }
  if (direction !== 'ingress') policyTypes.push('Egress');
  spec['podSelector'] = podSelector;
  spec['policyTypes'] = policyTypes;
  return networkPolicy(c.factory, ns.name, `netpol-scale-${index}`, spec);
}
