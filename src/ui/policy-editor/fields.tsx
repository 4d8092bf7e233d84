import { useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../model';

/** The importer's messages for one field, next to it (announced as they change). */
export function FieldMessages({
  diagnostics,
  id,
}: {
  readonly diagnostics: readonly Diagnostic[];
  readonly id?: string;
}) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="pe-messages" id={id} aria-live="polite">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`pe-message pe-message--${d.severity}`}>
          <span className="pe-message__code">{d.code}</span> {d.message}
        </li>
      ))}
    </ul>
  );
}

export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Called on every keystroke (live), or only on blur and Enter when `commitOn` is 'blur'. */
  readonly onCommit: (text: string) => void;
  readonly commitOn?: 'input' | 'blur';
  readonly placeholder?: string;
  readonly list?: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly hideLabel?: boolean;
  readonly className?: string;
  readonly inputMode?: 'numeric' | 'text';
  readonly mono?: boolean;
}

/**
 * A labelled text input over a value that lives in the YAML. While focused it shows what is being
 * typed (so a re-parse never rewrites it under the cursor: `08` stays `08`); otherwise the value.
 */
export function TextField({
  id,
  label,
  value,
  onCommit,
  commitOn = 'input',
  placeholder,
  list,
  diagnostics = [],
  hideLabel = false,
  className,
  inputMode,
  mono = true,
}: TextFieldProps) {
  const [typing, setTyping] = useState<string | null>(null);
  const invalid = diagnostics.some((d) => d.severity === 'error');
  const messagesId = `${id}-messages`;
  const commit = (text: string) => {
    if (text !== value) onCommit(text);
  };
  return (
    <div className={`pe-field ${className ?? ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'pe-field__label'}>
        {label}
      </label>
      <input
        id={id}
        className={mono ? 'mono' : undefined}
        value={typing ?? value}
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={diagnostics.length > 0 ? messagesId : undefined}
        onFocus={() => setTyping(value)}
        onChange={(e) => {
          setTyping(e.target.value);
          if (commitOn === 'input') commit(e.target.value);
        }}
        onBlur={(e) => {
          setTyping(null);
          if (commitOn === 'blur') commit(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && commitOn === 'blur') commit(e.currentTarget.value);
        }}
      />
      <FieldMessages diagnostics={diagnostics} id={messagesId} />
    </div>
  );
}

/** A small button that removes something; its accessible name says what. */
export function RemoveButton({ label, onClick }: { readonly label: string; readonly onClick: () => void }) {
  return (
    <button type="button" className="pe-remove" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}

/** The "OR" / "AND" between peers, and between the two selectors of one peer. */
export function Joiner({ children }: { readonly children: ReactNode }) {
  return (
    <div
      className="pe-joiner"
      role="separator"
      aria-label={typeof children === 'string' ? children : undefined}
    >
      <span>{children}</span>
    </div>
  );
}
