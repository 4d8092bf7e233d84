import { useId, useMemo, useState } from 'react';
import { useStudio } from '../../state/store';
import { useReachIndex } from './hooks';
import type { ReachIndex } from './reach-index';

const MAX_SUGGESTIONS = 50;

/**
 * Endpoint ids and IP ranges that contain what was typed (the first 50), as the suggestions of
 * a combobox: a cluster of 10,000 pods must not put 10,000 options in the page.
 */
export function NodeSuggestions({
  id,
  ix,
  query,
  exclude,
}: {
  id: string;
  ix: ReachIndex;
  query: string;
  exclude?: string;
}) {
  const options = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const out: string[] = [];
    for (const node of ix.order) {
      const name = ix.ids[node]!;
      if (name === exclude || (needle !== '' && !name.toLowerCase().includes(needle))) continue;
      out.push(name);
      if (out.length >= MAX_SUGGESTIONS) break;
    }
    return out;
  }, [ix, query, exclude]);
  return (
    <datalist id={id}>
      {options.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}

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
  const ids = { list: useId(), list2: useId(), from: useId(), to: useId(), error: useId() };
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
      <NodeSuggestions id={ids.list} ix={ix} query={from} />
      <NodeSuggestions id={ids.list2} ix={ix} query={to} />
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
          list={ids.list2}
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
