/**
 * The Kubernetes API client of the live view: read-only list and watch of namespaces, pods,
 * NetworkPolicies and workloads, kept current, as snapshots the importer reads (`toListText`).
 * Uses only `fetch`, `AbortController` and `TextDecoder`, so it runs in browsers and in Node 20.
 */
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { toListText } from './list-text';
export type { KubeObject } from './objects';
export { collectionPath, qualifiedName, RESOURCE_TYPES, type ResourceType } from './resources';
export {
  forbiddenMessage,
  startLiveSync,
  type LiveSnapshot,
  type LiveSync,
  type LiveSyncOptions,
  type ResourcePhase,
  type ResourceState,
  type Timers,
} from './sync';
