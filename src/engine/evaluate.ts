import type { ReachabilityData } from './data';
import type { Compiled } from './compile';
import { forEachBit } from './sets/bitset';
import { PortSetTable } from './sets/ports';

const EMPTY = PortSetTable.EMPTY;

/** CSR rows built in growable typed arrays (no boxed numbers, few reallocations). */
class GrowableRows {
  private to: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private ps: Int32Array<ArrayBuffer> = new Int32Array(1024);
  length = 0;
  private start: Int32Array<ArrayBuffer>;
  constructor(rows: number) {
    this.start = new Int32Array(rows + 1);
  }
  push(to: number, ps: number): void {
    if (this.length === this.to.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.to = grow(this.to);
      this.ps = grow(this.ps);
    }
    this.to[this.length] = to;
    this.ps[this.length++] = ps;
  }
  endRow(row: number): void {
    if (row + 1 >= this.start.length) {
      const b = new Int32Array(Math.max(row + 2, this.start.length * 2));
      b.set(this.start);
      this.start = b;
    }
    this.start[row + 1] = this.length;
  }
  /** The rows as CSR arrays (views over the buffers: no copy). */
  finish(rows: number): { rowStart: Int32Array; rowTo: Int32Array; rowPorts: Int32Array } {
    return {
      rowStart: this.start.subarray(0, rows + 1),
      rowTo: this.to.subarray(0, this.length),
      rowPorts: this.ps.subarray(0, this.length),
    };
  }
}
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

  // Ingress, transposed: for each source class S, the pairs (D, ports) of destinations whose
  // ingress rules admit S, named ports resolved against D. Rules without peers admit every
  // source: they go into the base row that every S starts from.
  const admitted: number[][] = classes.map(() => []);
  const ingressBase = new Int32Array(C);
  for (let d = 0; d < C; d++) {
    if (!ingressIsolated[d]) {
      ingressBase[d] = ALL;
      continue;
    }
    for (const r of ingressRules[d]!) {
      const rule = rules[r]!;
      const ps = compiled.resolve(rule.spec, d);
      if (ps === EMPTY) continue;
      if (rule.allPeers) ingressBase[d] = ports.union(ingressBase[d]!, ps);
      else for (const s of rule.peerClasses) admitted[s]!.push(d, ps);
    }
  }
  const baseOpen: number[] = [];
  for (let d = 0; d < C; d++) if (ingressBase[d] !== EMPTY) baseOpen.push(d);

  // Rows are computed on the classes each source can touch, never by scanning all C² pairs:
  // an egress-open source reaches the base-open classes plus those that admit it specifically;
  // an egress-isolated source reaches at most what its egress rules paint.
  const out = new GrowableRows(C);
  const irow = Int32Array.from(ingressBase);
  const erow = new Int32Array(C);
  const iMark = new Uint8Array(C);
  const eMark = new Uint8Array(C);

  for (let s = 0; s < C; s++) {
    const iTouched: number[] = [];
    const list = admitted[s]!;
    for (let k = 0; k < list.length; k += 2) {
      const d = list[k]!;
      if (!iMark[d]) {
        iMark[d] = 1;
        iTouched.push(d);
      }
      irow[d] = ports.union(irow[d]!, list[k + 1]!);
    }
    if (!egressIsolated[s]) {
      // Merge the base-open classes with the specifically admitting ones, ascending.
      const extra = iTouched.filter((d) => ingressBase[d] === EMPTY).sort((x, y) => x - y);
      let i = 0;
      let j = 0;
      while (i < baseOpen.length || j < extra.length) {
        const d =
          j >= extra.length || (i < baseOpen.length && baseOpen[i]! < extra[j]!)
            ? baseOpen[i++]!
            : extra[j++]!;
        const ps = irow[d]!;
        if (ps !== EMPTY) out.push(d, ps);
      }
    } else {
      const eTouched: number[] = [];
      for (const r of egressRules[s]!) {
        const rule = rules[r]!;
        const spec = compiled.specs[rule.spec]!;
        const named = spec.named.length > 0;
        const paint = (d: number): void => {
          if (!eMark[d]) {
            eMark[d] = 1;
            eTouched.push(d);
          }
          erow[d] = ports.union(erow[d]!, named ? compiled.resolve(rule.spec, d) : spec.staticId);
        };
        if (rule.allPeers) for (let d = 0; d < C; d++) paint(d);
        else for (const d of rule.peerClasses) paint(d);
      }
      eTouched.sort((x, y) => x - y);
      for (const d of eTouched) {
        const ps = ports.intersect(erow[d]!, irow[d]!);
        if (ps !== EMPTY) out.push(d, ps);
        erow[d] = EMPTY;
        eMark[d] = 0;
      }
    }
    for (const d of iTouched) {
      irow[d] = ingressBase[d]!;
      iMark[d] = 0;
    }
    out.endRow(s);
  }
  const classPairs = out.length;
  const { rowStart, rowTo, rowPorts } = out.finish(C);

  // External addresses: one row per distinct set of contributing rules, shared by classes.
  // External addresses. A row gives, per atom, the ports a class may use to or from it: a default
  // (what rules without peers admit) and the atoms whose ipBlocks admit more. Rows are shared by
  // every class whose contributing rules admit the same atom sets with the same ports.
  const atomRowIds = new Map<string, number>();
  const rowDefault: number[] = [];
  const sparse = new GrowableRows(0);
  const arow = new Int32Array(K);
  const aMark = new Uint8Array(K);
  const atomRow = (entries: readonly (readonly [number, number])[]): number => {
    const useful = entries.filter(([, ps]) => ps !== EMPTY);
    const key = [
      ...new Set(useful.map(([r, ps]) => `${rules[r]!.allPeers ? 'all' : rules[r]!.atomSet}/${ps}`)),
    ]
      .sort()
      .join(',');
    let id = atomRowIds.get(key);
    if (id !== undefined) return id;
    id = rowDefault.length;
    atomRowIds.set(key, id);
    let base = EMPTY;
    for (const [r, ps] of useful) if (rules[r]!.allPeers) base = ports.union(base, ps);
    const touched: number[] = [];
    for (const [r, ps] of useful) {
      if (rules[r]!.allPeers) continue;
      forEachBit(rules[r]!.peerAtoms, (a) => {
        if (!aMark[a]) {
          aMark[a] = 1;
          touched.push(a);
          arow[a] = base;
        }
        arow[a] = ports.union(arow[a]!, ps);
      });
    }
    // The row's default is its most common value, so that a block covering nearly everything
    // (0.0.0.0/0 except a few ranges) lists its few exceptions, not thousands of atoms.
    const counts = new Map<number, number>([[base, K - touched.length]]);
    for (const a of touched) counts.set(arow[a]!, (counts.get(arow[a]!) ?? 0) + 1);
    let common = base;
    for (const [ps, n] of counts) if (n > counts.get(common)!) common = ps;
    if (common === base) {
      touched.sort((x, y) => x - y);
      for (const a of touched) if (arow[a] !== base) sparse.push(a, arow[a]!);
    } else {
      for (let a = 0; a < K; a++) {
        const v = aMark[a] ? arow[a]! : base;
        if (v !== common) sparse.push(a, v);
      }
    }
    for (const a of touched) aMark[a] = 0;
    rowDefault.push(common);
    sparse.endRow(id);
    return id;
  };
  const withAtoms = (r: number): boolean => rules[r]!.allPeers || rules[r]!.atomSet !== 0;
  /** Egress of each class to atoms (an atom row id); -1: not egress-isolated, every port to every atom. */
  const egressAtomRow = Int32Array.from(classes, (_, s) =>
    egressIsolated[s]
      ? // A port name never resolves on an external host: only the numeric part applies.
        atomRow(
          egressRules[s]!.filter(withAtoms).map((r) => [r, compiled.resolve(rules[r]!.spec, -1)] as const),
        )
      : -1,
  );
  const ingressAtomRow = Int32Array.from(classes, (_, d) =>
    ingressIsolated[d]
      ? atomRow(
          ingressRules[d]!.filter(withAtoms).map((r) => [r, compiled.resolve(rules[r]!.spec, d)] as const),
        )
      : -1,
  );
  const atomRows = sparse.finish(rowDefault.length);

  const { snapshot } = compiled;
  return {
    classOf: compiled.classOf,
    classSizes: Int32Array.from(classes, (c) => c.members.length),
    rowStart,
    rowTo,
    rowPorts,
    portSets: Array.from({ length: ports.size }, (_, i) => ports.get(i)),
    atomRowDefault: Int32Array.from(rowDefault),
    atomRowStart: atomRows.rowStart,
    atomRowAtom: atomRows.rowTo,
    atomRowPorts: atomRows.rowPorts,
    egressAtomRow,
    ingressAtomRow,
    ingressIsolated,
    egressIsolated,
    policySubjects: compiled.policies.map((p) => p.subjects),
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
