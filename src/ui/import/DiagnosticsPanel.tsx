/** Placeholder: Problems found in the input. */
export function DiagnosticsPanel() {
  return <p className="placeholder">Problems found in the input.</p>;
}
