/**
 * The Kubernetes resources the live view reads: what each is called, where the API serves it,
 * and whether a cluster may lack it (an optional kind is skipped with a note when its API is missing).
 */

/** One listable, watchable resource of the Kubernetes API. */
export interface ResourceType {
  /** The kind of its objects: `Pod`. */
  readonly kind: string;
  /** The group/version its objects carry: `v1`, `apps/v1`. */
  readonly apiVersion: string;
  /** The resource name in paths and RBAC rules: `pods`. */
  readonly plural: string;
  /** Required kinds must be served; a cluster without an optional kind still works. */
  readonly optional: boolean;
}

const t = (kind: string, apiVersion: string, plural: string, optional: boolean): ResourceType => ({
  kind,
  apiVersion,
  plural,
  optional,
});

/** Namespaces, pods and NetworkPolicies (required), then the workload kinds (optional). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  t('Namespace', 'v1', 'namespaces', false),
  t('Pod', 'v1', 'pods', false),
  t('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', false),
  t('Deployment', 'apps/v1', 'deployments', true),
  t('StatefulSet', 'apps/v1', 'statefulsets', true),
  t('DaemonSet', 'apps/v1', 'daemonsets', true),
  t('ReplicaSet', 'apps/v1', 'replicasets', true),
  t('Job', 'batch/v1', 'jobs', true),
  t('CronJob', 'batch/v1', 'cronjobs', true),
  t('ReplicationController', 'v1', 'replicationcontrollers', true),
];

/** The API group of a resource: `''` for the core group, `apps`, `networking.k8s.io`. */
export function groupOf(type: ResourceType): string {
  const slash = type.apiVersion.indexOf('/');
  return slash < 0 ? '' : type.apiVersion.slice(0, slash);
}

/** The name RBAC and error messages use: `pods`, `networkpolicies.networking.k8s.io`. */
export function qualifiedName(type: ResourceType): string {
  const group = groupOf(type);
  return group === '' ? type.plural : `${type.plural}.${group}`;
}

/** The cluster-scoped collection path: `/api/v1/pods`, `/apis/apps/v1/deployments`. */
export function collectionPath(type: ResourceType): string {
  return groupOf(type) === ''
    ? `/api/${type.apiVersion}/${type.plural}`
    : `/apis/${type.apiVersion}/${type.plural}`;
}
