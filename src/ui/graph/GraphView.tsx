/** Placeholder: The reachability graph. */
export function GraphView() {
  return <p className="placeholder">The reachability graph.</p>;
}
