/**
 * Pruning js-yaml events before they are turned into values, so that a 40 MB pod dump does not
 * build the megabytes of managedFields, statuses and env vars nobody reads. Only the fields the
 * importer reads survive, chosen by the object's kind; NetworkPolicies are kept whole (they are
 * validated field by field, unknown fields included). A document with anchors or aliases is
 * never pruned (an alias could point into a pruned part).
 */
import { EVENT_ID, getScalarValue, type Event } from 'js-yaml';

/** `true`: keep the whole value; a map: keep those keys of a mapping; `each`: keep each element so. */
type Keep = true | { readonly each: Keep } | { readonly keys: Readonly<Record<string, Keep>> };

const keys = (k: Record<string, Keep>): Keep => ({ keys: k });
const each = (k: Keep): Keep => ({ each: k });

const META = keys({ name: true, generateName: true, namespace: true, labels: true, ownerReferences: true });
const POD_SPEC = keys({ containers: each(keys({ name: true, ports: true })), hostNetwork: true });
const TEMPLATE = keys({ metadata: keys({ labels: true }), spec: POD_SPEC });
const WORKLOAD = keys({ apiVersion: true, kind: true, metadata: META, spec: keys({ template: TEMPLATE }) });

const KEEP: Readonly<Record<string, Keep>> = {
  NetworkPolicy: true,
  Namespace: keys({ apiVersion: true, kind: true, metadata: META }),
  Pod: keys({
    apiVersion: true,
    kind: true,
    metadata: META,
    spec: POD_SPEC,
    status: keys({ podIP: true, podIPs: true, phase: true }),
  }),
  Deployment: WORKLOAD,
  StatefulSet: WORKLOAD,
  DaemonSet: WORKLOAD,
  ReplicaSet: WORKLOAD,
  ReplicationController: WORKLOAD,
  Job: WORKLOAD,
  CronJob: keys({
    apiVersion: true,
    kind: true,
    metadata: META,
    spec: keys({ jobTemplate: keys({ spec: keys({ template: TEMPLATE }) }) }),
  }),
};
/** Other kinds are only counted: their kind and name are enough. */
const OTHER = keys({ apiVersion: true, kind: true, metadata: keys({ name: true, namespace: true }) });

const keepFor = (kind: string | undefined): Keep =>
  kind !== undefined && Object.hasOwn(KEEP, kind) ? (KEEP[kind] ?? OTHER) : OTHER;

const isCollection = (ev: Event | undefined): boolean =>
  ev?.type === EVENT_ID.MAPPING || ev?.type === EVENT_ID.SEQUENCE;

class Pruner {
  readonly out: Event[] = [];

  constructor(
    private readonly events: readonly Event[],
    private readonly source: string,
    /** For each collection's opening event, the index just after its closing POP. */
    private readonly ends: Int32Array,
  ) {}

  /** The index just after the node starting at `i`. */
  end(i: number): number {
    return isCollection(this.events[i]) ? (this.ends[i] ?? i + 1) : i + 1;
  }

  copy(from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const ev = this.events[k];
      if (ev) this.out.push(ev);
    }
  }

  keyOf(i: number): string | undefined {
    const ev = this.events[i];
    return ev?.type === EVENT_ID.SCALAR ? getScalarValue(this.source, ev) : undefined;
  }

  /** The value of the `key` entry of the mapping at `i`, as a string when it is a scalar. */
  scalarEntry(i: number, key: string): string | undefined {
    let j = i + 1;
    while (j < this.events.length && this.events[j]?.type !== EVENT_ID.POP) {
      const k = this.keyOf(j);
      const v = this.end(j);
      if (k === key) return this.keyOf(v);
      j = this.end(v);
    }
    return undefined;
  }

  private isPop(j: number): boolean {
    return j >= this.events.length || this.events[j]?.type === EVENT_ID.POP;
  }

  /** Emits the node at `i` pruned by `keep`; returns the index after it. */
  node(i: number, keep: Keep): number {
    const ev = this.events[i];
    if (keep !== true && ev && 'keys' in keep && ev.type === EVENT_ID.MAPPING) {
      this.out.push(ev);
      let j = i + 1;
      while (!this.isPop(j)) {
        const k = this.keyOf(j);
        const v = this.end(j);
        // A merge key's value merges into this mapping: prune it the same way.
        const child =
          k === '<<' ? keep : k !== undefined && Object.hasOwn(keep.keys, k) ? keep.keys[k] : undefined;
        if (child !== undefined) {
          this.copy(j, v);
          j = this.node(v, child);
        } else {
          j = this.end(v);
        }
      }
      this.copy(j, j + 1);
      return j + 1;
    }
    if (keep !== true && ev && 'each' in keep && ev.type === EVENT_ID.SEQUENCE) {
      this.out.push(ev);
      let j = i + 1;
      while (!this.isPop(j)) j = this.node(j, keep.each);
      this.copy(j, j + 1);
      return j + 1;
    }
    // Kept whole, or not the expected shape (kept whole so that the type error is reported).
    const end = this.end(i);
    this.copy(i, end);
    return end;
  }

  /** A List's root: `items` pruned item by item, each by its own kind (or the typed list's). */
  list(i: number, listKind: string): number {
    const itemKind = listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
    this.out.push(this.events[i] as Event);
    let j = i + 1;
    while (!this.isPop(j)) {
      const k = this.keyOf(j);
      const v = this.end(j);
      if (k === 'items' && this.events[v]?.type === EVENT_ID.SEQUENCE) {
        this.copy(j, v + 1);
        let e = v + 1;
        while (!this.isPop(e)) {
          const own = this.events[e]?.type === EVENT_ID.MAPPING ? this.scalarEntry(e, 'kind') : undefined;
          e = this.node(e, keepFor(own ?? itemKind));
        }
        this.copy(e, e + 1);
        j = e + 1;
      } else if (k === 'kind' || k === 'apiVersion' || k === 'items') {
        this.copy(j, this.end(v));
        j = this.end(v);
      } else {
        j = this.end(v);
      }
    }
    this.copy(j, j + 1);
    return j + 1;
  }

  /** The document whose root is at `i`. */
  document(i: number): number {
    const root = this.events[i];
    if (root?.type !== EVENT_ID.MAPPING) return this.node(i, true);
    const kind = this.scalarEntry(i, 'kind');
    if (kind !== undefined && kind.endsWith('List')) return this.list(i, kind);
    return this.node(i, keepFor(kind));
  }
}

/**
 * The events of `source` with the unread parts of each object left out. `ends[i]` is the index
 * after the collection opened at `i`; `keepWhole[d]` marks documents to keep as they are.
 */
export function pruneEvents(
  events: readonly Event[],
  source: string,
  ends: Int32Array,
  keepWhole: readonly boolean[],
): Event[] {
  const p = new Pruner(events, source, ends);
  let doc = -1;
  let i = 0;
  while (i < events.length) {
    const ev = events[i];
    if (ev?.type !== EVENT_ID.DOCUMENT) {
      if (ev) p.out.push(ev);
      i++;
      continue;
    }
    doc++;
    p.out.push(ev);
    const rootEnd = keepWhole[doc] ? p.end(i + 1) : p.document(i + 1);
    if (keepWhole[doc]) p.copy(i + 1, rootEnd);
    i = rootEnd;
  }
  return p.out;
}
