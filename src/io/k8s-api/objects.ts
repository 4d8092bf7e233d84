/** Kubernetes objects as the live view keeps them: kind and apiVersion set, bookkeeping fields dropped. */
import type { ResourceType } from './resources';

/** An object of the API, as JSON. */
export type KubeObject = Readonly<Record<string, unknown>>;

interface Meta {
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly uid?: unknown;
  readonly resourceVersion?: unknown;
  readonly annotations?: unknown;
}

function metaOf(obj: KubeObject): Meta {
  const m = obj['metadata'];
  return typeof m === 'object' && m !== null ? (m as Meta) : {};
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `namespace/name` (or `name` for a cluster-scoped object). */
export function nameOf(obj: KubeObject): string {
  const m = metaOf(obj);
  return str(m.namespace) === '' ? str(m.name) : `${str(m.namespace)}/${str(m.name)}`;
}

/** The key an object is stored under: its uid, or its namespace and name when it has none. */
export function keyOf(obj: KubeObject): string {
  const uid = str(metaOf(obj).uid);
  return uid !== '' ? uid : `name:${nameOf(obj)}`;
}

/** The object's `metadata.resourceVersion`, or `''`. */
export function resourceVersionOf(obj: KubeObject): string {
  return str(metaOf(obj).resourceVersion);
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object with `kind` and `apiVersion` set (list items have neither) and without
 * `metadata.managedFields` and the last-applied annotation, which only cost memory here.
 */
export function normalize(type: ResourceType, obj: KubeObject): KubeObject {
  const meta = metaOf(obj);
  let metadata: Record<string, unknown> = meta as Record<string, unknown>;
  if ('managedFields' in meta || hasLastApplied(meta.annotations)) {
    const { managedFields: _drop, ...rest } = meta as Record<string, unknown>;
    metadata = rest;
    if (hasLastApplied(meta.annotations)) {
      const { [LAST_APPLIED]: _gone, ...annotations } = meta.annotations as Record<string, unknown>;
      metadata = { ...rest, annotations };
    }
  }
  return { ...obj, kind: type.kind, apiVersion: type.apiVersion, metadata };
}

function hasLastApplied(annotations: unknown): boolean {
  return typeof annotations === 'object' && annotations !== null && LAST_APPLIED in annotations;
}

/** Orders objects by namespace, then name. */
export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const x = nameOf(a);
  const y = nameOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
