/** Placeholder: Drop files here. */
export function DropZone() {
  return <p className="placeholder">Drop files here.</p>;
}
