import './components.css';
import type { ReactNode } from 'react';

/** A column header whose button sorts by it; `aria-sort` says how the column is sorted. */
export function SortHeader({
  children,
  active,
  dir,
  onSort,
  className,
  disabledReason,
}: {
  children: ReactNode;
  active: boolean;
  dir: 'asc' | 'desc';
  onSort: () => void;
  className?: string;
  disabledReason?: string | undefined;
}) {
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-header" onClick={onSort} title={disabledReason}>
        {children}
        <span aria-hidden="true" className="sort-header__arrow">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
