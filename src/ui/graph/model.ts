/**
 * The graph as data: what `buildGraph` computes from an analysis (nodes, edges, the level it
 * chose), what `focusOf` computes from a selection, and what the controller draws. No Cytoscape
 * here: these types are plain and unit-tested.
 */
import type { Analysis, ReachabilityData } from '../../engine';
import type { Snapshot } from '../../model';
import type { Filters, Selection } from '../../state/store';

/** How a node is isolated: a single state, or `mixed` for a node standing for several. */
export type IsoState = 'both' | 'ingress' | 'egress' | 'none';
export type NodeIso = IsoState | 'mixed';

/** Counts of endpoints per isolation state (for groups, namespaces and the legend). */
export interface IsoCounts {
  both: number;
  ingress: number;
  egress: number;
  none: number;
}

export type NodeKind =
  /** A namespace drawn as a box holding its pods. */
  | 'namespace'
  /** A namespace drawn as one node (aggregated level). */
  | 'nsagg'
  /** One pod. */
  | 'pod'
  /** Replicas of one workload, drawn as one node with their count. */
  | 'group'
  /** A workload without pods (`ns/name[Kind]`), standing for the pods its template would create. */
  | 'workload'
  /** One external IP range. */
  | 'range'
  /** The box holding external ranges. */
  | 'external'
  /** All external ranges drawn as one node. */
  | 'extagg';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly parent?: string;
  readonly iso: NodeIso;
  readonly isoCounts: IsoCounts;
  /** Endpoints (or ranges) this node stands for, after filters. */
  readonly count: number;
  /** An endpoint (or range) id this node stands for: what a click selects. */
  readonly rep: string;
  /** The namespace, for pods, groups and namespace nodes. */
  readonly namespace?: string;
  /** Whether the user can open or close this node (double-click, Enter). */
  readonly expandable: boolean;
  /** Whether it is open now (a namespace opened at aggregated level, a group shown as pods). */
  readonly expanded: boolean;
  /** The key to toggle in the expanded set. */
  readonly expandKey?: string;
  /** Connections inside the node (pairs between its own members), for aggregates. */
  readonly internalPairs: number;
  /** Drawn only because it connects to something that matches the filters. */
  readonly context: boolean;
  /** A plain-text description for the tooltip and the accessible summary. */
  readonly title: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Allowed endpoint pairs this edge stands for. */
  readonly pairs: number;
  /** Endpoint pairs between the two nodes (pairs == possible: every member reaches every member). */
  readonly possible: number;
  /** Ports allowed, unioned over the pairs, as text ("TCP 80, 443 · UDP 53", "all ports"). */
  readonly ports: string;
  /** A short form for a label. */
  readonly short: string;
  /** The pairs do not all allow the same ports. */
  readonly mixed: boolean;
  /** Neither side restricts this traffic (source not egress-isolated, target not ingress-isolated). */
  readonly open: boolean;
  /** One allowed endpoint pair behind this edge: what a click explains. */
  readonly from: string;
  readonly to: string;
}

export type GraphLevel = 'pods' | 'namespaces';

export interface GraphStats {
  /** Endpoints in the snapshot, and those left after the filters. */
  readonly endpoints: number;
  readonly visibleEndpoints: number;
  readonly namespaces: number;
  readonly ranges: number;
  /** Endpoint-level pairs behind the drawn edges. */
  readonly pairs: number;
}

export interface GraphStructure {
  readonly level: GraphLevel;
  /** True when the budget forced the namespace level. */
  readonly aggregated: boolean;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Edges left out at aggregated level because even namespaces exceed the edge budget. */
  readonly droppedEdges: number;
  /** Endpoint or range id → id of the node that shows it. */
  readonly nodeOf: ReadonlyMap<string, string>;
  readonly stats: GraphStats;
}

export interface Budget {
  readonly nodes: number;
  readonly edges: number;
}

export const DEFAULT_BUDGET: Budget = { nodes: 1500, edges: 5000 };

/** Everything the graph is computed from. */
export interface GraphInput {
  readonly snapshot: Snapshot;
  readonly data: ReachabilityData;
  readonly analysis: Analysis;
  readonly filters: Filters;
  /** Keys of opened nodes: `g:<workload>` groups, `ns:<name>` namespaces, `ext` the external box. */
  readonly expanded: ReadonlySet<string>;
  readonly selection: Selection;
  readonly budget: Budget;
}

export type FocusRole = 'focus' | 'near' | 'subject' | 'peer';

/** What a selection highlights: everything else is dimmed. `null` when nothing is selected. */
export interface Focus {
  readonly nodes: ReadonlyMap<string, FocusRole>;
  readonly edges: ReadonlySet<string>;
  /** One line for the live region: what is focused and what it shows. */
  readonly message: string;
}
