/**
 * The one Cytoscape instance behind the graph view, created once per mount and driven by
 * `update(model)`: it diffs what `toElements` computed against what is drawn and keeps positions
 * by node id: when the nodes change, those still there stay put (dragged ones too), removed ones
 * go and new ones are placed locally (`placeNodes`), without touching the viewport. The full
 * deterministic layout runs only for a first graph, when no node survives, or on `relayout()`.
 * Nothing here decides *what* to draw.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type Position } from 'cytoscape';
import { cyElements, type GraphMarks } from './elements';
import { layoutGraph, nodeSize, type Point } from './layout';
import type { Focus, GraphNode, GraphStructure } from './model';
import { placeNodes, type Remembered } from './placement';
import { PALETTES, stylesheet, type ThemeName } from './style';
import { graphToSvg } from './svg-export';

export interface GraphModel {
  readonly graph: GraphStructure;
  readonly focus: Focus | null;
  readonly theme: ThemeName;
  /** A draft's impact and the picked nodes, drawn on top. */
  readonly marks?: GraphMarks;
}

/** The edge under the keyboard's edge cursor, and where it is in the node's list. */
export interface EdgeCursor {
  readonly id: string;
  readonly index: number;
  readonly total: number;
  readonly title: string;
}

export interface GraphHandlers {
  /** A node was clicked (or picked with the keyboard). */
  readonly onSelectNode: (node: { kind: string; rep: string; id: string }) => void;
  /** An edge was clicked: one allowed endpoint pair behind it. */
  readonly onSelectEdge: (from: string, to: string) => void;
  /** A node was Shift-, Ctrl- or Cmd-clicked (or Shift+Space): pick or unpick it. */
  readonly onPick: (node: { kind: string; rep: string; id: string }) => void;
  /** A node was double-clicked (or Enter): open or close it. */
  readonly onToggle: (expandKey: string) => void;
  /** The background was clicked. */
  readonly onClear: () => void;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface GraphController {
  update(model: GraphModel): void;
  destroy(): void;
  fit(): void;
  /** Lays the whole graph out anew (the user asked) and fits it. */
  relayout(): void;
  zoomBy(factor: number): void;
  /** Moves the keyboard cursor to the nearest node in a direction; returns its id. */
  moveCursor(direction: Direction): string | null;
  /** The node under the keyboard cursor. */
  cursor(): string | null;
  /** Activates the cursor node: selects it. */
  selectCursor(): void;
  /** Opens or closes the cursor node. */
  toggleCursor(): void;
  /** Picks or unpicks the cursor node. */
  pickCursor(): void;
  /** Moves the edge cursor to the next (1) or previous (-1) edge of the cursor node. */
  cycleEdge(step: 1 | -1): EdgeCursor | null;
  /** Explains the edge under the edge cursor (selects its pair); false when there is none. */
  selectEdgeCursor(): boolean;
  png(): Promise<Blob>;
  svg(): string;
  /** For tests: the client (page) coordinates of a node's centre or an edge's midpoint. */
  clientPoint(id: string): Position | null;
  /** For tests and the summary: ids of drawn nodes and edges. */
  ids(): { nodes: string[]; edges: string[] };
  /** For tests: the classes of a drawn element (what marks it: picked, imp-added, ghost, cursor...). */
  classes(id: string): string[];
  /** For the benchmark: elements still queued to be added (0: the graph is complete). */
  pending(): number;
  /**
   * For tests: how many graphs (not focus changes) were drawn, how many were laid out anew, and
   * how many kept the positions of the nodes still there and placed only the new ones.
   */
  drawn(): { graphs: number; layouts: number; placements: number };
  /** For tests: a node's position in model coordinates (what a pan or zoom does not change). */
  position(id: string): Position | null;
  /** For tests: the viewport. */
  viewport(): { zoom: number; pan: Position };
}

const LARGE_NODES = 400;
const LARGE_EDGES = 800;
const MAX_FIT_ZOOM = 1.3;
/**
 * Elements added per frame: Cytoscape computes each new element's style and draws it for the
 * first time in the next frame, a fraction of a millisecond each, so a big graph arrives over a
 * few frames instead of one long task.
 */
const CHUNK = 80;
/** The chunk adapts to the machine: frames longer than this shrink it, much shorter ones grow it. */
const FRAME_GOAL_MS = 60;

export function createGraphController(container: HTMLElement, handlers: GraphHandlers): GraphController {
  const host = document.createElement('div');
  host.className = 'graph-canvas';
  const tip = document.createElement('div');
  tip.className = 'graph-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  container.append(host, tip);

  const cy: Core = cytoscape({
    container: host,
    elements: [],
    style: stylesheet('light', { large: false }),
    layout: { name: 'preset' },
    minZoom: 0.03,
    maxZoom: 4,
    boxSelectionEnabled: false,
    autounselectify: true,
  });

  let current: GraphModel | null = null;
  let theme: ThemeName = 'light';
  let large = false;
  let cursorId: string | null = null;
  let edgeCursorId: string | null = null;
  let hoverId: string | null = null;
  let destroyed = false;
  let graphs = 0;
  let layouts = 0;
  let placements = 0;
  /** Where each leaf node was put last (queued ones too), and under which parent. */
  let placedAt = new Map<string, { p: Point; parent: string | undefined }>();
  /** Positions of nodes seen before, kept for when they (or their namespace) come back. */
  const remembered = new Map<string, Remembered>();
  const REMEMBER = 20_000;
  /** Whether the view still shows the whole graph as fitted (no zoom or pan by the user since). */
  let autoFit = true;
  /** Elements still to add, a chunk per frame (parents first, then nodes, then edges). */
  let queue: ElementDefinition[] = [];
  let queueFrame = 0;

  const showTip = (text: string, x: number, y: number): void => {
    tip.textContent = text;
    tip.hidden = false;
    const box = container.getBoundingClientRect();
    const left = Math.min(Math.max(4, x + 14), Math.max(4, box.width - tip.offsetWidth - 4));
    const top = y + 16 + tip.offsetHeight > box.height ? y - tip.offsetHeight - 10 : y + 16;
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(Math.max(4, top))}px)`;
  };
  const hideTip = (): void => {
    tip.hidden = true;
  };

  const nodeRef = (n: NodeSingular) => ({
    kind: String(n.data('kind')),
    rep: String(n.data('rep')),
    id: n.id(),
  });
  const setEdgeCursor = (id: string | null): void => {
    if (edgeCursorId) cy.getElementById(edgeCursorId).removeClass('cursor');
    edgeCursorId = id;
    if (id) cy.getElementById(id).addClass('cursor');
  };
  cy.on('tap', 'node', (ev) => {
    const n = ev.target as NodeSingular;
    const e = ev.originalEvent as MouseEvent | undefined;
    if (e && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      handlers.onPick(nodeRef(n));
      return;
    }
    cursorId = n.id();
    setEdgeCursor(null);
    handlers.onSelectNode(nodeRef(n));
  });
  cy.on('tap', 'edge', (ev) => {
    const e = ev.target as cytoscape.EdgeSingular;
    handlers.onSelectEdge(String(e.data('from')), String(e.data('to')));
  });
  // Cytoscape calls any two taps in quick succession a double tap, even on two different nodes:
  // only the same node tapped twice (without a modifier) opens or closes it.
  let tapIds: [string | null, string | null] = [null, null];
  cy.on('tap', (ev) => {
    const target = ev.target as cytoscape.SingularElementArgument | Core;
    tapIds = [tapIds[1], target === cy ? null : (target as cytoscape.SingularElementArgument).id()];
    if (ev.target === cy) handlers.onClear();
  });
  cy.on('dbltap', 'node', (ev) => {
    const n = ev.target as NodeSingular;
    const e = ev.originalEvent as MouseEvent | undefined;
    if (e && (e.shiftKey || e.ctrlKey || e.metaKey)) return;
    if (tapIds[0] !== n.id() || tapIds[1] !== n.id()) return;
    const key = n.data('expandKey') as string | undefined;
    if (key) handlers.onToggle(key);
  });
  cy.on('mouseover', 'node, edge', (ev) => {
    const ele = ev.target as cytoscape.SingularElementArgument;
    hoverId = ele.id();
    ele.addClass('hover');
    const p = ev.renderedPosition ?? { x: 0, y: 0 };
    showTip(String(ele.data('title') ?? ''), p.x, p.y);
  });
  cy.on('mousemove', 'node, edge', (ev) => {
    if (tip.hidden) return;
    const p = ev.renderedPosition ?? { x: 0, y: 0 };
    showTip(tip.textContent ?? '', p.x, p.y);
  });
  cy.on('mouseout', 'node, edge', (ev) => {
    (ev.target as cytoscape.SingularElementArgument).removeClass('hover');
    hoverId = null;
    hideTip();
  });
  cy.on('pan zoom', hideTip);

  // The canvas changes size with the window and with the notices above it: refit until the user
  // has zoomed or panned.
  const resize = new ResizeObserver(() => {
    if (destroyed) return;
    cy.resize();
    if (autoFit && layoutBox) fitBox(layoutBox);
  });
  cy.on('tapstart scrollzoom', () => {
    autoFit = false;
  });
  resize.observe(container);

  /** The model-space box of the last layout, labels included: fitting to it needs no measuring. */
  let layoutBox: { x1: number; y1: number; x2: number; y2: number } | null = null;
  const fitBox = (box: { x1: number; y1: number; x2: number; y2: number }): void => {
    const pad = 24;
    const w = Math.max(1, box.x2 - box.x1);
    const h = Math.max(1, box.y2 - box.y1);
    const zoom = Math.min(
      MAX_FIT_ZOOM,
      Math.max(cy.minZoom(), Math.min((cy.width() - 2 * pad) / w, (cy.height() - 2 * pad) / h)),
    );
    cy.viewport({
      zoom,
      pan: { x: cy.width() / 2 - zoom * (box.x1 + w / 2), y: cy.height() / 2 - zoom * (box.y1 + h / 2) },
    });
  };

  const fit = (): void => {
    autoFit = true;
    if (cy.elements().length === 0) return;
    // Nodes only: edges run between them, and measuring thousands of edges is slow.
    cy.fit(cy.nodes(), 24);
    if (cy.zoom() > MAX_FIT_ZOOM)
      cy.zoom({ level: MAX_FIT_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };

  const applyStyle = (): void => {
    cy.style(stylesheet(theme, { large }));
    // Big graphs: draw no edges while panning or zooming, and move a snapshot of the canvas
    // rather than redrawing it (renderer flags Cytoscape reads per frame; their public form is an
    // init option only).
    const renderer = (
      cy as unknown as {
        renderer?: () => { hideEdgesOnViewport?: boolean; textureOnViewport?: boolean } | undefined;
      }
    ).renderer?.();
    if (renderer && 'hideEdgesOnViewport' in renderer) renderer.hideEdgesOnViewport = large;
    if (renderer && 'textureOnViewport' in renderer) renderer.textureOnViewport = large;
  };

  /** Adds one chunk of the queue now and schedules the next for the next frame. */
  let chunk = CHUNK;
  let lastChunkAt = 0;
  const addChunk = (): void => {
    queueFrame = 0;
    if (destroyed || queue.length === 0) return;
    const start = performance.now();
    // The time since the last chunk is about one frame: its style work and drawing. Keep it near the goal.
    if (lastChunkAt > 0) {
      const frame = start - lastChunkAt;
      if (frame > FRAME_GOAL_MS) chunk = Math.max(30, Math.floor(chunk / 2));
      else if (frame < FRAME_GOAL_MS / 2) chunk = Math.min(600, Math.ceil(chunk * 1.5));
    }
    const part = queue.splice(0, chunk);
    cy.batch(() => {
      cy.add(part.filter((d) => cy.getElementById(String(d.data.id)).empty()));
    });
    lastChunkAt = queue.length > 0 ? performance.now() : 0;
    if (queue.length > 0) queueFrame = requestAnimationFrame(addChunk);
    performance.measure('graph-update', { start });
  };

  /** Adds elements a chunk per frame, in an order Cytoscape accepts (parents, nodes, edges). */
  const enqueue = (defs: readonly ElementDefinition[]): void => {
    const parents = new Set<string>();
    for (const d of defs) if (d.group === 'nodes' && d.data.parent !== undefined) parents.add(d.data.parent);
    const rank = (d: ElementDefinition): number =>
      d.group === 'edges' ? 2 : parents.has(String(d.data.id)) ? 0 : 1;
    queue = [...defs].sort((a, b) => rank(a) - rank(b));
    if (queueFrame) cancelAnimationFrame(queueFrame);
    addChunk();
  };

  /** Drops what is still queued; returns whether anything was. */
  const dropQueue = (): boolean => {
    const had = queue.length > 0;
    queue = [];
    if (queueFrame) cancelAnimationFrame(queueFrame);
    queueFrame = 0;
    return had;
  };

  /** Sets every element's classes to the computed ones, keeping the hover and cursor marks. */
  const syncClasses = (defs: ElementDefinition[]): void => {
    for (const d of defs) {
      const ele = cy.getElementById(String(d.data.id));
      if (ele.empty()) continue;
      const id = ele.id();
      const extra = [
        id === hoverId ? 'hover' : '',
        id === cursorId || id === edgeCursorId ? 'cursor' : '',
      ].filter(Boolean);
      ele.classes([d.classes ?? '', ...extra].join(' ').trim());
    }
  };

  const sameNodes = (graph: GraphStructure): boolean => {
    const drawn = cy.nodes();
    if (drawn.length !== graph.nodes.length) return false;
    return graph.nodes.every((n) => {
      const d = cy.getElementById(n.id);
      return d.nonempty() && (d.data('parent') ?? undefined) === n.parent;
    });
  };

  /** Records where the leaves were put, for the next change of nodes. */
  const notePositions = (nodes: readonly GraphNode[], positions: ReadonlyMap<string, Point>): void => {
    placedAt = new Map();
    for (const n of nodes) {
      const p = positions.get(n.id);
      if (p) placedAt.set(n.id, { p: { x: p.x, y: p.y }, parent: n.parent });
    }
  };

  /** The model-space box of these positions, labels included. */
  const boxOf = (nodes: readonly GraphNode[], positions: ReadonlyMap<string, Point>): typeof layoutBox => {
    let box: typeof layoutBox = null;
    for (const n of nodes) {
      const p = positions.get(n.id);
      if (!p) continue;
      const size = nodeSize(n);
      const halfW = Math.max(size.w / 2, 62);
      const x1 = p.x - halfW;
      const x2 = p.x + halfW;
      const y1 = p.y - size.h / 2 - (n.parent !== undefined ? 44 : 8);
      const y2 = p.y + size.h / 2 + 48;
      box = box
        ? {
            x1: Math.min(box.x1, x1),
            y1: Math.min(box.y1, y1),
            x2: Math.max(box.x2, x2),
            y2: Math.max(box.y2, y2),
          }
        : { x1, y1, x2, y2 };
    }
    return box;
  };

  const rebuild = (model: GraphModel, defs: ElementDefinition[]): void => {
    cy.resize();
    const aspect = cy.width() > 0 && cy.height() > 0 ? cy.width() / cy.height() : 1.6;
    const positions = layoutGraph(model.graph.nodes, model.graph.edges, aspect);
    for (const d of defs) {
      if (d.group !== 'nodes') continue;
      const p = positions.get(String(d.data.id));
      if (p) d.position = { x: p.x, y: p.y };
    }
    cy.batch(() => {
      cy.elements().remove();
    });
    enqueue(defs);
    notePositions(model.graph.nodes, positions);
    if (cursorId && !defs.some((d) => d.data.id === cursorId)) cursorId = null;
    edgeCursorId = null;
    // Fit to the layout's own box rather than asking Cytoscape to measure every element now: the
    // first frame computes the styles anyway, and this keeps that work out of this task.
    const box = boxOf(model.graph.nodes, positions);
    layoutBox = box;
    autoFit = true;
    if (box) fitBox(box);
  };

  /** Where the leaves that are still in `graph`, under the same parent, are now. */
  const survivors = (graph: GraphStructure): Map<string, Point> => {
    const known = new Map<string, Point>();
    for (const n of graph.nodes) {
      const ele = cy.getElementById(n.id);
      if (ele.nonempty()) {
        const node = ele as unknown as NodeSingular;
        if ((node.data('parent') ?? undefined) !== n.parent || node.isParent()) continue;
        const p = node.position();
        known.set(n.id, { x: p.x, y: p.y });
      } else {
        const was = placedAt.get(n.id);
        if (was && was.parent === n.parent) known.set(n.id, was.p);
      }
    }
    return known;
  };

  /** Remembers where every leaf is now (drawn or still queued) before the nodes change. */
  const remember = (graph: GraphStructure | null): void => {
    const ns = new Map<string, string | undefined>();
    for (const n of graph?.nodes ?? []) ns.set(n.id, n.namespace);
    const note = (id: string, p: Point): void => {
      const namespace = ns.get(id);
      remembered.delete(id);
      remembered.set(id, namespace !== undefined ? { x: p.x, y: p.y, namespace } : { x: p.x, y: p.y });
    };
    for (const [id, was] of placedAt) if (cy.getElementById(id).empty()) note(id, was.p);
    cy.nodes().forEach((n) => {
      if (!n.isParent()) note(n.id(), n.position());
    });
    for (const id of remembered.keys()) {
      if (remembered.size <= REMEMBER) break;
      remembered.delete(id);
    }
  };

  /**
   * Draws a graph whose nodes changed but some of which are drawn already: those keep their
   * positions, the removed ones go, the new ones are placed around them. The viewport stays
   * (unless it is still the automatic fit and the drawing outgrew it).
   */
  const replace = (model: GraphModel, defs: ElementDefinition[], known: Map<string, Point>): void => {
    const positions = placeNodes(model.graph.nodes, model.graph.edges, known, remembered);
    const wanted = new Map<string, string | undefined>();
    for (const n of model.graph.nodes) wanted.set(n.id, n.parent);
    const wantedIds = new Set(defs.map((d) => String(d.data.id)));
    const fresh: ElementDefinition[] = [];
    cy.batch(() => {
      cy.edges()
        .filter((e) => !wantedIds.has(e.id()))
        .remove();
      // Nodes gone, or now under another parent (they are added again there).
      const stale = cy.nodes().filter((n) => {
        if (!wanted.has(n.id())) return true;
        return (n.data('parent') ?? undefined) !== wanted.get(n.id());
      });
      stale.remove();
      for (const d of defs) {
        const ele = cy.getElementById(String(d.data.id));
        if (ele.empty()) {
          if (d.group === 'nodes') {
            const p = positions.get(String(d.data.id));
            if (p) d.position = { x: p.x, y: p.y };
          }
          fresh.push(d);
        } else if (ele.data('sig') !== d.data.sig) ele.data(d.data);
      }
      syncClasses(defs);
    });
    if (fresh.length > 0) enqueue(fresh);
    notePositions(model.graph.nodes, positions);
    if (cursorId && cy.getElementById(cursorId).empty() && !fresh.some((d) => d.data.id === cursorId))
      cursorId = null;
    layoutBox = boxOf(model.graph.nodes, positions);
    // The view stays where it is; only a view the user never touched (still the automatic fit)
    // follows the drawing when new nodes fall outside it, as it follows the window's size.
    const seen = cy.extent();
    const box = layoutBox;
    if (autoFit && box && (box.x1 < seen.x1 || box.y1 < seen.y1 || box.x2 > seen.x2 || box.y2 > seen.y2))
      fitBox(box);
  };

  const patch = (defs: ElementDefinition[]): void => {
    const wanted = new Set(defs.map((d) => String(d.data.id)));
    const fresh: ElementDefinition[] = [];
    cy.batch(() => {
      cy.edges()
        .filter((e) => !wanted.has(e.id()))
        .remove();
      for (const d of defs) {
        const ele = cy.getElementById(String(d.data.id));
        if (ele.empty()) fresh.push(d);
        else if (ele.data('sig') !== d.data.sig) ele.data(d.data);
      }
      syncClasses(defs);
    });
    if (fresh.length > 0) enqueue(fresh);
  };

  return {
    update(model) {
      if (destroyed) return;
      const start = performance.now();
      const previous = current;
      current = model;
      // Elements still queued were computed for the previous model: recompute and add what is missing.
      const unfinished = dropQueue();
      const defs = cyElements(model.graph, model.focus, model.marks);
      const nowLarge = model.graph.nodes.length > LARGE_NODES || model.graph.edges.length > LARGE_EDGES;
      if (model.theme !== theme || nowLarge !== large || !previous) {
        theme = model.theme;
        large = nowLarge;
        applyStyle();
      }
      if (!previous || previous.graph !== model.graph || unfinished) {
        if (!previous || previous.graph !== model.graph) graphs++;
        if (previous && sameNodes(model.graph)) patch(defs);
        else {
          // Another level (pods or namespaces) is a new drawing: its nodes are nearly all new.
          const sameLevel = previous !== null && previous.graph.level === model.graph.level;
          const known = sameLevel ? survivors(model.graph) : new Map<string, Point>();
          if (previous && known.size > 0) {
            placements++;
            remember(previous.graph);
            replace(model, defs, known);
          } else {
            layouts++;
            if (previous) remember(previous.graph);
            rebuild(model, defs);
          }
        }
      } else if (previous.marks !== model.marks) {
        patch(defs);
      } else if (previous.focus !== model.focus) {
        cy.batch(() => syncClasses(defs));
      }
      if (edgeCursorId && cy.getElementById(edgeCursorId).empty()) edgeCursorId = null;
      performance.measure('graph-update', { start });
    },
    destroy() {
      destroyed = true;
      dropQueue();
      resize.disconnect();
      cy.destroy();
      container.replaceChildren();
    },
    fit,
    relayout() {
      if (destroyed || !current) return;
      dropQueue();
      layouts++;
      rebuild(current, cyElements(current.graph, current.focus, current.marks));
    },
    zoomBy(factor) {
      autoFit = false;
      const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
      cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    moveCursor(direction) {
      const leaves = (cy.nodes().toArray() as NodeSingular[]).filter((n) => !n.isParent());
      if (leaves.length === 0) return null;
      const from = cursorId ? cy.getElementById(cursorId) : null;
      let next: NodeSingular | null = null;
      if (!from || from.empty()) {
        // Start at the top-left node, in reading order.
        let best = Infinity;
        for (const n of leaves) {
          const cost = n.position().y * 10 + n.position().x;
          if (cost < best) {
            best = cost;
            next = n;
          }
        }
      } else {
        const p = from.position();
        const [dx, dy] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[direction] as [
          number,
          number,
        ];
        let best = Infinity;
        for (const n of leaves) {
          if (n.id() === from.id()) continue;
          const q = n.position();
          const along = (q.x - p.x) * dx + (q.y - p.y) * dy;
          if (along <= 1) continue;
          const across = Math.abs((q.x - p.x) * dy - (q.y - p.y) * dx);
          const cost = along + 2.5 * across;
          if (cost < best) {
            best = cost;
            next = n;
          }
        }
      }
      if (!next) return cursorId;
      const node: NodeSingular = next;
      if (cursorId) cy.getElementById(cursorId).removeClass('cursor');
      setEdgeCursor(null);
      cursorId = node.id();
      node.addClass('cursor');
      const rp = node.renderedPosition();
      if (rp.x < 20 || rp.y < 20 || rp.x > cy.width() - 20 || rp.y > cy.height() - 20) {
        cy.animate({ center: { eles: node }, duration: 150 });
      }
      return cursorId;
    },
    cursor: () => cursorId,
    selectCursor() {
      if (!cursorId) return;
      const n = cy.getElementById(cursorId);
      if (n.nonempty())
        handlers.onSelectNode({ kind: String(n.data('kind')), rep: String(n.data('rep')), id: n.id() });
    },
    toggleCursor() {
      if (!cursorId) return;
      const key = cy.getElementById(cursorId).data('expandKey') as string | undefined;
      if (key) handlers.onToggle(key);
    },
    pickCursor() {
      const n = cursorId ? cy.getElementById(cursorId) : null;
      if (n && n.nonempty() && n.isNode()) handlers.onPick(nodeRef(n as unknown as NodeSingular));
    },
    cycleEdge(step) {
      const n = cursorId ? cy.getElementById(cursorId) : null;
      if (!n || n.empty() || !n.isNode()) return null;
      const id = n.id();
      // Its own edges, or (a box) its members' edges: outgoing first, each by the other end.
      const node = n as unknown as NodeSingular;
      const members = node.isParent() ? node.descendants().union(node) : node;
      const edges = (members.connectedEdges().toArray() as cytoscape.EdgeSingular[]).sort((a, b) => {
        const ao = members.has(a.source()) ? 0 : 1;
        const bo = members.has(b.source()) ? 0 : 1;
        const ak = ao === 0 ? a.target().id() : a.source().id();
        const bk = bo === 0 ? b.target().id() : b.source().id();
        return ao - bo || (ak < bk ? -1 : ak > bk ? 1 : a.id() < b.id() ? -1 : 1);
      });
      if (edges.length === 0 || id !== cursorId) return null;
      const at = edgeCursorId ? edges.findIndex((e) => e.id() === edgeCursorId) : -1;
      const index = at < 0 ? (step > 0 ? 0 : edges.length - 1) : (at + step + edges.length) % edges.length;
      const edge = edges[index]!;
      setEdgeCursor(edge.id());
      return { id: edge.id(), index, total: edges.length, title: String(edge.data('title') ?? '') };
    },
    selectEdgeCursor() {
      const e = edgeCursorId ? cy.getElementById(edgeCursorId) : null;
      if (!e || e.empty()) return false;
      handlers.onSelectEdge(String(e.data('from')), String(e.data('to')));
      return true;
    },
    png() {
      const bb = cy.elements().boundingBox();
      const scale = Math.min(2, 8000 / Math.max(1, bb.w), 8000 / Math.max(1, bb.h));
      return cy.png({ output: 'blob-promise', full: true, scale, bg: PALETTES[theme].background });
    },
    svg: () => graphToSvg(cy, PALETTES[theme].background),
    clientPoint(id) {
      const ele = cy.getElementById(id);
      if (ele.empty()) return null;
      const rp = ele.isEdge() ? ele.renderedMidpoint() : (ele as unknown as NodeSingular).renderedPosition();
      const box = host.getBoundingClientRect();
      return { x: box.left + rp.x, y: box.top + rp.y };
    },
    ids: () => ({ nodes: cy.nodes().map((n) => n.id()), edges: cy.edges().map((e) => e.id()) }),
    pending: () => queue.length,
    classes: (id) => {
      const ele = cy.getElementById(id);
      return ele.empty() ? [] : ele.classes();
    },
    drawn: () => ({ graphs, layouts, placements }),
    position(id) {
      const ele = cy.getElementById(id);
      if (ele.empty() || !ele.isNode()) return null;
      const p = (ele as unknown as NodeSingular).position();
      return { x: p.x, y: p.y };
    },
    viewport: () => ({ zoom: cy.zoom(), pan: { ...cy.pan() } }),
  };
}
