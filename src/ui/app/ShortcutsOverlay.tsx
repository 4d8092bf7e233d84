/** Placeholder: Keyboard shortcuts. */
export function ShortcutsOverlay() {
  return <p className="placeholder">Keyboard shortcuts.</p>;
}
