/**
 * A draft's impact on the graph (issue 4): which drawn edges its changes touch and how, and the
 * connections it removes, drawn as ghost edges since the analysis shown (the draft's) no longer
 * has them. Pure: the graph and the diff's changes in, edge marks and ghost edges out.
 */
import type { ConnectionChange, PeerRef } from '../../engine/diff';
import type { GraphStructure } from './model';
import { fmt } from './text';

/** How a drawn edge is touched: only gained connections, or anything else (ports changed, some lost). */
export type EdgeImpact = 'added' | 'changed';

export interface EdgeMark {
  readonly impact: EdgeImpact;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** "+3/−1" (with "±2" for changed ports), for the edge's label. */
  readonly label: string;
}

/** A connection the draft removes, between two drawn nodes that no longer have an edge. */
export interface GhostEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly removed: number;
  /** One removed pair (endpoint or range ids): what a click explains. */
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly title: string;
}

export interface GraphImpact {
  /** Edge id → how the draft changes it. */
  readonly edges: ReadonlyMap<string, EdgeMark>;
  readonly ghosts: readonly GhostEdge[];
}

/** The id a peer has in the graph's `nodeOf` (an endpoint's id, or the range holding the addresses). */
export function peerId(p: PeerRef): string {
  return p.kind === 'endpoint' ? p.id : p.afterRange;
}

/** The "+n/−m" text of a count of changes (changed ports as "±k"). */
export function impactLabel(added: number, removed: number, changed: number): string {
  const parts = [`+${fmt(added)}`, `−${fmt(removed)}`];
  if (changed > 0) parts.push(`±${fmt(changed)}`);
  return parts.join('/');
}

interface Acc {
  readonly source: string;
  readonly target: string;
  added: number;
  removed: number;
  changed: number;
  from: string;
  to: string;
  lost: string;
}

/**
 * Marks the graph's edges with the changes that fall on them (by the nodes drawing each end) and
 * makes a ghost edge for each pair of nodes that lost every connection. Changes whose ends are
 * not drawn (filtered out) or fall inside one node are left out.
 */
export function graphImpact(graph: GraphStructure, changes: readonly ConnectionChange[]): GraphImpact {
  const byKey = new Map<string, Acc>();
  for (const c of changes) {
    const from = peerId(c.from);
    const to = peerId(c.to);
    const a = graph.nodeOf.get(from);
    const b = graph.nodeOf.get(to);
    if (a === undefined || b === undefined || a === b) continue;
    const key = `${a}->${b}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = { source: a, target: b, added: 0, removed: 0, changed: 0, from, to, lost: c.lost };
      byKey.set(key, acc);
    }
    acc[c.change]++;
    if (c.change === 'removed' && acc.removed === 1) {
      acc.from = from;
      acc.to = to;
      acc.lost = c.lost;
    }
  }
  const drawn = new Set(graph.edges.map((e) => e.id));
  const edges = new Map<string, EdgeMark>();
  const ghosts: GhostEdge[] = [];
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  for (const [key, acc] of byKey) {
    const label = impactLabel(acc.added, acc.removed, acc.changed);
    if (drawn.has(key)) {
      const impact: EdgeImpact = acc.removed === 0 && acc.changed === 0 ? 'added' : 'changed';
      edges.set(key, { impact, added: acc.added, removed: acc.removed, changed: acc.changed, label });
      continue;
    }
    if (acc.removed === 0) continue;
    const { source, target } = acc;
    ghosts.push({
      id: `ghost:${key}`,
      source,
      target,
      removed: acc.removed,
      from: acc.from,
      to: acc.to,
      label: `−${fmt(acc.removed)}`,
      title:
        `${labelOf.get(source) ?? source} → ${labelOf.get(target) ?? target}: no longer allowed with the draft` +
        (acc.lost ? ` (was ${acc.lost})` : '') +
        (acc.removed > 1 ? `; ${fmt(acc.removed)} connections` : ''),
    });
  }
  ghosts.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { edges, ghosts };
}
