/**
 * A seeded generator of realistic synthetic clusters (performance.md §7), for tests, the CLI's
 * `generate` command and the benchmark. Same options, same seed: byte-identical output.
 *
 * The output is a list of plain JSON-able Kubernetes objects as `kubectl get -A -o yaml` shows
 * them (Namespaces, Pods, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs,
 * NetworkPolicies), with figures about what was generated.
 */
import type {
  Component,
  GeneratedWorkloadKind,
  JsonObject,
  PodAddressing,
  PortDef,
  WorkloadMode,
  WorkloadPlan,
} from './generator-objects';
import {
  buildWorkload,
  COMPONENTS,
  componentPorts,
  namespaceObject,
  ObjectFactory,
} from './generator-objects';
import type {
  EdgeCase,
  NamespaceView,
  NetpolScaleKnobs,
  PolicyContext,
  WorkloadPolicyRates,
} from './generator-policies';
import {
  allowMonitoring,
  CidrAllocator,
  DEFAULT_NETPOL_SCALE,
  defaultDenyIngress,
  denyOnlyPolicy,
  EDGE_CASES,
  edgeCasePolicy,
  egressLockdown,
  emptyPolicy,
  NAME_LABEL,
  servesTraffic,
  topUpPolicy,
  workloadAllow,
} from './generator-policies';
import { Prng } from './prng';

export type { JsonObject, JsonValue } from './generator-objects';
export type { NetpolScaleKnobs } from './generator-policies';
export { DEFAULT_NETPOL_SCALE, RED_HAT_NETPOL_SCALE } from './generator-policies';
export { toJson, toYaml, serializeChunks } from './generator-serialize';
export type { SerializeFormat } from './generator-serialize';

export const PROFILE_NAMES = ['S', 'M', 'L', 'L-dense', 'XL', 'Stress'] as const;
export type Profile = (typeof PROFILE_NAMES)[number];

export interface ProfileSpec {
  /** Target endpoints (pods, plus workloads emitted without pods). */
  readonly pods: number;
  readonly namespaces: number;
  readonly policies: number;
  /** Share of policies that select nothing or allow nothing (the real policy-heavy snapshot's 25%). */
  readonly emptyOrDenyOnly: number;
}

export const PROFILES: Readonly<Record<Profile, ProfileSpec>> = {
  S: { pods: 200, namespaces: 10, policies: 40, emptyOrDenyOnly: 0 },
  M: { pods: 1_000, namespaces: 50, policies: 300, emptyOrDenyOnly: 0 },
  L: { pods: 10_000, namespaces: 500, policies: 5_000, emptyOrDenyOnly: 0 },
  'L-dense': { pods: 5_500, namespaces: 600, policies: 14_000, emptyOrDenyOnly: 0.25 },
  XL: { pods: 50_000, namespaces: 2_500, policies: 20_000, emptyOrDenyOnly: 0 },
  Stress: { pods: 150_000, namespaces: 10_000, policies: 75_000, emptyOrDenyOnly: 0 },
};

export function isProfile(value: string): value is Profile {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Probabilities of the mix (performance.md §7); each can be overridden. */
export interface GeneratorRates {
  readonly undeclaredNamespace: number;
  readonly defaultDenyIngress: number;
  readonly defaultDenyEgress: number;
  readonly dualStack: number;
  readonly pendingPod: number;
  readonly sctpPort: number;
  readonly modePods: number;
  readonly modeTemplate: number;
  readonly modeDaemon: number;
  readonly crossNamespace: number;
  readonly portRange: number;
  readonly expressions: number;
  readonly missingNamedPort: number;
  /** Share of the policy target kept for k8s-netpol-scale-style top-ups, at least. */
  readonly minTopUp: number;
}

export const DEFAULT_RATES: GeneratorRates = {
  undeclaredNamespace: 0.02,
  defaultDenyIngress: 0.8,
  defaultDenyEgress: 0.3,
  dualStack: 0.05,
  pendingPod: 0.005,
  sctpPort: 0.01,
  modePods: 0.7,
  modeTemplate: 0.2,
  modeDaemon: 0.1,
  crossNamespace: 0.4,
  portRange: 0.2,
  expressions: 0.1,
  missingNamedPort: 0.01,
  minTopUp: 0.05,
};

export interface GenerateOptions {
  readonly profile: Profile;
  readonly seed: number;
  /** Override the profile's sizes (e.g. for tests). */
  readonly sizes?: Partial<Omit<ProfileSpec, 'emptyOrDenyOnly'>>;
  readonly rates?: Partial<GeneratorRates>;
  readonly netpolScale?: Partial<NetpolScaleKnobs>;
}

export interface ClusterStats {
  readonly profile: Profile;
  readonly seed: number;
  readonly target: { readonly pods: number; readonly namespaces: number; readonly policies: number };
  readonly namespaces: number;
  readonly declaredNamespaces: number;
  readonly undeclaredNamespaces: number;
  readonly nodes: number;
  readonly pods: number;
  readonly hostNetworkPods: number;
  readonly dualStackPods: number;
  readonly pendingPods: number;
  /** Workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs), with pods or not. */
  readonly workloads: number;
  /** Workloads emitted without pods: each is one endpoint. */
  readonly workloadEndpoints: number;
  /** pods + workloadEndpoints. */
  readonly endpoints: number;
  readonly policies: number;
  readonly policiesByCategory: Readonly<Record<string, number>>;
  readonly rules: number;
  readonly peers: number;
  readonly ipBlocks: number;
  readonly distinctSelectors: number;
  readonly objects: number;
  readonly objectsByKind: Readonly<Record<string, number>>;
}

export interface GeneratedCluster {
  readonly objects: JsonObject[];
  readonly stats: ClusterStats;
}

const WORDS = (
  'orders payments catalog cart checkout users auth search inventory shipping billing notify ' +
  'reports ledger profile reviews media gateway session pricing quotes alerts audit feeds events ' +
  'stock tickets chat mailer ingest export sync router scheduler ratings invoices accounts loyalty ' +
  'offers geo fraud risk ledger-sync images thumbs uploads tracking returns vendors tax'
).split(' ');
const TEAM_WORDS = (
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar ' +
  'papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu aurora borealis comet ' +
  'nebula orbit pulsar quasar nova zenith apex vertex summit harbor beacon falcon otter lynx heron ' +
  'badger bison cobra dingo eagle gecko'
).split(' ');
const ENVS = ['prod', 'staging', 'dev'] as const;
const POD_NETWORK_BASE = (10 << 24) | (244 << 16);
const POD_NETWORK_SIZE = 1 << 18; // 10.244.0.0/14

interface NamespacePlan extends NamespaceView {
  readonly labels: Record<string, string>;
  readonly declared: boolean;
  readonly product: string;
  readonly workloads: WorkloadPlan[];
}

/** Generates a synthetic cluster for a profile and seed. Pure: no clock, no Math.random. */
export function generateCluster(options: GenerateOptions): GeneratedCluster {
  const spec = { ...PROFILES[options.profile], ...options.sizes };
  const rates: GeneratorRates = { ...DEFAULT_RATES, ...options.rates };
  const knobs: NetpolScaleKnobs = { ...DEFAULT_NETPOL_SCALE, ...options.netpolScale };
  const root = new Prng(options.seed);
  const nsRandom = root.fork('namespaces');
  const wlRandom = root.fork('workloads');
  const objRandom = root.fork('objects');
  const polRandom = root.fork('policies');
  const factory = new ObjectFactory(objRandom);

  const nodes = Math.max(3, Math.ceil(spec.pods / 60));
  const userCount = Math.max(1, spec.namespaces - 3);
  const teams = TEAM_WORDS.slice(0, Math.min(50, Math.max(20, Math.round(userCount / 10)))).map(
    (t) => `team-${t}`,
  );
  const tenantCount = Math.max(2, Math.round(userCount / 25));

  // ----- Namespaces and workloads -----
  const system = systemNamespaces(spec.pods, nodes);
  const systemPods = system.reduce((n, ns) => n + ns.workloads.reduce((m, w) => m + w.replicas, 0), 0);
  const meanPerNamespace = Math.max(1, (spec.pods - systemPods) / userCount);
  const users: NamespacePlan[] = [];
  for (let i = 0; i < userCount; i++) {
    const name = `ns-${i}`;
    const team = teams[nsRandom.zipf(teams.length, 1.1)] as string;
    const labels = {
      [NAME_LABEL]: name,
      env: nsRandom.weighted(ENVS, [0.4, 0.3, 0.3]),
      team,
      tenant: `tenant-${nsRandom.zipf(tenantCount, 0.9)}`,
    };
    const declared = !nsRandom.chance(rates.undeclaredNamespace);
    const product = nsRandom.pick(WORDS);
    const budget = Math.max(1, Math.round(meanPerNamespace * nsRandom.float(0.3, 1.7)));
    users.push({
      name,
      team,
      labels,
      declared,
      product,
      workloads: planWorkloads(wlRandom, name, product, budget, nodes, rates),
    });
  }
  const allNamespaces = [...system, ...users];

  // ----- Objects -----
  const byKind = new Map<string, JsonObject[]>();
  const add = (o: JsonObject): void => {
    const kind = o['kind'] as string;
    let list = byKind.get(kind);
    if (list === undefined) byKind.set(kind, (list = []));
    list.push(o);
  };
  for (const ns of allNamespaces) if (ns.declared) add(namespaceObject(factory, ns.name, ns.labels));

  let ipv4 = 10;
  let ipv6 = 10;
  let dualStackPods = 0;
  let pendingPods = 0;
  const addressing: PodAddressing = {
    nextIPv4: () => {
      if (ipv4 >= POD_NETWORK_SIZE - 1) throw new RangeError('pod network 10.244.0.0/14 exhausted');
      return (POD_NETWORK_BASE + ipv4++) >>> 0;
    },
    dualStack: () => {
      const yes = objRandom.chance(rates.dualStack);
      if (yes) dualStackPods++;
      return yes;
    },
    nextIPv6: () => `fd00::${(ipv6++).toString(16)}`,
    pending: () => {
      const yes = objRandom.chance(rates.pendingPod);
      if (yes) pendingPods++;
      return yes;
    },
  };
  let pods = 0;
  let hostNetworkPods = 0;
  let workloadEndpoints = 0;
  let workloadCount = 0;
  for (const ns of allNamespaces) {
    for (const w of ns.workloads) {
      const built = buildWorkload(w, factory, addressing);
      for (const o of built.workloads) add(o);
      for (const o of built.pods) add(o);
      workloadCount++;
      pods += built.pods.length;
      if (w.hostNetwork) hostNetworkPods += built.pods.length;
      if (built.pods.length === 0) workloadEndpoints++;
    }
  }

  // ----- Policies -----
  const context: PolicyContext = {
    prng: polRandom,
    factory,
    cidrs: new CidrAllocator(),
    teams,
    namespaces: users,
  };
  const categories = planPolicies(context, users, spec.policies, spec.emptyOrDenyOnly, rates, knobs);
  for (const p of categories.policies) add(p);

  // ----- Order as the API server lists them: by kind, then namespace/name -----
  const objects: JsonObject[] = [];
  const objectsByKind: Record<string, number> = {};
  for (const kind of KIND_ORDER) {
    const list = byKind.get(kind);
    if (list === undefined) continue;
    objectsByKind[kind] = list.length;
    for (const o of sortByNamespaceAndName(list)) objects.push(o);
  }
  const shape = policyShape(categories.policies);
  const declaredNamespaces = allNamespaces.filter((n) => n.declared).length;
  return {
    objects,
    stats: {
      profile: options.profile,
      seed: options.seed,
      target: { pods: spec.pods, namespaces: spec.namespaces, policies: spec.policies },
      namespaces: allNamespaces.length,
      declaredNamespaces,
      undeclaredNamespaces: allNamespaces.length - declaredNamespaces,
      nodes,
      pods,
      hostNetworkPods,
      dualStackPods,
      pendingPods,
      workloads: workloadCount,
      workloadEndpoints,
      endpoints: pods + workloadEndpoints,
      policies: categories.policies.length,
      policiesByCategory: categories.counts,
      ...shape,
      objects: objects.length,
      objectsByKind,
    },
  };
}

const KIND_ORDER = [
  'Namespace',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'NetworkPolicy',
];

function sortByNamespaceAndName(list: JsonObject[]): JsonObject[] {
  const keyed = list.map((o) => {
    const m = o['metadata'] as JsonObject;
    return { key: `${(m['namespace'] as string | undefined) ?? ''}/${m['name'] as string}`, o };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.o);
}

// ---------- Namespaces of the platform ----------

function systemWorkload(
  namespace: string,
  name: string,
  kind: GeneratedWorkloadKind,
  labels: Record<string, string>,
  ports: PortDef[],
  nodes: number[],
  hostNetwork = false,
): WorkloadPlan {
  return {
    namespace,
    name,
    kind,
    mode: 'pods',
    component: 'backend',
    labels: { app: name, ...labels },
    ports,
    replicas: nodes.length,
    hostNetwork,
    nodes,
    containerName: name,
  };
}

function range(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => i + offset);
}

function systemNamespaces(targetPods: number, nodes: number): NamespacePlan[] {
  const tcp = (name: string, containerPort: number): PortDef => ({ name, containerPort, protocol: 'TCP' });
  const dnsReplicas = Math.min(20, Math.max(2, Math.ceil(targetPods / 10_000) + 1));
  const nginxReplicas = Math.min(10, Math.max(2, Math.ceil(nodes / 50)));
  const ns = (name: string, extra: Record<string, string>, workloads: WorkloadPlan[]): NamespacePlan => ({
    name,
    team: undefined,
    labels: { [NAME_LABEL]: name, ...extra },
    declared: true,
    product: 'platform',
    workloads,
  });
  return [
    ns('kube-system', {}, [
      systemWorkload(
        'kube-system',
        'coredns',
        'Deployment',
        { 'k8s-app': 'kube-dns' },
        [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, tcp('dns-tcp', 53), tcp('metrics', 9153)],
        range(dnsReplicas).map((i) => i % nodes),
      ),
      systemWorkload(
        'kube-system',
        'kube-proxy',
        'DaemonSet',
        { 'k8s-app': 'kube-proxy' },
        [tcp('metrics', 10249)],
        range(nodes),
        true,
      ),
    ]),
    ns('monitoring', { role: 'monitoring' }, [
      systemWorkload(
        'monitoring',
        'prometheus',
        'StatefulSet',
        { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/part-of': 'monitoring' },
        [tcp('web', 9090)],
        [0, 1 % nodes],
      ),
    ]),
    ns(
      'ingress-nginx',
      { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx' },
      [
        systemWorkload(
          'ingress-nginx',
          'ingress-nginx-controller',
          'Deployment',
          {
            'app.kubernetes.io/name': 'ingress-nginx',
            'app.kubernetes.io/component': 'controller',
            'app.kubernetes.io/instance': 'ingress-nginx',
          },
          [tcp('http', 80), tcp('https', 443), tcp('webhook', 8443), tcp('metrics', 10254)],
          range(nginxReplicas).map((i) => (i * 7) % nodes),
        ),
      ],
    ),
  ];
}

// ---------- Workloads of a user namespace ----------

function workloadKind(p: Prng, component: Component, mode: WorkloadMode): GeneratedWorkloadKind {
  if (mode === 'daemon') return 'DaemonSet';
  const stateful = component === 'db' || component === 'cache' || component === 'queue';
  if (mode === 'pods') return component === 'batch' ? 'Job' : stateful ? 'StatefulSet' : 'Deployment';
  if (component === 'batch') return p.chance(0.5) ? 'Job' : 'CronJob';
  if (stateful) return p.chance(0.6) ? 'StatefulSet' : 'Deployment';
  return p.chance(0.8) ? 'Deployment' : 'DaemonSet';
}

function planWorkloads(
  p: Prng,
  namespace: string,
  product: string,
  budget: number,
  nodes: number,
  rates: GeneratorRates,
): WorkloadPlan[] {
  const plans: WorkloadPlan[] = [];
  const names = new Set<string>();
  let remaining = budget;
  while (remaining > 0) {
    const component = COMPONENTS[p.zipf(COMPONENTS.length, 0.8)] as Component;
    const mode = p.weighted<WorkloadMode>(
      ['pods', 'template', 'daemon'],
      [rates.modePods, rates.modeTemplate, rates.modeDaemon],
    );
    const kind = workloadKind(p, component, mode);
    const base = `${p.pick(WORDS)}-${component}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    const labels: Record<string, string> = {
      app: name,
      'app.kubernetes.io/part-of': product,
      component,
      version: p.chance(0.8) ? 'v1' : 'v2',
    };
    if (p.chance(0.4)) {
      labels['app.kubernetes.io/managed-by'] = 'Helm';
      labels['helm.sh/chart'] = `${name}-${p.int(0, 3)}.${p.int(0, 20)}.${p.int(0, 9)}`;
    }
    const ports = componentPorts(component, p);
    if (p.chance(rates.sctpPort)) ports.push({ name: 'diameter', containerPort: 3868, protocol: 'SCTP' });
    let replicas: number;
    let podNodes: number[];
    if (mode === 'daemon') {
      replicas = Math.min(remaining, nodes, p.int(3, 8));
      const start = p.int(0, nodes - 1);
      podNodes = range(replicas).map((i) => (start + i) % nodes);
      remaining -= replicas;
    } else if (mode === 'pods') {
      replicas = Math.min(remaining, 1 + Math.floor(p.exp(3)));
      podNodes = range(replicas).map(() => p.int(0, nodes - 1));
      remaining -= replicas;
    } else {
      // A workload without pods does not use the pod budget (unless nothing else could).
      replicas = 1 + Math.floor(p.exp(3));
      podNodes = [];
      if (rates.modePods + rates.modeDaemon <= 0) remaining -= 1;
    }
    plans.push({
      namespace,
      name,
      kind,
      mode,
      component,
      labels,
      ports,
      replicas,
      hostNetwork: false,
      nodes: podNodes,
    });
  }
  return plans;
}

// ---------- The policy mix ----------

interface PlannedPolicies {
  readonly policies: JsonObject[];
  readonly counts: Record<string, number>;
}

type Thunk = () => JsonObject | JsonObject[];

/**
 * Namespace defaults and per-workload allows first; when they exceed the budget left after edge
 * cases, empty/deny-only policies and a minimum of top-ups, a random subset is kept; top-ups fill
 * the rest up to the target.
 */
function planPolicies(
  c: PolicyContext,
  users: readonly NamespacePlan[],
  target: number,
  emptyShare: number,
  rates: GeneratorRates,
  knobs: NetpolScaleKnobs,
): PlannedPolicies {
  const p = c.prng;
  const workloadRates: WorkloadPolicyRates = rates;
  const nsLevel: { size: number; make: Thunk }[] = [];
  for (const ns of users) {
    if (p.chance(rates.defaultDenyIngress)) {
      nsLevel.push({ size: 1, make: () => defaultDenyIngress(c, ns.name) });
      nsLevel.push({ size: 1, make: () => allowMonitoring(c, ns.name) });
    }
    if (p.chance(rates.defaultDenyEgress)) nsLevel.push({ size: 4, make: () => egressLockdown(c, ns.name) });
  }
  const perWorkload: Thunk[] = [];
  for (const ns of users) {
    for (const w of ns.workloads)
      if (servesTraffic(w)) perWorkload.push(() => workloadAllow(c, ns, w, workloadRates));
  }
  const edgeCount = Math.min(
    target,
    Math.min(EDGE_CASES.length, Math.max(4, Math.round(target / 15))) + Math.round(target * 0.005),
  );
  const emptyCount = Math.min(target - edgeCount, Math.round(target * emptyShare));
  const minTopUps = Math.round(target * rates.minTopUp);
  let room = Math.max(0, target - edgeCount - emptyCount - minTopUps);

  const keptNs = keepWithin(p, nsLevel, room);
  room -= keptNs.reduce((n, t) => n + t.size, 0);
  const keptWl =
    perWorkload.length > room
      ? keepIndexes(p, perWorkload.length, room).map((i) => perWorkload[i] as Thunk)
      : perWorkload;

  const policies: JsonObject[] = [];
  const counts: Record<string, number> = {};
  const emit = (category: string, made: JsonObject | JsonObject[]): void => {
    const list = Array.isArray(made) ? made : [made];
    for (const o of list) policies.push(o);
    counts[category] = (counts[category] ?? 0) + list.length;
  };
  for (const t of keptNs) emit('namespaceDefaults', t.make());
  for (const t of keptWl) emit('perWorkload', t());

  const pickNamespace = (): NamespacePlan => p.pick(users);
  for (let i = 0; i < edgeCount; i++) {
    const ns = pickNamespace();
    const w = p.pick(ns.workloads);
    emit('edgeCases', edgeCasePolicy(c, ns, w, EDGE_CASES[i % EDGE_CASES.length] as EdgeCase, i));
  }
  for (let i = 0; i < emptyCount; i++) {
    const ns = pickNamespace();
    if (p.chance(0.88)) emit('emptyOrDenyOnly', emptyPolicy(c, ns, i));
    else emit('emptyOrDenyOnly', denyOnlyPolicy(c, ns, p.pick(ns.workloads), i));
  }
  for (let i = 0; policies.length < target; i++) emit('topUps', topUpPolicy(c, pickNamespace(), i, knobs));
  return { policies, counts };
}

/** A random subset of weighted items whose sizes add up to at most `room`, in original order. */
function keepWithin<T extends { size: number }>(p: Prng, items: readonly T[], room: number): T[] {
  const total = items.reduce((n, t) => n + t.size, 0);
  if (total <= room) return items.slice();
  const order = p.shuffle(range(items.length));
  const kept = new Set<number>();
  let used = 0;
  for (const i of order) {
    const size = (items[i] as T).size;
    if (used + size <= room) {
      kept.add(i);
      used += size;
    }
  }
  return items.filter((_, i) => kept.has(i));
}

function keepIndexes(p: Prng, n: number, k: number): number[] {
  return p.sample(range(n), Math.max(0, k)).sort((a, b) => a - b);
}

function policyShape(policies: readonly JsonObject[]): {
  rules: number;
  peers: number;
  ipBlocks: number;
  distinctSelectors: number;
} {
  let rules = 0;
  let peers = 0;
  let ipBlocks = 0;
  const selectors = new Set<string>();
  for (const policy of policies) {
    const ns = (policy['metadata'] as JsonObject)['namespace'] as string;
    const spec = policy['spec'] as JsonObject;
    selectors.add(`${ns}|pod|${JSON.stringify(spec['podSelector'])}`);
    for (const [direction, field] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      const list = (spec[direction] as JsonObject[] | undefined) ?? [];
      rules += list.length;
      for (const rule of list) {
        for (const peer of (rule[field] as JsonObject[] | undefined) ?? []) {
          peers++;
          if (peer['ipBlock'] !== undefined) ipBlocks++;
          const nsSel = peer['namespaceSelector'];
          const podSel = peer['podSelector'];
          if (nsSel !== undefined) selectors.add(`ns|${JSON.stringify(nsSel)}`);
          if (podSel !== undefined)
            selectors.add(`${nsSel === undefined ? ns : '*'}|pod|${JSON.stringify(podSel)}`);
        }
      }
    }
  }
  return { rules, peers, ipBlocks, distinctSelectors: selectors.size };
}
