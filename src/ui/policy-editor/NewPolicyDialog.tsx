import { useId, useState } from 'react';
import { newPolicyText, TEMPLATES, type TemplateParam } from '../../io/policy-edit';
import { useStudio } from '../../state/store';
import { Modal } from '../import/Modal';
import './policy-editor.css';

const BLANK = 'blank';

const PARAM_LABELS: Readonly<Record<TemplateParam, string>> = {
  namespace: 'Namespace',
  name: 'Policy name',
  fromNamespace: 'Allow from namespace',
  controllerNamespace: 'Ingress controller namespace',
  controllerPodLabel: 'Ingress controller pod label (key=value)',
  port: 'Port (number or name)',
};

const BLANK_TEMPLATE = {
  id: BLANK,
  title: 'Blank policy',
  explanation:
    'An empty policy in a namespace: it selects every pod there and, with no rules yet, isolates them for ingress. Add a selector and rules in the form.',
  params: ['namespace', 'name'] as readonly TemplateParam[],
  defaults: { namespace: 'default', name: 'new-policy' } as Readonly<Partial<Record<TemplateParam, string>>>,
};

/** The "New policy…" button and its dialog: blank or a template, with the template's parameters. */
export function NewPolicyButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        title="Create a NetworkPolicy from scratch or from a template"
        onClick={() => setOpen(true)}
      >
        New policy…
      </button>
      <Modal open={open} onClose={() => setOpen(false)} labelledBy="new-policy-title" className="new-policy">
        <NewPolicyForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function NewPolicyForm({ onDone }: { readonly onDone: () => void }) {
  const newPolicy = useStudio((s) => s.newPolicy);
  const namespaces = useStudio((s) => s.result?.snapshot.namespaces);
  const selectedNs = useStudio((s) => (s.selection?.kind === 'namespace' ? s.selection.id : null));
  const id = useId();
  const [chosen, setChosen] = useState(BLANK);
  const [values, setValues] = useState<Partial<Record<TemplateParam, string>>>({});
  const template =
    chosen === BLANK ? BLANK_TEMPLATE : (TEMPLATES.find((t) => t.id === chosen) ?? BLANK_TEMPLATE);
  const valueOf = (p: TemplateParam): string =>
    values[p] ?? (p === 'namespace' && selectedNs ? selectedNs : (template.defaults[p] ?? ''));
  const create = () => {
    const params: Partial<Record<TemplateParam, string>> = {};
    for (const p of template.params) {
      const v = valueOf(p).trim();
      if (v !== '') params[p] = v;
    }
    const tpl = TEMPLATES.find((t) => t.id === chosen);
    const text = tpl
      ? tpl.build(params)
      : newPolicyText(params.namespace ?? 'default', params.name ?? 'new-policy');
    newPolicy(text);
    onDone();
  };
  const nsListId = `${id}-namespaces`;
  return (
    <form
      className="new-policy__form"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <header className="modal__header">
        <h2 id="new-policy-title">New policy</h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </header>
      <div className="new-policy__body">
        <fieldset className="pe__fields">
          <legend className="visually-hidden">Start from</legend>
          <ul className="new-policy__list">
            {[BLANK_TEMPLATE, ...TEMPLATES].map((t) => (
              <li key={t.id}>
                <label>
                  <input
                    type="radio"
                    name={`${id}-template`}
                    value={t.id}
                    checked={chosen === t.id}
                    onChange={() => setChosen(t.id)}
                  />
                  {t.title}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div>
          <p className="new-policy__explain" aria-live="polite">
            {template.explanation}
          </p>
          <datalist id={nsListId}>
            {(namespaces ?? []).map((n) => (
              <option key={n.name} value={n.name} />
            ))}
          </datalist>
          <div className="new-policy__params">
            {template.params.map((p) => (
              <div className="pe-field" key={p}>
                <label className="pe-field__label" htmlFor={`${id}-${p}`}>
                  {PARAM_LABELS[p]}
                </label>
                <input
                  id={`${id}-${p}`}
                  className="mono"
                  value={valueOf(p)}
                  list={
                    p === 'namespace' || p === 'fromNamespace' || p === 'controllerNamespace'
                      ? nsListId
                      : undefined
                  }
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => setValues({ ...values, [p]: e.target.value })}
                />
              </div>
            ))}
          </div>
        </div>
      </div>
      <footer className="modal__footer">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button--primary">
          Create
        </button>
      </footer>
    </form>
  );
}
