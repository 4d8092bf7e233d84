/**
 * Raw objects to the Snapshot the engine evaluates: namespaces, endpoints (pods, and workloads
 * standing for the pods their template would create), and the policies the API server would
 * accept. Every object the API server would reject (an invalid label, port, CIDR, name...) is
 * left out, whatever its kind, and a diagnostic says so: a cluster cannot hold it.
 */
import {
  NAMESPACE_NAME_LABEL,
  WORKLOAD_KINDS,
  type Diagnostic,
  type Endpoint,
  type EndpointKind,
  type Labels,
  type Namespace,
  type Policy,
  type Snapshot,
  type SourceRef,
  type WorkloadKind,
} from '../model';
import { Checker, type Issue } from './check';
import { makeDiagnostic, type Code, type Params } from './codes';
import { locateFields } from './fields-locate';
import type { RawObject } from './parse';
import { readMeta, readNetworkPolicySpec, type Meta, type OwnerRef } from './validate';
import { readPod, readWorkload, type PodShape } from './workloads';

export interface BuildResult {
  readonly snapshot: Snapshot;
  readonly diagnostics: Diagnostic[];
  /** Objects of kinds that play no part, counted by kind. */
  readonly ignored: Record<string, number>;
}

type HandledKind = 'Namespace' | 'Pod' | 'NetworkPolicy' | WorkloadKind;

/** The API groups each kind belongs to (`extensions` held the old Deployments and NetworkPolicies). */
const GROUPS: Readonly<Record<HandledKind, readonly string[]>> = {
  Namespace: [''],
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
};
const DEFAULT_API_VERSION: Readonly<Record<HandledKind, string>> = {
  Namespace: 'v1',
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

function isHandled(kind: string): kind is HandledKind {
  return Object.hasOwn(GROUPS, kind);
}

function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function objectLabel(kind: string, meta: Meta | undefined): string {
  if (!meta) return kind;
  const name = meta.name || '<unnamed>';
  return kind === 'Namespace' ? `Namespace ${name}` : `${kind} ${meta.namespace}/${name}`;
}

function where(source: SourceRef): Omit<Diagnostic, 'code' | 'severity' | 'message'> {
  return {
    file: source.file,
    doc: source.doc,
    ...(source.item !== undefined ? { item: source.item } : {}),
    ...(source.line !== undefined ? { line: source.line } : {}),
    ...(source.column !== undefined ? { column: source.column } : {}),
  };
}

interface Accepted {
  readonly raw: RawObject;
  readonly kind: HandledKind;
  readonly meta: Meta;
  readonly pod?: PodShape & { readonly ips: readonly string[]; readonly phase?: string };
  readonly template?: PodShape;
  readonly policy?: Policy;
}

/** Reads and validates one object of a handled kind. */
function check(raw: RawObject, kind: HandledKind): { accepted?: Accepted; issues: Issue[]; meta: Meta } {
  const c = new Checker(kind !== 'NetworkPolicy');
  let accepted: Omit<Accepted, 'raw' | 'kind'>;
  if (kind === 'Namespace') {
    accepted = { meta: readMeta(c, raw.obj, { isNamespace: true }) };
  } else if (kind === 'Pod') {
    const p = readPod(c, raw.obj);
    accepted = { meta: p.meta, pod: p };
  } else if (kind === 'NetworkPolicy') {
    const meta = readMeta(c, raw.obj, { strict: true });
    const spec = readNetworkPolicySpec(c, Object.hasOwn(raw.obj, 'spec') ? raw.obj['spec'] : undefined);
    const policy: Policy = {
      id: `${meta.namespace}/${meta.name}`,
      namespace: meta.namespace,
      name: meta.name,
      spec,
      source: raw.source,
    };
    accepted = { meta, policy };
  } else {
    const w = readWorkload(c, raw.obj, kind);
    accepted = { meta: w.meta, template: w };
  }
  return {
    issues: c.issues,
    meta: accepted.meta,
    ...(c.errorCount === 0 ? { accepted: { raw, kind, ...accepted } } : {}),
  };
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly ignored: Record<string, number> = {};
  private readonly accepted = new Map<string, Accepted>();

  note(code: Code, params: Params, source: SourceRef | undefined, object?: string): void {
    this.diagnostics.push(
      makeDiagnostic(code, params, { ...(source ? where(source) : {}), ...(object ? { object } : {}) }),
    );
  }

  ignore(key: string): void {
    this.ignored[key] = (this.ignored[key] ?? 0) + 1;
  }

  /** Diagnostics for the issues of one object, located in its text. */
  issues(raw: RawObject, issues: readonly Issue[], object: string): void {
    if (issues.length === 0) return;
    const at = raw.at;
    const positions = at
      ? locateFields(issues.map((i) => ({ doc: at.doc, path: [...at.prefix, ...i.at] })))
      : [];
    issues.forEach((issue, k) => {
      const pos = positions[k];
      const base = where(raw.source);
      this.diagnostics.push(
        makeDiagnostic(
          issue.code,
          issue.params,
          {
            ...base,
            ...(pos ? { line: pos.line, column: pos.column } : {}),
            ...(issue.path !== '' ? { path: issue.path } : {}),
            object,
          },
          issue.severity,
        ),
      );
    });
  }

  add(raw: RawObject): void {
    const kind = raw.kind;
    if (!isHandled(kind)) {
      this.ignore(kind);
      return;
    }
    if (raw.apiVersion === undefined) {
      this.note('MISSING_API_VERSION', { apiVersion: DEFAULT_API_VERSION[kind] }, raw.source, kind);
    } else if (!GROUPS[kind].includes(groupOf(raw.apiVersion))) {
      this.note('FOREIGN_API_GROUP', { kind, apiVersion: raw.apiVersion }, raw.source);
      this.ignore(`${kind} (${raw.apiVersion})`);
      return;
    }
    const { accepted, issues, meta } = check(raw, kind);
    const label = objectLabel(kind, meta);
    this.issues(raw, issues, label);
    if (!accepted) {
      const count = issues.filter((i) => i.severity === 'error').length;
      this.note('OBJECT_EXCLUDED', { object: label, count }, raw.source, label);
      return;
    }
    const key = `${kind}/${kind === 'Namespace' ? '' : meta.namespace}/${meta.name}`;
    const previous = this.accepted.get(key);
    if (previous) {
      const first = previous.raw.source;
      const firstAt = `${first.file}${first.line !== undefined ? `:${first.line}` : ''}`;
      this.note('DUPLICATE_OBJECT', { object: label, first: firstAt }, raw.source, label);
      this.accepted.delete(key);
    }
    this.accepted.set(key, accepted);
  }

  build(): Snapshot {
    const all = [...this.accepted.values()];
    const workloads = new Map<string, Accepted>();
    for (const a of all)
      if (isWorkloadKind(a.kind)) workloads.set(`${a.kind}/${a.meta.namespace}/${a.meta.name}`, a);

    const controllerOf = (owners: readonly OwnerRef[]): OwnerRef | undefined =>
      owners.find((o) => o.controller && o.kind !== '' && o.kind !== 'Node');

    // Pods: their top-level workload, and every workload they descend from.
    const hasPods = new Set<string>();
    const podWorkload = new Map<Accepted, string>();
    for (const a of all) {
      if (a.kind !== 'Pod') continue;
      let ref = controllerOf(a.meta.owners);
      const seen = new Set<string>();
      let top: string | undefined;
      while (ref) {
        const key = `${ref.kind}/${a.meta.namespace}/${ref.name}`;
        if (seen.has(key)) break;
        seen.add(key);
        hasPods.add(key);
        top = `${a.meta.namespace}/${ref.name}[${ref.kind}]`;
        const owner = workloads.get(key);
        ref = owner ? controllerOf(owner.meta.owners) : undefined;
      }
      if (top) podWorkload.set(a, top);
    }

    const endpoints: Endpoint[] = [];
    for (const a of all) {
      if (a.kind === 'Pod' && a.pod) {
        const workload = podWorkload.get(a);
        endpoints.push(
          endpoint(a, 'Pod', a.pod, {
            ips: a.pod.ips,
            ...(a.pod.phase !== undefined ? { phase: a.pod.phase } : {}),
            ...(workload !== undefined ? { workload } : {}),
          }),
        );
      } else if (isWorkloadKind(a.kind) && a.template) {
        const key = `${a.kind}/${a.meta.namespace}/${a.meta.name}`;
        const owner = controllerOf(a.meta.owners);
        const ownedByInput =
          owner !== undefined && workloads.has(`${owner.kind}/${a.meta.namespace}/${owner.name}`);
        if (!hasPods.has(key) && !ownedByInput) endpoints.push(endpoint(a, a.kind, a.template, { ips: [] }));
      }
    }
    endpoints.sort(
      (x, y) => byString(x.namespace, y.namespace) || byString(x.name, y.name) || byString(x.kind, y.kind),
    );

    const policies = all.flatMap((a) => (a.policy ? [a.policy] : []));
    policies.sort((x, y) => byString(x.namespace, y.namespace) || byString(x.name, y.name));

    return { namespaces: this.namespaces(all), endpoints, policies };
  }

  /** Declared namespaces, plus those that objects use without declaring them. */
  private namespaces(all: readonly Accepted[]): Namespace[] {
    const byName = new Map<string, Namespace>();
    for (const a of all) {
      if (a.kind !== 'Namespace') continue;
      const labels = withNameLabel(a.meta.labels, a.meta.name);
      byName.set(a.meta.name, { name: a.meta.name, labels, declared: true, source: a.raw.source });
    }
    for (const a of all) {
      if (a.kind === 'Namespace' || byName.has(a.meta.namespace)) continue;
      const name = a.meta.namespace;
      byName.set(name, { name, labels: withNameLabel(Object.create(null) as Labels, name), declared: false });
    }
    return [...byName.values()].sort((x, y) => byString(x.name, y.name));
  }
}

/** The API server sets `kubernetes.io/metadata.name` to the namespace's name, whatever was written. */
function withNameLabel(labels: Labels, name: string): Labels {
  const out = Object.assign(Object.create(null) as Record<string, string>, labels);
  out[NAMESPACE_NAME_LABEL] = name;
  return out;
}

function endpoint(
  a: Accepted,
  kind: EndpointKind,
  shape: PodShape,
  extra: { ips: readonly string[]; phase?: string; workload?: string },
): Endpoint {
  const { namespace, name } = a.meta;
  return {
    id: kind === 'Pod' ? `${namespace}/${name}` : `${namespace}/${name}[${kind}]`,
    kind,
    namespace,
    name,
    labels: shape.labels,
    ports: shape.ports,
    hostNetwork: shape.hostNetwork,
    ...extra,
    source: a.raw.source,
  };
}

/** Builds the snapshot from the objects of every source, in input order (a later duplicate wins). */
export function buildSnapshot(objects: readonly RawObject[]): BuildResult {
  const b = new Builder();
  for (const raw of objects) b.add(raw);
  const snapshot = b.build();
  for (const kind of Object.keys(b.ignored).sort(byString)) {
    if (kind.includes(' (')) continue;
    b.note('IGNORED_KIND', { kind, count: b.ignored[kind] ?? 0 }, undefined);
  }
  return { snapshot, diagnostics: b.diagnostics, ignored: b.ignored };
}
