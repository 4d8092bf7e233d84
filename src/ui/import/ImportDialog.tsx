/** Placeholder: Import dialog. */
export function ImportDialog() {
  return <p className="placeholder">Import dialog.</p>;
}
