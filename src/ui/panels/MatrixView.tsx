import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Protocol } from '../../model';
import { ProtocolSelect } from '../components/ProtocolSelect';
import { useStudio } from '../../state/store';
import { Pager } from '../components/Pager';
import { useReachIndex } from './hooks';
import { parsePort } from './filters';
import { defaultMatrixPort, matrixAxis, namespaceMatrix, podMatrixPage, portChoices } from './matrix';
import type { ReachIndex } from './reach-index';
import './panels.css';

const PAGE = 50;

type Level = 'namespace' | 'pod';
interface PortQuery {
  readonly port: number;
  readonly protocol: Protocol;
}

const fmt = (n: number): string => n.toLocaleString('en');

/**
 * A truth table for one port and protocol: namespace by namespace (how many pod pairs are
 * allowed), or pod by pod, 50 rows by 50 columns a page. Sources are rows, destinations columns.
 */
export function MatrixView() {
  const ix = useReachIndex();
  const filterPort = useStudio((s) => s.filters.port);
  const filterNamespaces = useStudio((s) => s.filters.namespaces);
  const [level, setLevel] = useState<Level>('namespace');
  const [chosen, setChosen] = useState<PortQuery | null>(null);
  // Pod level narrowed to one namespace pair (a namespace cell was opened).
  const [focus, setFocus] = useState<{ rows: string; columns: string } | null>(null);
  const ids = { level: useId(), port: useId(), protocol: useId(), portList: useId() };
  const [portText, setPortText] = useState<string | null>(null);

  const choices = useMemo(() => (ix ? portChoices(ix.snapshot) : []), [ix]);
  if (!ix) return <p className="panel__empty">No analysis yet: import manifests or load the demo.</p>;
  const query: PortQuery = chosen ?? filterPort ?? defaultMatrixPort(ix.snapshot);
  const text = portText ?? String(query.port);
  const invalid = parsePort(text, query.protocol) === undefined;

  return (
    <div className="panel panel--fill matrix-view">
      <div className="matrix__controls">
        <fieldset>
          <legend>Level</legend>
          {(['namespace', 'pod'] as const).map((l) => (
            <label key={l}>
              <input
                type="radio"
                name={ids.level}
                checked={level === l}
                onChange={() => {
                  setLevel(l);
                  setFocus(null);
                }}
              />
              {l === 'namespace' ? 'Namespaces' : 'Pods'}
            </label>
          ))}
        </fieldset>
        <span className="filterbar__field">
          <label htmlFor={ids.port}>Port</label>
          <input
            id={ids.port}
            className="filterbar__port"
            inputMode="numeric"
            list={ids.portList}
            value={text}
            aria-invalid={invalid}
            onChange={(e) => {
              setPortText(e.target.value);
              const p = parsePort(e.target.value, query.protocol);
              if (p) setChosen(p);
            }}
          />
          <datalist id={ids.portList}>
            {choices.map((c) => (
              <option key={`${c.protocol}/${c.port}`} value={c.port}>
                {`${c.protocol} ${c.port}${c.names.length ? ` (${c.names.join(', ')})` : ''}`}
              </option>
            ))}
          </datalist>
          <ProtocolSelect
            id={ids.protocol}
            value={query.protocol}
            onChange={(protocol) => setChosen({ port: query.port, protocol })}
          />
        </span>
        {choices.length > 0 && (
          <span className="filterbar__field">
            <label htmlFor={`${ids.port}-named`}>Container port</label>
            <select
              id={`${ids.port}-named`}
              value={`${query.protocol}/${query.port}`}
              onChange={(e) => {
                const [protocol, port] = e.target.value.split('/') as [Protocol, string];
                setChosen({ port: Number(port), protocol });
                setPortText(null);
              }}
            >
              {!choices.some((c) => c.port === query.port && c.protocol === query.protocol) && (
                <option value={`${query.protocol}/${query.port}`}>
                  {query.protocol} {query.port}
                </option>
              )}
              {choices.map((c) => (
                <option key={`${c.protocol}/${c.port}`} value={`${c.protocol}/${c.port}`}>
                  {c.protocol} {c.port}
                  {c.names.length ? ` (${c.names.join(', ')})` : ''}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
      {level === 'namespace' ? (
        <NamespaceTable
          ix={ix}
          query={query}
          only={filterNamespaces}
          onOpen={(rows, columns) => {
            setFocus({ rows, columns });
            setLevel('pod');
          }}
        />
      ) : (
        <PodTable
          ix={ix}
          query={query}
          only={filterNamespaces}
          focus={focus}
          onShowAll={() => setFocus(null)}
        />
      )}
    </div>
  );
}

/**
 * Arrow keys, Home and End move between the cells of a matrix (one tab stop for the whole grid):
 * cells carry `data-r`/`data-c`, and the focused one is the grid's tab stop.
 */
function moveInGrid(e: KeyboardEvent<HTMLTableElement>): void {
  const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
  if (!cell) return;
  const r = Number(cell.dataset.r);
  const c = Number(cell.dataset.c);
  const moves: Record<string, [number, number]> = {
    ArrowUp: [r - 1, c],
    ArrowDown: [r + 1, c],
    ArrowLeft: [r, c - 1],
    ArrowRight: [r, c + 1],
    Home: [r, 0],
    End: [r, Number.MAX_SAFE_INTEGER],
  };
  const to = moves[e.key];
  if (!to) return;
  e.preventDefault();
  const all = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-r]'));
  const inRow = (row: number) => all.filter((x) => Number(x.dataset.r) === row);
  const row = inRow(to[0]);
  if (row.length === 0) return;
  const next = row[Math.max(0, Math.min(row.length - 1, to[1]))];
  if (!next) return;
  for (const x of all) x.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

function Legend({ level }: { level: Level }) {
  return (
    <ul className="matrix__legend" aria-label="Legend">
      <li>
        <span aria-hidden="true" className="matrix__cell--all" />
        {level === 'namespace' ? 'every pod pair allowed' : 'allowed'}
      </li>
      {level === 'namespace' && (
        <li>
          <span aria-hidden="true" className="matrix__cell--some" />
          some pod pairs allowed
        </li>
      )}
      <li>
        <span aria-hidden="true" className="matrix__cell--none" />
        {level === 'namespace' ? 'no pod pair allowed' : 'denied'}
      </li>
    </ul>
  );
}

function NamespaceTable({
  ix,
  query,
  only,
  onOpen,
}: {
  ix: ReachIndex;
  query: PortQuery;
  only: readonly string[];
  onOpen: (rows: string, columns: string) => void;
}) {
  const m = useMemo(() => namespaceMatrix(ix, query, only), [ix, query, only]);
  const [rowPage, setRowPage] = useState(0);
  const [colPage, setColPage] = useState(0);
  const pages = Math.max(1, Math.ceil(m.namespaces.length / PAGE));
  const rp = Math.min(rowPage, pages - 1);
  const cp = Math.min(colPage, pages - 1);
  const rows = m.namespaces.slice(rp * PAGE, rp * PAGE + PAGE);
  const cols = m.namespaces.slice(cp * PAGE, cp * PAGE + PAGE);
  const what = `${query.protocol} ${query.port}`;
  if (m.namespaces.length === 0) return <p className="panel__empty">No pods to compare.</p>;
  return (
    <>
      <p className="panel__note">
        Pod pairs allowed on {what}, from the row&apos;s namespace to the column&apos;s. Open a cell to see
        its pods.
      </p>
      <Legend level="namespace" />
      <div className="table-wrap">
        <table
          className="matrix"
          aria-label={`Namespaces reaching namespaces on ${what}`}
          onKeyDown={moveInGrid}
        >
          <thead>
            <tr>
              <th scope="col" className="matrix__corner">
                from ↓ / to →
              </th>
              {cols.map((ns) => (
                <th key={ns} scope="col">
                  {ns}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((from, i) => (
              <tr key={from}>
                <th scope="row" title={from}>
                  {from}
                </th>
                {cols.map((to, j) => {
                  const cell = m.cells[rp * PAGE + i]![cp * PAGE + j]!;
                  const state =
                    cell.total === 0
                      ? 'empty'
                      : cell.allowed === 0
                        ? 'none'
                        : cell.allowed === cell.total
                          ? 'all'
                          : 'some';
                  const label =
                    cell.total === 0
                      ? `${from} to ${to}: no pod pairs`
                      : `${from} to ${to} on ${what}: ${fmt(cell.allowed)} of ${fmt(cell.total)} pod pairs allowed`;
                  return (
                    <td key={to}>
                      <button
                        type="button"
                        className={`matrix__cell matrix__cell--${state}`}
                        aria-label={label}
                        title={label}
                        aria-disabled={cell.total === 0}
                        data-r={i}
                        data-c={j}
                        tabIndex={i === 0 && j === 0 ? 0 : -1}
                        onClick={() => cell.total > 0 && onOpen(from, to)}
                      >
                        {cell.total === 0 ? '–' : `${fmt(cell.allowed)}/${fmt(cell.total)}`}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="matrix__pagers">
        {pages > 1 && (
          <>
            <span>
              Rows <Pager label="source namespaces" page={rp} pageCount={pages} onPage={setRowPage} />
            </span>
            <span>
              Columns <Pager label="destination namespaces" page={cp} pageCount={pages} onPage={setColPage} />
            </span>
          </>
        )}
      </div>
    </>
  );
}

function PodTable({
  ix,
  query,
  only,
  focus,
  onShowAll,
}: {
  ix: ReachIndex;
  query: PortQuery;
  only: readonly string[];
  focus: { rows: string; columns: string } | null;
  onShowAll: () => void;
}) {
  const select = useStudio((s) => s.select);
  const setExplainPort = useStudio((s) => s.setExplainPort);
  const selection = useStudio((s) => s.selection);
  const rowAxis = useMemo(() => matrixAxis(ix, focus ? [focus.rows] : only), [ix, focus, only]);
  const colAxis = useMemo(() => matrixAxis(ix, focus ? [focus.columns] : only), [ix, focus, only]);
  const [rowPage, setRowPage] = useState(0);
  const [colPage, setColPage] = useState(0);
  const rowPages = Math.max(1, Math.ceil(rowAxis.length / PAGE));
  const colPages = Math.max(1, Math.ceil(colAxis.length / PAGE));
  const rp = Math.min(rowPage, rowPages - 1);
  const cp = Math.min(colPage, colPages - 1);
  const rows = useMemo(() => rowAxis.slice(rp * PAGE, rp * PAGE + PAGE), [rowAxis, rp]);
  const cols = useMemo(() => colAxis.slice(cp * PAGE, cp * PAGE + PAGE), [colAxis, cp]);
  const cells = useMemo(() => podMatrixPage(ix, rows, cols, query), [ix, rows, cols, query]);
  const what = `${query.protocol} ${query.port}`;
  if (rowAxis.length === 0) return <p className="panel__empty">No pods to compare.</p>;
  return (
    <>
      <div className="panel__toolbar">
        <p className="panel__note">
          {focus
            ? `Pods of ${focus.rows} (rows) reaching pods of ${focus.columns} (columns)`
            : 'Pods (rows) reaching pods (columns)'}{' '}
          on {what}: {fmt(rowAxis.length)} × {fmt(colAxis.length)}. Open a cell to see why.
        </p>
        {focus && (
          <button type="button" onClick={onShowAll}>
            All pods
          </button>
        )}
      </div>
      <Legend level="pod" />
      <div className="table-wrap">
        <table
          className="matrix matrix--pods"
          aria-label={`Pods reaching pods on ${what}`}
          onKeyDown={moveInGrid}
        >
          <thead>
            <tr>
              <th scope="col" className="matrix__corner">
                from ↓ / to →
              </th>
              {cols.map((node) => (
                <th key={node} scope="col" className="matrix__col" title={ix.ids[node]}>
                  {ix.ids[node]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((from, i) => (
              <tr key={from}>
                <th scope="row" title={ix.ids[from]}>
                  {ix.ids[from]}
                </th>
                {cols.map((to, j) => {
                  const f = ix.ids[from]!;
                  const t = ix.ids[to]!;
                  if (from === to) {
                    return (
                      <td key={to}>
                        <span
                          className="matrix__cell matrix__cell--self"
                          title={`${f} itself`}
                          aria-label={`${f} itself`}
                          data-r={i}
                          data-c={j}
                          tabIndex={i === 0 && j === 0 ? 0 : -1}
                        >
                          ·
                        </span>
                      </td>
                    );
                  }
                  const ok = cells[i]![j]!;
                  const label = `${f} to ${t} on ${what}: ${ok ? 'allowed' : 'denied'}`;
                  const selected = selection?.kind === 'pair' && selection.from === f && selection.to === t;
                  return (
                    <td key={to}>
                      <button
                        type="button"
                        className={`matrix__cell matrix__cell--${ok ? 'all' : 'none'}`}
                        aria-label={label}
                        aria-pressed={selected}
                        title={label}
                        data-r={i}
                        data-c={j}
                        tabIndex={i === 0 && j === 0 ? 0 : -1}
                        onClick={() => {
                          setExplainPort({ port: query.port, protocol: query.protocol });
                          select({ kind: 'pair', from: f, to: t });
                        }}
                      >
                        {ok ? '✓' : '✕'}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="matrix__pagers">
        {rowPages > 1 && (
          <span>
            Rows <Pager label="source pods" page={rp} pageCount={rowPages} onPage={setRowPage} />
          </span>
        )}
        {colPages > 1 && (
          <span>
            Columns <Pager label="destination pods" page={cp} pageCount={colPages} onPage={setColPage} />
          </span>
        )}
      </div>
    </>
  );
}
