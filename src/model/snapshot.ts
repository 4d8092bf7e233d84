import type { ContainerPort, Labels, NetworkPolicySpec } from './k8s';
import type { SourceRef } from './source';

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
export type EndpointKind = 'Pod' | WorkloadKind;

/** The label every namespace carries (set by the API server since Kubernetes 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface Namespace {
  readonly name: string;
  /** Always includes `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  /** False when only a pod or policy named it and the input holds no Namespace object. */
  readonly declared: boolean;
  readonly source?: SourceRef;
}

/**
 * Something traffic can come from or go to that policies select by labels: a Pod, or a workload
 * standing for the pods its template would create (id `ns/name[Kind]`).
 */
export interface Endpoint {
  /** `ns/name` for a Pod, `ns/name[Kind]` for a workload. */
  readonly id: string;
  readonly kind: EndpointKind;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Pod addresses (status.podIPs / podIP); empty for workloads and pods without addresses. */
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  /** Pod phase (Running, Pending, Succeeded, Failed, Unknown) when known. */
  readonly phase?: string;
  /** The top-level workload this pod belongs to (through ownerReferences), as `ns/name[Kind]`. */
  readonly workload?: string;
  readonly source?: SourceRef;
}

export interface Policy {
  /** `ns/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly spec: NetworkPolicySpec;
  readonly source?: SourceRef;
}

/** What the importer hands the engine: everything the evaluation needs, already validated. */
export interface Snapshot {
  readonly namespaces: readonly Namespace[];
  readonly endpoints: readonly Endpoint[];
  /** Only policies the API server would accept; rejected ones are reported as diagnostics. */
  readonly policies: readonly Policy[];
}
