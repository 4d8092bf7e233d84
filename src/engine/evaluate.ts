import type { ReachabilityData } from './data';
import type { Compiled } from './compile';
import { type Bitset, createBitset, forEachBit, setBit } from './sets/bitset';
import { PortSetTable } from './sets/ports';

const EMPTY = PortSetTable.EMPTY;
const ALL = PortSetTable.ALL;

/**
 * Evaluates a compiled snapshot. Traffic from S to D is allowed on the ports that both S's
 * egress and D's ingress admit. A side that no policy isolates admits everything; an isolated
 * side admits the union of what the rules of the policies selecting it allow (policies add up).
 * External addresses are never isolated.
 */
export function evaluate(compiled: Compiled): ReachabilityData {
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

  const rowStart = new Int32Array(C + 1);
  const rowTo: number[] = [];
  const rowPorts: number[] = [];
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
    for (let k = 0; k < outTo.length; k++) {
      rowTo.push(outTo[k]!);
      rowPorts.push(outPs[k]!);
    }
    rowStart[s + 1] = rowTo.length;
  }

  // External addresses: one row per distinct set of contributing rules, shared by classes.
  const atomRows: Int32Array[] = [];
  const atomRowIds = new Map<string, number>();
  const atomRow = (key: string, build: (row: Int32Array) => void): number => {
    let id = atomRowIds.get(key);
    if (id === undefined) {
      const row = new Int32Array(K);
      build(row);
      id = atomRows.length;
      atomRows.push(row);
      atomRowIds.set(key, id);
    }
    return id;
  };
  const paintAtoms = (row: Int32Array, rule: (typeof rules)[number], ps: number): void => {
    if (ps === EMPTY) return;
    if (rule.allPeers) for (let a = 0; a < K; a++) row[a] = ports.union(row[a]!, ps);
    else forEachBit(rule.peerAtoms, (a) => (row[a] = ports.union(row[a]!, ps)));
  };
  /** Egress of each class to atoms (an atom row id); -1: not egress-isolated, every port to every atom. */
  // A row is keyed by what shapes it: each contributing rule's atom set and port set.
  const rowKey = (entries: (readonly [number, number])[]): string =>
    [
      ...new Set(
        entries
          .filter(([, ps]) => ps !== EMPTY)
          .map(([r, ps]) => `${rules[r]!.allPeers ? 'all' : rules[r]!.atomSet}/${ps}`),
      ),
    ]
      .sort()
      .join(',');
  const withAtoms = (r: number): boolean => rules[r]!.allPeers || rules[r]!.atomSet !== 0;
  const egressAtomRow = Int32Array.from(classes, (_, s) => {
    if (!egressIsolated[s]) return -1;
    // A port name never resolves on an external host: only the numeric part applies.
    const list = egressRules[s]!.filter(withAtoms).map(
      (r) => [r, compiled.resolve(rules[r]!.spec, -1)] as const,
    );
    return atomRow(rowKey(list), (row) => {
      for (const [r, ps] of list) paintAtoms(row, rules[r]!, ps);
    });
  });
  const ingressAtomRow = Int32Array.from(classes, (_, d) => {
    if (!ingressIsolated[d]) return -1;
    const list = ingressRules[d]!.filter(withAtoms).map(
      (r) => [r, compiled.resolve(rules[r]!.spec, d)] as const,
    );
    return atomRow(rowKey(list), (row) => {
      for (const [r, ps] of list) paintAtoms(row, rules[r]!, ps);
    });
  });

  const { snapshot } = compiled;
  return {
    classOf: compiled.classOf,
    classSizes: Int32Array.from(classes, (c) => c.members.length),
    rowStart,
    rowTo: Int32Array.from(rowTo),
    rowPorts: Int32Array.from(rowPorts),
    portSets: Array.from({ length: ports.size }, (_, i) => ports.get(i)),
    atomRows,
    egressAtomRow,
    ingressAtomRow,
    ingressIsolated,
    egressIsolated,
    policySubjects: compiled.policies.map((p) => {
      const list: number[] = [];
      forEachBit(p.subjects, (c) => list.push(c));
      return Int32Array.from(list);
    }),
    policyTypes: compiled.policies.map((p) => p.types),
    ipRanges: space.atoms.map((a) => a.range),
    stats: {
      endpoints: snapshot.endpoints.length,
      namespaces: snapshot.namespaces.length,
      policies: snapshot.policies.length,
      classes: C,
      ipRanges: K,
      portSets: ports.size,
      classPairs,
    },
  };
}
