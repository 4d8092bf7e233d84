import type {
  Endpoint,
  Labels,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Policy,
  Protocol,
  Snapshot,
} from '../model';
import { NAMESPACE_NAME_LABEL } from '../model';
import type { DirectionVerdict, EngineOptions, Explanation, PortsByProtocol, RuleRef } from './api';
import { DEFAULT_ENGINE_OPTIONS } from './api';
import { effectivePolicyTypes, resolveNamedPort } from './compile';
import { type Family, parseCidr, parseIp } from './sets/ip';
import {
  ALL_PORTS,
  NO_PORTS,
  intersectPorts,
  isEmptyPorts,
  normalizeRanges,
  portsOf,
  rangesContain,
  unionPorts,
  mapProtocols,
} from './sets/ports';
import { selectorMatches } from './selectors';

/** One end of a connection: an endpoint of the snapshot, or an address outside it. */
export type Party =
  | { readonly kind: 'endpoint'; readonly endpoint: Endpoint }
  | { readonly kind: 'address'; readonly id: string; readonly family: Family; readonly value: bigint };

/** Finds an endpoint by id, or reads an address (`10.0.0.1`) or an IP range id (`FIRST-LAST`). */
export function findParty(snapshot: Snapshot, id: string): Party | undefined {
  const endpoint = snapshot.endpoints.find((e) => e.id === id);
  if (endpoint) return { kind: 'endpoint', endpoint };
  const direct = parseIp(id);
  if (direct) return { kind: 'address', id, ...direct };
  const dash = id.indexOf('-');
  if (dash > 0) {
    const first = parseIp(id.slice(0, dash));
    const last = parseIp(id.slice(dash + 1));
    if (first && last && first.family === last.family && first.value <= last.value) {
      return { kind: 'address', id, ...first };
    }
  }
  return undefined;
}

const partyId = (p: Party): string => (p.kind === 'endpoint' ? p.endpoint.id : p.id);

/** Whether an ipBlock (cidr minus except) holds an address. */
function blockHolds(
  block: NonNullable<NetworkPolicyPeer['ipBlock']>,
  family: Family,
  value: bigint,
): boolean {
  const cidr = parseCidr(block.cidr);
  if (!cidr || cidr.family !== family || value < cidr.start || value > cidr.end) return false;
  return !(block.except ?? []).some((e) => {
    const x = parseCidr(e);
    return x !== undefined && x.family === family && value >= x.start && value <= x.end;
  });
}

interface Context {
  readonly nsLabels: (ns: string) => Labels;
  readonly options: EngineOptions;
}

const isExempt = (ep: Endpoint, options: EngineOptions): boolean =>
  options.hostNetwork === 'unrestricted' && ep.hostNetwork;

/**
 * NetworkPolicyPeer semantics: an ipBlock matches addresses in its cidr outside its excepts (and
 * pods by their addresses, unless turned off); otherwise the peer selects pods by podSelector
 * (all pods when absent) in the namespaces its namespaceSelector selects, or in the policy's own
 * namespace when it has none. Both selectors in one peer: both must match.
 */
export function peerMatches(peer: NetworkPolicyPeer, policyNs: string, party: Party, ctx: Context): boolean {
  if (peer.ipBlock) {
    if (party.kind === 'address') return blockHolds(peer.ipBlock, party.family, party.value);
    if (!ctx.options.ipBlockMatchesPods) return false;
    return party.endpoint.ips.some((ip) => {
      const v = parseIp(ip);
      return v !== undefined && blockHolds(peer.ipBlock!, v.family, v.value);
    });
  }
  if (party.kind === 'address') return false;
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const ep = party.endpoint;
  if (isExempt(ep, ctx.options)) return false;
  const nsOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, ctx.nsLabels(ep.namespace))
    : ep.namespace === policyNs;
  return nsOk && (!peer.podSelector || selectorMatches(peer.podSelector, ep.labels));
}

/** The ports one NetworkPolicyPort entry admits at a destination (names resolve on it). */
export function portEntryAdmits(entry: NetworkPolicyPort, destination: Party): PortsByProtocol {
  const protocol: Protocol = entry.protocol ?? 'TCP';
  if (entry.port === undefined) return portsOf(protocol, 1, 65535);
  if (typeof entry.port === 'number') return portsOf(protocol, entry.port, entry.endPort ?? entry.port);
  if (destination.kind !== 'endpoint') return NO_PORTS;
  const numbers = resolveNamedPort(destination.endpoint, entry.port, protocol);
  return mapProtocols((p) =>
    p === protocol ? normalizeRanges(numbers.map((n) => [n, n] as [number, number])) : [],
  );
}

function verdictFor(
  direction: 'ingress' | 'egress',
  subject: Party,
  peer: Party,
  destination: Party,
  policies: readonly Policy[],
  ctx: Context,
  notes: string[],
): DirectionVerdict {
  const open = (applicable: boolean): DirectionVerdict => ({
    applicable,
    isolated: false,
    selectedBy: [],
    allowedBy: [],
    peerMatchedNoPort: [],
    ports: ALL_PORTS,
  });
  if (subject.kind !== 'endpoint') return open(false);
  const ep = subject.endpoint;
  if (isExempt(ep, ctx.options)) {
    notes.push(`${ep.id} uses the host network and is treated as unrestricted: no policy applies to it.`);
    return open(true);
  }
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const selecting = policies.filter(
    (p) =>
      p.namespace === ep.namespace &&
      selectorMatches(p.spec.podSelector, ep.labels) &&
      effectivePolicyTypes(p).includes(type),
  );
  if (selecting.length === 0) return open(true);
  const allowedBy: { ref: RuleRef; ports: PortsByProtocol }[] = [];
  const peerMatchedNoPort: RuleRef[] = [];
  let ports = NO_PORTS;
  for (const p of selecting) {
    const rules = (direction === 'ingress' ? p.spec.ingress : p.spec.egress) ?? [];
    rules.forEach((rule, ri) => {
      const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      const matching: (number | undefined)[] = [];
      if (!peers || peers.length === 0) matching.push(undefined);
      else peers.forEach((pe, i) => peerMatches(pe, p.namespace, peer, ctx) && matching.push(i));
      for (const pi of matching) {
        const base: RuleRef = {
          policy: p.id,
          direction,
          rule: ri,
          ...(pi !== undefined ? { peer: pi } : {}),
        };
        if (!rule.ports || rule.ports.length === 0) {
          allowedBy.push({ ref: base, ports: ALL_PORTS });
          ports = ALL_PORTS;
          continue;
        }
        let any = false;
        rule.ports.forEach((entry, k) => {
          const admitted = portEntryAdmits(entry, destination);
          if (typeof entry.port === 'string' && isEmptyPorts(admitted)) {
            notes.push(
              `${p.id} ${direction}[${ri}].ports[${k}]: the port name "${entry.port}" (${entry.protocol ?? 'TCP'}) ` +
                `is not a container port of ${partyId(destination)}, so it admits nothing there.`,
            );
          }
          if (isEmptyPorts(admitted)) return;
          any = true;
          allowedBy.push({ ref: { ...base, port: k }, ports: admitted });
          ports = unionPorts(ports, admitted);
        });
        if (!any) peerMatchedNoPort.push(base);
      }
    });
  }
  return {
    applicable: true,
    isolated: true,
    selectedBy: selecting.map((p) => p.id),
    allowedBy,
    peerMatchedNoPort,
    ports,
  };
}

/**
 * Explains the verdict for traffic from one endpoint (or address) to another: per direction,
 * whether the subject is isolated, which policies select it, and which rule, peer and port entry
 * admit the peer, or that none does. Evaluated directly from the policies, pair by pair.
 */
export function explain(
  snapshot: Snapshot,
  fromId: string,
  toId: string,
  query?: { readonly port: number; readonly protocol: Protocol },
  options: Partial<EngineOptions> = {},
): Explanation | undefined {
  const from = findParty(snapshot, fromId);
  const to = findParty(snapshot, toId);
  if (!from || !to) return undefined;
  const nsMap = new Map(snapshot.namespaces.map((n) => [n.name, n.labels]));
  const ctx: Context = {
    options: { ...DEFAULT_ENGINE_OPTIONS, ...options },
    nsLabels: (ns) => nsMap.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns },
  };
  const notes: string[] = [];
  const egress = verdictFor('egress', from, to, to, snapshot.policies, ctx, notes);
  const ingress = verdictFor('ingress', to, from, to, snapshot.policies, ctx, notes);
  let ports = intersectPorts(egress.ports, ingress.ports);
  if (from.kind === 'endpoint' && to.kind === 'endpoint' && from.endpoint.id === to.endpoint.id) {
    notes.push('Traffic from a pod to itself is not subject to NetworkPolicy and is not reported.');
  }
  if (from.kind === 'address' && to.kind === 'address') {
    notes.push('Traffic between two external addresses is outside the cluster and is not reported.');
    ports = NO_PORTS;
  }
  for (const party of [from, to]) {
    if (party.kind === 'endpoint' && party.endpoint.hostNetwork && ctx.options.hostNetwork === 'pod') {
      notes.push(
        `${party.endpoint.id} uses the host network: it is evaluated like any pod, but whether policies are enforced for it depends on the network plugin.`,
      );
    }
  }
  const allowed = !isEmptyPorts(ports);
  return {
    from: partyId(from),
    to: partyId(to),
    ...(query ? { query: { ...query, allowed: rangesContain(ports[query.protocol], query.port) } } : {}),
    ports,
    allowed,
    egress,
    ingress,
    notes: [...new Set(notes)],
  };
}
