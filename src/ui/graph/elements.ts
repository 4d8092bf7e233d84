/**
 * `toElements`: the analysis, filters, opened nodes, selection and budget in; Cytoscape element
 * definitions out, with the flags the view shows (aggregated, level, summary). Pure.
 */
import type { ElementDefinition } from 'cytoscape';
import { buildGraph, ISO_TEXT } from './build';
import { focusOf } from './focus';
import type { GraphImpact } from './impact';
import { nodeSize } from './layout';
import type { Focus, GraphEdge, GraphInput, GraphNode, GraphStructure } from './model';
import { fmt, plural } from './text';

/** Edge labels are drawn on every edge up to this many edges; above, on hover and focus only. */
export const LABEL_LIMIT = 40;

export interface GraphElements {
  readonly elements: ElementDefinition[];
  readonly graph: GraphStructure;
  readonly focus: Focus | null;
  readonly aggregated: boolean;
  readonly level: GraphStructure['level'];
  readonly summary: string;
}

/** Everything the controller draws for one state of the app. */
export function toElements(input: GraphInput): GraphElements {
  const graph = buildGraph(input);
  const focus = focusOf(graph, input.selection, input);
  return {
    elements: cyElements(graph, focus),
    graph,
    focus,
    aggregated: graph.aggregated,
    level: graph.level,
    summary: graphSummary(graph),
  };
}

export function displayLabel(n: GraphNode): string {
  switch (n.kind) {
    case 'group':
      return `${n.label} ×${n.count}`;
    case 'nsagg':
      return `${n.label}\n${plural(n.count, 'endpoint')}`;
    case 'extagg':
      return `${n.label}\n${plural(n.count, 'range')}`;
    case 'namespace':
      return n.expandable ? `${n.label}  (double-click to close)` : n.label;
    default:
      return n.label;
  }
}

/** Classes a node gets from the focus: focused, near it, a policy's subject or peer, or dimmed. */
export function nodeFocusClass(focus: Focus | null, n: Pick<GraphNode, 'id' | 'kind'>): string {
  if (!focus || focus.nodes.size === 0) return '';
  const role = focus.nodes.get(n.id);
  if (role) return role;
  return n.kind === 'namespace' || n.kind === 'external' ? '' : 'faded';
}

export function edgeFocusClass(focus: Focus | null, e: Pick<GraphEdge, 'id'>): string {
  if (!focus || focus.nodes.size === 0) return '';
  return focus.edges.has(e.id) ? 'hl' : 'faded';
}

function pie(n: GraphNode): Record<string, number> {
  const total = n.isoCounts.both + n.isoCounts.ingress + n.isoCounts.egress + n.isoCounts.none;
  if (total === 0) return { p1: 0, p2: 0, p3: 0, p4: 0 };
  const pct = (v: number): number => Math.round((1000 * v) / total) / 10;
  return {
    p1: pct(n.isoCounts.both),
    p2: pct(n.isoCounts.ingress),
    p3: pct(n.isoCounts.egress),
    p4: pct(n.isoCounts.none),
  };
}

export function edgeTitle(e: GraphEdge, labelOf: (id: string) => string, aggregated: boolean): string {
  const unit = aggregated ? 'endpoint pairs' : 'pod pairs';
  const share = e.possible > 1 ? `; ${fmt(e.pairs)} of ${fmt(e.possible)} ${unit}` : '';
  return (
    `${labelOf(e.source)} → ${labelOf(e.target)}: ${e.ports}` +
    (e.mixed ? ' (not the same on every pair)' : '') +
    share +
    (e.open ? '; no policy restricts this traffic' : '')
  );
}

/** What is marked on top of the graph: a draft's impact, and the nodes picked for a selector. */
export interface GraphMarks {
  readonly impact?: GraphImpact | null;
  /** Ids of picked nodes. */
  readonly picked?: ReadonlySet<string>;
}

/** Cytoscape element definitions for a graph, its focus and its marks. */
export function cyElements(
  graph: GraphStructure,
  focus: Focus | null,
  marks: GraphMarks = {},
): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const impact = marks.impact ?? null;
  const labels = new Map(
    graph.nodes.map((n) => [n.id, n.kind === 'group' ? `${n.label} ×${n.count}` : n.label]),
  );
  const labelOf = (id: string): string => labels.get(id) ?? id;
  for (const n of graph.nodes) {
    const size = nodeSize(n);
    const box = n.kind === 'namespace' || n.kind === 'external';
    const classes = [
      n.kind,
      box ? '' : `iso-${n.iso}`,
      n.expandable ? 'expandable' : '',
      n.context ? 'context' : '',
      nodeFocusClass(focus, n),
      marks.picked?.has(n.id) ? 'picked' : '',
    ];
    const label = displayLabel(n);
    const slices = pie(n);
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        ...(n.parent !== undefined ? { parent: n.parent } : {}),
        // What the controller compares to skip unchanged elements.
        sig: `${label}|${n.title}|${size.w}|${slices.p1}|${slices.p2}|${slices.p3}|${slices.p4}|${n.rep}`,
        label,
        kind: n.kind,
        iso: n.iso,
        count: n.count,
        rep: n.rep,
        w: size.w,
        h: size.h,
        title: n.title,
        ...(n.expandKey !== undefined ? { expandKey: n.expandKey } : {}),
        ...slices,
      },
      classes: classes.filter((c) => c !== '').join(' '),
    });
  }
  const showLabels = graph.edges.length <= LABEL_LIMIT;
  const maxPairs = graph.edges.reduce((m, e) => Math.max(m, e.pairs), 1);
  for (const e of graph.edges) {
    const mark = impact?.edges.get(e.id);
    const base = graph.aggregated ? `${fmt(e.pairs)} · ${e.short}` : e.short;
    // A changed edge reads its change ("+3/−1") where it stands for several connections.
    const short = mark && graph.aggregated ? `${mark.label} · ${e.short}` : base;
    const classes = [
      e.open ? 'open' : 'restricted',
      e.mixed ? 'mixed' : '',
      graph.aggregated ? 'agg' : '',
      showLabels || mark ? 'labelled' : '',
      mark ? `imp-${mark.impact}` : '',
      edgeFocusClass(focus, e),
    ];
    const weight = graph.aggregated ? 1 + Math.round((5 * Math.log1p(e.pairs)) / Math.log1p(maxPairs)) : 1.5;
    const title =
      edgeTitle(e, labelOf, graph.aggregated) +
      (mark
        ? mark.impact === 'added' && mark.removed + mark.changed === 0 && !graph.aggregated
          ? ' (new with the draft)'
          : ` (the draft changes it: ${mark.label})`
        : '');
    out.push({
      group: 'edges',
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        sig: `${short}|${title}|${weight}|${e.from}|${e.to}`,
        label: short,
        ports: e.ports,
        pairs: e.pairs,
        weight,
        from: e.from,
        to: e.to,
        title,
      },
      classes: classes.filter((c) => c !== '').join(' '),
    });
  }
  // Connections the draft removes: not in the analysis shown, drawn as ghosts.
  for (const g of impact?.ghosts ?? []) {
    out.push({
      group: 'edges',
      data: {
        id: g.id,
        source: g.source,
        target: g.target,
        sig: `${g.label}|${g.title}|${g.from}|${g.to}`,
        // One lost pod pair needs no count; a group's or a namespace's does.
        label: graph.aggregated || g.removed > 1 ? g.label : '',
        ports: '',
        pairs: 0,
        weight: 2,
        from: g.from,
        to: g.to,
        title: g.title,
      },
      classes: ['ghost', 'labelled', focus && focus.nodes.size > 0 ? 'faded' : ''].filter(Boolean).join(' '),
    });
  }
  return out;
}

/** A plain-language summary of what the graph shows, for screen readers and the status line. */
export function graphSummary(graph: GraphStructure): string {
  const s = graph.stats;
  const counts = { both: 0, ingress: 0, egress: 0, none: 0 };
  for (const n of graph.nodes) {
    if (n.kind === 'namespace' || n.kind === 'external') continue;
    counts.both += n.isoCounts.both;
    counts.ingress += n.isoCounts.ingress;
    counts.egress += n.isoCounts.egress;
    counts.none += n.isoCounts.none;
  }
  const leaves = graph.nodes.filter((n) => n.kind !== 'namespace' && n.kind !== 'external').length;
  const parts = [
    `${plural(s.namespaces, 'namespace')}, ${plural(leaves, 'node')} for ${plural(s.visibleEndpoints, 'endpoint')}` +
      (s.visibleEndpoints < s.endpoints ? ` (of ${fmt(s.endpoints)}; the filters hide the rest)` : '') +
      `, ${plural(graph.edges.length, 'connection')}` +
      (graph.aggregated ? ` standing for ${plural(s.pairs, 'endpoint pair')}` : '') +
      (s.ranges > 0 ? `, ${plural(s.ranges, 'address range')} outside the cluster` : '') +
      '.',
    `Endpoints: ${counts.both} ${ISO_TEXT.both}, ${counts.ingress} ${ISO_TEXT.ingress}, ${counts.egress} ${ISO_TEXT.egress}, ${counts.none} not isolated.`,
  ];
  if (graph.aggregated) {
    parts.unshift(
      'Aggregated to namespaces: too many nodes or connections to draw one by one. Open a namespace to see its workloads.',
    );
  }
  if (graph.droppedEdges > 0) {
    parts.push(
      `The ${plural(graph.droppedEdges, 'smallest connection')} between namespaces are left out; narrow with the filters.`,
    );
  }
  return parts.join(' ');
}
