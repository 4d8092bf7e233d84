/** Placeholder: Filters. */
export function FilterBar() {
  return <p className="placeholder">Filters.</p>;
}
