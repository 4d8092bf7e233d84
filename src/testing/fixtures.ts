/** Small builders for engine tests: snapshots written as data, without YAML. */
import type {
  ContainerPort,
  Endpoint,
  Labels,
  NetworkPolicySpec,
  Namespace,
  Policy,
  Snapshot,
} from '../model';
import { NAMESPACE_NAME_LABEL } from '../model';

export function pod(
  id: string,
  labels: Labels = {},
  opts: { ports?: ContainerPort[]; ips?: string[]; hostNetwork?: boolean } = {},
): Endpoint {
  const [namespace, name] = id.split('/') as [string, string];
  return {
    id,
    kind: 'Pod',
    namespace,
    name,
    labels,
    ports: opts.ports ?? [],
    ips: opts.ips ?? [],
    hostNetwork: opts.hostNetwork ?? false,
  };
}

export function policy(id: string, spec: NetworkPolicySpec): Policy {
  const [namespace, name] = id.split('/') as [string, string];
  return { id, namespace, name, spec };
}

/** A snapshot; namespaces that pods or policies use are created, with their name label. */
export function cluster(parts: {
  namespaces?: Record<string, Labels>;
  endpoints?: Endpoint[];
  policies?: Policy[];
}): Snapshot {
  const names = new Set<string>(Object.keys(parts.namespaces ?? {}));
  for (const e of parts.endpoints ?? []) names.add(e.namespace);
  for (const p of parts.policies ?? []) names.add(p.namespace);
  const namespaces: Namespace[] = [...names].sort().map((name) => ({
    name,
    labels: { ...(parts.namespaces?.[name] ?? {}), [NAMESPACE_NAME_LABEL]: name },
    declared: true,
  }));
  return { namespaces, endpoints: parts.endpoints ?? [], policies: parts.policies ?? [] };
}
