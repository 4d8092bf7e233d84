/**
 * The truth table for one port: namespace by namespace (how many pod pairs are allowed, out of
 * how many), computed over class pairs, or pod by pod, a page at a time.
 */
import { portSets } from '../../engine';
import type { Protocol, Snapshot } from '../../model';
import { compareIds, type ReachIndex } from './reach-index';

export interface PortChoice {
  readonly port: number;
  readonly protocol: Protocol;
  /** Container port names that use it (`postgres`, `http`). */
  readonly names: readonly string[];
  /** How many endpoints expose it. */
  readonly count: number;
}

/** The container ports of a snapshot, most exposed first. */
export function portChoices(snapshot: Snapshot): PortChoice[] {
  const byKey = new Map<string, { port: number; protocol: Protocol; names: Set<string>; count: number }>();
  for (const e of snapshot.endpoints) {
    const seen = new Set<string>();
    for (const p of e.ports) {
      const key = `${p.protocol}/${p.containerPort}`;
      let c = byKey.get(key);
      if (!c) {
        c = { port: p.containerPort, protocol: p.protocol, names: new Set(), count: 0 };
        byKey.set(key, c);
      }
      if (p.name) c.names.add(p.name);
      if (!seen.has(key)) c.count++;
      seen.add(key);
    }
  }
  return [...byKey.values()]
    .map((c) => ({ port: c.port, protocol: c.protocol, names: [...c.names].sort(), count: c.count }))
    .sort((a, b) => b.count - a.count || a.port - b.port || compareIds(a.protocol, b.protocol));
}

/** The port a matrix opens on: the most exposed TCP container port, else TCP 80. */
export function defaultMatrixPort(snapshot: Snapshot): { port: number; protocol: Protocol } {
  const tcp = portChoices(snapshot).find((c) => c.protocol === 'TCP');
  return { port: tcp?.port ?? 80, protocol: 'TCP' };
}

export interface NamespaceCell {
  /** Allowed pod pairs (source in the row's namespace, destination in the column's). */
  readonly allowed: number;
  /** All pod pairs, a pod to itself excluded. */
  readonly total: number;
}

export interface NamespaceMatrix {
  readonly namespaces: readonly string[];
  /** cells[row][column]: row = source namespace, column = destination namespace. */
  readonly cells: readonly (readonly NamespaceCell[])[];
}

/** Namespaces (with at least one endpoint, restricted to `only` when given) by namespaces. */
export function namespaceMatrix(
  ix: ReachIndex,
  query: { readonly port: number; readonly protocol: Protocol },
  only: readonly string[] = [],
): NamespaceMatrix {
  const { snapshot, data } = ix;
  const keep = only.length > 0 ? new Set(only) : null;
  const names = [...new Set(snapshot.endpoints.map((e) => e.namespace))]
    .filter((ns) => !keep || keep.has(ns))
    .sort(compareIds);
  const nsIndex = new Map(names.map((ns, i) => [ns, i]));
  const size = new Array<number>(names.length).fill(0);
  // Per class: [namespace index, count] pairs.
  const perClass: Map<number, number>[] = Array.from({ length: ix.classes }, () => new Map());
  snapshot.endpoints.forEach((e, i) => {
    const a = nsIndex.get(e.namespace);
    if (a === undefined) return;
    size[a]!++;
    const m = perClass[ix.classOf(i)]!;
    m.set(a, (m.get(a) ?? 0) + 1);
  });
  const allowed = names.map(() => new Array<number>(names.length).fill(0));
  const ok = data.portSets.map((p) => portSets.rangesContain(p[query.protocol], query.port));
  for (let s = 0; s < ix.classes; s++) {
    const from = perClass[s]!;
    if (from.size === 0) continue;
    for (let j = data.rowStart[s]!; j < data.rowStart[s + 1]!; j++) {
      if (!ok[data.rowPorts[j]!]) continue;
      const t = data.rowTo[j]!;
      for (const [a, ca] of from) {
        for (const [b, cb] of perClass[t]!) {
          allowed[a]![b]! += ca * cb - (s === t && a === b ? ca : 0);
        }
      }
    }
  }
  return {
    namespaces: names,
    cells: names.map((_, a) =>
      names.map((__, b) => ({
        allowed: allowed[a]![b]!,
        total: size[a]! * size[b]! - (a === b ? size[a]! : 0),
      })),
    ),
  };
}

/** Endpoints (restricted to the namespaces in `only` when given), in id order, as node indexes. */
export function matrixAxis(ix: ReachIndex, only: readonly string[] = []): number[] {
  const keep = only.length > 0 ? new Set(only) : null;
  const out: number[] = [];
  for (const node of ix.order) {
    if (ix.isRange(node)) continue;
    if (keep && !keep.has(ix.snapshot.endpoints[node]!.namespace)) continue;
    out.push(node);
  }
  return out;
}

/** One page of the pod matrix: cells[row][column] is true when the port is allowed. */
export function podMatrixPage(
  ix: ReachIndex,
  rows: readonly number[],
  columns: readonly number[],
  query: { readonly port: number; readonly protocol: Protocol },
): boolean[][] {
  return rows.map((from) =>
    columns.map((to) =>
      from === to
        ? false
        : portSets.rangesContain(ix.ports(ix.between(from, to))[query.protocol], query.port),
    ),
  );
}
