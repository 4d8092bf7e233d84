import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DEMO_SOURCE } from '../../demo';
import { LIVE_SOURCE_ID, parseAddress, useLive } from '../../state/live';
import { useStudio } from '../../state/store';
import { Modal } from '../import/Modal';
import { useNow } from './hooks';
import { addressText, clockTime, groupProblems, KIND_LABELS, statusText } from './live-text';
import './live.css';

/**
 * The cluster dialog: "Connect to cluster" (the API address, blank for this page's origin) while
 * disconnected; the connection's details (status, objects per kind, unreadable resources, skipped
 * kinds) and Disconnect while connected.
 */
export function ConnectDialog() {
  const open = useLive((s) => s.dialogOpen);
  const setDialogOpen = useLive((s) => s.setDialogOpen);
  const titleId = useId();
  const close = () => setDialogOpen(false);
  return (
    <Modal open={open} onClose={close} labelledBy={titleId} className="live-dialog" closeOnBackdrop>
      <LivePanel titleId={titleId} onDone={close} />
    </Modal>
  );
}

function LivePanel({ titleId, onDone }: { readonly titleId: string; readonly onDone: () => void }) {
  const active = useLive((s) => s.status !== 'disconnected');
  const [changing, setChanging] = useState(false);
  const showForm = !active || changing;
  return (
    <>
      <header className="modal__header">
        <h2 id={titleId}>{showForm ? 'Connect to cluster' : 'Cluster connection'}</h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </header>
      {showForm ? (
        <ConnectForm onDone={onDone} />
      ) : (
        <ConnectionDetails onChange={() => setChanging(true)} onDone={onDone} />
      )}
    </>
  );
}

function ConnectForm({ onDone }: { readonly onDone: () => void }) {
  const connect = useLive((s) => s.connect);
  const last = useLive((s) => s.address);
  const sources = useStudio((s) => s.sources);
  const others = sources.filter((s) => s.id !== LIVE_SOURCE_ID);
  const onlyDemo = others.every((s) => s.name === DEMO_SOURCE.name);
  const [address, setAddress] = useState(last ?? '');
  const [replace, setReplace] = useState(onlyDemo);
  const [error, setError] = useState<string | null>(null);
  const ids = { address: useId(), hint: useId(), error: useId(), mode: useId() };
  const input = useRef<HTMLInputElement>(null);
  // After the dialog opens (showModal focuses its first button), the address takes the focus.
  useEffect(() => {
    const timer = setTimeout(() => input.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAddress(address);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    connect(address, { replace: replace && others.length > 0 });
    onDone();
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="live-form">
        <label htmlFor={ids.address} className="live-form__label">
          API address
        </label>
        <input
          ref={input}
          id={ids.address}
          className="live-form__input"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={`${window.location.origin} (this page’s origin)`}
          value={address}
          aria-invalid={error !== null}
          aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
          onChange={(e) => {
            setAddress(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p id={ids.error} role="alert" className="live-form__error">
            {error}
          </p>
        )}
        <p id={ids.hint} className="live-form__hint">
          Leave it blank for this page’s origin: that is where the API is when{' '}
          <code>kubectl proxy --www=dist --www-prefix=/ui/</code> serves the app, or when{' '}
          <code>npm start -- --proxy http://127.0.0.1:8001</code> forwards it. Another address must allow this
          page’s origin (CORS), which kubectl proxy does not. The app only reads (list and watch); it never
          writes to the cluster.
        </p>
        {others.length > 0 && (
          <fieldset className="live-form__mode">
            <legend>The workspace’s other sources</legend>
            <label>
              <input type="radio" name={ids.mode} checked={replace} onChange={() => setReplace(true)} />{' '}
              Replace them with the cluster
            </label>
            <label>
              <input type="radio" name={ids.mode} checked={!replace} onChange={() => setReplace(false)} />{' '}
              Keep them beside the cluster
            </label>
          </fieldset>
        )}
      </div>
      <footer className="modal__footer">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button--primary">
          Connect
        </button>
      </footer>
    </form>
  );
}

const PHASE_TEXT: Readonly<Record<string, string>> = {
  listing: 'listing…',
  watching: 'watching',
  queued: 'waiting for its turn',
  retrying: 'reconnecting',
  forbidden: 'forbidden',
  missing: 'not served: skipped',
  failed: 'failed',
};

function ConnectionDetails({
  onChange,
  onDone,
}: {
  readonly onChange: () => void;
  readonly onDone: () => void;
}) {
  const live = useLive();
  const now = useNow(live.status === 'reconnecting');
  const origin = window.location.origin;
  return (
    <>
      <div className="live-details">
        <dl className="live-details__facts">
          <dt>Address</dt>
          <dd>{addressText(live.address ?? '', origin)}</dd>
          <dt>Status</dt>
          <dd className={`live-details__status live-details__status--${live.status}`}>
            {statusText(live.status, live.retryAt, now)}
          </dd>
          <dt>Last update</dt>
          <dd>{live.lastUpdate === null ? 'none yet' : clockTime(live.lastUpdate)}</dd>
        </dl>
        {live.problems.length > 0 && (
          <section aria-labelledby="live-problems-heading" className="live-details__problems">
            <h3 id="live-problems-heading">Cannot read</h3>
            <ul>
              {groupProblems(live.problems).map((p) => (
                <li key={p.message}>
                  <strong>{p.resources.join(', ')}</strong>: {p.message}
                </li>
              ))}
            </ul>
          </section>
        )}
        <table className="live-details__table" aria-label="Objects read from the cluster">
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Objects</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {live.resources.map((r) => {
              const label = KIND_LABELS.find((k) => k.plural === r.type.plural);
              return (
                <tr key={r.type.plural}>
                  <th scope="row">{label?.many ?? r.type.plural}</th>
                  <td>{r.phase === 'missing' ? '—' : r.count}</td>
                  <td>{PHASE_TEXT[r.phase] ?? r.phase}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {live.notes.length > 0 && (
          <ul className="live-details__notes" aria-label="Skipped kinds">
            {live.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <p className="live-form__hint">Read-only: list and watch. Nothing is written to the cluster.</p>
      </div>
      <footer className="modal__footer live-details__actions">
        <button type="button" onClick={onChange}>
          Other address…
        </button>
        <button type="button" onClick={() => live.disconnect()}>
          Disconnect
        </button>
        <button type="button" onClick={() => live.disconnect({ removeObjects: true })}>
          Disconnect and remove its objects
        </button>
        <button type="button" className="button--primary" onClick={onDone}>
          Close
        </button>
      </footer>
    </>
  );
}
