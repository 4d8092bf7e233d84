import './components.css';
import type { Labels } from '../../model';

/** Labels as `key=value` chips, rendered as text (hostile values stay inert). */
export function LabelChips({ labels, empty = 'no labels' }: { labels: Labels; empty?: string }) {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="chips" aria-label="Labels">
      {entries.map(([k, v]) => (
        <li key={k} className="chip" title={`${k}=${v}`}>
          <span className="chip__key">{k}</span>=<span className="chip__value">{v}</span>
        </li>
      ))}
    </ul>
  );
}
