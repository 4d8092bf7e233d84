import type { Endpoint } from '../model';
import type { Analysis, EngineOptions, IpRange, Isolation, PortsByProtocol } from './api';
import type { Compiled } from './compile';
import { type Bitset, createBitset, forEachBit, setBit } from './sets/bitset';
import { PortSetTable } from './sets/ports';

const EMPTY = PortSetTable.EMPTY;
const ALL = PortSetTable.ALL;

/** One source class's allowed destinations: parallel arrays of class index and port-set id. */
interface ClassRow {
  readonly to: Int32Array;
  readonly ports: Int32Array;
}

/**
 * Evaluates a compiled snapshot. Traffic from S to D is allowed on the ports that both S's
 * egress and D's ingress admit. A side that no policy isolates admits everything; an isolated
 * side admits the union of what the rules of the policies selecting it allow (policies add up).
 * External addresses are never isolated.
 */
export function evaluate(compiled: Compiled): Analysis {
  const { classes, rules, ports, space, ingressRules, egressRules, ingressIsolated, egressIsolated } =
    compiled;
  const C = classes.length;
  const K = space.atoms.length;

  // Ingress, transposed: for each source class S, the destinations D whose ingress rules admit S,
  // grouped by the port set admitted (named ports resolved against D).
  const ingressBySource: Map<number, Bitset>[] = classes.map(() => new Map());
  const ingressFromAll: { d: number; ps: number }[] = [];
  for (let d = 0; d < C; d++) {
    if (!ingressIsolated[d]) continue;
    for (const r of ingressRules[d]!) {
      const rule = rules[r]!;
      const ps = compiled.resolve(rule.spec, d);
      if (ps === EMPTY) continue;
      if (rule.allPeers) {
        ingressFromAll.push({ d, ps });
        continue;
      }
      forEachBit(rule.peerClasses, (s) => {
        const m = ingressBySource[s]!;
        let b = m.get(ps);
        if (!b) m.set(ps, (b = createBitset(C)));
        setBit(b, d);
      });
    }
  }

  const ingressBase = new Int32Array(C);
  for (let d = 0; d < C; d++) ingressBase[d] = ingressIsolated[d] ? EMPTY : ALL;
  for (const { d, ps } of ingressFromAll) ingressBase[d] = ports.union(ingressBase[d]!, ps);

  const rows: ClassRow[] = [];
  const erow = new Int32Array(C);
  const irow = new Int32Array(C);
  const outTo: number[] = [];
  const outPs: number[] = [];
  let classPairs = 0;
  for (let s = 0; s < C; s++) {
    irow.set(ingressBase);
    for (const [ps, dests] of ingressBySource[s]!) {
      forEachBit(dests, (d) => {
        irow[d] = ports.union(irow[d]!, ps);
      });
    }
    const isolated = egressIsolated[s] === 1;
    if (isolated) {
      erow.fill(EMPTY);
      for (const r of egressRules[s]!) {
        const rule = rules[r]!;
        const named = compiled.specs[rule.spec]!.named.length > 0;
        const fixed = compiled.specs[rule.spec]!.staticId;
        const paint = (d: number): void => {
          erow[d] = ports.union(erow[d]!, named ? compiled.resolve(rule.spec, d) : fixed);
        };
        if (rule.allPeers) for (let d = 0; d < C; d++) paint(d);
        else forEachBit(rule.peerClasses, paint);
      }
    }
    outTo.length = 0;
    outPs.length = 0;
    for (let d = 0; d < C; d++) {
      const ps = isolated ? ports.intersect(erow[d]!, irow[d]!) : irow[d]!;
      if (ps !== EMPTY) {
        outTo.push(d);
        outPs.push(ps);
      }
    }
    classPairs += outTo.length;
    rows.push({ to: Int32Array.from(outTo), ports: Int32Array.from(outPs) });
  }

  // External addresses: one row per distinct set of contributing rules, shared by classes.
  const atomRowCache = new Map<string, Int32Array>();
  const atomRow = (key: string, build: (row: Int32Array) => void): Int32Array => {
    let row = atomRowCache.get(key);
    if (!row) {
      row = new Int32Array(K);
      build(row);
      atomRowCache.set(key, row);
    }
    return row;
  };
  const paintAtoms = (row: Int32Array, rule: (typeof rules)[number], ps: number): void => {
    if (ps === EMPTY) return;
    if (rule.allPeers) for (let a = 0; a < K; a++) row[a] = ports.union(row[a]!, ps);
    else forEachBit(rule.peerAtoms, (a) => (row[a] = ports.union(row[a]!, ps)));
  };
  /** Egress of each class to atoms; undefined: not egress-isolated, every port to every atom. */
  const egressToAtoms: (Int32Array | undefined)[] = classes.map((_, s) => {
    if (!egressIsolated[s]) return undefined;
    const list = egressRules[s]!;
    return atomRow(`e:${list.join(',')}`, (row) => {
      // A port name never resolves on an external host: only the numeric part applies.
      for (const r of list) paintAtoms(row, rules[r]!, compiled.resolve(rules[r]!.spec, -1));
    });
  });
  const ingressFromAtoms: (Int32Array | undefined)[] = classes.map((_, d) => {
    if (!ingressIsolated[d]) return undefined;
    const list = ingressRules[d]!.map((r) => [r, compiled.resolve(rules[r]!.spec, d)] as const);
    return atomRow(`i:${list.map(([r, ps]) => `${r}/${ps}`).join(',')}`, (row) => {
      for (const [r, ps] of list) paintAtoms(row, rules[r]!, ps);
    });
  });

  return makeAnalysis(compiled, rows, egressToAtoms, ingressFromAtoms, classPairs);
}

function makeAnalysis(
  compiled: Compiled,
  rows: readonly ClassRow[],
  egressToAtoms: readonly (Int32Array | undefined)[],
  ingressFromAtoms: readonly (Int32Array | undefined)[],
  classPairs: number,
): Analysis {
  const { snapshot, classes, classOf, ports, space, policies } = compiled;
  const endpoints: readonly Endpoint[] = snapshot.endpoints;
  const ipRanges: readonly IpRange[] = space.atoms.map((a) => a.range);
  const K = ipRanges.length;
  const indexOf = new Map<string, number>();
  endpoints.forEach((e, i) => indexOf.set(e.id, i));
  const atomIndex = new Map<string, number>();
  ipRanges.forEach((r, i) => atomIndex.set(r.id, i));
  const options: EngineOptions = compiled.options;
  const toAtom = (s: number, a: number): number => egressToAtoms[s]?.[a] ?? ALL;
  const fromAtom = (a: number, d: number): number => ingressFromAtoms[d]?.[a] ?? ALL;
  const rowPs = (s: number, d: number): number => {
    const row = rows[s]!;
    // Rows are ascending by destination class: binary search.
    let lo = 0;
    let hi = row.to.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = row.to[mid]!;
      if (v === d) return row.ports[mid]!;
      if (v < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return EMPTY;
  };

  return {
    endpoints,
    ipRanges,
    options,
    stats: {
      endpoints: endpoints.length,
      namespaces: snapshot.namespaces.length,
      policies: snapshot.policies.length,
      classes: classes.length,
      ipRanges: K,
      portSets: ports.size,
      classPairs,
    },
    isolation(id): Isolation | undefined {
      const i = indexOf.get(id);
      if (i === undefined) return undefined;
      const c = classOf[i]!;
      return { ingress: compiled.ingressIsolated[c] === 1, egress: compiled.egressIsolated[c] === 1 };
    },
    forEachConnection(visit): void {
      const portsOf = (ps: number): PortsByProtocol => ports.get(ps);
      for (let e = 0; e < endpoints.length; e++) {
        const s = classOf[e]!;
        const from = endpoints[e]!.id;
        const row = rows[s]!;
        for (let k = 0; k < row.to.length; k++) {
          const p = portsOf(row.ports[k]!);
          for (const m of classes[row.to[k]!]!.members) if (m !== e) visit(from, endpoints[m]!.id, p);
        }
        for (let a = 0; a < K; a++) {
          const ps = toAtom(s, a);
          if (ps !== EMPTY) visit(from, ipRanges[a]!.id, portsOf(ps));
        }
      }
      for (let a = 0; a < K; a++) {
        const from = ipRanges[a]!.id;
        for (let e = 0; e < endpoints.length; e++) {
          const ps = fromAtom(a, classOf[e]!);
          if (ps !== EMPTY) visit(from, endpoints[e]!.id, portsOf(ps));
        }
      }
    },
    countConnections(): number {
      let n = 0;
      rows.forEach((row, s) => {
        const size = classes[s]!.members.length;
        for (let k = 0; k < row.to.length; k++) {
          const d = row.to[k]!;
          n += size * classes[d]!.members.length - (d === s ? size : 0);
        }
        for (let a = 0; a < K; a++) if (toAtom(s, a) !== EMPTY) n += size;
        for (let a = 0; a < K; a++) if (fromAtom(a, s) !== EMPTY) n += size;
      });
      return n;
    },
    portsBetween(fromId, toId): PortsByProtocol | undefined {
      const fe = indexOf.get(fromId);
      const te = indexOf.get(toId);
      const fa = atomIndex.get(fromId);
      const ta = atomIndex.get(toId);
      if ((fe === undefined && fa === undefined) || (te === undefined && ta === undefined)) return undefined;
      if (fe !== undefined && fe === te) return ports.get(EMPTY);
      if (fe !== undefined && te !== undefined) return ports.get(rowPs(classOf[fe]!, classOf[te]!));
      if (fe !== undefined) return ports.get(toAtom(classOf[fe]!, ta!));
      if (te !== undefined) return ports.get(fromAtom(fa!, classOf[te]!));
      return ports.get(EMPTY);
    },
    selectedBy(id) {
      const i = indexOf.get(id);
      if (i === undefined) return undefined;
      const c = classOf[i]!;
      const ingress: string[] = [];
      const egress: string[] = [];
      for (const p of policies) {
        if ((p.subjects[c >>> 5]! & (1 << (c & 31))) === 0) continue;
        if (p.types.includes('Ingress')) ingress.push(p.policy.id);
        if (p.types.includes('Egress')) egress.push(p.policy.id);
      }
      return { ingress, egress };
    },
    selects(policyId) {
      const p = policies.find((x) => x.policy.id === policyId);
      if (!p) return undefined;
      const out: string[] = [];
      forEachBit(p.subjects, (c) => classes[c]!.members.forEach((m) => out.push(endpoints[m]!.id)));
      return out;
    },
  };
}
