/**
 * A deliberately naive NetworkPolicy evaluator, written straight from the API reference, pair by
 * pair, sharing no code with the engine. It is the oracle the property tests compare the fast
 * engine with, and the baseline of the bench. Keep it small and obvious, not fast.
 */
import ipaddr from 'ipaddr.js';
import type { Endpoint, LabelSelector, NetworkPolicyPeer, Policy, Protocol, Snapshot } from '../model';

type Ranges = [number, number][];
export type NaivePorts = Record<Protocol, Ranges>;
const PROTOS: Protocol[] = ['TCP', 'UDP', 'SCTP'];
const none = (): NaivePorts => ({ TCP: [], UDP: [], SCTP: [] });
const every = (): NaivePorts => ({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] });

function merge(r: Ranges): Ranges {
  const s = [...r].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [a, b] of s) {
    const l = out[out.length - 1];
    if (l && a <= l[1] + 1) l[1] = Math.max(l[1], b);
    else out.push([a, b]);
  }
  return out;
}
const add = (x: NaivePorts, y: NaivePorts): NaivePorts => ({
  TCP: merge([...x.TCP, ...y.TCP]),
  UDP: merge([...x.UDP, ...y.UDP]),
  SCTP: merge([...x.SCTP, ...y.SCTP]),
});
function both(x: NaivePorts, y: NaivePorts): NaivePorts {
  const out = none();
  for (const p of PROTOS) {
    for (const [a, b] of x[p])
      for (const [c, d] of y[p])
        if (Math.max(a, c) <= Math.min(b, d)) out[p].push([Math.max(a, c), Math.min(b, d)]);
    out[p] = merge(out[p]);
  }
  return out;
}
export const naiveIsEmpty = (x: NaivePorts): boolean => PROTOS.every((p) => x[p].length === 0);

function matches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    if (!(k in labels) || labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function inCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return addr.kind() === net.kind() && addr.match(net, bits);
  } catch {
    return false;
  }
}

export type NaiveParty = { endpoint: Endpoint } | { ip: string };
export interface NaiveOptions {
  ipBlockMatchesPods?: boolean;
  hostNetworkUnrestricted?: boolean;
}

export function naivePortsBetween(
  snap: Snapshot,
  from: NaiveParty,
  to: NaiveParty,
  opt: NaiveOptions = {},
): NaivePorts {
  const byPods = opt.ipBlockMatchesPods ?? true;
  const nsLabels = (ns: string): Record<string, string> => ({
    ...(snap.namespaces.find((n) => n.name === ns)?.labels ?? {}),
    'kubernetes.io/metadata.name': ns,
  });
  const exempt = (p: NaiveParty): boolean =>
    'endpoint' in p && !!opt.hostNetworkUnrestricted && p.endpoint.hostNetwork;

  const peerOk = (peer: NetworkPolicyPeer, policyNs: string, who: NaiveParty): boolean => {
    if (peer.ipBlock) {
      const ips = 'ip' in who ? [who.ip] : byPods ? who.endpoint.ips : [];
      return ips.some(
        (ip) => inCidr(ip, peer.ipBlock!.cidr) && !(peer.ipBlock!.except ?? []).some((x) => inCidr(ip, x)),
      );
    }
    if ('ip' in who || exempt(who) || (!peer.podSelector && !peer.namespaceSelector)) return false;
    const ep = who.endpoint;
    if (
      peer.namespaceSelector
        ? !matches(peer.namespaceSelector, nsLabels(ep.namespace))
        : ep.namespace !== policyNs
    )
      return false;
    return !peer.podSelector || matches(peer.podSelector, ep.labels);
  };

  // What one direction of one policy-selected pod admits.
  const side = (dir: 'Ingress' | 'Egress', subject: NaiveParty, other: NaiveParty): NaivePorts => {
    if (!('endpoint' in subject) || exempt(subject)) return every();
    const ep = subject.endpoint;
    const selecting = snap.policies.filter((p: Policy) => {
      const types = p.spec.policyTypes?.length
        ? p.spec.policyTypes
        : (p.spec.egress?.length ?? 0) > 0
          ? ['Ingress', 'Egress']
          : ['Ingress'];
      return p.namespace === ep.namespace && matches(p.spec.podSelector, ep.labels) && types.includes(dir);
    });
    if (selecting.length === 0) return every();
    const dest = dir === 'Ingress' ? subject : other;
    let out = none();
    for (const p of selecting) {
      for (const rule of (dir === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? []) {
        const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
        if (peers && peers.length > 0 && !peers.some((pe) => peerOk(pe, p.namespace, other))) continue;
        if (!rule.ports || rule.ports.length === 0) return every();
        for (const port of rule.ports) {
          const proto = port.protocol ?? 'TCP';
          const got = none();
          if (port.port === undefined) got[proto].push([1, 65535]);
          else if (typeof port.port === 'number') got[proto].push([port.port, port.endPort ?? port.port]);
          else if ('endpoint' in dest) {
            for (const c of dest.endpoint.ports)
              if (c.name === port.port && c.protocol === proto)
                got[proto].push([c.containerPort, c.containerPort]);
          }
          out = add(out, got);
        }
      }
    }
    return out;
  };
  if ('ip' in from && 'ip' in to) return none();
  if ('endpoint' in from && 'endpoint' in to && from.endpoint.id === to.endpoint.id) return none();
  return both(side('Egress', from, to), side('Ingress', to, from));
}

/** Every allowed ordered endpoint pair, naively: a Map from `from|to` to the ports. */
export function naiveConnections(snap: Snapshot, opt: NaiveOptions = {}): Map<string, NaivePorts> {
  const out = new Map<string, NaivePorts>();
  for (const a of snap.endpoints) {
    for (const b of snap.endpoints) {
      if (a === b) continue;
      const p = naivePortsBetween(snap, { endpoint: a }, { endpoint: b }, opt);
      if (!naiveIsEmpty(p)) out.set(`${a.id}|${b.id}`, p);
    }
  }
  return out;
}
