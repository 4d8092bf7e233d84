import type {
  Direction,
  Endpoint,
  Labels,
  LabelSelector,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Policy,
  PolicyType,
  Protocol,
  Snapshot,
} from '../model';
import { NAMESPACE_NAME_LABEL } from '../model';
import type { EngineOptions } from './api';
import { type AtomSpace, blockKey, buildAtoms } from './atoms';
import { type Bitset, createBitset, orInto } from './sets/bitset';
import { type ClassSet, EMPTY_SET, sortedSet, unionSets } from './sets/class-set';
import {
  ALL_PORTS,
  NO_PORTS,
  PortSetTable,
  mapProtocols,
  normalizeRanges,
  portsOf,
  unionPorts,
} from './sets/ports';
import { selectorKey, selectorKeys, selectorMatches } from './selectors';

/**
 * The policyTypes a policy isolates, with the API server's defaulting: when the list is absent
 * or empty, Ingress always, and Egress only when `spec.egress` holds at least one rule.
 */
export function effectivePolicyTypes(policy: Policy): readonly PolicyType[] {
  const declared = policy.spec.policyTypes;
  if (declared && declared.length > 0) return declared;
  return (policy.spec.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** A rule's port entries, split into numeric parts (known now) and names (resolved per pod). */
export interface PortSpec {
  readonly staticId: number;
  readonly named: readonly { readonly name: string; readonly protocol: Protocol }[];
}

export interface CompiledRule {
  readonly policy: number;
  readonly direction: Direction;
  readonly index: number;
  /** The rule has no peers (`from`/`to` absent or empty): it admits every source/destination. */
  readonly allPeers: boolean;
  readonly peerClasses: ClassSet;
  readonly peerAtoms: Bitset;
  /** Id of the content of peerAtoms (0: no atom), so rules admitting the same ranges share rows. */
  readonly atomSet: number;
  readonly spec: number;
}

export interface EndpointClass {
  readonly namespace: string;
  readonly members: number[];
  /** An endpoint of the class, standing for all: they agree on everything policies read. */
  readonly rep: number;
  /** Id of the class's resolution of the port names that rules use. */
  readonly namedSig: number;
  /** hostNetwork pod under the `unrestricted` option: no policy selects or matches it. */
  readonly exempt: boolean;
  readonly ipAtoms: readonly number[];
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly types: readonly PolicyType[];
  readonly subjects: ClassSet;
}

export interface Compiled {
  readonly snapshot: Snapshot;
  readonly options: EngineOptions;
  readonly classOf: Int32Array;
  readonly classes: readonly EndpointClass[];
  readonly space: AtomSpace;
  readonly ports: PortSetTable;
  readonly specs: readonly PortSpec[];
  readonly rules: readonly CompiledRule[];
  readonly policies: readonly CompiledPolicy[];
  readonly ingressRules: readonly number[][];
  readonly egressRules: readonly number[][];
  readonly ingressIsolated: Uint8Array;
  readonly egressIsolated: Uint8Array;
  /** Port set admitted by a spec at a destination class (or -1 for an external address). */
  resolve(spec: number, destClass: number): number;
}

const NS_LABELS_FALLBACK = (ns: string): Labels => ({ [NAMESPACE_NAME_LABEL]: ns });

/** Numeric and protocol-only entries of `ports` as one set, and the named entries apart. */
function splitPorts(ports: readonly NetworkPolicyPort[] | undefined) {
  if (!ports || ports.length === 0)
    return { fixed: ALL_PORTS, named: [] as { name: string; protocol: Protocol }[] };
  let fixed = NO_PORTS;
  const named: { name: string; protocol: Protocol }[] = [];
  for (const p of ports) {
    const protocol = p.protocol ?? 'TCP';
    if (p.port === undefined) fixed = unionPorts(fixed, portsOf(protocol, 1, 65535));
    else if (typeof p.port === 'number')
      fixed = unionPorts(fixed, portsOf(protocol, p.port, p.endPort ?? p.port));
    else named.push({ name: p.port, protocol });
  }
  return { fixed, named };
}

/**
 * A superset of what a selector selects, from an index of `key=value` to items: the items of its
 * most selective required pair (a matchLabels entry, or an In requirement's values). Undefined
 * when the selector requires no value (empty, NotIn, Exists, DoesNotExist only).
 */
function candidatesOf(
  sel: LabelSelector,
  index: ReadonlyMap<string, readonly string[]>,
): readonly string[] | undefined {
  let best: readonly string[] | undefined;
  const consider = (list: readonly string[]): void => {
    if (!best || list.length < best.length) best = list;
  };
  const ml = sel.matchLabels ?? {};
  for (const k of Object.keys(ml)) consider(index.get(`${k}=${ml[k]}`) ?? []);
  for (const req of sel.matchExpressions ?? []) {
    if (req.operator !== 'In') continue;
    consider([...new Set((req.values ?? []).flatMap((v) => index.get(`${req.key}=${v}`) ?? []))]);
  }
  return best;
}

/** The ports with this name and protocol among an endpoint's container ports. */
export function resolveNamedPort(ep: Endpoint, name: string, protocol: Protocol): number[] {
  return ep.ports.filter((c) => c.name === name && c.protocol === protocol).map((c) => c.containerPort);
}

/**
 * Compiles a snapshot: groups endpoints that no selector, port name or ipBlock can tell apart
 * into classes, partitions the address space into atoms, and turns every rule into a set of
 * peer classes, a set of peer atoms and a port spec.
 */
export function compile(snapshot: Snapshot, options: EngineOptions): Compiled {
  const nsLabels = new Map<string, Labels>();
  for (const ns of snapshot.namespaces) nsLabels.set(ns.name, ns.labels);
  const labelsOfNs = (ns: string): Labels => nsLabels.get(ns) ?? NS_LABELS_FALLBACK(ns);

  // Vocabulary: what policies can read of a pod.
  const podKeys = new Set<string>();
  const portNames = new Set<string>();
  const blocks: NonNullable<NetworkPolicyPeer['ipBlock']>[] = [];
  for (const p of snapshot.policies) {
    selectorKeys(p.spec.podSelector).forEach((k) => podKeys.add(k));
    for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
      const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      for (const peer of peers ?? []) {
        if (peer.podSelector) selectorKeys(peer.podSelector).forEach((k) => podKeys.add(k));
        if (peer.ipBlock) blocks.push(peer.ipBlock);
      }
      for (const port of rule.ports ?? []) if (typeof port.port === 'string') portNames.add(port.port);
    }
  }
  const space = buildAtoms(blocks);

  // Classes.
  const endpoints = snapshot.endpoints;
  const classOf = new Int32Array(endpoints.length);
  const classes: EndpointClass[] = [];
  const classByKey = new Map<string, number>();
  const namedSigs = new Map<string, number>();
  const exemptHost = options.hostNetwork === 'unrestricted';
  const podKeyList = [...podKeys].sort();
  endpoints.forEach((ep, i) => {
    let labelPart = '';
    for (const k of podKeyList) {
      if (Object.prototype.hasOwnProperty.call(ep.labels, k)) labelPart += `${k}=${ep.labels[k]}\u0000`;
    }
    // The resolution of every port name some rule uses (sorted only when there are several).
    let namedPart = '';
    if (portNames.size > 0) {
      const found: string[] = [];
      for (const c of ep.ports) {
        if (c.name !== undefined && portNames.has(c.name))
          found.push(`${c.name}/${c.protocol}/${c.containerPort}`);
      }
      namedPart = found.length > 1 ? found.sort().join(',') : (found[0] ?? '');
    }
    let sig = namedSigs.get(namedPart);
    if (sig === undefined) {
      sig = namedSigs.size;
      namedSigs.set(namedPart, sig);
    }
    const ipAtoms: number[] = [];
    if (options.ipBlockMatchesPods) {
      for (const ip of ep.ips) {
        const a = space.atomOfAddress(ip);
        if (a >= 0 && !ipAtoms.includes(a)) ipAtoms.push(a);
      }
      ipAtoms.sort((x, y) => x - y);
    }
    const exempt = exemptHost && ep.hostNetwork;
    const key = `${ep.namespace}\u0001${labelPart}\u0001${sig}\u0001${ipAtoms.join(',')}\u0001${exempt ? 1 : 0}`;
    let c = classByKey.get(key);
    if (c === undefined) {
      c = classes.length;
      classByKey.set(key, c);
      classes.push({ namespace: ep.namespace, members: [], rep: i, namedSig: sig, exempt, ipAtoms });
    }
    classes[c]!.members.push(i);
    classOf[i] = c;
  });
  const C = classes.length;
  const K = space.atoms.length;

  const classesByNs = new Map<string, number[]>();
  classes.forEach((cl, c) => {
    let list = classesByNs.get(cl.namespace);
    if (!list) classesByNs.set(cl.namespace, (list = []));
    list.push(c);
  });
  const allNamespaces = [...new Set([...nsLabels.keys(), ...classesByNs.keys()])];

  // Selections, cached: policy templates repeat across namespaces.
  const podSelCache = new Map<string, ClassSet>();
  const selectPods = (
    namespaces: readonly string[],
    sel: LabelSelector | undefined,
    nsKey: string,
  ): ClassSet => {
    const key = `${nsKey}\u0001${sel ? selectorKey(sel) : '*'}`;
    let set = podSelCache.get(key);
    if (set) return set;
    const picked: number[] = [];
    for (const ns of namespaces) {
      for (const c of classesByNs.get(ns) ?? []) {
        const cl = classes[c]!;
        if (cl.exempt) continue;
        if (!sel || selectorMatches(sel, endpoints[cl.rep]!.labels)) picked.push(c);
      }
    }
    set = sortedSet(picked);
    podSelCache.set(key, set);
    return set;
  };
  // Namespaces by label, so a selector that requires key=value only looks at those that have it.
  const nsByLabel = new Map<string, string[]>();
  for (const ns of allNamespaces) {
    const labels = labelsOfNs(ns);
    for (const k of Object.keys(labels)) {
      const entry = `${k}=${labels[k]}`;
      const list = nsByLabel.get(entry);
      if (list) list.push(ns);
      else nsByLabel.set(entry, [ns]);
    }
  }
  const nsSelCache = new Map<string, string[]>();
  const selectNamespaces = (sel: LabelSelector): { list: string[]; key: string } => {
    const key = selectorKey(sel);
    let list = nsSelCache.get(key);
    if (!list) {
      const candidates = candidatesOf(sel, nsByLabel) ?? allNamespaces;
      list = candidates.filter((ns) => selectorMatches(sel, labelsOfNs(ns)));
      nsSelCache.set(key, list);
    }
    return { list, key: `nssel:${key}` };
  };

  /** Classes whose pod addresses lie in each atom (only when ipBlocks match pods). */
  const classesAtAtom = new Map<number, number[]>();
  classes.forEach((cl, c) =>
    cl.ipAtoms.forEach((a) => {
      const list = classesAtAtom.get(a);
      if (list) list.push(c);
      else classesAtAtom.set(a, [c]);
    }),
  );
  const blockClassCache = new Map<string, ClassSet>();
  const classesInBlock = (bkey: string, atomsOfBlock: Bitset): ClassSet => {
    let b = blockClassCache.get(bkey);
    if (b) return b;
    const picked: number[] = [];
    for (const [a, list] of classesAtAtom) {
      if ((atomsOfBlock[a >>> 5]! & (1 << (a & 31))) !== 0) picked.push(...list);
    }
    b = sortedSet(picked);
    blockClassCache.set(bkey, b);
    return b;
  };

  const ports = new PortSetTable();
  const specs: PortSpec[] = [];
  const specIds = new Map<string, number>();
  const internSpec = (list: readonly NetworkPolicyPort[] | undefined): number => {
    const { fixed, named } = splitPorts(list);
    const staticId = ports.intern(fixed);
    const key = `${staticId}|${named.map((n) => `${n.name}/${n.protocol}`).join(',')}`;
    let id = specIds.get(key);
    if (id === undefined) {
      id = specs.length;
      specs.push({ staticId, named });
      specIds.set(key, id);
    }
    return id;
  };

  const rules: CompiledRule[] = [];
  const policies: CompiledPolicy[] = [];
  const ingressRules: number[][] = classes.map(() => []);
  const egressRules: number[][] = classes.map(() => []);
  const ingressIsolated = new Uint8Array(C);
  const egressIsolated = new Uint8Array(C);
  const emptyClasses = EMPTY_SET;
  const emptyAtoms = createBitset(K);

  const atomSetIds = new Map<string, number>([['', 0]]);
  const atomsBySet = new Map<string, Bitset>([['', emptyAtoms]]);
  const NO_PEERS = { classes: emptyClasses, atoms: emptyAtoms, atomSet: 0 };
  const peerCache = new Map<string, typeof NO_PEERS>();
  /** The classes and atoms a non-empty peer list admits; peers are OR-ed. Cached by content. */
  const peersOf = (peers: readonly NetworkPolicyPeer[], ns: string): typeof NO_PEERS => {
    const local = peers.some((p) => !p.ipBlock && !p.namespaceSelector);
    const key = `${local ? ns : ''}\u0001${JSON.stringify(peers)}`;
    const cached = peerCache.get(key);
    if (cached) return cached;
    let classes = emptyClasses;
    const blockKeys: string[] = [];
    for (const peer of peers) {
      if (peer.ipBlock) {
        const bkey = blockKey(peer.ipBlock);
        const atomsOfBlock = space.blockAtoms.get(bkey);
        if (!atomsOfBlock) continue;
        if (!blockKeys.includes(bkey)) blockKeys.push(bkey);
        if (options.ipBlockMatchesPods) classes = unionSets(classes, classesInBlock(bkey, atomsOfBlock));
        continue;
      }
      if (!peer.podSelector && !peer.namespaceSelector) continue; // rejected by the API server
      const nss = peer.namespaceSelector
        ? selectNamespaces(peer.namespaceSelector)
        : { list: [ns], key: `ns:${ns}` };
      classes = unionSets(classes, selectPods(nss.list, peer.podSelector, nss.key));
    }
    // The atoms: one block's own set, or the union of several (identified by their block keys).
    blockKeys.sort();
    const akey = blockKeys.join('\u0002');
    let atomSet = atomSetIds.get(akey);
    let atoms = atomsBySet.get(akey);
    if (atomSet === undefined || !atoms) {
      atomSet = atomSetIds.size;
      atomSetIds.set(akey, atomSet);
      if (blockKeys.length === 1) atoms = space.blockAtoms.get(blockKeys[0]!)!;
      else {
        atoms = createBitset(K);
        for (const b of blockKeys) orInto(atoms, space.blockAtoms.get(b)!);
      }
      atomsBySet.set(akey, atoms);
    }
    const out = { classes, atoms, atomSet };
    peerCache.set(key, out);
    return out;
  };

  snapshot.policies.forEach((policy, pi) => {
    const types = effectivePolicyTypes(policy);
    const subjects = selectPods([policy.namespace], policy.spec.podSelector, `ns:${policy.namespace}`);
    policies.push({ policy, types, subjects });
    const subjectList = subjects;
    for (const type of types) {
      const direction: Direction = type === 'Ingress' ? 'ingress' : 'egress';
      const list = direction === 'ingress' ? policy.spec.ingress : policy.spec.egress;
      const target = direction === 'ingress' ? ingressRules : egressRules;
      const isolated = direction === 'ingress' ? ingressIsolated : egressIsolated;
      for (const c of subjectList) isolated[c] = 1;
      (list ?? []).forEach((rule, index) => {
        const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
        const allPeers = !peers || peers.length === 0;
        const compiledPeers = allPeers ? NO_PEERS : peersOf(peers, policy.namespace);
        const r = rules.length;
        rules.push({
          policy: pi,
          direction,
          index,
          allPeers,
          peerClasses: compiledPeers.classes,
          peerAtoms: compiledPeers.atoms,
          atomSet: compiledPeers.atomSet,
          spec: internSpec(rule.ports),
        });
        for (const c of subjectList) target[c]!.push(r);
      });
    }
  });

  const resolveMemo = new Map<number, number>();
  const nSigs = Math.max(1, namedSigs.size);
  const resolve = (spec: number, destClass: number): number => {
    const s = specs[spec]!;
    if (s.named.length === 0 || destClass < 0) return s.staticId;
    const cl = classes[destClass]!;
    const key = spec * nSigs + cl.namedSig;
    let id = resolveMemo.get(key);
    if (id === undefined) {
      let set = ports.get(s.staticId);
      const rep = endpoints[cl.rep]!;
      for (const n of s.named) {
        const numbers = resolveNamedPort(rep, n.name, n.protocol);
        if (numbers.length) {
          set = unionPorts(
            set,
            mapProtocols((p) =>
              p === n.protocol ? normalizeRanges(numbers.map((x) => [x, x] as [number, number])) : [],
            ),
          );
        }
      }
      id = ports.intern(set);
      resolveMemo.set(key, id);
    }
    return id;
  };

  return {
    snapshot,
    options,
    classOf,
    classes,
    space,
    ports,
    specs,
    rules,
    policies,
    ingressRules,
    egressRules,
    ingressIsolated,
    egressIsolated,
    resolve,
  };
}
