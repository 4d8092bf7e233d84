import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Protocol } from '../../model';
import { ProtocolSelect } from '../components/ProtocolSelect';
import { DEFAULT_FILTERS, useStudio, type Filters } from '../../state/store';
import { parsePort } from './filters';
import { compareIds } from './reach-index';
import './panels.css';

/** The id of the search input, for the shortcut that focuses it (`/`). */
export const FILTER_SEARCH_ID = 'filter-search';

const TYPING_DELAY_MS = 180;

/** Calls `commit` with the latest value once typing pauses. */
function useDebounced<T>(commit: (value: T) => void): (value: T) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(commit);
  useEffect(() => {
    latest.current = commit;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return (value: T) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(value), TYPING_DELAY_MS);
  };
}

/** Whether the filters differ from those the app opens with (what "Clear filters" restores). */
function differsFromDefault(f: Filters): boolean {
  const d = DEFAULT_FILTERS;
  return (
    f.namespaces.length !== d.namespaces.length ||
    f.namespaces.some((n, i) => n !== d.namespaces[i]) ||
    f.labelQuery !== d.labelQuery ||
    (f.port === null) !== (d.port === null) ||
    (f.port !== null && (f.port.port !== d.port?.port || f.port.protocol !== d.port.protocol)) ||
    f.onlyIsolated !== d.onlyIsolated ||
    f.hideUnrestricted !== d.hideUnrestricted
  );
}

/**
 * Filters shared by every view: namespaces, a label or name search, a port ("who can reach TCP
 * 5432?"), only isolated pods, and hiding traffic that no policy restricts.
 */
export function FilterBar() {
  const filters = useStudio((s) => s.filters);
  const setFilters = useStudio((s) => s.setFilters);
  const snapshot = useStudio((s) => s.result?.snapshot);
  const namespaces = useMemo(() => {
    const names = new Set<string>();
    for (const n of snapshot?.namespaces ?? []) names.add(n.name);
    for (const e of snapshot?.endpoints ?? []) names.add(e.namespace);
    return [...names].sort(compareIds);
  }, [snapshot]);

  // The text fields keep what is typed; the store gets it when typing pauses.
  const [query, setQuery] = useState(filters.labelQuery);
  const [portText, setPortText] = useState(filters.port ? String(filters.port.port) : '');
  const [protocol, setProtocol] = useState<Protocol>(filters.port?.protocol ?? 'TCP');
  const [seen, setSeen] = useState(filters);
  if (seen !== filters) {
    // The store changed (Clear, a shortcut, another view): follow it unless it is our own echo.
    setSeen(filters);
    if (filters.labelQuery !== query.trim()) setQuery(filters.labelQuery);
    const parsed = parsePort(portText, protocol);
    const same =
      (filters.port === null && portText.trim() === '') ||
      (filters.port !== null &&
        parsed?.port === filters.port.port &&
        parsed.protocol === filters.port.protocol);
    if (!same) setPortText(filters.port ? String(filters.port.port) : '');
    if (filters.port) setProtocol(filters.port.protocol);
  }
  const commitQuery = useDebounced((value: string) => setFilters({ labelQuery: value.trim() }));
  const commitPort = useDebounced((value: { text: string; protocol: Protocol }) => {
    const t = value.text.trim();
    if (t === '') setFilters({ port: null });
    else {
      const p = parsePort(t, value.protocol);
      if (p) setFilters({ port: p });
    }
  });
  const portInvalid = portText.trim() !== '' && parsePort(portText, protocol) === undefined;

  const ids = { port: useId(), protocol: useId(), isolated: useId(), hide: useId() };
  const active = differsFromDefault(filters) || query.trim() !== '' || portText.trim() !== '';

  return (
    <div role="search" aria-label="Filters" className="filterbar">
      <label className="visually-hidden" htmlFor={FILTER_SEARCH_ID}>
        Search pods and labels
      </label>
      <input
        id={FILTER_SEARCH_ID}
        type="search"
        placeholder="Search: name, app=web, tier!=db…"
        title="Names or labels; several terms must all match (app=web, app!=web, app= has the label, or any text)"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          commitQuery(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setFilters({ labelQuery: query.trim() });
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            setQuery('');
            setFilters({ labelQuery: '' });
          }
        }}
      />
      <NamespacePicker
        all={namespaces}
        chosen={filters.namespaces}
        onChange={(chosen) => setFilters({ namespaces: chosen })}
      />
      <span className="filterbar__field">
        <label htmlFor={ids.port}>Port</label>
        <input
          id={ids.port}
          className="filterbar__port"
          inputMode="numeric"
          placeholder="any"
          autoComplete="off"
          value={portText}
          aria-invalid={portInvalid}
          aria-describedby={portInvalid ? `${ids.port}-error` : undefined}
          title="Only connections that allow this port, e.g. 5432"
          onChange={(e) => {
            setPortText(e.target.value);
            commitPort({ text: e.target.value, protocol });
          }}
        />
        {portInvalid && (
          <span id={`${ids.port}-error`} className="visually-hidden">
            A port is a number from 1 to 65535
          </span>
        )}
        <ProtocolSelect
          id={ids.protocol}
          value={protocol}
          onChange={(p) => {
            setProtocol(p);
            const parsed = parsePort(portText, p);
            if (parsed) setFilters({ port: { port: parsed.port, protocol: p } });
          }}
        />
      </span>
      <span className="filterbar__field filterbar__toggle">
        <input
          id={ids.isolated}
          type="checkbox"
          checked={filters.onlyIsolated}
          onChange={(e) => setFilters({ onlyIsolated: e.target.checked })}
        />
        <label htmlFor={ids.isolated} title="Only pods that some policy isolates, in either direction">
          Only isolated
        </label>
      </span>
      <span className="filterbar__field filterbar__toggle">
        <input
          id={ids.hide}
          type="checkbox"
          checked={filters.hideUnrestricted}
          onChange={(e) => setFilters({ hideUnrestricted: e.target.checked })}
        />
        <label
          htmlFor={ids.hide}
          title="Hide connections where neither the source's egress nor the destination's ingress is isolated"
        >
          Hide unrestricted
        </label>
      </span>
      {active && (
        <button
          type="button"
          onClick={() => {
            setQuery('');
            setPortText('');
            setFilters(DEFAULT_FILTERS);
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

/** A disclosure with one checkbox per namespace; none checked means all. */
function NamespacePicker({
  all,
  chosen,
  onChange,
}: {
  all: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  const set = new Set(chosen);
  const label =
    chosen.length === 0 ? 'all' : chosen.length === 1 ? chosen[0]! : `${chosen.length} of ${all.length}`;
  const toggle = (ns: string, on: boolean) => onChange(all.filter((n) => (n === ns ? on : set.has(n))));
  return (
    <details
      ref={ref}
      className="filterbar__ns"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          e.preventDefault();
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary aria-label={`Namespaces: ${label}`}>Namespaces: {label}</summary>
      <div className="filterbar__ns-popup">
        <fieldset>
          <legend>Show namespaces</legend>
          {all.map((ns) => (
            <label key={ns}>
              <input type="checkbox" checked={set.has(ns)} onChange={(e) => toggle(ns, e.target.checked)} />
              {ns}
            </label>
          ))}
        </fieldset>
        <div className="filterbar__ns-actions">
          <button type="button" disabled={chosen.length === 0} onClick={() => onChange([])}>
            All namespaces
          </button>
        </div>
      </div>
    </details>
  );
}
