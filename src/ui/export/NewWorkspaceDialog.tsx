import { useId } from 'react';
import { useStudio } from '../../state/store';
import { Modal } from '../import/Modal';
import '../import/import.css';
import './export.css';
import { plural } from './export-file';

/** Asks before "New workspace" discards the sources, the policy changes and the draft. */
export function NewWorkspaceDialog() {
  const open = useStudio((s) => s.dialog === 'newWorkspace');
  const openDialog = useStudio((s) => s.openDialog);
  const titleId = useId();
  const textId = useId();
  const close = () => openDialog(null);
  return (
    <Modal open={open} onClose={close} labelledBy={titleId} describedBy={textId} className="confirm-dialog">
      <ConfirmNew titleId={titleId} textId={textId} onCancel={close} />
    </Modal>
  );
}

function ConfirmNew({
  titleId,
  textId,
  onCancel,
}: {
  readonly titleId: string;
  readonly textId: string;
  readonly onCancel: () => void;
}) {
  const sources = useStudio((s) => s.sources.length);
  const changes = useStudio((s) => Object.keys(s.edits).length);
  const hasDraft = useStudio((s) => s.draft !== null);
  const openDialog = useStudio((s) => s.openDialog);
  const newWorkspace = useStudio((s) => s.newWorkspace);
  const parts: string[] = [];
  if (sources > 0) parts.push(plural(sources, 'source'));
  if (changes > 0) parts.push(plural(changes, 'policy change'));
  if (hasDraft) parts.push('the policy being edited');
  const what = parts.length > 0 ? parts.join(', ') : 'this workspace';
  return (
    <>
      <header className="modal__header">
        <h2 id={titleId}>Start a new workspace?</h2>
      </header>
      <div id={textId} className="confirm-dialog__body">
        <p>This discards {what} saved in this browser, and the undo history. It cannot be undone.</p>
        <p className="export-form__muted">To keep the policies, export them first.</p>
      </div>
      <footer className="modal__footer">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" onClick={() => openDialog('export')}>
          Export first…
        </button>
        <button
          type="button"
          className="button--danger"
          onClick={() => {
            newWorkspace();
            openDialog(null);
          }}
        >
          Discard and start new
        </button>
      </footer>
    </>
  );
}
