import { Fragment, useId } from 'react';
import { useStudio } from '../../state/store';
import { Modal } from '../import/Modal';
import '../import/import.css';
import { keyLabel, SHORTCUTS, VIEW_KEYS } from './keyboard';

function Keys({ keys }: { readonly keys: readonly string[] }) {
  return (
    <>
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && <span className="shortcuts__or"> or </span>}
          <kbd>{keyLabel(key)}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/** The `?` overlay: a modal dialog listing every keyboard shortcut. Esc or Close dismisses it. */
/** A two-column table of keys and what they do. */
function KeyTable({
  label,
  rows,
}: {
  readonly label: string;
  readonly rows: readonly { readonly keys: readonly string[]; readonly description: string }[];
}) {
  return (
    <table className="shortcuts__table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.keys.join()}>
            <td>
              <Keys keys={s.keys} />
            </td>
            <td>{s.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShortcutsOverlay() {
  const open = useStudio((s) => s.dialog === 'shortcuts');
  const openDialog = useStudio((s) => s.openDialog);
  const titleId = useId();
  const close = () => openDialog(null);
  return (
    <Modal open={open} onClose={close} labelledBy={titleId} className="shortcuts" closeOnBackdrop>
      <header className="modal__header">
        <h2 id={titleId}>Keyboard shortcuts</h2>
      </header>
      <p className="shortcuts__hint">Anywhere but in a text field or the editor:</p>
      <KeyTable label="Global shortcuts" rows={SHORTCUTS} />
      <p className="shortcuts__hint">In the views:</p>
      <KeyTable label="Keys in the views" rows={VIEW_KEYS} />
      <footer className="modal__footer">
        <button type="button" className="button--primary" onClick={close} autoFocus>
          Close
        </button>
      </footer>
    </Modal>
  );
}
