/** Placeholder: Truth table. */
export function MatrixView() {
  return <p className="placeholder">Truth table.</p>;
}
