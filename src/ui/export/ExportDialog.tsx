import { useId, useMemo, useRef, useState } from 'react';
import { useStudio, type ExportScope } from '../../state/store';
import { appliedIds, importedPolicies, removedSinceImport } from '../../state/workspace';
import { Modal } from '../import/Modal';
import '../import/import.css';
import './export.css';
import { copyText, countDocuments, downloadText, exportFileName, plural, previewOf } from './export-file';

/** The Export dialog: all policies, only those changed since import, or one; download or copy. */
export function ExportDialog() {
  const open = useStudio((s) => s.dialog === 'export');
  const openDialog = useStudio((s) => s.openDialog);
  const titleId = useId();
  const close = () => openDialog(null);
  return (
    <Modal open={open} onClose={close} labelledBy={titleId} className="export-dialog">
      <ExportForm titleId={titleId} onDone={close} />
    </Modal>
  );
}

type Choice = 'all' | 'changed' | 'one';

function ExportForm({ titleId, onDone }: { readonly titleId: string; readonly onDone: () => void }) {
  const edits = useStudio((s) => s.edits);
  const result = useStudio((s) => s.result);
  const selection = useStudio((s) => s.selection);
  const exportText = useStudio((s) => s.exportText);
  const draft = useStudio((s) => s.draft);
  const ids = useMemo(() => [...appliedIds(edits, importedPolicies(result))].sort(), [edits, result]);
  const changedCount = useMemo(() => Object.values(edits).filter((e) => e.text !== null).length, [edits]);
  const removedCount = useMemo(
    () => removedSinceImport(edits, importedPolicies(result)).length,
    [edits, result],
  );
  const selectedPolicy = selection?.kind === 'policy' && ids.includes(selection.id) ? selection.id : null;
  const [choice, setChoice] = useState<Choice>(selectedPolicy ? 'one' : 'all');
  const [policyId, setPolicyId] = useState<string>(selectedPolicy ?? ids[0] ?? '');
  const [message, setMessage] = useState<string>('');
  const preview = useRef<HTMLTextAreaElement>(null);
  const radioName = useId();
  const selectId = useId();

  const scope: ExportScope = choice === 'one' ? { policyId } : choice;
  const text = useMemo(
    () => (choice === 'one' && policyId === '' ? '' : exportText(choice === 'one' ? { policyId } : choice)),
    // The text follows the workspace: edits, the analysis (imported policies) and the choice.
    [exportText, choice, policyId, edits, result], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const count = countDocuments(text);
  const lines = text === '' ? 0 : text.split('\n').length - 1;
  const shown = useMemo(() => previewOf(text), [text]);

  const copy = async () => {
    const ok = await copyText(text, preview.current?.parentElement ?? null);
    setMessage(
      ok
        ? `Copied ${plural(count, 'policy')} to the clipboard.`
        : 'The browser did not allow copying: select the text and copy it.',
    );
  };
  const download = () => {
    downloadText(text, exportFileName(scope));
    setMessage(`Downloaded ${exportFileName(scope)}.`);
  };

  return (
    <div className="export-form">
      <header className="modal__header">
        <h2 id={titleId}>Export policies</h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </header>
      <fieldset className="export-form__choice">
        <legend>What to export</legend>
        <label>
          <input type="radio" name={radioName} checked={choice === 'all'} onChange={() => setChoice('all')} />
          All policies <span className="export-form__muted">({plural(ids.length, 'policy')})</span>
        </label>
        <label>
          <input
            type="radio"
            name={radioName}
            checked={choice === 'changed'}
            onChange={() => setChoice('changed')}
          />
          Only those changed since import{' '}
          <span className="export-form__muted">
            ({plural(changedCount, 'policy')}
            {removedCount > 0 ? `; ${removedCount.toLocaleString('en')} removed, named in a comment` : ''})
          </span>
        </label>
        <div className="export-form__one">
          <label>
            <input
              type="radio"
              name={radioName}
              checked={choice === 'one'}
              onChange={() => setChoice('one')}
              disabled={ids.length === 0}
            />
            One policy
          </label>
          <label htmlFor={selectId} className="export-form__sr">
            Policy
          </label>
          <select
            id={selectId}
            value={policyId}
            disabled={ids.length === 0}
            onChange={(event) => {
              setPolicyId(event.target.value);
              setChoice('one');
            }}
          >
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {draft && (
        <p className="export-form__note">The policy being edited is not exported until it is applied.</p>
      )}
      <label className="export-form__label" htmlFor={`${selectId}-preview`}>
        YAML{' '}
        <span className="export-form__muted">
          ({plural(count, 'policy')}, {plural(lines, 'line')})
        </span>
      </label>
      <textarea
        id={`${selectId}-preview`}
        ref={preview}
        className="export-form__preview"
        readOnly
        spellCheck={false}
        value={shown.text}
        placeholder="Nothing to export."
      />
      {shown.cut && (
        <p className="export-form__note">
          The preview shows the first {plural(shown.lines, 'line')}; Download and Copy take everything.
        </p>
      )}
      <p className="export-form__status" role="status">
        {message}
      </p>
      <footer className="modal__footer">
        <button type="button" onClick={onDone}>
          Close
        </button>
        <button type="button" onClick={() => void copy()} disabled={text === ''}>
          Copy to clipboard
        </button>
        <button type="button" className="button--primary" onClick={download} disabled={text === ''}>
          Download
        </button>
      </footer>
    </div>
  );
}
