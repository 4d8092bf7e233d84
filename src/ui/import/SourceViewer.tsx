/** Placeholder: Source viewer. */
export function SourceViewer() {
  return <p className="placeholder">Source viewer.</p>;
}
