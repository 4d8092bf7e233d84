import { useLive } from '../../state/live';
import { useNow } from './hooks';
import { clockTime, countsText, groupProblems, statusText } from './live-text';
import './live.css';

/**
 * The header's cluster control: "Connect to cluster…" while disconnected; else the connection's
 * status (connecting, connected with the last update time and counts, reconnecting with the retry
 * countdown, error) and how many resources cannot be read. A click opens the connection dialog.
 */
export function LiveIndicator() {
  const status = useLive((s) => s.status);
  const retryAt = useLive((s) => s.retryAt);
  const lastUpdate = useLive((s) => s.lastUpdate);
  const counts = useLive((s) => s.counts);
  const problems = useLive((s) => s.problems.filter((p) => p.phase !== 'retrying').length);
  const setDialogOpen = useLive((s) => s.setDialogOpen);
  const now = useNow(status === 'reconnecting');

  if (status === 'disconnected')
    return (
      <button
        type="button"
        className="live-connect"
        aria-haspopup="dialog"
        title="Read a cluster’s namespaces, pods and policies through kubectl proxy (read-only)"
        onClick={() => setDialogOpen(true)}
      >
        Connect to cluster…
      </button>
    );

  const counted = countsText(counts);
  return (
    <button
      type="button"
      className={`live-indicator live-indicator--${status}`}
      aria-haspopup="dialog"
      title="The cluster connection: details, disconnect"
      onClick={() => setDialogOpen(true)}
    >
      <span className="live-indicator__dot" aria-hidden="true" />
      <span className="live-indicator__label">Cluster:</span>{' '}
      <span className="live-indicator__status">{statusText(status, retryAt, now)}</span>
      {lastUpdate !== null && status !== 'connecting' && (
        <span className="live-indicator__time"> · updated {clockTime(lastUpdate)}</span>
      )}
      {counted && <span className="live-indicator__counts"> · {counted}</span>}
      {problems > 0 && (
        <span className="live-indicator__problems">
          {' '}
          · ⚠ {problems} {problems === 1 ? 'resource' : 'resources'} unreadable
        </span>
      )}
    </button>
  );
}

/**
 * Resources the cluster would not let the app read, named with the permission they need: the
 * graph lacks them, which matters (a missing policy changes every verdict), so this stays in view.
 */
export function LiveProblems() {
  const status = useLive((s) => s.status);
  const problems = useLive((s) => s.problems);
  const shown = problems.filter((p) => p.phase !== 'retrying');
  if (status === 'disconnected' || shown.length === 0) return null;
  return (
    <div role="alert" className="live-problems" aria-label="Cluster problems">
      <span className="live-problems__title">The graph lacks what the cluster would not show:</span>
      <ul className="live-problems__list">
        {groupProblems(shown).map((p) => (
          <li key={p.message}>
            <strong>{p.resources.join(', ')}</strong>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
