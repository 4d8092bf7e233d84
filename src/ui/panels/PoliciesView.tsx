import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { effectivePolicyTypes } from '../../engine';
import type { Policy } from '../../model';
import { useStudio } from '../../state/store';
import { Pager } from '../components/Pager';
import { SortHeader } from '../components/SortHeader';
import { useReachIndex } from './hooks';
import { compareIds } from './reach-index';
import './panels.css';

const PAGE = 100;

interface PolicyRow {
  readonly policy: Policy;
  readonly types: string;
  readonly selects: number;
  readonly ingress: number;
  readonly egress: number;
}

type Key = 'namespace' | 'name' | 'types' | 'selects' | 'ingress' | 'egress';
const COLUMNS: readonly { key: Key; label: string; numeric?: boolean }[] = [
  { key: 'namespace', label: 'Namespace' },
  { key: 'name', label: 'Name' },
  { key: 'types', label: 'Types' },
  { key: 'selects', label: 'Selects', numeric: true },
  { key: 'ingress', label: 'Ingress rules', numeric: true },
  { key: 'egress', label: 'Egress rules', numeric: true },
];

function subjectCount(classes: Int32Array | undefined, sizes: Int32Array): number {
  let n = 0;
  for (const c of classes ?? []) n += sizes[c]!;
  return n;
}

function valueOf(r: PolicyRow, key: Key): string | number {
  if (key === 'namespace') return r.policy.namespace;
  if (key === 'name') return r.policy.name;
  return r[key];
}

/** The policies, filterable and sortable; a row selects the policy (its details, its pods highlighted). */
export function PoliciesView() {
  const ix = useReachIndex();
  const snapshot = useStudio((s) => s.result?.snapshot);
  const namespaces = useStudio((s) => s.filters.namespaces);
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: Key; dir: 'asc' | 'desc' }>({ key: 'namespace', dir: 'asc' });
  const [page, setPage] = useState(0);
  const [focusRow, setFocusRow] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const filterId = useId();

  const all = useMemo<PolicyRow[]>(
    () =>
      (snapshot?.policies ?? []).map((policy, p) => ({
        policy,
        types: effectivePolicyTypes(policy).join(', '),
        selects: ix ? subjectCount(ix.data.policySubjects[p], ix.data.classSizes) : 0,
        ingress: policy.spec.ingress?.length ?? 0,
        egress: policy.spec.egress?.length ?? 0,
      })),
    [snapshot, ix],
  );
  const rows = useMemo(() => {
    const keep = namespaces.length > 0 ? new Set(namespaces) : null;
    const needle = text.trim().toLowerCase();
    const out = all.filter(
      (r) =>
        (!keep || keep.has(r.policy.namespace)) &&
        (needle === '' ||
          r.policy.id.toLowerCase().includes(needle) ||
          r.types.toLowerCase().includes(needle)),
    );
    const sign = sort.dir === 'asc' ? 1 : -1;
    out.sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : compareIds(String(x), String(y));
      return sign * d || compareIds(a.policy.id, b.policy.id);
    });
    return out;
  }, [all, namespaces, text, sort]);

  if (!snapshot) return <p className="panel__empty">No analysis yet: import manifests or load the demo.</p>;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PAGE, current * PAGE + PAGE);
  const focusAt = (i: number) => {
    const clamped = Math.max(0, Math.min(shown.length - 1, i));
    setFocusRow(clamped);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[clamped]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, p: Policy) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select({ kind: 'policy', id: p.id });
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(i + (e.key === 'ArrowDown' ? 1 : -1));
    }
  };

  return (
    <div className="panel panel--fill policies">
      <div className="panel__toolbar">
        <label htmlFor={filterId}>Filter policies</label>
        <input
          id={filterId}
          type="search"
          placeholder="name, namespace or type"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(0);
          }}
        />
        <p className="panel__summary" role="status">
          {rows.length === all.length
            ? `${all.length.toLocaleString('en')} policies`
            : `${rows.length.toLocaleString('en')} of ${all.length.toLocaleString('en')} policies`}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="panel__empty">
          {all.length === 0 ? 'The workspace has no NetworkPolicy.' : 'No policy matches.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Policies">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <SortHeader
                    key={c.key}
                    active={sort.key === c.key}
                    dir={sort.dir}
                    onSort={() =>
                      setSort((s) => ({
                        key: c.key,
                        dir: s.key === c.key && s.dir === 'asc' ? 'desc' : 'asc',
                      }))
                    }
                  >
                    {c.label}
                  </SortHeader>
                ))}
              </tr>
            </thead>
            <tbody ref={body}>
              {shown.map((r, i) => (
                <tr
                  key={r.policy.id}
                  aria-selected={selection?.kind === 'policy' && selection.id === r.policy.id}
                  tabIndex={i === Math.min(focusRow, shown.length - 1) ? 0 : -1}
                  onClick={() => {
                    setFocusRow(i);
                    select({ kind: 'policy', id: r.policy.id });
                  }}
                  onKeyDown={(e) => onKey(e, i, r.policy)}
                >
                  <td className="cell--nowrap">{r.policy.namespace}</td>
                  <td className="cell--nowrap">{r.policy.name}</td>
                  <td className="cell--nowrap">{r.types}</td>
                  <td className="cell--num">{r.selects.toLocaleString('en')}</td>
                  <td className="cell--num">{r.ingress}</td>
                  <td className="cell--num">{r.egress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="policies" page={current} pageCount={pages} onPage={setPage} />
    </div>
  );
}
