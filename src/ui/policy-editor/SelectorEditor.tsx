import { useState } from 'react';
import { selectorMatches } from '../../engine';
import type { Endpoint } from '../../model';
import type { EditPath, SelectorForm } from '../../io/policy-edit';
import { useForm } from './context';
import { FieldMessages, RemoveButton, TextField } from './fields';
import {
  diagnosticsAt,
  fieldText,
  operatorTakesValues,
  pathText,
  selectedEndpoints,
  selectorOfForm,
  type LabelCatalogue,
} from './form-model';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const SHOWN = 8;

export interface SelectorEditorProps {
  /** Where the selector is: `['spec', 'podSelector']`, `[..., 'from', 0, 'namespaceSelector']`. */
  readonly path: EditPath;
  readonly form: SelectorForm;
  /** Pods (label suggestions from pods) or namespaces. */
  readonly of: 'pods' | 'namespaces';
  readonly title: string;
  /** What the empty selector means here, in words. */
  readonly emptyMeaning: string;
}

/** Suggestions for a selector's keys and values, as datalists (one per catalogue and key). */
function Suggestions({
  id,
  catalogue,
  keyName,
}: {
  id: string;
  catalogue: LabelCatalogue;
  keyName?: string;
}) {
  const options = keyName === undefined ? [...catalogue.keys()] : (catalogue.get(keyName) ?? []);
  return (
    <datalist id={id}>
      {options.map((o) => (
        <option key={o} value={o} />
      ))}
    </datalist>
  );
}

/** One label selector: matchLabels rows and matchExpressions with every operator, with suggestions. */
export function SelectorEditor({ path, form, of, title, emptyMeaning }: SelectorEditorProps) {
  const ctx = useForm();
  const catalogue = of === 'pods' ? ctx.podLabels : ctx.namespaceLabels;
  const base = `${ctx.idPrefix}-${pathText(path).replace(/[^\w-]/g, '_')}`;
  const keysId = `${base}-keys`;
  const labels = [...path, 'matchLabels'];
  const exprs = [...path, 'matchExpressions'];
  const empty = form.matchLabels.length === 0 && form.matchExpressions.length === 0;
  const [adding, setAdding] = useState(false);
  return (
    <fieldset className="pe-selector" aria-label={title}>
      <legend className="pe-selector__title">{title}</legend>
      <Suggestions id={keysId} catalogue={catalogue} />
      {form.raw !== undefined && <p className="pe-note pe-note--warn mono">{form.raw}</p>}
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, path)} />
      {empty && form.raw === undefined && <p className="pe-note">{emptyMeaning}</p>}
      {form.matchLabels.length > 0 && (
        <ul className="pe-rows" aria-label="Labels">
          {form.matchLabels.map(([key, value], i) => {
            const valuesId = `${base}-l${i}-values`;
            return (
              <li key={`${i}-${key}`} className="pe-row">
                <TextField
                  id={`${base}-l${i}-key`}
                  label="Label key"
                  hideLabel
                  value={key}
                  placeholder="key"
                  list={keysId}
                  commitOn="blur"
                  onCommit={(k) => {
                    ctx.edit(
                      { op: 'delete', path: [...labels, key] },
                      { op: 'set', path: [...labels, k], value },
                    );
                  }}
                />
                <span className="pe-row__op">=</span>
                <Suggestions id={valuesId} catalogue={catalogue} keyName={key} />
                <TextField
                  id={`${base}-l${i}-value`}
                  label={`Value of ${key || 'the label'}`}
                  hideLabel
                  value={value}
                  placeholder="value"
                  list={valuesId}
                  onCommit={(v) => ctx.edit({ op: 'set', path: [...labels, key], value: v })}
                />
                <RemoveButton
                  label={`Remove label ${key}`}
                  onClick={() => ctx.edit({ op: 'delete', path: [...labels, key] })}
                />
              </li>
            );
          })}
        </ul>
      )}
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, labels, true)} />
      {form.matchExpressions.length > 0 && (
        <ul className="pe-rows" aria-label="Expressions">
          {form.matchExpressions.map((e) => {
            const at = [...exprs, e.index];
            const key = fieldText(e.key);
            const operator = fieldText(e.operator);
            const valuesId = `${base}-e${e.index}-values-list`;
            return (
              <li key={e.index} className="pe-row pe-row--expr">
                <TextField
                  id={`${base}-e${e.index}-key`}
                  label="Expression key"
                  hideLabel
                  value={key}
                  placeholder="key"
                  list={keysId}
                  diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'key'])}
                  onCommit={(k) => ctx.edit({ op: 'set', path: [...at, 'key'], value: k })}
                />
                <label htmlFor={`${base}-e${e.index}-op`} className="visually-hidden">
                  Operator
                </label>
                <select
                  id={`${base}-e${e.index}-op`}
                  value={operator}
                  onChange={(ev) => {
                    const op = ev.target.value;
                    const cmds = [{ op: 'set' as const, path: [...at, 'operator'], value: op }];
                    if (!operatorTakesValues(op))
                      ctx.edit(...cmds, { op: 'delete', path: [...at, 'values'] });
                    else ctx.edit(...cmds);
                  }}
                >
                  {!OPERATORS.includes(operator as (typeof OPERATORS)[number]) && (
                    <option value={operator}>{operator}</option>
                  )}
                  {OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
                {operatorTakesValues(operator) || e.values.length > 0 ? (
                  <>
                    <Suggestions id={valuesId} catalogue={catalogue} keyName={key} />
                    <TextField
                      id={`${base}-e${e.index}-values`}
                      label={`Values of ${key || 'the expression'} (comma-separated)`}
                      hideLabel
                      value={e.values.map(fieldText).join(', ')}
                      placeholder="value, value"
                      list={valuesId}
                      diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'values'], true)}
                      onCommit={(text) => {
                        const values = text
                          .split(',')
                          .map((v) => v.trim())
                          .filter((v, i, all) => v !== '' || i < all.length - 1);
                        ctx.edit({ op: 'set', path: [...at, 'values'], value: values });
                      }}
                    />
                  </>
                ) : (
                  <span className="pe-row__hint">
                    {operator === 'Exists' ? 'has the key' : 'lacks the key'}
                  </span>
                )}
                <RemoveButton
                  label={`Remove expression ${key}`}
                  onClick={() => ctx.edit({ op: 'delete', path: at })}
                />
                <FieldMessages
                  diagnostics={diagnosticsAt(ctx.diagnostics, at).concat(
                    diagnosticsAt(ctx.diagnostics, [...at, 'operator']),
                  )}
                />
              </li>
            );
          })}
        </ul>
      )}
      {adding && (
        <NewLabelRow
          id={`${base}-new`}
          keysId={keysId}
          catalogue={catalogue}
          onCommit={(key, value) => {
            setAdding(false);
            if (key !== '') ctx.edit({ op: 'set', path: [...labels, key], value });
          }}
        />
      )}
      <div className="pe-actions">
        <button type="button" disabled={adding} onClick={() => setAdding(true)}>
          + Label
        </button>
        <button
          type="button"
          onClick={() =>
            ctx.edit({ op: 'insert', path: exprs, value: { key: '', operator: 'In', values: [] } })
          }
        >
          + Expression
        </button>
      </div>
    </fieldset>
  );
}

/**
 * A label being added: key and value stay here until the key is filled and the focus leaves the
 * row (or Enter), then the pair goes into the YAML at once (no empty key is ever written).
 */
function NewLabelRow({
  id,
  keysId,
  catalogue,
  onCommit,
}: {
  readonly id: string;
  readonly keysId: string;
  readonly catalogue: LabelCatalogue;
  readonly onCommit: (key: string, value: string) => void;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const valuesId = `${id}-values`;
  const done = () => onCommit(key.trim(), value.trim());
  return (
    <div
      className="pe-row pe-row--new"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) done();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          done();
        } else if (e.key === 'Escape') onCommit('', '');
      }}
    >
      <div className="pe-field">
        <label htmlFor={`${id}-key`} className="visually-hidden">
          New label key
        </label>
        <input
          id={`${id}-key`}
          className="mono"
          autoFocus
          value={key}
          placeholder="key"
          list={keysId}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setKey(e.target.value)}
        />
      </div>
      <span className="pe-row__op">=</span>
      <Suggestions id={valuesId} catalogue={catalogue} keyName={key.trim()} />
      <div className="pe-field">
        <label htmlFor={`${id}-value`} className="visually-hidden">
          New label value
        </label>
        <input
          id={`${id}-value`}
          className="mono"
          value={value}
          placeholder="value"
          list={valuesId}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
    </div>
  );
}

/** A live count and short list of the endpoints a selector picks. */
export function SelectedList({
  endpoints,
  what,
}: {
  readonly endpoints: readonly Endpoint[] | null;
  /** The words after the count: for one endpoint, and for any other number. */
  readonly what: readonly [one: string, many: string];
}) {
  const [all, setAll] = useState(false);
  if (endpoints === null) return <p className="pe-note">Fix the selector to see the endpoints it selects.</p>;
  const shown = all ? endpoints : endpoints.slice(0, SHOWN);
  return (
    <div className="pe-selected" aria-live="polite">
      <p className="pe-selected__count">
        <strong>{endpoints.length.toLocaleString('en')}</strong> {endpoints.length === 1 ? what[0] : what[1]}
        {endpoints.length === 0 ? ' — it selects nothing in this workspace' : ''}
      </p>
      {endpoints.length > 0 && (
        <ul className="pe-selected__list">
          {shown.map((e) => (
            <li key={e.id} className="mono" title={e.id}>
              {e.id}
            </li>
          ))}
          {endpoints.length > SHOWN && (
            <li>
              <button type="button" className="link-button" onClick={() => setAll(!all)}>
                {all ? 'Show fewer' : `and ${(endpoints.length - SHOWN).toLocaleString('en')} more`}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** The endpoints a pod selector in the policy's namespace picks, or null when it cannot be read. */
export function usePodsInNamespace(form: SelectorForm | null): Endpoint[] | null {
  const ctx = useForm();
  if (!form) return null;
  const selector = selectorOfForm(form);
  if (!selector) return null;
  return selectedEndpoints(
    ctx.endpoints,
    ctx.namespaces,
    { namespace: ctx.namespace },
    selector,
    selectorMatches,
  );
}
