/** Placeholder: Select a pod, a policy or a connection to see details. */
export function DetailsPanel() {
  return <p className="placeholder">Select a pod, a policy or a connection to see details.</p>;
}
