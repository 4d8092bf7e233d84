import { useMemo, useState } from 'react';
import type { Diagnostic } from '../../model';
import { useStudio } from '../../state/store';
import {
  countSeverities,
  describeCounts,
  describeIgnored,
  describeLocation,
  groupDiagnostics,
  listedDiagnostics,
} from './diagnostics';
import './import.css';

/** How many problems of one file show before a "Show all" button (a broken 50 MB file has many). */
const FIRST_SHOWN = 100;

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** The number of problems, for the Problems heading: `(3)`. Nothing when there are none. */
export function ProblemCount() {
  const all = useStudio((s) => s.result?.diagnostics ?? NO_DIAGNOSTICS);
  const n = useMemo(() => listedDiagnostics(all).length, [all]);
  if (n === 0) return null;
  return <span className="problems__count">({n.toLocaleString('en-US')})</span>;
}

/**
 * Problems found in the input, grouped by source file, with severity, code, message and where;
 * activating one opens the source at its line. Kinds the importer ignored are listed as a note.
 */
export function DiagnosticsPanel() {
  const all = useStudio((s) => s.result?.diagnostics ?? NO_DIAGNOSTICS);
  const diagnostics = useMemo(() => listedDiagnostics(all), [all]);
  const ignored = useStudio((s) => s.result?.ignored);
  const hasResult = useStudio((s) => s.result !== null);
  const sources = useStudio((s) => s.sources);
  const openSource = useStudio((s) => s.openSource);
  const names = useMemo(() => sources.map((s) => s.name), [sources]);
  const groups = useMemo(() => groupDiagnostics(diagnostics, names), [diagnostics, names]);
  const counts = useMemo(() => countSeverities(diagnostics), [diagnostics]);
  const known = useMemo(() => new Set(names), [names]);
  const ignoredText = ignored ? describeIgnored(ignored) : '';

  if (!hasResult) return <p className="placeholder">No analysis yet.</p>;

  return (
    <div className="problems">
      <p className="problems__summary">
        {diagnostics.length === 0 ? 'No problems in the input.' : `${describeCounts(counts)}.`}
      </p>
      {groups.map((group) => (
        <ProblemGroup
          key={group.file ?? ''}
          file={group.file}
          items={group.items}
          openable={group.file !== null && known.has(group.file)}
          onOpen={(d) => {
            if (d.file === undefined) return;
            openSource({ sourceName: d.file, ...(d.line !== undefined ? { line: d.line } : {}) });
          }}
        />
      ))}
      {ignoredText && (
        <p className="problems__ignored">
          <span className="severity severity--info">info</span> Ignored kinds (they do not change what
          NetworkPolicy allows): {ignoredText}.
        </p>
      )}
    </div>
  );
}

interface ProblemGroupProps {
  readonly file: string | null;
  readonly items: readonly Diagnostic[];
  readonly openable: boolean;
  readonly onOpen: (d: Diagnostic) => void;
}

function ProblemGroup({ file, items, openable, onOpen }: ProblemGroupProps) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? items : items.slice(0, FIRST_SHOWN);
  const title = file ?? 'Other problems';
  return (
    <section className="problems__group" aria-label={`Problems in ${title}`}>
      <h3 className="problems__file" title={title}>
        {title} <span className="problems__muted">({items.length.toLocaleString('en-US')})</span>
      </h3>
      <ul className="problems__list">
        {shown.map((d, i) => {
          const where = describeLocation(d);
          const body = (
            <>
              <span className={`severity severity--${d.severity}`}>{d.severity}</span>
              <span className="problems__code">{d.code}</span>
              <span className="problems__message">
                {d.object ? `${d.object}: ` : ''}
                {d.path ? `${d.path}: ` : ''}
                {d.message}
              </span>
              {where && <span className="problems__where">{where}</span>}
            </>
          );
          return (
            <li key={i}>
              {openable ? (
                <button
                  type="button"
                  className="problems__item"
                  onClick={() => onOpen(d)}
                  title={d.line !== undefined ? `Open ${file} at line ${d.line}` : `Open ${file}`}
                >
                  {body}
                </button>
              ) : (
                <div className="problems__item">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
      {items.length > shown.length && (
        <button type="button" className="problems__more" onClick={() => setShowAll(true)}>
          Show all {items.length.toLocaleString('en-US')} problems in {title}
        </button>
      )}
    </section>
  );
}
