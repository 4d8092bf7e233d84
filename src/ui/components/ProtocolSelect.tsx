import { PROTOCOLS, type Protocol } from '../../model';

/** A labelled TCP / UDP / SCTP choice (the label is for screen readers only). */
export function ProtocolSelect({
  id,
  value,
  onChange,
}: {
  readonly id: string;
  readonly value: Protocol;
  readonly onChange: (protocol: Protocol) => void;
}) {
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Protocol
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Protocol)}>
        {PROTOCOLS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </>
  );
}
