/** Placeholder: Status. */
export function StatusBar() {
  return <p className="placeholder">Status.</p>;
}
