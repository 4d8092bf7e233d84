import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { reportBlob, writeCsvReport, writeJsonReport, type ChunkSink } from '../../io/report';
import { PROTOCOLS } from '../../model';
import { useStudio } from '../../state/store';
import { Pager } from '../components/Pager';
import { SortHeader } from '../components/SortHeader';
import { rangesText } from '../components/ports-text';
import { connectionView, type Sort, type SortKey } from './connections';
import { hasAnyFilter } from './filters';
import { useReachIndex, useSharedAnalysis } from './hooks';
import './panels.css';

const PAGE_SIZES = [50, 100, 250, 500] as const;

/** Saves a Blob under a file name, through a temporary link. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const fmt = (n: number): string => n.toLocaleString('en');

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
  const [busy, setBusy] = useState<null | 'json' | 'csv'>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  const view = useMemo(() => (ix ? connectionView(ix, filters, sort) : null), [ix, filters, sort]);
  const allPairs = useMemo(() => analysis?.countConnections() ?? 0, [analysis]);
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
  const download = (kind: 'json' | 'csv') => {
    setBusy(kind);
    // Let the busy state paint before the (synchronous) report is written.
    setTimeout(() => {
      try {
        const write =
          kind === 'json'
            ? (sink: ChunkSink) => writeJsonReport(analysis, sink)
            : (sink: ChunkSink) => writeCsvReport(analysis, sink);
        const blob = reportBlob(write, kind === 'json' ? 'application/json' : 'text/csv');
        saveBlob(blob, kind === 'json' ? 'netpol-report.json' : 'netpol-report.csv');
      } finally {
        setBusy(null);
      }
    }, 0);
  };
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
          onClick={() => download('json')}
        >
          {busy === 'json' ? 'Preparing…' : 'Download JSON'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          title="The whole report as CSV: from,to,tcp,udp,sctp"
          onClick={() => download('csv')}
        >
          {busy === 'csv' ? 'Preparing…' : 'Download CSV'}
        </button>
      </div>
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
