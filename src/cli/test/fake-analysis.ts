/** A hand-built Analysis for formatter tests: connections are given, not evaluated. */
import {
  DEFAULT_ENGINE_OPTIONS,
  type Analysis,
  type Isolation,
  type PortRanges,
  type PortsByProtocol,
} from '../../engine/api';
import type { Endpoint, EndpointKind } from '../../model';

export function ports(tcp: PortRanges = [], udp: PortRanges = [], sctp: PortRanges = []): PortsByProtocol {
  return { TCP: tcp, UDP: udp, SCTP: sctp };
}
export const ALL: PortsByProtocol = ports([[1, 65535]], [[1, 65535]], [[1, 65535]]);

export function endpoint(id: string, kind: EndpointKind = 'Pod', extra: Partial<Endpoint> = {}): Endpoint {
  const slash = id.indexOf('/');
  const namespace = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  const name = kind === 'Pod' ? rest : rest.slice(0, rest.lastIndexOf('['));
  return { id, kind, namespace, name, labels: {}, ports: [], ips: [], hostNetwork: false, ...extra };
}

export interface FakeSpec {
  endpoints: Endpoint[];
  ranges?: string[];
  connections: [string, string, PortsByProtocol][];
  isolation?: Record<string, Isolation>;
  policies?: number;
}

export function fakeAnalysis(spec: FakeSpec): Analysis {
  const ranges = (spec.ranges ?? []).map((id) => {
    const [first = '', last = ''] = id.split('-');
    return { id, family: id.includes(':') ? (6 as const) : (4 as const), first, last };
  });
  const known = new Set([...spec.endpoints.map((e) => e.id), ...ranges.map((r) => r.id)]);
  const namespaces = new Set(spec.endpoints.map((e) => e.namespace));
  return {
    endpoints: spec.endpoints,
    ipRanges: ranges,
    options: DEFAULT_ENGINE_OPTIONS,
    stats: {
      endpoints: spec.endpoints.length,
      namespaces: namespaces.size,
      policies: spec.policies ?? 0,
      classes: spec.endpoints.length,
      ipRanges: ranges.length,
      portSets: 1,
      classPairs: spec.connections.length,
    },
    isolation: (id) =>
      known.has(id) ? (spec.isolation?.[id] ?? { ingress: false, egress: false }) : undefined,
    forEachConnection(visit) {
      for (const [from, to, p] of spec.connections) visit(from, to, p);
    },
    countConnections: () => spec.connections.length,
    portsBetween(from, to) {
      if (!known.has(from) || !known.has(to)) return undefined;
      return spec.connections.find(([f, t]) => f === from && t === to)?.[2] ?? ports();
    },
    selectedBy: (id) => (known.has(id) ? { ingress: [], egress: [] } : undefined),
    selects: () => undefined,
  };
}
