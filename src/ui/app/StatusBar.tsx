import { useMemo, useState } from 'react';
import { selectConnectionCount, useAnalysis } from '../../state/selectors';
import { useStudio, type AnalysisStatus } from '../../state/store';
import './status-bar.css';

const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (t: number): string =>
  t < 10 ? `${t.toFixed(1)} ms` : t < 1000 ? `${Math.round(t)} ms` : `${(t / 1000).toFixed(2)} s`;

function stepText(status: Extract<AnalysisStatus, { phase: 'running' }>): string {
  if (status.step === 'parse') {
    const of = status.total === 1 ? '1 source' : `${fmt(status.total)} sources`;
    return status.done > 0 && status.done < status.total
      ? `Parsing ${fmt(status.done)} of ${of}…`
      : `Parsing ${of}…`;
  }
  return status.total > 1 && status.done > 0
    ? `Evaluating policies (${Math.round((100 * status.done) / status.total)}%)…`
    : 'Evaluating policies…';
}

/**
 * The status bar: what the last analysis found (pods, workloads, namespaces, policies,
 * connections, classes) and how long it took; while an analysis runs, its step and a Cancel
 * button (the previous result stays on screen); errors.
 */
export function StatusBar() {
  const status = useStudio((s) => s.status);
  const result = useStudio((s) => s.result);
  const cancel = useStudio((s) => s.cancelAnalysis);
  const reanalyze = useStudio((s) => s.reanalyze);
  const analysis = useAnalysis();

  const counts = useMemo(() => {
    if (!result || !analysis) return null;
    let pods = 0;
    for (const e of result.snapshot.endpoints) if (e.kind === 'Pod') pods++;
    return {
      pods,
      workloads: result.snapshot.endpoints.length - pods,
      namespaces: result.snapshot.namespaces.length,
      policies: result.snapshot.policies.length,
      classes: analysis.stats.classes,
    };
  }, [result, analysis]);
  const connections = useStudio(selectConnectionCount);

  const running = status.phase === 'running' ? status : null;
  // Phones show one line; the person opens the rest (status-bar.css).
  const [more, setMore] = useState(false);

  return (
    <footer className="statusbar" aria-label="Status" data-more={more}>
      <div className="statusbar__phase">
        {running ? (
          <>
            <progress
              className="statusbar__progress"
              aria-label="Analysis progress"
              aria-valuetext={stepText(running)}
              {...(running.total > 1 && running.done > 0 ? { max: running.total, value: running.done } : {})}
            />
            <span role="status">{stepText(running)}</span>
            <button type="button" className="statusbar__cancel" onClick={cancel}>
              Cancel
            </button>
          </>
        ) : status.phase === 'cancelled' ? (
          <>
            <span role="status" className="statusbar__note">
              Analysis cancelled{result ? ': showing the previous result' : ''}.
            </span>
            <button type="button" className="statusbar__cancel" onClick={reanalyze}>
              Analyse again
            </button>
          </>
        ) : status.phase === 'error' ? (
          <>
            <span role="alert" className="statusbar__error">
              Analysis failed: {status.message}
            </span>
            <button type="button" className="statusbar__cancel" onClick={reanalyze}>
              Try again
            </button>
          </>
        ) : status.phase === 'ready' ? (
          <span role="status" className="statusbar__note">
            Ready
          </span>
        ) : (
          <span className="statusbar__note">No analysis yet</span>
        )}
      </div>
      {counts && (
        <dl className="statusbar__counts" aria-label="Counts">
          <Count label="pods" value={counts.pods} />
          {counts.workloads > 0 && <Count label="workloads" value={counts.workloads} />}
          <Count label="namespaces" value={counts.namespaces} />
          <Count label="policies" value={counts.policies} />
          <Count label="connections" value={connections} />
          <Count
            label="classes"
            value={counts.classes}
            title="Groups of endpoints no policy can tell apart"
          />
        </dl>
      )}
      {result && (
        <span className="statusbar__timings" title="Time spent in the analysis worker">
          parse {ms(result.timings.parseMs)} · evaluate {ms(result.timings.evaluateMs)}
        </span>
      )}
      {counts && (
        <button
          type="button"
          className="statusbar__more"
          aria-expanded={more}
          title="All counts and timings"
          onClick={() => setMore(!more)}
        >
          Counts
        </button>
      )}
    </footer>
  );
}

function Count({
  label,
  value,
  title,
}: {
  readonly label: string;
  readonly value: number;
  readonly title?: string;
}) {
  return (
    <div className="statusbar__count" title={title}>
      <dt>{label}</dt>
      <dd>{fmt(value)}</dd>
    </div>
  );
}
