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
      <table className="shortcuts__table" aria-label="Global shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys.join()}>
              <td>
                <Keys keys={s.keys} />
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcuts__hint">In the views:</p>
      <table className="shortcuts__table" aria-label="Keys in the views">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {VIEW_KEYS.map((s) => (
            <tr key={s.keys.join()}>
              <td>
                <Keys keys={s.keys} />
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="modal__footer">
        <button type="button" className="button--primary" onClick={close} autoFocus>
          Close
        </button>
      </footer>
    </Modal>
  );
}
