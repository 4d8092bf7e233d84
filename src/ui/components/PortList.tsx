import './components.css';
import type { ContainerPort } from '../../model';

/** Container ports: `http 8080/TCP`, one per line. */
export function PortList({ ports }: { ports: readonly ContainerPort[] }) {
  if (ports.length === 0) return <span className="muted">no container ports</span>;
  return (
    <ul className="port-list">
      {ports.map((p, i) => (
        <li key={`${p.protocol}/${p.containerPort}/${p.name ?? ''}/${i}`}>
          {p.name ? <span className="port-list__name">{p.name}</span> : null}
          <span className="port-list__number">
            {p.containerPort}/{p.protocol}
          </span>
        </li>
      ))}
    </ul>
  );
}
