/**
 * The graph's look, per theme. Isolation is shown by shape AND colour (never colour alone):
 * octagon = isolated both ways, triangle = ingress only, diamond = egress only, dashed circle =
 * not isolated. The legend in GraphView draws the same shapes from `ISO_LOOK`.
 */
import type { StylesheetJson } from 'cytoscape';
import type { NodeIso } from './model';

export type ThemeName = 'light' | 'dark';

export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly box: string;
  readonly boxBorder: string;
  readonly edge: string;
  readonly edgeOpen: string;
  readonly accent: string;
  readonly peer: string;
  readonly iso: Readonly<Record<Exclude<NodeIso, 'mixed'>, { fill: string; border: string }>>;
  readonly range: { fill: string; border: string };
  readonly labelBg: string;
  /** A draft's impact: connections gained, changed, lost (ghost edges); and picked nodes. */
  readonly added: string;
  readonly changed: string;
  readonly removed: string;
  readonly pick: string;
}

export const PALETTES: Readonly<Record<ThemeName, Palette>> = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#57606a',
    box: '#f6f8fa',
    boxBorder: '#c9d1d9',
    edge: '#6e7781',
    edgeOpen: '#b3bac2',
    accent: '#0969da',
    peer: '#8250df',
    iso: {
      both: { fill: '#2da44e', border: '#116329' },
      ingress: { fill: '#3b82c4', border: '#1b4f87' },
      egress: { fill: '#a371f7', border: '#6639ba' },
      none: { fill: '#fff1d6', border: '#bc4c00' },
    },
    range: { fill: '#e7ecf0', border: '#57606a' },
    labelBg: '#ffffff',
    added: '#1a7f37',
    changed: '#9a6700',
    removed: '#cf222e',
    pick: '#bf3989',
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#9198a1',
    box: '#161b22',
    boxBorder: '#3d444d',
    edge: '#8b949e',
    edgeOpen: '#484f58',
    accent: '#4493f8',
    peer: '#ab7df8',
    iso: {
      both: { fill: '#3fb950', border: '#aff5b4' },
      ingress: { fill: '#58a6ff', border: '#cae8ff' },
      egress: { fill: '#bc8cff', border: '#e2d1ff' },
      none: { fill: '#3d2a12', border: '#f0883e' },
    },
    range: { fill: '#21262d', border: '#9198a1' },
    labelBg: '#0d1117',
    added: '#3fb950',
    changed: '#d29922',
    removed: '#ff7b72',
    pick: '#f778ba',
  },
};

/** The shape and border of each isolation state (the legend draws the same). */
export const ISO_LOOK: Readonly<
  Record<NodeIso, { shape: string; border: 'solid' | 'dashed'; label: string }>
> = {
  both: { shape: 'round-octagon', border: 'solid', label: 'Isolated both ways' },
  ingress: { shape: 'round-triangle', border: 'solid', label: 'Ingress isolated only' },
  egress: { shape: 'round-diamond', border: 'solid', label: 'Egress isolated only' },
  none: { shape: 'ellipse', border: 'dashed', label: 'Not isolated' },
  mixed: { shape: 'round-rectangle', border: 'solid', label: 'Mixed (share of each)' },
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif';

/** A style block; typed loosely because Cytoscape's typings reject valid mappers like data(w). */
interface Block {
  readonly selector: string;
  readonly style: Readonly<Record<string, string | number | readonly number[]>>;
}

export function stylesheet(theme: ThemeName, opts: { large: boolean }): StylesheetJson {
  return blocks(theme, opts) as unknown as StylesheetJson;
}

function blocks(theme: ThemeName, opts: { large: boolean }): Block[] {
  const p = PALETTES[theme];
  const isoRules: Block[] = (['both', 'ingress', 'egress', 'none'] as const).map((k) => ({
    selector: `node.iso-${k}`,
    style: {
      shape: ISO_LOOK[k].shape,
      'background-color': p.iso[k].fill,
      'border-color': p.iso[k].border,
      'border-style': ISO_LOOK[k].border,
      'border-width': k === 'none' ? 2.5 : 2,
    },
  }));
  return [
    {
      selector: 'node',
      style: {
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 12,
        color: p.text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '118px',
        // Big graphs: fewer properties per element (each costs style work for every element).
        ...(opts.large
          ? {}
          : {
              'text-background-color': p.labelBg,
              'text-background-opacity': 0.75,
              'text-background-padding': '1px',
              'text-background-shape': 'roundrectangle',
            }),
        'min-zoomed-font-size': opts.large ? 8 : 0,
      },
    },
    ...isoRules,
    {
      selector: 'node.iso-mixed, node.nsagg',
      style: {
        shape: 'round-rectangle',
        'background-color': p.box,
        'border-color': p.muted,
        'border-width': 1.5,
        'border-style': 'solid',
        'pie-size': '86%',
        'pie-1-background-color': p.iso.both.fill,
        'pie-1-background-size': 'data(p1)',
        'pie-2-background-color': p.iso.ingress.fill,
        'pie-2-background-size': 'data(p2)',
        'pie-3-background-color': p.iso.egress.fill,
        'pie-3-background-size': 'data(p3)',
        'pie-4-background-color': p.iso.none.border,
        'pie-4-background-size': 'data(p4)',
      },
    },
    {
      selector: 'node.group',
      style: { 'border-width': 4, 'border-style': 'double', 'font-weight': 'bold' },
    },
    {
      selector: 'node.group.iso-none',
      style: { 'border-style': 'dashed', 'border-width': 3 },
    },
    {
      selector: 'node.nsagg',
      style: { 'font-weight': 'bold', 'font-size': 12, 'border-width': 2 },
    },
    {
      selector: 'node.range, node.extagg',
      style: {
        shape: 'cut-rectangle',
        'background-color': p.range.fill,
        'border-color': p.range.border,
        'border-width': 1.5,
        'border-style': 'solid',
      },
    },
    {
      selector: ':parent',
      style: {
        shape: 'round-rectangle',
        'background-color': p.box,
        'background-opacity': 1,
        'border-color': p.boxBorder,
        'border-width': 1,
        'border-style': 'solid',
        padding: '14px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 13,
        'font-weight': 'bold',
        color: p.muted,
        'text-background-opacity': 0,
        'text-max-width': '600px',
        'text-wrap': 'none',
      },
    },
    {
      selector: 'node.external:parent',
      style: { 'border-style': 'dashed' },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(weight)',
        'line-color': p.edge,
        'target-arrow-color': p.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': opts.large ? 'straight' : 'bezier',
        opacity: 0.85,
        label: '',
      },
    },
    {
      // Only the edges that can show a label get its look (style work is per element and property).
      selector: 'edge.labelled, edge.hl, edge.hover, edge.cursor, edge.ghost',
      style: {
        'font-family': FONT,
        'font-size': 10,
        color: p.text,
        'text-rotation': 'autorotate',
        'text-background-color': p.labelBg,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
      },
    },
    {
      selector: 'edge.open',
      style: {
        'line-color': p.edgeOpen,
        'target-arrow-color': p.edgeOpen,
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
      },
    },
    { selector: 'edge.agg', style: { opacity: 0.5 } },
    { selector: 'edge.agg.open', style: { opacity: 0.35 } },
    { selector: 'edge.labelled', style: { label: 'data(label)' } },
    // A draft's impact: gained (solid, thicker), changed, and lost connections (ghosts, dashed).
    { selector: 'edge.imp-added, edge.imp-changed, edge.ghost', style: { opacity: 1, 'z-index': 8 } },
    {
      selector: 'edge.ghost',
      style: {
        width: 2.5,
        'line-color': p.removed,
        'target-arrow-color': p.removed,
        'line-style': 'dashed',
        'line-dash-pattern': [7, 4],
        color: p.removed,
      },
    },
    {
      selector: 'node.context',
      style: { 'background-opacity': 0.35, 'border-opacity': 0.55, color: p.muted },
    },
    { selector: 'node.faded', style: { opacity: 0.18 } },
    { selector: 'edge.faded', style: { opacity: 0.07, label: '' } },
    {
      selector: 'edge.hl',
      style: {
        'line-color': p.accent,
        'target-arrow-color': p.accent,
        opacity: 1,
        label: 'data(label)',
        'z-index': 10,
        width: 'mapData(weight, 1, 6, 2.5, 7)',
      },
    },
    {
      selector: 'edge.imp-added',
      style: {
        'line-color': p.added,
        'target-arrow-color': p.added,
        'line-style': 'solid',
        width: 'mapData(weight, 1, 6, 3.5, 8)',
        color: p.added,
      },
    },
    {
      selector: 'edge.imp-changed',
      style: {
        'line-color': p.changed,
        'target-arrow-color': p.changed,
        'line-style': 'solid',
        width: 'mapData(weight, 1, 6, 3, 7)',
        color: p.changed,
      },
    },
    {
      selector: 'node.focus',
      style: {
        'underlay-color': p.accent,
        'underlay-opacity': 0.35,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
        'z-index': 10,
      },
    },
    {
      selector: 'node.subject',
      style: {
        'underlay-color': p.accent,
        'underlay-opacity': 0.35,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node.peer',
      style: {
        'underlay-color': p.peer,
        'underlay-opacity': 0.3,
        'underlay-padding': 6,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node.hover, edge.hover',
      style: { 'overlay-color': p.accent, 'overlay-opacity': 0.12, 'overlay-padding': 4 },
    },
    { selector: 'edge.hover', style: { label: 'data(label)', opacity: 1, 'z-index': 20 } },
    {
      selector: 'node.picked',
      style: {
        'border-color': p.pick,
        'border-width': 3.5,
        'outline-color': p.pick,
        'outline-width': 3,
        'outline-offset': 3,
        'outline-style': 'solid',
      },
    },
    {
      // The edge chosen with [ and ]: unlike any other (text colour, solid, wide, with a halo).
      selector: 'edge.cursor',
      style: {
        'line-color': p.text,
        'target-arrow-color': p.text,
        'line-style': 'solid',
        width: 4.5,
        opacity: 1,
        label: 'data(label)',
        'z-index': 30,
        'overlay-color': p.accent,
        'overlay-opacity': 0.3,
        'overlay-padding': 6,
      },
    },
    {
      selector: 'node.cursor',
      style: { 'outline-color': p.accent, 'outline-width': 3, 'outline-offset': 3, 'outline-style': 'solid' },
    },
    { selector: ':parent.cursor', style: { 'border-color': p.accent, 'border-width': 3 } },
  ];
}
