/** The graph's legend: the same shapes and colours the canvas draws (see style.ts). */
import { useState } from 'react';
import { PALETTES, type ThemeName } from './style';

const S = 18;

function Shape({
  kind,
  fill,
  stroke,
  dashed,
}: {
  kind: string;
  fill: string;
  stroke: string;
  dashed?: boolean;
}) {
  const common = {
    fill,
    stroke,
    strokeWidth: 1.6,
    strokeLinejoin: 'round' as const,
    ...(dashed ? { strokeDasharray: '3 2' } : {}),
  };
  switch (kind) {
    case 'octagon': {
      const pts = Array.from({ length: 8 }, (_, i) => {
        const a = Math.PI / 8 + (i * Math.PI) / 4;
        return `${9 + 7.6 * Math.cos(a)},${9 + 7.6 * Math.sin(a)}`;
      }).join(' ');
      return <polygon points={pts} {...common} />;
    }
    case 'triangle':
      return <polygon points="9,2 16.5,16 1.5,16" {...common} />;
    case 'diamond':
      return <polygon points="9,1.5 16.5,9 9,16.5 1.5,9" {...common} />;
    case 'circle':
      return <circle cx={9} cy={9} r={7} {...common} />;
    case 'cut':
      return <polygon points="5,3 13,3 16.5,6.5 16.5,11.5 13,15 5,15 1.5,11.5 1.5,6.5" {...common} />;
    default:
      return <rect x={2} y={2} width={14} height={14} rx={3} {...common} />;
  }
}

function Icon(props: { kind: string; fill: string; stroke: string; dashed?: boolean; double?: boolean }) {
  return (
    <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <Shape {...props} />
      {props.double && (
        <rect x={5} y={5} width={8} height={8} rx={2} fill="none" stroke={props.stroke} strokeWidth={1.2} />
      )}
    </svg>
  );
}

function Line({ colour, width, dashed }: { colour: string; width: number; dashed?: boolean }) {
  return (
    <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path
        d="M1,9 H12"
        stroke={colour}
        strokeWidth={width}
        {...(dashed ? { strokeDasharray: '3 2' } : {})}
      />
      <polygon points="17,9 11,5.5 11,12.5" fill={colour} />
    </svg>
  );
}

/**
 * The legend; `draft` adds the colours of a draft's impact, `picked` the mark of picked pods.
 */
export function GraphLegend({
  theme,
  draft = false,
  picked = false,
}: {
  theme: ThemeName;
  draft?: boolean;
  picked?: boolean;
}) {
  const p = PALETTES[theme];
  const iso = p.iso;
  // Open on a wide screen; on a phone it would take the graph's place, so it starts closed.
  const [open] = useState(() => !window.matchMedia('(max-width: 700px)').matches);
  return (
    <details className="graph__legend" open={open}>
      <summary>Legend</summary>
      <ul>
        <li>
          <Icon kind="octagon" fill={iso.both.fill} stroke={iso.both.border} />
          Isolated both ways
        </li>
        <li>
          <Icon kind="triangle" fill={iso.ingress.fill} stroke={iso.ingress.border} />
          Ingress isolated only
        </li>
        <li>
          <Icon kind="diamond" fill={iso.egress.fill} stroke={iso.egress.border} />
          Egress isolated only
        </li>
        <li>
          <Icon kind="circle" fill={iso.none.fill} stroke={iso.none.border} dashed />
          Not isolated (no policy)
        </li>
        <li>
          <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
            <rect
              x={1.5}
              y={1.5}
              width={15}
              height={15}
              rx={3}
              fill={p.box}
              stroke={p.muted}
              strokeWidth={1.2}
            />
            <path d="M9,9 L9,2.5 A6.5,6.5 0 0 1 15.2,11 Z" fill={iso.both.fill} />
            <path d="M9,9 L15.2,11 A6.5,6.5 0 0 1 4,13.2 Z" fill={iso.ingress.fill} />
            <path d="M9,9 L4,13.2 A6.5,6.5 0 0 1 9,2.5 Z" fill={iso.none.border} />
          </svg>
          Namespace or mixed group (share of each)
        </li>
        <li>
          <Icon kind="rect" fill={iso.both.fill} stroke={iso.both.border} double />
          Replicas of one workload (×count)
        </li>
        <li>
          <Icon kind="cut" fill={p.range.fill} stroke={p.range.border} />
          Addresses outside the cluster
        </li>
        <li>
          <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
            <path d="M1,9 H13" stroke={p.edge} strokeWidth={1.6} />
            <polygon points="17,9 12,6 12,12" fill={p.edge} />
          </svg>
          Allowed; a policy restricts it
        </li>
        <li>
          <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
            <path d="M1,9 H13" stroke={p.edgeOpen} strokeWidth={1.6} strokeDasharray="3 2" />
            <polygon points="17,9 12,6 12,12" fill={p.edgeOpen} />
          </svg>
          Allowed; no policy restricts it
        </li>
        {draft && (
          <>
            <li className="graph__legend-draft">
              <Line colour={p.added} width={3.2} />
              Allowed with the draft, not before
            </li>
            <li className="graph__legend-draft">
              <Line colour={p.changed} width={2.6} />
              Changed by the draft (+gained/−lost)
            </li>
            <li className="graph__legend-draft">
              <Line colour={p.removed} width={2} dashed />
              Allowed before, not with the draft
            </li>
          </>
        )}
        {picked && (
          <li>
            <svg width={S} height={S} viewBox="0 0 18 18" aria-hidden="true" focusable="false">
              <circle cx={9} cy={9} r={5} fill={p.box} stroke={p.pick} strokeWidth={2} />
              <circle cx={9} cy={9} r={7.8} fill="none" stroke={p.pick} strokeWidth={1.4} />
            </svg>
            Picked for a selector
          </li>
        )}
      </ul>
    </details>
  );
}
