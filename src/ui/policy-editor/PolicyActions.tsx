import { useId, useState, type FormEvent } from 'react';
import type { Policy } from '../../model';
import { useStudio } from '../../state/store';
import './policy-editor.css';

type Asking = null | 'rename' | 'move';

/**
 * Edit, Duplicate, Rename, Move and Delete for one policy (the details panel). Rename and Move ask
 * for the new name or namespace in place; Delete is undoable (Ctrl/Cmd+Z), so it does not ask.
 */
export function PolicyActions({ policy }: { readonly policy: Policy }) {
  const editPolicy = useStudio((s) => s.editPolicy);
  const duplicatePolicy = useStudio((s) => s.duplicatePolicy);
  const deletePolicy = useStudio((s) => s.deletePolicy);
  const renamePolicy = useStudio((s) => s.renamePolicy);
  const movePolicy = useStudio((s) => s.movePolicy);
  const namespaces = useStudio((s) => s.result?.snapshot.namespaces);
  const [asking, setAsking] = useState<Asking>(null);
  const [value, setValue] = useState('');
  const id = useId();
  const ask = (what: Asking) => {
    setAsking(what);
    setValue(what === 'rename' ? policy.name : what === 'move' ? policy.namespace : '');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v !== '') {
      if (asking === 'rename' && v !== policy.name) renamePolicy(policy.id, v);
      if (asking === 'move' && v !== policy.namespace) movePolicy(policy.id, v);
    }
    setAsking(null);
  };
  return (
    <div className="policy-actions">
      <div className="policy-actions__buttons" role="group" aria-label="Policy actions">
        <button type="button" className="button--primary" onClick={() => editPolicy(policy.id)}>
          Edit
        </button>
        <button type="button" onClick={() => duplicatePolicy(policy.id)}>
          Duplicate
        </button>
        <button
          type="button"
          aria-expanded={asking === 'rename'}
          onClick={() => ask(asking === 'rename' ? null : 'rename')}
        >
          Rename
        </button>
        <button
          type="button"
          aria-expanded={asking === 'move'}
          onClick={() => ask(asking === 'move' ? null : 'move')}
        >
          Move
        </button>
        <button type="button" title="Delete (undo with Ctrl+Z)" onClick={() => deletePolicy(policy.id)}>
          Delete
        </button>
      </div>
      {asking && (
        <form className="policy-actions__ask" onSubmit={submit}>
          <label htmlFor={`${id}-value`}>{asking === 'rename' ? 'New name' : 'Move to namespace'}</label>
          <input
            id={`${id}-value`}
            className="mono"
            autoFocus
            value={value}
            list={asking === 'move' ? `${id}-namespaces` : undefined}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setAsking(null);
            }}
          />
          {asking === 'move' && (
            <datalist id={`${id}-namespaces`}>
              {(namespaces ?? []).map((n) => (
                <option key={n.name} value={n.name} />
              ))}
            </datalist>
          )}
          <button type="submit">{asking === 'rename' ? 'Rename' : 'Move'}</button>
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
