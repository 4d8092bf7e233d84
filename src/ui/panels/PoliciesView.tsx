/** Placeholder: Policies. */
export function PoliciesView() {
  return <p className="placeholder">Policies.</p>;
}
