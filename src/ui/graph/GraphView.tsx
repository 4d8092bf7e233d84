/**
 * The reachability graph: a toolbar (fit, zoom, export), the Cytoscape canvas behind a
 * controller, a legend, and a plain-text summary for screen readers. What is drawn comes from
 * the pure `buildGraph` / `focusOf`; this component only wires the store to the controller.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStudio, type Selection } from '../../state/store';
import { analysisOf } from '../panels/hooks';
import { saveBlob } from '../components/save-file';
import { buildGraphSteps } from './build';
import { createGraphController, type Direction, type EdgeCursor, type GraphController } from './controller';
import { graphSummary } from './elements';
import { focusOf } from './focus';
import { GraphLegend } from './GraphLegend';
import { graphImpact } from './impact';
import { pickedNodes, pickIdsOf, togglePicked } from './picking';
import { useGraphUi } from './graph-state';
import { useSliced } from './sliced';
import { DEFAULT_BUDGET, type GraphStructure } from './model';
import type { ThemeName } from './style';
import { fmt } from './text';
import './graph.css';

declare global {
  interface Window {
    /** Test hook: what the graph draws and where (client coordinates). */
    __netpolGraph?: {
      ids: () => { nodes: string[]; edges: string[] };
      point: (id: string) => { x: number; y: number } | null;
      drawn: () => { graphs: number; layouts: number; placements: number };
      /** A node's position in model coordinates (pan and zoom do not change it). */
      position: (id: string) => { x: number; y: number } | null;
      viewport: () => { zoom: number; pan: { x: number; y: number } };
      classes: (id: string) => string[];
      pending: () => number;
    };
  }
}

const KEYS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

function useResolvedTheme(): ThemeName {
  const theme = useStudio((s) => s.theme);
  const [dark, setDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = (): void => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return theme === 'system' ? (dark ? 'dark' : 'light') : theme;
}

function selectionOf(node: { kind: string; rep: string }): Selection {
  if (node.kind === 'nsagg' || node.kind === 'namespace') return { kind: 'namespace', id: node.rep };
  if (node.kind === 'external' || node.rep === '') return null;
  return { kind: 'endpoint', id: node.rep };
}

function emptyText(graph: GraphStructure | null, phase: string): string | null {
  if (!graph)
    return phase === 'running' ? 'Analysing…' : 'Nothing to draw yet: import manifests to see the graph.';
  if (graph.stats.endpoints === 0)
    return 'The input has no pods or workloads: import manifests to see the graph.';
  if (graph.nodes.length === 0) return 'Nothing matches the filters.';
  return null;
}

export function GraphView() {
  const liveResult = useStudio((s) => s.result);
  const phase = useStudio((s) => s.status.phase);
  const liveFilters = useStudio((s) => s.filters);
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const theme = useResolvedTheme();
  const liveExpanded = useGraphUi((s) => s.expanded);
  const toggle = useGraphUi((s) => s.toggle);
  const collapseAll = useGraphUi((s) => s.collapseAll);

  // The graph follows the analysis, filters and opened nodes a moment later: the filter bar and
  // the rest of the page answer at once, and the graph is recomputed in a deferred render.
  const result = useDeferredValue(liveResult);
  const filters = useDeferredValue(liveFilters);
  const expanded = useDeferredValue(liveExpanded);
  const analysis = useMemo(() => (result ? analysisOf(result) : null), [result]);
  // Built in slices across tasks: a big cluster never blocks a frame, and a newer filter drops
  // the build under way.
  const job = useMemo(
    () =>
      result && analysis
        ? () =>
            buildGraphSteps({
              snapshot: result.snapshot,
              data: result.data,
              analysis,
              filters,
              expanded,
              budget: DEFAULT_BUDGET,
            })
        : null,
    [result, analysis, filters, expanded],
  );
  const graph = useSliced(job, 'graph-build');
  const focus = useMemo(
    () =>
      graph && result && analysis ? focusOf(graph, selection, { snapshot: result.snapshot, analysis }) : null,
    [graph, selection, result, analysis],
  );
  const summary = useMemo(() => (graph ? graphSummary(graph) : ''), [graph]);
  // A draft's impact (the analysis shown is the draft's) and the picked endpoints, drawn on top.
  const impact = useStudio((s) => s.impact);
  const picked = useStudio((s) => s.picked);
  const marks = useMemo(
    () =>
      graph
        ? {
            impact: impact ? graphImpact(graph, impact.changes) : null,
            picked: pickedNodes(graph, picked),
          }
        : {},
    [graph, impact, picked],
  );
  const graphRef = useRef(graph);
  useEffect(() => {
    graphRef.current = graph;
  }, [graph]);
  // The edge chosen with [ and ], for the selection it was chosen under (a click elsewhere ends it).
  const [edgeChoice, setEdgeChoice] = useState<{ cursor: EdgeCursor; under: Selection } | null>(null);
  const edgeCursor = edgeChoice && edgeChoice.under === selection ? edgeChoice.cursor : null;
  const setEdgeCursor = (cursor: EdgeCursor | null): void =>
    setEdgeChoice(cursor ? { cursor, under: useStudio.getState().selection } : null);

  // The controller lives as long as the view; handlers read the latest store actions.
  const hostRef = useRef<HTMLDivElement>(null);
  const ctrlRef = useRef<GraphController | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // One child per mount: React StrictMode mounts twice, and cy.destroy() empties its container.
    const mount = document.createElement('div');
    mount.className = 'graph__mount';
    host.append(mount);
    const ctrl = createGraphController(mount, {
      onSelectNode: (node) => useStudio.getState().select(selectionOf(node)),
      onSelectEdge: (from, to) => useStudio.getState().select({ kind: 'pair', from, to }),
      onPick: (node) => {
        const g = graphRef.current;
        const ids = g ? pickIdsOf(g, node) : [];
        if (ids.length === 0) return;
        const st = useStudio.getState();
        st.setPicked(togglePicked(st.picked, ids));
      },
      onToggle: toggle,
      onClear: () => useStudio.getState().select(null),
    });
    ctrlRef.current = ctrl;
    window.__netpolGraph = {
      ids: () => ctrl.ids(),
      point: (id) => ctrl.clientPoint(id),
      drawn: () => ctrl.drawn(),
      position: (id) => ctrl.position(id),
      viewport: () => ctrl.viewport(),
      classes: (id) => ctrl.classes(id),
      pending: () => ctrl.pending(),
    };
    setReady(true);
    return () => {
      ctrl.destroy();
      mount.remove();
      if (ctrlRef.current === ctrl) ctrlRef.current = null;
      delete window.__netpolGraph;
    };
  }, [toggle]);

  useEffect(() => {
    if (ready && graph) ctrlRef.current?.update({ graph, focus, theme, marks });
  }, [ready, graph, focus, theme, marks]);

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>): void => {
    const ctrl = ctrlRef.current;
    if (!ctrl || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const dir = KEYS[ev.key];
    if (dir) {
      ev.preventDefault();
      setEdgeCursor(null);
      if (ctrl.moveCursor(dir)) ctrl.selectCursor();
      return;
    }
    switch (ev.key) {
      case 'Enter':
        ev.preventDefault();
        // On an edge (chosen with [ and ]): explain it; on a node: open or close it.
        if (edgeCursor && ctrl.selectEdgeCursor()) break;
        if (!ctrl.cursor()) ctrl.moveCursor('right');
        ctrl.toggleCursor();
        break;
      case ' ':
        ev.preventDefault();
        if (!ctrl.cursor()) ctrl.moveCursor('right');
        if (ev.shiftKey) ctrl.pickCursor();
        else ctrl.selectCursor();
        break;
      case ']':
      case '[':
        ev.preventDefault();
        if (!ctrl.cursor()) {
          ctrl.moveCursor('right');
          ctrl.selectCursor();
        }
        setEdgeCursor(ctrl.cycleEdge(ev.key === ']' ? 1 : -1));
        break;
      case 'Escape': {
        const st = useStudio.getState();
        if (st.selection || st.picked.length > 0 || edgeCursor) {
          ev.preventDefault();
          ev.stopPropagation();
          setEdgeCursor(null);
          select(null);
          if (st.picked.length > 0) st.setPicked([]);
        }
        break;
      }
      case '+':
      case '=':
        ev.preventDefault();
        ctrl.zoomBy(1.25);
        break;
      case '-':
        ev.preventDefault();
        ctrl.zoomBy(0.8);
        break;
      case '0':
        ev.preventDefault();
        ctrl.fit();
        break;
    }
  };

  const exportPng = async (): Promise<void> => {
    const blob = await ctrlRef.current?.png();
    if (blob) saveBlob(blob, 'netpol-graph.png');
  };
  const exportSvg = (): void => {
    const svg = ctrlRef.current?.svg();
    if (svg) saveBlob(new Blob([svg], { type: 'image/svg+xml' }), 'netpol-graph.svg');
  };

  const empty = emptyText(graph, phase);
  const hint = graph?.aggregated
    ? 'Double-click a namespace (or select it and press Enter) to open it.'
    : 'Click a node or an edge to focus it; double-click a group to show its pods.';

  return (
    <div className="graph" data-theme={theme}>
      <div className="graph__bar">
        <div role="toolbar" aria-label="Graph tools" className="graph__tools">
          <button type="button" onClick={() => ctrlRef.current?.fit()} title="Fit the graph to the view (0)">
            Fit
          </button>
          <button
            type="button"
            onClick={() => ctrlRef.current?.relayout()}
            disabled={!graph || graph.nodes.length === 0}
            title="Lay the whole graph out anew (moved nodes go back to their places) and fit it"
          >
            Re-layout
          </button>
          <button
            type="button"
            aria-label="Zoom in"
            title="Zoom in (+)"
            onClick={() => ctrlRef.current?.zoomBy(1.25)}
          >
            +
          </button>
          <button
            type="button"
            aria-label="Zoom out"
            title="Zoom out (-)"
            onClick={() => ctrlRef.current?.zoomBy(0.8)}
          >
            −
          </button>
          {liveExpanded.size > 0 && (
            <button type="button" onClick={collapseAll} title="Close every opened group and namespace">
              Collapse all
            </button>
          )}
          <span className="graph__sep" aria-hidden="true" />
          <button
            type="button"
            onClick={() => void exportPng()}
            disabled={!graph || graph.nodes.length === 0}
          >
            Export PNG
          </button>
          <button type="button" onClick={exportSvg} disabled={!graph || graph.nodes.length === 0}>
            Export SVG
          </button>
        </div>
        <p className="graph__status" aria-live="polite">
          {edgeCursor
            ? `Edge ${edgeCursor.index + 1} of ${edgeCursor.total}: ${edgeCursor.title}. Enter explains it; [ and ] move on.`
            : focus
              ? `${focus.message} Esc clears.`
              : hint}
          {picked.length > 0 && ` ${fmt(picked.length)} picked for a selector (Shift+click: more or fewer).`}
        </p>
      </div>
      {graph?.aggregated && (
        <p className="graph__notice" role="note">
          Too many pods or connections to draw one by one: showing namespaces, with the number of allowed pod
          pairs on each edge.
          {graph.droppedEdges > 0 &&
            ` The ${fmt(graph.droppedEdges)} smallest of ${fmt(graph.edges.length + graph.droppedEdges)} namespace connections are left out; narrow with the filters.`}
        </p>
      )}
      <div className="graph__stage">
        <div
          ref={hostRef}
          className="graph__host"
          role="application"
          aria-roledescription="graph"
          aria-label="Reachability graph"
          aria-describedby="graph-summary graph-keys"
          tabIndex={0}
          onKeyDown={onKeyDown}
          // Cytoscape blurs the focused element on mousedown: focus the canvas once the click is done,
          // so the keys work right after a click.
          onPointerUp={() => hostRef.current?.focus({ preventScroll: true })}
        />
        {empty && <p className="graph__empty">{empty}</p>}
      </div>
      <GraphLegend theme={theme} draft={impact !== null} picked={picked.length > 0} />
      <p id="graph-summary" className="graph__sr-only">
        {summary}
      </p>
      <p id="graph-keys" className="graph__sr-only">
        Arrow keys move between nodes and select them; Enter opens or closes a group or namespace; ] and [
        move through the selected node&apos;s connections and Enter explains the one chosen; Shift+Space or
        Shift+click picks pods for a selector; Escape clears the selection and the picks; plus and minus zoom;
        0 fits the graph. The Connections and Matrix tabs list the same connections as tables.
      </p>
    </div>
  );
}
