/**
 * SVG export of the whole graph, drawn from Cytoscape's computed styles and geometry (public API
 * only): boxes, node shapes, pie charts, edges with their curves and arrows, labels as real
 * <text>. Written here rather than taken from a canvas-to-SVG shim, so the output is small,
 * readable, and escapes every user string.
 */
import type { Core, EdgeSingular, NodeSingular, Position } from 'cytoscape';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (v: number): string => (Math.round(v * 10) / 10).toString();
const px = (v: unknown): number => (typeof v === 'number' ? v : parseFloat(String(v)) || 0);

/** Unit polygon of a regular n-gon, stretched to fill [-1, 1]² as Cytoscape does. */
function ngon(n: number, rotation: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = rotation + (2 * Math.PI * i) / n;
    pts.push([Math.cos(a), Math.sin(a)]);
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return pts.map(([x, y]) => [((x - x0) / (x1 - x0)) * 2 - 1, ((y - y0) / (y1 - y0)) * 2 - 1]);
}

const SHAPES: Record<string, [number, number][]> = {
  triangle: ngon(3, -Math.PI / 2),
  diamond: [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  octagon: ngon(8, Math.PI / 8),
  hexagon: ngon(6, 0),
};

/** The outline of a node's shape as an SVG element (without style attributes). */
export function shapeElement(shape: string, x: number, y: number, w: number, h: number): string {
  const base = shape.replace(/^round-/, '');
  if (base === 'ellipse')
    return `<ellipse cx="${num(x)}" cy="${num(y)}" rx="${num(w / 2)}" ry="${num(h / 2)}"`;
  if (base === 'rectangle' || base === 'roundrectangle' || base === 'cut-rectangle' || !SHAPES[base]) {
    const r = base === 'rectangle' ? 0 : Math.min(8, w / 4, h / 4);
    if (base === 'cut-rectangle') {
      const c = Math.min(8, w / 4, h / 4);
      const [l, t, rr, b] = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
      const pts = [
        [l + c, t],
        [rr - c, t],
        [rr, t + c],
        [rr, b - c],
        [rr - c, b],
        [l + c, b],
        [l, b - c],
        [l, t + c],
      ];
      return `<polygon points="${pts.map(([a, b2]) => `${num(a!)},${num(b2!)}`).join(' ')}"`;
    }
    return `<rect x="${num(x - w / 2)}" y="${num(y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${num(r)}"`;
  }
  const pts = SHAPES[base]!.map(([u, v]) => `${num(x + (u * w) / 2)},${num(y + (v * h) / 2)}`);
  return `<polygon points="${pts.join(' ')}" stroke-linejoin="round"`;
}

function dash(style: string, width: number): string {
  if (style === 'dashed') return ` stroke-dasharray="${num(width * 2.5)} ${num(width * 1.6)}"`;
  if (style === 'dotted') return ` stroke-dasharray="${num(width)} ${num(width)}"`;
  return '';
}

/** Breaks a label at spaces into lines of about `maxWidth` pixels (Cytoscape's text-wrap: wrap). */
export function wrapLabel(label: string, size: number, maxWidth: number): string[] {
  const maxChars = Math.max(4, Math.floor(maxWidth / (size * 0.6)));
  const out: string[] = [];
  for (const paragraph of label.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > maxChars) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out;
}

function textLines(
  label: string,
  x: number,
  y: number,
  size: number,
  color: string,
  halo: string,
  weight: string,
  maxWidth = Infinity,
): string {
  if (label === '') return '';
  const lines = wrapLabel(label, size, maxWidth);
  const spans = lines
    .map((line, i) => `<tspan x="${num(x)}" dy="${i === 0 ? 0 : num(size * 1.2)}">${escapeXml(line)}</tspan>`)
    .join('');
  return (
    `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}" font-weight="${escapeXml(weight)}" text-anchor="middle" ` +
    `fill="${escapeXml(color)}" stroke="${escapeXml(halo)}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${spans}</text>`
  );
}

function pieSlices(node: NodeSingular, x: number, y: number, w: number, h: number): string {
  const r = (Math.min(w, h) / 2) * 0.86;
  let angle = -Math.PI / 2;
  let out = '';
  for (let i = 1; i <= 4; i++) {
    const pct = px(node.data(`p${i}`));
    if (pct <= 0) continue;
    const color = String(node.style(`pie-${i}-background-color`));
    if (pct >= 99.95) {
      out += `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${escapeXml(color)}"/>`;
      break;
    }
    const end = angle + (2 * Math.PI * pct) / 100;
    const large = end - angle > Math.PI ? 1 : 0;
    const [x1, y1, x2, y2] = [
      x + r * Math.cos(angle),
      y + r * Math.sin(angle),
      x + r * Math.cos(end),
      y + r * Math.sin(end),
    ];
    out += `<path d="M${num(x)},${num(y)} L${num(x1)},${num(y1)} A${num(r)},${num(r)} 0 ${large} 1 ${num(x2)},${num(y2)} Z" fill="${escapeXml(color)}"/>`;
    angle = end;
  }
  return out;
}

function nodeSvg(node: NodeSingular, halo: string): string {
  const opacity = node.effectiveOpacity();
  const bb = node.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false });
  const color = String(node.style('color'));
  const size = px(node.style('font-size'));
  const weight = String(node.style('font-weight'));
  const label = String(node.data('label') ?? '');
  const stroke = String(node.style('border-color'));
  const bw = px(node.style('border-width'));
  const fill = String(node.style('background-color'));
  if (node.isParent()) {
    const w = bb.x2 - bb.x1 - bw;
    const h = bb.y2 - bb.y1 - bw;
    return (
      `<g opacity="${num(opacity)}"><rect x="${num(bb.x1 + bw / 2)}" y="${num(bb.y1 + bw / 2)}" width="${num(w)}" height="${num(h)}" rx="8" ` +
      `fill="${escapeXml(fill)}" stroke="${escapeXml(stroke)}" stroke-width="${num(bw)}"${dash(String(node.style('border-style')), bw)}/>` +
      textLines(label, (bb.x1 + bb.x2) / 2, bb.y1 - 6, size, color, halo, weight) +
      '</g>'
    );
  }
  const { x, y } = node.position();
  const w = node.width();
  const h = node.height();
  const shape = String(node.style('shape'));
  const borderStyle = String(node.style('border-style'));
  let body = `${shapeElement(shape, x, y, w, h)} fill="${escapeXml(fill)}" stroke="${escapeXml(stroke)}" stroke-width="${num(bw)}"${dash(borderStyle, bw)}/>`;
  if (borderStyle === 'double') {
    body = `${shapeElement(shape, x, y, w, h)} fill="${escapeXml(fill)}" stroke="${escapeXml(stroke)}" stroke-width="${num(bw / 3)}"/>`;
    body += `${shapeElement(shape, x, y, w - (bw * 4) / 3, h - (bw * 4) / 3)} fill="none" stroke="${escapeXml(stroke)}" stroke-width="${num(bw / 3)}"/>`;
  }
  // Mixed groups and namespace nodes show the share of each isolation state as a pie.
  const pie = node.hasClass('iso-mixed') || node.hasClass('nsagg') ? pieSlices(node, x, y, w, h) : '';
  const ty = y + h / 2 + px(node.style('text-margin-y')) + size;
  const maxWidth = px(node.style('text-max-width')) || Infinity;
  return `<g opacity="${num(opacity)}">${body}${pie}${textLines(label, x, ty, size, color, halo, weight, maxWidth)}</g>`;
}

function edgePath(edge: EdgeSingular): { d: string; tip: Position; from: Position } {
  const s = edge.sourceEndpoint();
  const t = edge.targetEndpoint();
  let cps: Position[] = [];
  const curve = String(edge.style('curve-style'));
  if (curve === 'bezier' || curve === 'unbundled-bezier') cps = edge.controlPoints() ?? [];
  let d = `M${num(s.x)},${num(s.y)}`;
  if (cps.length === 0) d += ` L${num(t.x)},${num(t.y)}`;
  cps.forEach((cp, i) => {
    const next = cps[i + 1];
    const end = next ? { x: (cp.x + next.x) / 2, y: (cp.y + next.y) / 2 } : t;
    d += ` Q${num(cp.x)},${num(cp.y)} ${num(end.x)},${num(end.y)}`;
  });
  return { d, tip: t, from: cps.length > 0 ? cps[cps.length - 1]! : s };
}

function edgeSvg(edge: EdgeSingular, halo: string): string {
  if (edge.source().same(edge.target())) return '';
  const opacity = edge.effectiveOpacity();
  const color = String(edge.style('line-color'));
  const width = px(edge.style('width'));
  const { d, tip, from } = edgePath(edge);
  const angle = Math.atan2(tip.y - from.y, tip.x - from.x);
  const len = 7 + width * 1.6;
  const half = len * 0.55;
  const bx = tip.x - len * Math.cos(angle);
  const by = tip.y - len * Math.sin(angle);
  const arrow = [
    [tip.x, tip.y],
    [bx + half * Math.sin(angle), by - half * Math.cos(angle)],
    [bx - half * Math.sin(angle), by + half * Math.cos(angle)],
  ]
    .map(([a, b]) => `${num(a!)},${num(b!)}`)
    .join(' ');
  const label = String(edge.style('label') ?? '');
  const mid = edge.midpoint();
  return (
    `<g opacity="${num(opacity)}"><path d="${d}" fill="none" stroke="${escapeXml(color)}" stroke-width="${num(width)}"${dash(String(edge.style('line-style')), 2)}/>` +
    `<polygon points="${arrow}" fill="${escapeXml(color)}"/>` +
    (label
      ? textLines(
          label,
          mid.x,
          mid.y + 3,
          px(edge.style('font-size')),
          String(edge.style('color')),
          halo,
          'normal',
        )
      : '') +
    '</g>'
  );
}

/** The whole graph as an SVG document. */
export function graphToSvg(cy: Core, background: string): string {
  const bb = cy.nodes().boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
  const margin = 24;
  const x = bb.x1 - margin;
  const y = bb.y1 - margin;
  const w = Math.max(1, bb.w + 2 * margin);
  const h = Math.max(1, bb.h + 2 * margin);
  const all = cy.nodes().toArray() as NodeSingular[];
  const parents = all.filter((n) => n.isParent()).sort((a, b) => a.ancestors().length - b.ancestors().length);
  const leaves = all.filter((n) => !n.isParent());
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}" width="${Math.ceil(w)}" height="${Math.ceil(h)}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif">`,
    '<title>netpol-studio: reachability graph</title>',
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${escapeXml(background)}"/>`,
    ...parents.map((n) => nodeSvg(n, background)),
    ...cy.edges().map((e) => edgeSvg(e, background)),
    ...leaves.map((n) => nodeSvg(n, background)),
    '</svg>',
  ];
  return parts.join('\n');
}
