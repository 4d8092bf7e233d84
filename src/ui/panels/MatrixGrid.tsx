import { useMemo, useState, type KeyboardEvent } from 'react';
import { Pager } from '../components/Pager';

/** Rows and columns a page. */
export const MATRIX_PAGE = 50;

/** A row or column heading: its text, a tooltip, and whether it stands for addresses outside. */
export interface GridHead {
  readonly key: string;
  readonly text: string;
  readonly title: string;
  readonly outside?: boolean;
}

/**
 * One cell: its look (`all`, `some`, `none`, `open`, `empty`, `self`), its text, its accessible
 * name, and what opening it does (absent: not a pair one can open, shown as a labelled symbol).
 */
export interface GridCell {
  readonly state: 'all' | 'some' | 'none' | 'open' | 'empty' | 'self';
  readonly text: string;
  readonly label: string;
  readonly pressed?: boolean;
  readonly onOpen?: () => void;
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
  const row = all.filter((x) => Number(x.dataset.r) === to[0]);
  const next = row[Math.max(0, Math.min(row.length - 1, to[1]))];
  if (!next) return;
  for (const x of all) x.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

function Cell({ cell, r, c }: { cell: GridCell; r: number; c: number }) {
  const common = {
    className: `matrix__cell matrix__cell--${cell.state}`,
    'aria-label': cell.label,
    title: cell.label,
    'data-r': r,
    'data-c': c,
    tabIndex: r === 0 && c === 0 ? 0 : -1,
  };
  // Not a pair one can ask about (a node and itself, two ranges): a labelled symbol.
  if (!cell.onOpen) {
    return (
      <span role="img" {...common}>
        {cell.text}
      </span>
    );
  }
  return (
    <button
      type="button"
      {...common}
      {...(cell.pressed !== undefined ? { 'aria-pressed': cell.pressed } : {})}
      onClick={cell.onOpen}
    >
      {cell.text}
    </button>
  );
}

/**
 * A truth table, sources as rows and destinations as columns, paged by `MATRIX_PAGE` both ways;
 * `cells` computes the cells of the page shown (indexes into `rows` and `columns`).
 */
export function MatrixGrid({
  label,
  rows,
  columns,
  cells,
  pagerNames,
  narrowColumns = false,
}: {
  readonly label: string;
  readonly rows: readonly GridHead[];
  readonly columns: readonly GridHead[];
  readonly cells: (rows: readonly number[], columns: readonly number[]) => GridCell[][];
  readonly pagerNames: readonly [rows: string, columns: string];
  /** Column headings written upwards, for one-character cells. */
  readonly narrowColumns?: boolean;
}) {
  const [rowPage, setRowPage] = useState(0);
  const [colPage, setColPage] = useState(0);
  const rowPages = Math.max(1, Math.ceil(rows.length / MATRIX_PAGE));
  const colPages = Math.max(1, Math.ceil(columns.length / MATRIX_PAGE));
  const rp = Math.min(rowPage, rowPages - 1);
  const cp = Math.min(colPage, colPages - 1);
  const span = (from: number, length: number) =>
    Array.from({ length: Math.max(0, Math.min(MATRIX_PAGE, length - from)) }, (_, i) => from + i);
  const grid = useMemo(
    () => cells(span(rp * MATRIX_PAGE, rows.length), span(cp * MATRIX_PAGE, columns.length)),
    [cells, rp, cp, rows.length, columns.length],
  );
  const shownCols = columns.slice(cp * MATRIX_PAGE, cp * MATRIX_PAGE + MATRIX_PAGE);
  const shownRows = rows.slice(rp * MATRIX_PAGE, rp * MATRIX_PAGE + MATRIX_PAGE);
  const head = (h: GridHead) => (h.outside ? 'matrix__outside' : undefined);
  return (
    <>
      <div className="table-wrap">
        <table
          className={`matrix${narrowColumns ? ' matrix--pods' : ''}`}
          aria-label={label}
          onKeyDown={moveInGrid}
        >
          <thead>
            <tr>
              <th scope="col" className="matrix__corner">
                from ↓ / to →
              </th>
              {shownCols.map((h) => (
                <th
                  key={h.key}
                  scope="col"
                  className={h.outside ? 'matrix__col matrix__outside' : 'matrix__col'}
                  title={h.title}
                >
                  {h.text}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownRows.map((h, i) => (
              <tr key={h.key}>
                <th scope="row" className={head(h)} title={h.title}>
                  {h.text}
                </th>
                {shownCols.map((c, j) => (
                  <td key={c.key}>
                    <Cell cell={grid[i]![j]!} r={i} c={j} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(rowPages > 1 || colPages > 1) && (
        <div className="matrix__pagers">
          {rowPages > 1 && (
            <span>
              Rows <Pager label={pagerNames[0]} page={rp} pageCount={rowPages} onPage={setRowPage} />
            </span>
          )}
          {colPages > 1 && (
            <span>
              Columns <Pager label={pagerNames[1]} page={cp} pageCount={colPages} onPage={setColPage} />
            </span>
          )}
        </div>
      )}
    </>
  );
}
