/** Placeholder: Sources: the manifests of this workspace. */
export function SourcesPanel() {
  return <p className="placeholder">Sources: the manifests of this workspace.</p>;
}
