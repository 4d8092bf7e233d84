import './components.css';
/** First / previous / "page x of y" / next / last, for a paged view. */
export function Pager({
  label,
  page,
  pageCount,
  onPage,
}: {
  /** What is paged, for the buttons' names: "rows", "columns". */
  label: string;
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}) {
  if (pageCount <= 1) return null;
  const last = pageCount - 1;
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      <button
        type="button"
        aria-label={`First page of ${label}`}
        disabled={page <= 0}
        onClick={() => onPage(0)}
      >
        «
      </button>
      <button
        type="button"
        aria-label={`Previous page of ${label}`}
        disabled={page <= 0}
        onClick={() => onPage(page - 1)}
      >
        ‹
      </button>
      <span className="pager__where" aria-live="polite">
        {(page + 1).toLocaleString('en')} / {pageCount.toLocaleString('en')}
      </span>
      <button
        type="button"
        aria-label={`Next page of ${label}`}
        disabled={page >= last}
        onClick={() => onPage(page + 1)}
      >
        ›
      </button>
      <button
        type="button"
        aria-label={`Last page of ${label}`}
        disabled={page >= last}
        onClick={() => onPage(last)}
      >
        »
      </button>
    </nav>
  );
}
