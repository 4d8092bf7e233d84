import { memo, useId, useState } from 'react';
import { useStudio } from '../../state/store';
import { useReachIndex } from './hooks';
import type { ReachIndex } from './reach-index';

/** Endpoint ids and IP ranges, as the suggestions of a combobox. */
const NodeOptions = memo(function NodeOptions({ id, ix }: { id: string; ix: ReachIndex }) {
  return (
    <datalist id={id}>
      {Array.from(ix.order, (node) => (
        <option key={node} value={ix.ids[node]} />
      ))}
    </datalist>
  );
});

/** An IPv4/IPv6 address, which the why panel also accepts as an end. */
const looksLikeAddress = (s: string): boolean => /^[0-9.]+$|^[0-9a-f:]+$/i.test(s) && /[.:]/.test(s);

/**
 * Two comboboxes (From, To) over endpoint ids and IP ranges, or any address, and a button that
 * explains that pair, denied or not.
 */
export function PairPicker({ from: initialFrom = '', to: initialTo = '' }: { from?: string; to?: string }) {
  const ix = useReachIndex();
  const select = useStudio((s) => s.select);
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [error, setError] = useState<string | null>(null);
  const ids = { list: useId(), from: useId(), to: useId(), error: useId() };
  if (!ix) return null;
  const known = (s: string) => ix.indexOf(s) !== undefined || looksLikeAddress(s);
  return (
    <form
      className="form-row--stack"
      aria-label="Explain any pair"
      onSubmit={(e) => {
        e.preventDefault();
        const f = from.trim();
        const t = to.trim();
        const unknown = [f, t].filter((x) => !known(x));
        if (unknown.length > 0) {
          setError(`Not an endpoint, an IP range or an address: ${unknown.map((x) => `"${x}"`).join(', ')}`);
          return;
        }
        setError(null);
        select({ kind: 'pair', from: f, to: t });
      }}
    >
      <NodeOptions id={ids.list} ix={ix} />
      <label htmlFor={ids.from}>
        From
        <input
          id={ids.from}
          role="combobox"
          list={ids.list}
          value={from}
          placeholder="namespace/pod or address"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null && !known(from.trim())}
          aria-describedby={error ? ids.error : undefined}
          onChange={(e) => setFrom(e.target.value)}
        />
      </label>
      <label htmlFor={ids.to}>
        To
        <input
          id={ids.to}
          role="combobox"
          list={ids.list}
          value={to}
          placeholder="namespace/pod or address"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null && !known(to.trim())}
          aria-describedby={error ? ids.error : undefined}
          onChange={(e) => setTo(e.target.value)}
        />
      </label>
      <div className="details__actions">
        <button type="submit" disabled={from.trim() === '' || to.trim() === ''}>
          Explain
        </button>
        <button
          type="button"
          aria-label="Swap from and to"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          ⇄ Swap
        </button>
      </div>
      {error && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
