import { useCallback, useId, useMemo, useState } from 'react';
import type { Protocol } from '../../model';
import { useStudio } from '../../state/store';
import { ProtocolSelect } from '../components/ProtocolSelect';
import { parsePort } from './filters';
import { useReachIndex } from './hooks';
import {
  defaultMatrixPort,
  entryName,
  matrixAxis,
  matrixScope,
  namespaceMatrix,
  podMatrixPage,
  portChoices,
  type MatrixEntry,
  type MatrixScope,
  type PodCell,
  type PortQuery,
  type RangeGroup,
} from './matrix';
import { MatrixGrid, type GridCell, type GridHead } from './MatrixGrid';
import type { ReachIndex } from './reach-index';
import './panels.css';

type Level = 'namespace' | 'pod';
/** Pod level narrowed to one cell of the namespace level (rows' entry, columns' entry). */
type Focus = { readonly rows: MatrixEntry; readonly columns: MatrixEntry };

const fmt = (n: number): string => n.toLocaleString('en');
const OUTSIDE_TITLE = 'Outside the cluster';

/**
 * A truth table for one port and protocol: namespace by namespace (how many pairs are allowed),
 * or pod by pod, 50 rows by 50 columns a page; external address ranges are rows and columns too.
 * Sources are rows, destinations columns. The filter bar picks what is compared (see matrix.ts).
 */
export function MatrixView() {
  const ix = useReachIndex();
  const filters = useStudio((s) => s.filters);
  const [level, setLevel] = useState<Level>('namespace');
  const [chosen, setChosen] = useState<PortQuery | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [portText, setPortText] = useState<string | null>(null);
  // A port chosen in the filter bar replaces the one chosen here.
  const [filterPort, setFilterPort] = useState(filters.port);
  if (filterPort !== filters.port) {
    setFilterPort(filters.port);
    setChosen(null);
    setPortText(null);
  }
  const ids = { level: useId(), port: useId(), protocol: useId(), portList: useId() };

  const choices = useMemo(() => (ix ? portChoices(ix.snapshot) : []), [ix]);
  const query = useMemo(
    () => (ix ? (chosen ?? filters.port ?? defaultMatrixPort(ix.snapshot)) : null),
    [ix, chosen, filters.port],
  );
  const scope = useMemo(() => (ix && query ? matrixScope(ix, filters, query) : null), [ix, filters, query]);
  if (!ix || !query || !scope)
    return <p className="panel__empty">No analysis yet: import manifests or load the demo.</p>;
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
      <ScopeNote scope={scope} />
      {scope.pods.length === 0 ? (
        // Addresses alone make no pair: range to range is not a connection.
        <p className="panel__empty">No pod to compare{ix.n > 0 ? ': no pod matches the filters' : ''}.</p>
      ) : level === 'namespace' ? (
        <NamespaceTable
          ix={ix}
          query={query}
          scope={scope}
          onOpen={(rows, columns) => {
            setFocus({ rows, columns });
            setLevel('pod');
          }}
        />
      ) : (
        <PodTable ix={ix} query={query} scope={scope} focus={focus} onShowAll={() => setFocus(null)} />
      )}
    </div>
  );
}

/** What the filters leave on the axes, when they leave out anything. */
function ScopeNote({ scope }: { scope: MatrixScope }) {
  const filters = useStudio((s) => s.filters);
  const narrowed = filters.namespaces.length > 0 || filters.labelQuery.trim() !== '' || filters.onlyIsolated;
  if (!narrowed && !scope.hide) return null;
  const parts: string[] = [];
  if (narrowed)
    parts.push(
      `The filters pick ${fmt(scope.pods.length)} ${scope.pods.length === 1 ? 'pod' : 'pods'} and ` +
        `${fmt(scope.ranges.length)} outside ${scope.ranges.length === 1 ? 'range' : 'ranges'}`,
    );
  if (scope.hide) parts.push('pairs no policy restricts are left out');
  const sentence = parts.join('; ');
  return (
    <p className="panel__note matrix__scope" role="status">
      {sentence.charAt(0).toUpperCase() + sentence.slice(1)}.
    </p>
  );
}

function Legend({ level, hide }: { level: Level; hide: boolean }) {
  const items: [string, string][] =
    level === 'namespace'
      ? [
          ['all', 'every pair allowed'],
          ['some', 'some pairs allowed'],
          ['none', 'no pair allowed'],
        ]
      : [
          ['all', 'allowed'],
          ['none', 'denied'],
          ...(hide ? ([['open', 'no policy restricts it (hidden)']] as [string, string][]) : []),
        ];
  return (
    <ul className="matrix__legend" aria-label="Legend">
      {items.map(([state, text]) => (
        <li key={state}>
          <span aria-hidden="true" className={`matrix__cell--${state}`} />
          {text}
        </li>
      ))}
    </ul>
  );
}

function entryHead(e: MatrixEntry): GridHead {
  return e.kind === 'namespace' ? { key: `ns:${e.name}`, text: e.name, title: e.name } : rangeHead(e.group);
}

/** A range group's heading; its CIDR text is worked out only for the page that shows it. */
function rangeHead(g: RangeGroup): GridHead {
  return {
    key: `range:${g.node}`,
    outside: true,
    get text() {
      return g.label;
    },
    get title() {
      return `${OUTSIDE_TITLE}: ${g.detail}`;
    },
  };
}

function NamespaceTable({
  ix,
  query,
  scope,
  onOpen,
}: {
  ix: ReachIndex;
  query: PortQuery;
  scope: MatrixScope;
  onOpen: (rows: MatrixEntry, columns: MatrixEntry) => void;
}) {
  const m = useMemo(() => namespaceMatrix(ix, scope, query), [ix, scope, query]);
  const heads = useMemo(() => m.entries.map(entryHead), [m]);
  const what = `${query.protocol} ${query.port}`;
  const cells = useCallback(
    (rows: readonly number[], cols: readonly number[]): GridCell[][] =>
      rows.map((r) =>
        cols.map((c): GridCell => {
          const cell = m.cell(r, c);
          const a = m.entries[r]!;
          const b = m.entries[c]!;
          const pair = `${entryName(a)} to ${entryName(b)}`;
          const unit = a.kind === 'range' || b.kind === 'range' ? 'pods' : 'pod pairs';
          if (cell.total === 0) {
            const why =
              a.kind === 'range' && b.kind === 'range'
                ? 'both outside the cluster'
                : scope.hide
                  ? 'no pairs a policy restricts'
                  : 'no pod pairs';
            return { state: 'empty', text: '–', label: `${pair}: ${why}` };
          }
          const state = cell.allowed === 0 ? 'none' : cell.allowed === cell.total ? 'all' : 'some';
          return {
            state,
            text: `${fmt(cell.allowed)}/${fmt(cell.total)}`,
            label: `${pair} on ${what}: ${fmt(cell.allowed)} of ${fmt(cell.total)} ${unit} allowed`,
            onOpen: () => onOpen(a, b),
          };
        }),
      ),
    [m, scope.hide, what, onOpen],
  );
  return (
    <>
      <p className="panel__note">
        Pairs allowed on {what}, from the row&apos;s namespace (or addresses) to the column&apos;s. Open a
        cell to see its pods.
      </p>
      <Legend level="namespace" hide={scope.hide} />
      <MatrixGrid
        label={`Namespaces reaching namespaces on ${what}`}
        rows={heads}
        columns={heads}
        cells={cells}
        pagerNames={['source namespaces', 'destination namespaces']}
      />
    </>
  );
}

const POD_CELL: Record<PodCell, { state: GridCell['state']; text: string; says: string }> = {
  allowed: { state: 'all', text: '✓', says: 'allowed' },
  denied: { state: 'none', text: '✕', says: 'denied' },
  open: { state: 'open', text: '○', says: 'no policy restricts it (hidden)' },
  none: { state: 'empty', text: '–', says: 'both outside the cluster' },
  self: { state: 'self', text: '·', says: 'itself' },
};

function describeSide(e: MatrixEntry): string {
  return e.kind === 'namespace' ? `pods of ${e.name}` : e.group.label;
}

function PodTable({
  ix,
  query,
  scope,
  focus,
  onShowAll,
}: {
  ix: ReachIndex;
  query: PortQuery;
  scope: MatrixScope;
  focus: Focus | null;
  onShowAll: () => void;
}) {
  const select = useStudio((s) => s.select);
  const setExplainPort = useStudio((s) => s.setExplainPort);
  const selection = useStudio((s) => s.selection);
  const rowAxis = useMemo(() => matrixAxis(ix, scope, focus?.rows), [ix, scope, focus]);
  const colAxis = useMemo(() => matrixAxis(ix, scope, focus?.columns), [ix, scope, focus]);
  const groups = useMemo(() => new Map(scope.ranges.map((g) => [g.node, g])), [scope]);
  const head = useCallback(
    (node: number): GridHead => {
      const g = groups.get(node);
      return g ? rangeHead(g) : { key: `pod:${node}`, text: ix.ids[node]!, title: ix.ids[node]! };
    },
    [groups, ix],
  );
  const rowHeads = useMemo(() => rowAxis.map(head), [rowAxis, head]);
  const colHeads = useMemo(() => colAxis.map(head), [colAxis, head]);
  const what = `${query.protocol} ${query.port}`;
  const cells = useCallback(
    (rows: readonly number[], cols: readonly number[]): GridCell[][] => {
      const from = rows.map((r) => rowAxis[r]!);
      const to = cols.map((c) => colAxis[c]!);
      return podMatrixPage(ix, from, to, query, scope.hide).map((line, i) =>
        line.map((value, j): GridCell => {
          const look = POD_CELL[value];
          const f = ix.ids[from[i]!]!;
          const t = ix.ids[to[j]!]!;
          const name = (node: number) => groups.get(node)?.label ?? ix.ids[node]!;
          const label =
            value === 'self'
              ? `${name(from[i]!)} itself`
              : `${name(from[i]!)} to ${name(to[j]!)}${value === 'none' ? '' : ` on ${what}`}: ${look.says}`;
          if (value === 'self' || value === 'none') return { state: look.state, text: look.text, label };
          return {
            state: look.state,
            text: look.text,
            label,
            pressed: selection?.kind === 'pair' && selection.from === f && selection.to === t,
            onOpen: () => {
              setExplainPort({ port: query.port, protocol: query.protocol });
              select({ kind: 'pair', from: f, to: t });
            },
          };
        }),
      );
    },
    [ix, rowAxis, colAxis, query, scope.hide, groups, what, selection, select, setExplainPort],
  );
  const title = focus
    ? `${capital(describeSide(focus.rows))} (rows) reaching ${describeSide(focus.columns)} (columns)`
    : 'Pods and addresses (rows) reaching pods and addresses (columns)';
  return (
    <>
      <div className="panel__toolbar">
        <p className="panel__note">
          {title} on {what}: {fmt(rowAxis.length)} × {fmt(colAxis.length)}. Open a cell to see why.
        </p>
        {focus && (
          <button type="button" onClick={onShowAll}>
            All pods
          </button>
        )}
      </div>
      {rowAxis.length === 0 || colAxis.length === 0 ? (
        <p className="panel__empty">No pods to compare.</p>
      ) : (
        <>
          <Legend level="pod" hide={scope.hide} />
          <MatrixGrid
            label={`Pods reaching pods on ${what}`}
            rows={rowHeads}
            columns={colHeads}
            cells={cells}
            pagerNames={['source pods', 'destination pods']}
            narrowColumns
          />
        </>
      )}
    </>
  );
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
