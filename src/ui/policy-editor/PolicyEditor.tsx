import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../../model';
import {
  applyEdits,
  parsePolicyText,
  policySetYaml,
  type EditCommand,
  type PolicyForm,
} from '../../io/policy-edit';
import { useStudio } from '../../state/store';
import { DraftYamlEditor } from '../editor/DraftYamlEditor';
import { FormCtx, useForm, type FormContext } from './context';
import { FieldMessages, TextField } from './fields';
import {
  diagnosticsAt,
  fieldText,
  labelCatalogue,
  namedPorts,
  policyTypesNote,
  undoStepOf,
} from './form-model';
import { ImpactPanel } from './ImpactPanel';
import { markersOf } from './markers';
import { RuleCard } from './RuleCard';
import { UsePicked } from './UsePicked';
import { SelectedList, SelectorEditor, usePodsInNamespace } from './SelectorEditor';
import { Splitter } from './Splitter';
import './policy-editor.css';

type View = 'form' | 'yaml' | 'both';
type Draft = { readonly uid: string; readonly baseId: string | null; readonly text: string };

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** The policy editor: shown while a draft exists (Edit, New policy), in place of the details. */
export function PolicyEditor() {
  const draft = useStudio((s) => s.draft);
  if (!draft) return null;
  return <DraftEditor key={draft.uid} draft={draft} />;
}

function DraftEditor({ draft }: { readonly draft: Draft }) {
  const updateDraft = useStudio((s) => s.updateDraft);
  const applyDraft = useStudio((s) => s.applyDraft);
  const discardDraft = useStudio((s) => s.discardDraft);
  const impact = useStudio((s) => s.impact);
  const impactStatus = useStudio((s) => s.impactStatus);
  const draftError = useStudio((s) => s.draftError);
  const result = useStudio((s) => s.result);
  const picked = useStudio((s) => s.picked);
  const idPrefix = `pe${useId().replace(/[^\w]/g, '')}`;
  const [view, setView] = useState<View>('both');
  const [wholeSet, setWholeSet] = useState(false);
  const [share, setShare] = useState(0.55);
  const [editError, setEditError] = useState<string | null>(null);

  const root = useRef<HTMLElement>(null);
  // On a phone the editor comes after the views: bring it into sight when a draft opens.
  useEffect(() => {
    if (matchMedia('(max-width: 900px)').matches) root.current?.scrollIntoView({ block: 'start' });
  }, []);

  const parsed = useMemo(() => parsePolicyText(draft.text), [draft.text]);
  const parsedOk = parsed.form !== null && parsed.yamlErrors.length === 0;
  // The last form that parsed: shown (greyed) while the YAML is broken, so nothing vanishes.
  const [lastGood, setLastGood] = useState<PolicyForm | null>(parsedOk ? parsed.form : null);
  if (parsedOk && parsed.form !== lastGood) setLastGood(parsed.form);
  const form = parsedOk ? parsed.form : lastGood;
  const diagnostics = useMemo(
    () => (parsedOk ? parsed.diagnostics.filter((d) => d.code !== 'OBJECT_EXCLUDED') : NO_DIAGNOSTICS),
    [parsedOk, parsed.diagnostics],
  );

  const edit = useCallback(
    (...commands: EditCommand[]) => {
      // The store's text, not this render's: a typed change may have landed since.
      const current = useStudio.getState().draft;
      if (!current || current.uid !== draft.uid) return false;
      const r = applyEdits(current.text, commands);
      if (!r.ok) {
        setEditError(r.message);
        return false;
      }
      setEditError(null);
      if (r.text !== current.text) updateDraft(r.text, undoStepOf(current.uid, commands));
      return true;
    },
    [draft.uid, updateDraft],
  );

  const snapshot = result?.snapshot ?? null;
  const namespace = form ? fieldText(form.namespace) || 'default' : 'default';
  // The suggestions depend on the workspace only, not on each keystroke.
  const suggestions = useMemo(() => {
    const endpoints = snapshot?.endpoints ?? [];
    const namespaces = snapshot?.namespaces ?? [];
    return {
      endpoints,
      namespaces,
      podLabels: labelCatalogue(endpoints.map((e) => e.labels)),
      namespaceLabels: labelCatalogue(namespaces.map((n) => n.labels)),
    };
  }, [snapshot]);
  const ctx = useMemo<FormContext>(
    () => ({ ...suggestions, edit, diagnostics, namespace, snapshot, picked, idPrefix }),
    [suggestions, edit, diagnostics, namespace, snapshot, picked, idPrefix],
  );

  const markers = useMemo(() => markersOf(parsed.yamlErrors, parsed.diagnostics), [parsed]);
  const wholeSetText = useMemo(() => {
    if (!wholeSet) return '';
    const others = (snapshot?.policies ?? []).filter(
      (p) => p.id !== draft.baseId && (!parsed.policy || p.id !== parsed.policy.id),
    );
    return policySetYaml(parsed.policy ? [...others, parsed.policy] : others);
  }, [wholeSet, snapshot, draft.baseId, parsed.policy]);

  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const blocked = !parsedOk
    ? 'The YAML does not parse: fix it (see the marks in the editor) to apply.'
    : errors.length > 0
      ? `The API server would reject this policy (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}): fix ${errors.length === 1 ? 'it' : 'them'} to apply.`
      : null;
  const computing = impactStatus === 'running';
  const title = form ? `${namespace}/${fieldText(form.name) || '(no name)'}` : 'policy';

  return (
    <section ref={root} className="pe" aria-labelledby={`${idPrefix}-title`} data-view={view}>
      <header className="pe__header">
        <div className="pe__title">
          <p className="pe__kind">{draft.baseId === null ? 'New NetworkPolicy' : 'Editing NetworkPolicy'}</p>
          <h2 className="mono" title={title} id={`${idPrefix}-title`}>
            {title}
          </h2>
        </div>
        <div className="pe__views" role="group" aria-label="Show">
          {(['form', 'both', 'yaml'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'form' ? 'Form' : v === 'yaml' ? 'YAML' : 'Both'}
            </button>
          ))}
        </div>
      </header>
      <div className="pe__body">
        {view !== 'yaml' && (
          <div
            className="pe__form"
            id={`${idPrefix}-form`}
            style={view === 'both' ? { flex: `0 0 ${(share * 100).toFixed(1)}%` } : undefined}
          >
            {!parsedOk && (
              <p className="pe-note pe-note--warn pe__stale" role="status">
                {form
                  ? 'The YAML does not parse: the form shows its last good state and waits. Nothing is lost; fix the YAML to go on.'
                  : 'The YAML does not parse to a NetworkPolicy yet: fix it in the YAML editor.'}
              </p>
            )}
            {editError && (
              <p className="pe-note pe-note--warn" role="alert">
                That edit could not be applied: {editError}
              </p>
            )}
            {diagnostics.length > 0 && <ProblemsSummary diagnostics={diagnostics} />}
            {form && (
              <FormCtx.Provider value={ctx}>
                <fieldset className="pe__fields" disabled={!parsedOk} aria-label="Policy form">
                  <PolicyFields form={form} />
                </fieldset>
              </FormCtx.Provider>
            )}
          </div>
        )}
        {view === 'both' && <Splitter share={share} onChange={setShare} controls={`${idPrefix}-form`} />}
        {view !== 'form' && (
          <div className="pe__yaml">
            <div className="pe__yaml-bar">
              <label>
                <input type="checkbox" checked={wholeSet} onChange={(e) => setWholeSet(e.target.checked)} />{' '}
                Show the whole policy set (read-only)
              </label>
            </div>
            {wholeSet ? (
              <DraftYamlEditor
                key="set"
                text={wholeSetText}
                readOnly
                markers={[]}
                modelName={`policy-set-${draft.uid}`}
                schema={false}
                ariaLabel="The whole policy set (read-only)"
                className="pe__monaco"
              />
            ) : (
              <DraftYamlEditor
                key="draft"
                text={draft.text}
                onChange={updateDraft}
                markers={markers}
                modelName={`draft-${draft.uid}`}
                ariaLabel={`YAML of ${title}`}
                className="pe__monaco"
              />
            )}
          </div>
        )}
      </div>
      <ImpactPanel
        impact={impact}
        computing={computing}
        error={
          impactStatus === 'error' || draftError !== null
            ? (draftError ?? 'The impact could not be computed.')
            : null
        }
        blocked={blocked}
        onApply={applyDraft}
        onDiscard={discardDraft}
      />
    </section>
  );
}

function PolicyFields({ form }: { readonly form: PolicyForm }) {
  return (
    <>
      <NameFields form={form} />
      <SubjectFields form={form} />
      <TypesFields form={form} />
      <RulesFields form={form} direction="ingress" />
      <RulesFields form={form} direction="egress" />
    </>
  );
}

function NameFields({ form }: { readonly form: PolicyForm }) {
  const ctx = useForm();
  const nsList = `${ctx.idPrefix}-namespaces`;
  return (
    <div className="pe-section pe-names">
      <TextField
        id={`${ctx.idPrefix}-name`}
        label="Name"
        value={fieldText(form.name)}
        diagnostics={diagnosticsAt(ctx.diagnostics, ['metadata', 'name'])}
        onCommit={(v) => ctx.edit({ op: 'set', path: ['metadata', 'name'], value: v })}
      />
      <datalist id={nsList}>
        {ctx.namespaces.map((n) => (
          <option key={n.name} value={n.name} />
        ))}
      </datalist>
      <TextField
        id={`${ctx.idPrefix}-namespace`}
        label="Namespace"
        value={fieldText(form.namespace)}
        placeholder="default"
        list={nsList}
        diagnostics={diagnosticsAt(ctx.diagnostics, ['metadata', 'namespace'])}
        onCommit={(v) =>
          ctx.edit(
            v === ''
              ? { op: 'delete', path: ['metadata', 'namespace'] }
              : { op: 'set', path: ['metadata', 'namespace'], value: v },
          )
        }
      />
      <FieldMessages
        diagnostics={diagnosticsAt(ctx.diagnostics, ['metadata']).concat(diagnosticsAt(ctx.diagnostics, []))}
      />
    </div>
  );
}

function SubjectFields({ form }: { readonly form: PolicyForm }) {
  const ctx = useForm();
  const pods = usePodsInNamespace(form.podSelector);
  return (
    <section className="pe-section" aria-label="Applies to">
      <div className="pe-section__head">
        <h3>Applies to</h3>
        <UsePicked
          onProposal={(p) => {
            if (p.namespaceSelector)
              return 'The picked pods are in several namespaces; a policy applies to pods of its own namespace only.';
            if (p.namespace !== undefined && p.namespace !== ctx.namespace)
              return `The picked pods are in ${p.namespace}; this policy is in ${ctx.namespace}. Change its namespace first.`;
            ctx.edit({ op: 'set', path: ['spec', 'podSelector'], value: p.podSelector });
            return null;
          }}
        />
      </div>
      <SelectorEditor
        path={['spec', 'podSelector']}
        form={form.podSelector}
        of="pods"
        title={`Pods in ${ctx.namespace} with`}
        emptyMeaning={`Empty selector: every pod in ${ctx.namespace}.`}
      />
      <SelectedList
        endpoints={pods}
        what={[`endpoint selected in ${ctx.namespace}`, `endpoints selected in ${ctx.namespace}`]}
      />
    </section>
  );
}

function TypesFields({ form }: { readonly form: PolicyForm }) {
  const ctx = useForm();
  const written = form.policyTypes;
  const hasEgress = form.egress !== null && form.egress.length > 0;
  const effective: readonly string[] = form.effectivePolicyTypes;
  const toggle = (type: 'Ingress' | 'Egress', on: boolean) => {
    const next = (['Ingress', 'Egress'] as const).filter((t) => (t === type ? on : effective.includes(t)));
    ctx.edit({ op: 'set', path: ['spec', 'policyTypes'], value: next });
  };
  return (
    <section className="pe-section" aria-label="Policy types">
      <h3>Isolates</h3>
      <div className="pe-types">
        {(['Ingress', 'Egress'] as const).map((t) => (
          <label key={t} className="pe-check">
            <input
              type="checkbox"
              checked={effective.includes(t)}
              onChange={(e) => toggle(t, e.target.checked)}
            />{' '}
            {t}
          </label>
        ))}
        {written !== null && (
          <button
            type="button"
            className="link-button"
            onClick={() => ctx.edit({ op: 'delete', path: ['spec', 'policyTypes'] })}
          >
            Let the API server decide
          </button>
        )}
      </div>
      <p className="pe-note">{policyTypesNote(written, hasEgress)}</p>
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, ['spec', 'policyTypes'], true)} />
    </section>
  );
}

function RulesFields({
  form,
  direction,
}: {
  readonly form: PolicyForm;
  readonly direction: 'ingress' | 'egress';
}) {
  const ctx = useForm();
  const rules = form[direction];
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const isolated = form.effectivePolicyTypes.includes(type);
  const subjectPorts = usePodsInNamespace(form.podSelector);
  const portNames = useMemo(
    () => namedPorts(direction === 'ingress' ? (subjectPorts ?? []) : ctx.endpoints),
    [direction, subjectPorts, ctx.endpoints],
  );
  return (
    <section className="pe-section" aria-label={`${type} rules`}>
      <h3>{type} rules</h3>
      <p className="pe-note">
        {!isolated
          ? `Not isolated for ${direction}: every ${direction === 'ingress' ? 'inbound' : 'outbound'} connection is allowed whatever the rules say.`
          : rules === null || rules.length === 0
            ? `No ${direction} rule: every ${direction === 'ingress' ? 'inbound' : 'outbound'} connection of the selected pods is denied (unless another policy allows it).`
            : `Allowed: what any of these rules allows (rules add up).`}
      </p>
      {rules !== null && rules.length > 0 && (
        <ol className="pe-rules">
          {rules.map((r) => (
            <RuleCard key={r.index} direction={direction} rule={r} portNames={portNames} />
          ))}
        </ol>
      )}
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, ['spec', direction])} />
      <div className="pe-actions">
        <button
          type="button"
          onClick={() => ctx.edit({ op: 'insert', path: ['spec', direction], value: {} })}
        >
          + {type} rule
        </button>
      </div>
    </section>
  );
}

/** Every problem of the draft in one list (each is also shown next to its field, when it has one). */
function ProblemsSummary({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const n = diagnostics.length;
  return (
    <details className="pe-problems">
      <summary>
        {n} {n === 1 ? 'problem' : 'problems'} in this policy
        {errors > 0 ? ` (${errors} the API server would reject)` : ''}
      </summary>
      <ul className="pe-messages">
        {diagnostics.map((d, i) => (
          <li key={`${d.code}-${i}`} className={`pe-message pe-message--${d.severity}`}>
            {d.path && <span className="mono">{d.path}: </span>}
            {d.message} <span className="pe-message__code">{d.code}</span>
            {d.line !== undefined && <span className="muted"> (line {d.line})</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
