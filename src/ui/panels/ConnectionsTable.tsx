/** Placeholder: Allowed connections. */
export function ConnectionsTable() {
  return <p className="placeholder">Allowed connections.</p>;
}
