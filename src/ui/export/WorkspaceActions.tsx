import { useStudio } from '../../state/store';
import './export.css';

/** The header's workspace buttons: undo, redo, export, new workspace. */
export function WorkspaceActions() {
  const canUndo = useStudio((s) => s.canUndo);
  const canRedo = useStudio((s) => s.canRedo);
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  const openDialog = useStudio((s) => s.openDialog);
  const savedAt = useStudio((s) => s.workspaceSavedAt);
  const pending = useStudio((s) => s.workspacePending);
  const failed = useStudio((s) => s.workspaceMessage !== null);
  const saved = failed ? 'Not saved' : pending ? 'Saving…' : savedAt !== null ? 'Saved' : '';
  return (
    <div className="workspace-actions" role="group" aria-label="Workspace">
      <span
        className="workspace-actions__saved"
        role="status"
        aria-label="Saved in this browser"
        title={
          savedAt !== null ? `Saved in this browser at ${new Date(savedAt).toLocaleTimeString()}` : undefined
        }
      >
        {saved}
      </span>
      <button
        type="button"
        className="workspace-actions__icon"
        aria-label="Undo"
        title="Undo the last policy change (Ctrl+Z)"
        disabled={!canUndo}
        onClick={undo}
      >
        <span aria-hidden="true">↶</span>
      </button>
      <button
        type="button"
        className="workspace-actions__icon"
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
        disabled={!canRedo}
        onClick={redo}
      >
        <span aria-hidden="true">↷</span>
      </button>
      <button type="button" title="Export the policies as YAML (e)" onClick={() => openDialog('export')}>
        Export…
      </button>
      <button
        type="button"
        title="Discard this workspace and start an empty one"
        onClick={() => openDialog('newWorkspace')}
      >
        New workspace
      </button>
    </div>
  );
}

/** A problem with saving or restoring the workspace, until the person dismisses it. */
export function WorkspaceNotice() {
  const message = useStudio((s) => s.workspaceMessage);
  const dismiss = useStudio((s) => s.dismissWorkspaceMessage);
  if (!message) return null;
  return (
    <div className="workspace-notice" role="alert">
      <span>{message} Your work stays in this tab; export the policies to keep them.</span>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
