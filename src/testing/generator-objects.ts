/**
 * Builders of Kubernetes objects for the synthetic cluster generator, shaped as
 * `kubectl get -o yaml` shows them (defaulted fields, status, ownerReferences).
 */
import type { Prng } from './prng';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export interface PortDef {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export type Component = 'frontend' | 'backend' | 'api' | 'worker' | 'db' | 'cache' | 'queue' | 'batch';
/** In Zipf rank order: frontend is the most common component. */
export const COMPONENTS: readonly Component[] = [
  'frontend',
  'backend',
  'api',
  'worker',
  'db',
  'cache',
  'queue',
  'batch',
];

export type GeneratedWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

/**
 * How a workload appears in the output: `pods` = workload (+ ReplicaSet) + its pods, `template` = the
 * workload object only, `daemon` = a DaemonSet with one pod per node of a pool.
 */
export type WorkloadMode = 'pods' | 'template' | 'daemon';

export interface WorkloadPlan {
  readonly namespace: string;
  readonly name: string;
  readonly kind: GeneratedWorkloadKind;
  readonly mode: WorkloadMode;
  readonly component: Component;
  /** Labels of the pod template (what selectors see), without per-pod noise. */
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PortDef[];
  /** Pods emitted (0 for `template`). */
  readonly replicas: number;
  readonly hostNetwork: boolean;
  /** Nodes the pods run on, one per pod. */
  readonly nodes: readonly number[];
  /** The container's name (default: the component). */
  readonly containerName?: string;
}

/** A copy of a label map with its keys in order, as the API server prints them. */
export function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) out[key] = labels[key] as string;
  return out;
}

const TEMPLATE_HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';
/** 2025-01-06T08:00:00Z: the synthetic cluster's creation time. */
const EPOCH_MS = Date.UTC(2025, 0, 6, 8, 0, 0);

/** Ports per component: the same name maps to different numbers on different components. */
export function componentPorts(component: Component, prng: Prng): PortDef[] {
  const tcp = (name: string, containerPort: number): PortDef => ({ name, containerPort, protocol: 'TCP' });
  switch (component) {
    case 'frontend':
      return [tcp('http', prng.chance(0.7) ? 8080 : 3000), tcp('metrics', 9113)];
    case 'backend':
      return [tcp('http', 8000), tcp('grpc', 9000), tcp('metrics', 9100)];
    case 'api':
      return [tcp('http', 80), tcp('https', 8443), tcp('grpc', 50051), tcp('metrics', 9090)];
    case 'worker':
      return prng.chance(0.3)
        ? [tcp('metrics', 9102), { name: 'statsd', containerPort: 8125, protocol: 'UDP' }]
        : [tcp('metrics', 9102)];
    case 'db':
      return [tcp('postgres', 5432), tcp('metrics', 9187)];
    case 'cache':
      return [tcp('redis', 6379), tcp('metrics', 9121)];
    case 'queue':
      return [tcp('amqp', 5672), tcp('epmd', 4369), tcp('metrics', 15692)];
    case 'batch':
      return prng.chance(0.5) ? [tcp('metrics', 9091)] : [];
  }
}

/** Deterministic identifiers, timestamps and resource versions. */
export class ObjectFactory {
  private resourceVersionCounter = 100_000;

  constructor(private readonly prng: Prng) {}

  uid(): string {
    const p = this.prng;
    const y = '89ab'[p.int(0, 3)] as string;
    return `${p.chars(HEX, 8)}-${p.chars(HEX, 4)}-4${p.chars(HEX, 3)}-${y}${p.chars(HEX, 3)}-${p.chars(HEX, 12)}`;
  }

  resourceVersion(): string {
    this.resourceVersionCounter += 1 + Math.floor(this.prng.next() * 40);
    return String(this.resourceVersionCounter);
  }

  /** A time within 60 days after the epoch, plus `afterSeconds`. */
  timestamp(afterSeconds = 0): string {
    return formatTime(EPOCH_MS + Math.floor(this.prng.next() * 60 * 86_400) * 1000 + afterSeconds * 1000);
  }

  /** A `pod-template-hash`-like value (10 characters). */
  templateHash(): string {
    return this.prng.chars(TEMPLATE_HASH_ALPHABET, 10);
  }

  /** A generated-name suffix (5 characters). */
  suffix(): string {
    return this.prng.chars(TEMPLATE_HASH_ALPHABET, 5);
  }

  hex(length: number): string {
    return this.prng.chars(HEX, length);
  }

  int(min: number, max: number): number {
    return this.prng.int(min, max);
  }
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function intToIPv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function nodeName(index: number): string {
  return `node-${String(index).padStart(4, '0')}`;
}

export function nodeIP(index: number): string {
  // Nodes live in 10.240.0.0/16, outside the pod network 10.244.0.0/14.
  return intToIPv4(((10 << 24) | (240 << 16)) + 10 + index);
}

export function namespaceObject(f: ObjectFactory, name: string, labels: Record<string, string>): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      creationTimestamp: f.timestamp(),
      labels: sortedLabels(labels),
      name,
      resourceVersion: f.resourceVersion(),
      uid: f.uid(),
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

interface Owner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

function ownerReference(owner: Owner): JsonObject {
  return {
    apiVersion: owner.apiVersion,
    blockOwnerDeletion: true,
    controller: true,
    kind: owner.kind,
    name: owner.name,
    uid: owner.uid,
  };
}

function probe(ports: readonly PortDef[]): JsonObject | undefined {
  const tcp = ports.filter((p) => p.protocol === 'TCP');
  const http = tcp.find((p) => p.name === 'http');
  const first = tcp[0];
  if (http !== undefined) {
    return {
      failureThreshold: 3,
      httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    };
  }
  if (first !== undefined) {
    return {
      failureThreshold: 3,
      periodSeconds: 10,
      successThreshold: 1,
      tcpSocket: { port: first.containerPort },
      timeoutSeconds: 1,
    };
  }
  return undefined;
}

/** The container of a workload's template, shared (read-only) by every pod of the workload. */
export function containerTemplate(w: WorkloadPlan, f: ObjectFactory): JsonObject {
  const container: JsonObject = {
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    image: `registry.example.com/${w.namespace}/${w.name}:1.${f.int(0, 30)}.${f.int(0, 9)}`,
    imagePullPolicy: 'IfNotPresent',
    name: w.containerName ?? w.component,
  };
  if (w.ports.length > 0) {
    container['ports'] = w.ports.map((p) => ({
      containerPort: p.containerPort,
      name: p.name,
      protocol: p.protocol,
    }));
  }
  const readiness = probe(w.ports);
  if (readiness !== undefined) container['readinessProbe'] = readiness;
  container['resources'] = {
    limits: { cpu: '500m', memory: '512Mi' },
    requests: { cpu: `${f.int(1, 5) * 50}m`, memory: `${f.int(1, 4) * 64}Mi` },
  };
  container['securityContext'] = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  };
  container['terminationMessagePath'] = '/dev/termination-log';
  container['terminationMessagePolicy'] = 'File';
  return container;
}

function templateSpec(w: WorkloadPlan, container: JsonObject, restartPolicy: string): JsonObject {
  const spec: JsonObject = {
    containers: [container],
    dnsPolicy: w.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
  };
  if (w.hostNetwork) spec['hostNetwork'] = true;
  spec['restartPolicy'] = restartPolicy;
  spec['schedulerName'] = 'default-scheduler';
  spec['securityContext'] = {};
  spec['terminationGracePeriodSeconds'] = 30;
  return spec;
}

function podTemplate(labels: Record<string, string>, spec: JsonObject): JsonObject {
  return { metadata: { creationTimestamp: null, labels }, spec };
}

function workloadMetadata(
  f: ObjectFactory,
  w: WorkloadPlan,
  created: string,
  extra: JsonObject = {},
): JsonObject {
  return {
    ...extra,
    creationTimestamp: created,
    generation: 1,
    labels: w.labels['component'] === undefined ? { app: w.name } : { app: w.name, component: w.component },
    name: w.name,
    namespace: w.namespace,
    resourceVersion: f.resourceVersion(),
    uid: f.uid(),
  };
}

/** What a workload emits: its own objects (workload, ReplicaSet) and its pods. */
export interface WorkloadObjects {
  readonly workloads: JsonObject[];
  readonly pods: JsonObject[];
}

export interface PodAddressing {
  /** Next pod address (as a 32-bit integer) in 10.244.0.0/14, or an IPv6 address, per pod. */
  nextIPv4(): number;
  dualStack(): boolean;
  nextIPv6(): string;
  pending(): boolean;
}

/** Builds a workload with its ReplicaSet (for Deployments) and its pods, per the plan's mode. */
export function buildWorkload(w: WorkloadPlan, f: ObjectFactory, addr: PodAddressing): WorkloadObjects {
  const container = containerTemplate(w, f);
  const created = f.timestamp();
  const restart = w.kind === 'Job' || w.kind === 'CronJob' ? 'OnFailure' : 'Always';
  const spec = templateSpec(w, container, restart);
  const labels = sortedLabels(w.labels);
  const selector = { matchLabels: { app: w.name } };
  const workloads: JsonObject[] = [];
  const pods: JsonObject[] = [];
  const podCount = w.mode === 'template' ? 0 : w.replicas;
  const ready = { readyReplicas: podCount, replicas: podCount };
  /** The workload's pods, named `PREFIX<suffix>` as their controller would name them. */
  const addPods = (
    prefix: string,
    podLabels: Record<string, string>,
    owner: Parameters<typeof buildPod>[8],
  ): void => {
    for (let i = 0; i < podCount; i++) {
      pods.push(
        buildPod(w, f, addr, container, created, `${prefix}${f.suffix()}`, prefix, podLabels, owner, i),
      );
    }
  };
  switch (w.kind) {
    case 'Deployment': {
      const meta = workloadMetadata(f, w, created, {
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      });
      const replicas = w.mode === 'template' ? w.replicas : podCount;
      workloads.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: {
          progressDeadlineSeconds: 600,
          replicas,
          revisionHistoryLimit: 10,
          selector,
          strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
          template: podTemplate(labels, spec),
        },
        status: deploymentStatus(created, podCount),
      });
      if (w.mode === 'template') break;
      const hash = f.templateHash();
      const rsName = `${w.name}-${hash}`;
      const rsLabels = sortedLabels({ ...labels, 'pod-template-hash': hash });
      const rsUid = f.uid();
      workloads.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(podCount),
            'deployment.kubernetes.io/max-replicas': String(podCount + Math.ceil(podCount / 4)),
            'deployment.kubernetes.io/revision': '1',
          },
          creationTimestamp: created,
          generation: 1,
          labels: rsLabels,
          name: rsName,
          namespace: w.namespace,
          ownerReferences: [
            ownerReference({
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: w.name,
              uid: meta['uid'] as string,
            }),
          ],
          resourceVersion: f.resourceVersion(),
          uid: rsUid,
        },
        spec: {
          replicas: podCount,
          selector: { matchLabels: { app: w.name, 'pod-template-hash': hash } },
          template: podTemplate(rsLabels, spec),
        },
        status: {
          availableReplicas: podCount,
          fullyLabeledReplicas: podCount,
          observedGeneration: 1,
          ...ready,
        },
      });
      const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid };
      addPods(`${rsName}-`, rsLabels, owner);
      break;
    }
    case 'StatefulSet': {
      const meta = workloadMetadata(f, w, created);
      const revision = `${w.name}-${f.templateHash()}`;
      workloads.push({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta,
        spec: {
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
          podManagementPolicy: 'OrderedReady',
          replicas: w.replicas,
          revisionHistoryLimit: 10,
          selector,
          serviceName: w.name,
          template: podTemplate(labels, spec),
          updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
        },
        status: {
          availableReplicas: podCount,
          collisionCount: 0,
          currentReplicas: podCount,
          currentRevision: revision,
          observedGeneration: 1,
          ...ready,
          updateRevision: revision,
          updatedReplicas: podCount,
        },
      });
      const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: w.name, uid: meta['uid'] as string };
      for (let i = 0; i < podCount; i++) {
        const podName = `${w.name}-${i}`;
        const podLabels = sortedLabels({
          ...labels,
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': podName,
        });
        pods.push(buildPod(w, f, addr, container, created, podName, `${w.name}-`, podLabels, owner, i));
      }
      break;
    }
    case 'DaemonSet': {
      const meta = workloadMetadata(f, w, created, {
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      });
      workloads.push({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: meta,
        spec: {
          revisionHistoryLimit: 10,
          selector,
          template: podTemplate(labels, spec),
          updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
        },
        status: {
          currentNumberScheduled: podCount,
          desiredNumberScheduled: podCount,
          numberAvailable: podCount,
          numberMisscheduled: 0,
          numberReady: podCount,
          observedGeneration: 1,
          updatedNumberScheduled: podCount,
        },
      });
      const hash = f.templateHash();
      const podLabels = sortedLabels({
        ...labels,
        'controller-revision-hash': hash,
        'pod-template-generation': '1',
      });
      const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: w.name, uid: meta['uid'] as string };
      addPods(`${w.name}-`, podLabels, owner);
      break;
    }
    case 'Job': {
      const meta = workloadMetadata(f, w, created);
      const jobUid = meta['uid'] as string;
      const jobLabels = sortedLabels({
        ...labels,
        'batch.kubernetes.io/controller-uid': jobUid,
        'batch.kubernetes.io/job-name': w.name,
        'controller-uid': jobUid,
        'job-name': w.name,
      });
      workloads.push({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta,
        spec: {
          backoffLimit: 6,
          completionMode: 'NonIndexed',
          completions: Math.max(1, w.replicas),
          manualSelector: false,
          parallelism: Math.max(1, w.replicas),
          podReplacementPolicy: 'TerminatingOrFailed',
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': jobUid } },
          suspend: false,
          template: podTemplate(jobLabels, spec),
        },
        status: {
          active: podCount,
          ready: podCount,
          startTime: created,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      });
      const owner = { apiVersion: 'batch/v1', kind: 'Job', name: w.name, uid: jobUid };
      addPods(`${w.name}-`, jobLabels, owner);
      break;
    }
    case 'CronJob': {
      workloads.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: workloadMetadata(f, w, created),
        spec: {
          concurrencyPolicy: 'Forbid',
          failedJobsHistoryLimit: 1,
          jobTemplate: {
            metadata: { creationTimestamp: null },
            spec: { backoffLimit: 3, template: podTemplate(labels, spec) },
          },
          schedule: `${f.int(0, 59)} ${f.int(0, 23)} * * *`,
          successfulJobsHistoryLimit: 3,
          suspend: false,
        },
        status: {},
      });
      break;
    }
  }
  return { workloads, pods };
}

function deploymentStatus(created: string, replicas: number): JsonObject {
  return {
    availableReplicas: replicas,
    conditions: [
      {
        lastTransitionTime: created,
        lastUpdateTime: created,
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: created,
        lastUpdateTime: created,
        message: 'ReplicaSet has successfully progressed.',
        reason: 'NewReplicaSetAvailable',
        status: 'True',
        type: 'Progressing',
      },
    ],
    observedGeneration: 1,
    readyReplicas: replicas,
    replicas,
    updatedReplicas: replicas,
  };
}

const TOLERATIONS: JsonObject[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

function serviceAccountVolume(name: string): JsonObject {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    },
  };
}

function buildPod(
  w: WorkloadPlan,
  f: ObjectFactory,
  addr: PodAddressing,
  container: JsonObject,
  created: string,
  name: string,
  generateName: string,
  labels: Record<string, string>,
  owner: Owner,
  index: number,
): JsonObject {
  const node = w.nodes[index] ?? 0;
  const hostIP = nodeIP(node);
  const volume = `kube-api-access-${f.suffix()}`;
  const pending = !w.hostNetwork && addr.pending();
  const started = formatTime(Date.parse(created) + 5000 + index * 1000);
  const podSpec: JsonObject = {
    containers: [
      {
        ...container,
        volumeMounts: [
          { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true },
        ],
      },
    ],
    dnsPolicy: w.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    enableServiceLinks: true,
  };
  if (w.hostNetwork) podSpec['hostNetwork'] = true;
  podSpec['nodeName'] = nodeName(node);
  podSpec['preemptionPolicy'] = 'PreemptLowerPriority';
  podSpec['priority'] = 0;
  podSpec['restartPolicy'] = w.kind === 'Job' ? 'OnFailure' : 'Always';
  podSpec['schedulerName'] = 'default-scheduler';
  podSpec['securityContext'] = {};
  podSpec['serviceAccount'] = 'default';
  podSpec['serviceAccountName'] = 'default';
  podSpec['terminationGracePeriodSeconds'] = 30;
  podSpec['tolerations'] = TOLERATIONS;
  podSpec['volumes'] = [serviceAccountVolume(volume)];

  const condition = (type: string, status = 'True'): JsonObject => ({
    lastProbeTime: null,
    lastTransitionTime: started,
    status,
    type,
  });
  let status: JsonObject;
  if (pending) {
    status = {
      conditions: [
        condition('Initialized'),
        condition('Ready', 'False'),
        condition('ContainersReady', 'False'),
        condition('PodScheduled'),
      ],
      containerStatuses: [
        {
          image: container['image'] as string,
          imageID: '',
          lastState: {},
          name: w.containerName ?? w.component,
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      phase: 'Pending',
      qosClass: 'Burstable',
      startTime: started,
    };
  } else {
    let podIP: string;
    const podIPs: JsonObject[] = [];
    if (w.hostNetwork) {
      podIP = hostIP;
      podIPs.push({ ip: hostIP });
    } else {
      podIP = intToIPv4(addr.nextIPv4());
      podIPs.push({ ip: podIP });
      if (addr.dualStack()) podIPs.push({ ip: addr.nextIPv6() });
    }
    status = {
      conditions: [
        condition('Initialized'),
        condition('Ready'),
        condition('ContainersReady'),
        condition('PodScheduled'),
      ],
      containerStatuses: [
        {
          containerID: `containerd://${f.hex(64)}`,
          image: container['image'] as string,
          imageID: `${(container['image'] as string).split(':')[0] ?? ''}@sha256:${f.hex(64)}`,
          lastState: {},
          name: w.containerName ?? w.component,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: started } },
        },
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      phase: 'Running',
      podIP,
      podIPs,
      qosClass: 'Burstable',
      startTime: started,
    };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: started,
      generateName,
      labels,
      name,
      namespace: w.namespace,
      ownerReferences: [ownerReference(owner)],
      resourceVersion: f.resourceVersion(),
      uid: f.uid(),
    },
    spec: podSpec,
    status,
  };
}
