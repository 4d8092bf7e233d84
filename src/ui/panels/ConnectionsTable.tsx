import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PROTOCOLS } from '../../model';
import { useStudio } from '../../state/store';
import { selectConnectionCount } from '../../state/selectors';
import { Pager } from '../components/Pager';
import { SortHeader } from '../components/SortHeader';
import { rangesText } from '../components/ports-text';
import { connectionView, type Sort, type SortKey } from './connections';
import { hasAnyFilter } from './filters';
import { useReachIndex, useSharedAnalysis } from './hooks';
import type { ReportFormat, ReportRequest, ReportResponse } from './report-protocol';
import { saveBlob } from '../components/save-file';
import './panels.css';

const PAGE_SIZES = [50, 100, 250, 500] as const;

const fmt = (n: number): string => n.toLocaleString('en');

interface Job {
  readonly format: ReportFormat;
  readonly done: number;
  readonly total: number;
}

/**
 * Writes the full report in a worker (millions of pairs must not freeze the page), then saves it.
 * Returns the running job, a start and a cancel function.
 */
function useReportDownload(): {
  job: Job | null;
  error: string | null;
  start: (format: ReportFormat) => void;
  cancel: () => void;
} {
  const result = useStudio((s) => s.result);
  const worker = useRef<Worker | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
    setJob(null);
  };
  useEffect(() => () => worker.current?.terminate(), []);
  const start = (format: ReportFormat) => {
    if (!result || worker.current) return;
    setError(null);
    setJob({ format, done: 0, total: 0 });
    const w = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<ReportResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') setJob({ format, done: msg.done, total: msg.total });
      else {
        if (msg.type === 'done')
          saveBlob(msg.blob, format === 'json' ? 'netpol-report.json' : 'netpol-report.csv');
        else setError(msg.message);
        stop();
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      setError(`The report could not be written: ${event.message || 'the worker failed'}`);
      stop();
    };
    const request: ReportRequest = {
      format,
      snapshot: result.snapshot,
      options: result.options,
      data: result.data,
    };
    w.postMessage(request);
  };
  return { job, error, start, cancel: stop };
}

/**
 * The allowed pairs that pass the filters, sortable by either end or a protocol's ports, a page
 * at a time; a row opens the why panel. The downloads hold the whole report (every pair, filters
 * aside) in the command line's formats.
 */
export function ConnectionsTable() {
  const ix = useReachIndex();
  const analysis = useSharedAnalysis();
  const filters = useStudio((s) => s.filters);
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const [sort, setSort] = useState<Sort>({ key: 'from', dir: 'asc' });
  const [pageSize, setPageSize] = useState<number>(100);
  const [page, setPage] = useState(0);
  const [focusRow, setFocusRow] = useState(0);
  const report = useReportDownload();
  const busy = report.job?.format ?? null;
  const body = useRef<HTMLTableSectionElement>(null);

  const view = useMemo(() => (ix ? connectionView(ix, filters, sort) : null), [ix, filters, sort]);
  const allPairs = useStudio(selectConnectionCount);
  // A new view (filters, sort, analysis) starts on its first page.
  const [shownView, setShownView] = useState(view);
  if (shownView !== view) {
    setShownView(view);
    setPage(0);
    setFocusRow(0);
  }
  const pageCount = view ? Math.max(1, Math.ceil(view.total / pageSize)) : 1;
  const current = Math.min(page, pageCount - 1);
  const rows = useMemo(
    () => (view ? view.page(current * pageSize, pageSize) : []),
    [view, current, pageSize],
  );

  if (!ix || !view || !analysis) {
    return <p className="panel__empty">No analysis yet: import manifests or load the demo.</p>;
  }

  const onSort = (key: SortKey) =>
    setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  const focusAt = (i: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, i));
    setFocusRow(clamped);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[clamped]?.focus();
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const row = rows[i];
    if (!row) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select({ kind: 'pair', from: row.from, to: row.to });
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusAt(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(i - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusAt(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusAt(rows.length - 1);
    } else if (e.key === 'PageDown' && current < pageCount - 1) {
      e.preventDefault();
      setPage(current + 1);
    } else if (e.key === 'PageUp' && current > 0) {
      e.preventDefault();
      setPage(current - 1);
    }
  };
  const filtered = hasAnyFilter(filters);
  const first = view.total === 0 ? 0 : current * pageSize + 1;
  const last = current * pageSize + rows.length;

  return (
    <div className="panel panel--fill conn">
      <div className="panel__toolbar">
        <p className="panel__summary" role="status">
          {filtered
            ? `${fmt(view.total)} of ${fmt(allPairs)} connections match the filters`
            : `${fmt(view.total)} allowed connections`}
        </p>
        <span className="panel__spacer" />
        <button
          type="button"
          disabled={busy !== null}
          title="The whole report (every allowed pair, whatever the filters) in the CLI's JSON format"
          onClick={() => report.start('json')}
        >
          {busy === 'json' ? 'Preparing…' : 'Download JSON'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          title="The whole report as CSV: from,to,tcp,udp,sctp"
          onClick={() => report.start('csv')}
        >
          {busy === 'csv' ? 'Preparing…' : 'Download CSV'}
        </button>
      </div>
      {report.job && (
        <div className="panel__toolbar" role="status">
          <span>
            Writing the {report.job.format.toUpperCase()} report
            {report.job.total > 0
              ? `: ${fmt(report.job.done)} of ${fmt(report.job.total)} connections (${Math.floor(
                  (100 * report.job.done) / report.job.total,
                )}%)`
              : '…'}
          </span>
          <button type="button" onClick={report.cancel}>
            Cancel download
          </button>
        </div>
      )}
      {report.error && (
        <p className="form-error" role="alert">
          {report.error}
        </p>
      )}
      {view.sortNote && <p className="panel__note">{view.sortNote}</p>}
      {view.total === 0 ? (
        <p className="panel__empty">
          {filtered ? 'No allowed connection matches the filters.' : 'No connection is allowed.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Allowed connections" aria-rowcount={view.total + 1}>
            <thead>
              <tr aria-rowindex={1}>
                <SortHeader
                  active={view.sort.key === 'from'}
                  dir={view.sort.dir}
                  onSort={() => onSort('from')}
                >
                  From
                </SortHeader>
                <SortHeader active={view.sort.key === 'to'} dir={view.sort.dir} onSort={() => onSort('to')}>
                  To
                </SortHeader>
                {PROTOCOLS.map((p) => (
                  <SortHeader
                    key={p}
                    active={view.sort.key === p}
                    dir={view.sort.dir}
                    onSort={() => onSort(p)}
                  >
                    {p}
                  </SortHeader>
                ))}
              </tr>
            </thead>
            <tbody ref={body}>
              {rows.map((r, i) => {
                const selected =
                  selection?.kind === 'pair' && selection.from === r.from && selection.to === r.to;
                return (
                  <tr
                    key={`${r.from}\u0000${r.to}`}
                    aria-rowindex={current * pageSize + i + 2}
                    aria-selected={selected}
                    tabIndex={i === Math.min(focusRow, rows.length - 1) ? 0 : -1}
                    title={`Why can ${r.from} reach ${r.to}?`}
                    onClick={() => {
                      setFocusRow(i);
                      select({ kind: 'pair', from: r.from, to: r.to });
                    }}
                    onKeyDown={(e) => onRowKey(e, i)}
                  >
                    <td className="cell--id">{r.from}</td>
                    <td className="cell--id">{r.to}</td>
                    {PROTOCOLS.map((p) => (
                      <td key={p} className="cell--ports" data-label={p}>
                        {rangesText(r.ports[p]) || <span className="muted">–</span>}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="conn__footer">
        {view.total > 0 && (
          <span className="muted">
            Rows {fmt(first)}–{fmt(last)} of {fmt(view.total)}
          </span>
        )}
        <Pager label="connections" page={current} pageCount={pageCount} onPage={setPage} />
        <label className="filterbar__field">
          Rows per page
          <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
