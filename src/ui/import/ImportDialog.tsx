import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { DEMO_SOURCE } from '../../demo';
import { useStudio } from '../../state/store';
import {
  dragHasFiles,
  droppedItems,
  formatBytes,
  formatCount,
  pastedName,
  pickFiles,
  plural,
  readDropped,
  textSize,
  uniqueNames,
  type PendingFile,
  type Picked,
} from './files';
import { Modal } from './Modal';
import './import.css';

/**
 * Pastes above this size are not put into the text area (a 50 MB text area is slow to lay out and
 * to edit): the text is kept aside and shown by its size and line count.
 */
export const LARGE_PASTE = 256 * 1024;

type Mode = 'replace' | 'add';

interface LargePaste {
  readonly text: string;
  readonly size: number;
}

/** Replace when the workspace holds nothing but the demo (the first import), else add. */
function defaultMode(names: readonly string[]): Mode {
  return names.every((name) => name === DEMO_SOURCE.name) ? 'replace' : 'add';
}

/** The Import dialog: paste, files or a folder; then replace the workspace or add to it. */
export function ImportDialog() {
  const open = useStudio((s) => s.dialog === 'import');
  const openDialog = useStudio((s) => s.openDialog);
  const titleId = useId();
  const close = () => openDialog(null);
  return (
    <Modal open={open} onClose={close} labelledBy={titleId} className="import-dialog">
      <ImportForm titleId={titleId} onDone={close} />
    </Modal>
  );
}

function ImportForm({ titleId, onDone }: { readonly titleId: string; readonly onDone: () => void }) {
  const sources = useStudio((s) => s.sources);
  const importSources = useStudio((s) => s.importSources);
  const ids = {
    paste: useId(),
    name: useId(),
    files: useId(),
    folder: useId(),
    mode: useId(),
    hint: useId(),
  };

  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [hasTypedText, setHasTypedText] = useState(false);
  const [large, setLarge] = useState<LargePaste | null>(null);
  const [pasteName, setPasteName] = useState('');
  const [suggestedName, setSuggestedName] = useState('pasted.yaml');
  const [files, setFiles] = useState<readonly PendingFile[]>([]);
  const [skipped, setSkipped] = useState<readonly string[]>([]);
  const [mode, setMode] = useState<Mode>(() => defaultMode(sources.map((s) => s.name)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // `webkitdirectory` is not a React prop; set it on the element.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const addPicked = (picked: Picked) => {
    setFiles((prev) => [...prev, ...picked.files]);
    setSkipped((prev) => [...prev, ...picked.skipped]);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = event.clipboardData.getData('text/plain');
    if (text.length <= LARGE_PASTE) return; // small: the text area takes it, and it stays editable
    event.preventDefault();
    if (textarea.current) textarea.current.value = '';
    setHasTypedText(false);
    // Only the size: counting 2 million lines would cost the main thread a third of a second.
    setLarge({ text, size: textSize(text) });
    setSuggestedName(pastedName(text));
  };

  const onInput = () => {
    const value = textarea.current?.value ?? '';
    setHasTypedText(value.trim() !== '');
    if (value.length < 4096) setSuggestedName(pastedName(value));
  };

  const clearPaste = () => {
    setLarge(null);
    if (textarea.current) textarea.current.value = '';
    setHasTypedText(false);
    textarea.current?.focus();
  };

  const pasteText = (): string | null => {
    if (large) return large.text;
    const typed = textarea.current?.value ?? '';
    return typed.trim() === '' ? null : typed;
  };

  const count = (hasTypedText || large ? 1 : 0) + files.length;

  const submit = async () => {
    const text = pasteText();
    if (text === null && files.length === 0) {
      setError('Paste some YAML or JSON, or choose files or a folder, first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const read = await Promise.all(
        files.map(async (f) => ({ name: f.name, text: await f.read(), ...(f.blob ? { blob: f.blob } : {}) })),
      );
      const incoming = text === null ? read : [{ name: pasteName.trim() || suggestedName, text }, ...read];
      const existing = mode === 'add' ? sources.map((s) => s.name) : [];
      const names = uniqueNames(
        existing,
        incoming.map((s) => s.name),
      );
      const ready = incoming.map((s, i) => ({
        name: names[i] ?? s.name,
        text: s.text,
        ...('blob' in s && s.blob ? { blob: s.blob } : {}),
      }));
      // Close first, import in the next task: with 50 MB, each is a noticeable piece of work
      // (unmounting the dialog; handing the text to the worker), and the page stays fluid.
      onDone();
      setTimeout(() => importSources(ready, mode), 0);
    } catch (err) {
      setBusy(false);
      setError(`A file could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const onDragOver = (event: DragEvent) => {
    if (!dragHasFiles(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    if (!dragHasFiles(event.dataTransfer)) return;
    event.preventDefault();
    setDragging(false);
    const items = droppedItems(event.dataTransfer);
    readDropped(items).then(addPicked, (err: unknown) =>
      setError(`The dropped files could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  return (
    <form
      className={`import-form${dragging ? ' import-form--dragging' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      aria-describedby={ids.hint}
    >
      <header className="modal__header">
        <h2 id={titleId}>Import manifests</h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </header>
      <p id={ids.hint} className="import-form__hint">
        Kubernetes YAML or JSON: Namespaces, Pods, workloads and NetworkPolicies, several documents or a{' '}
        <code>kind: List</code>. Nothing leaves this browser.
      </p>

      <section className="import-form__section" aria-labelledby={ids.paste}>
        <label htmlFor={`${ids.paste}-area`} id={ids.paste} className="import-form__label">
          Paste YAML or JSON
        </label>
        {large ? (
          <div className="import-form__large" role="status">
            <span>
              Pasted text: <strong>{formatBytes(large.size)}</strong>, kept aside (too large to show)
            </span>
            <button type="button" onClick={clearPaste}>
              Clear the pasted text
            </button>
          </div>
        ) : null}
        <textarea
          id={`${ids.paste}-area`}
          ref={textarea}
          hidden={large !== null}
          className="import-form__paste"
          spellCheck={false}
          autoComplete="off"
          rows={8}
          placeholder={'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n…'}
          onPaste={onPaste}
          onInput={onInput}
        />
        {(hasTypedText || large) && (
          <div className="import-form__row">
            <label htmlFor={ids.name}>Name of the pasted source</label>
            <input
              id={ids.name}
              type="text"
              value={pasteName}
              placeholder={suggestedName}
              onChange={(e) => setPasteName(e.target.value)}
            />
          </div>
        )}
      </section>

      <section className="import-form__section" aria-label="Files">
        <div className="import-form__row">
          <button type="button" onClick={() => fileInput.current?.click()}>
            Choose files…
          </button>
          <button type="button" onClick={() => folderInput.current?.click()}>
            Choose a folder…
          </button>
          <span className="import-form__muted">or drop them here</span>
        </div>
        <input
          ref={fileInput}
          id={ids.files}
          type="file"
          multiple
          accept=".yaml,.yml,.json"
          hidden
          aria-label="YAML or JSON files"
          onChange={(e) => {
            if (e.target.files) addPicked(pickFiles(e.target.files, false));
            e.target.value = '';
          }}
        />
        <input
          ref={folderInput}
          id={ids.folder}
          type="file"
          multiple
          hidden
          aria-label="A folder of manifests"
          onChange={(e) => {
            if (e.target.files) addPicked(pickFiles(e.target.files, true));
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <ul className="import-form__files" aria-label="Chosen files">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span className="import-form__file-name" title={f.name}>
                  {f.name}
                </span>
                <span className="import-form__muted">{formatBytes(f.size)}</span>
                <button
                  type="button"
                  className="import-form__remove"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {skipped.length > 0 && (
          <p className="import-form__muted">
            Skipped {plural(skipped.length, 'file')} that {skipped.length === 1 ? 'is' : 'are'} not YAML or
            JSON (or hidden): {skipped.slice(0, 5).join(', ')}
            {skipped.length > 5 ? `, and ${formatCount(skipped.length - 5)} more` : ''}.
          </p>
        )}
      </section>

      <fieldset className="import-form__mode">
        <legend>Then</legend>
        <label>
          <input
            type="radio"
            name={ids.mode}
            value="replace"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
          />
          Replace the workspace
        </label>
        <label>
          <input
            type="radio"
            name={ids.mode}
            value="add"
            checked={mode === 'add'}
            onChange={() => setMode('add')}
          />
          Add to the workspace
          <span className="import-form__muted"> ({plural(sources.length, 'source')} now)</span>
        </label>
      </fieldset>

      {error && (
        <p role="alert" className="import-form__error">
          {error}
        </p>
      )}

      <footer className="modal__footer">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button--primary" disabled={busy}>
          {busy ? 'Reading…' : count > 1 ? `Import ${formatCount(count)} sources` : 'Import'}
        </button>
      </footer>
    </form>
  );
}
