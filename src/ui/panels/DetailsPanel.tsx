import { useEffect, useMemo, useRef } from 'react';
import { useStudio } from '../../state/store';
import { LabelChips } from '../components/LabelChips';
import { EndpointDetails } from './EndpointDetails';
import { PolicyLink } from './links';
import { PairPicker } from './PairPicker';
import { PolicyDetails } from './PolicyDetails';
import { WhyPanel } from './WhyPanel';
import './panels.css';

/** The right aside: details of what is selected (endpoint, namespace, policy, or a pair's why). */
export function DetailsPanel() {
  const selection = useStudio((s) => s.selection);
  const snapshot = useStudio((s) => s.result?.snapshot);
  const select = useStudio((s) => s.select);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // On a narrow screen the details sit below the views: bring them into sight when something is chosen.
    const el = root.current;
    if (!selection || !el || !window.matchMedia('(max-width: 900px)').matches) return;
    const top = el.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.8 || top < 0) el.scrollIntoView({ block: 'start' });
  }, [selection]);
  if (!snapshot) return <p className="details__hint">The analysis is not ready yet.</p>;

  let body;
  if (selection?.kind === 'pair') {
    body = <WhyPanel from={selection.from} to={selection.to} />;
  } else if (selection?.kind === 'endpoint') {
    body = <EndpointDetails key={selection.id} id={selection.id} />;
  } else if (selection?.kind === 'policy') {
    const policy = snapshot.policies.find((p) => p.id === selection.id);
    body = policy ? (
      <PolicyDetails key={policy.id} policy={policy} />
    ) : (
      <p className="form-error">The policy {selection.id} is no longer in the workspace.</p>
    );
  } else if (selection?.kind === 'namespace') {
    body = <NamespaceDetails name={selection.id} />;
  } else {
    body = (
      <div className="details">
        <p className="details__hint">
          Select a pod, a policy or a connection to see its details, or ask about any pair of endpoints:
        </p>
        <section aria-label="Explain any pair">
          <h2>Why can… reach…?</h2>
          <PairPicker />
        </section>
      </div>
    );
  }
  return (
    <div className="details-panel" ref={root}>
      {selection && (
        <div className="details__actions" style={{ justifyContent: 'flex-end', marginBottom: '0.25rem' }}>
          <button type="button" aria-label="Clear selection" onClick={() => select(null)}>
            × Clear
          </button>
        </div>
      )}
      {body}
    </div>
  );
}

function NamespaceDetails({ name }: { name: string }) {
  const snapshot = useStudio((s) => s.result?.snapshot);
  const ns = snapshot?.namespaces.find((n) => n.name === name);
  const { pods, policies } = useMemo(
    () => ({
      pods: snapshot?.endpoints.filter((e) => e.namespace === name).length ?? 0,
      policies: snapshot?.policies.filter((p) => p.namespace === name) ?? [],
    }),
    [snapshot, name],
  );
  return (
    <div className="details">
      <p className="details__kind">Namespace</p>
      <h2>{name}</h2>
      {ns && !ns.declared && (
        <p className="details__hint">Not declared in the input: only its name label is known.</p>
      )}
      <section aria-label="Labels">
        <h3>Labels</h3>
        <LabelChips labels={ns?.labels ?? {}} />
      </section>
      <p>
        {pods.toLocaleString('en')} {pods === 1 ? 'endpoint' : 'endpoints'}
      </p>
      <section aria-label="Policies">
        <h3>Policies</h3>
        {policies.length === 0 ? (
          <p className="details__hint">
            No policy: its pods are not isolated by any policy of their own namespace.
          </p>
        ) : (
          <ul className="details__plain-list">
            {policies.map((p) => (
              <li key={p.id}>
                <PolicyLink id={p.id}>{p.name}</PolicyLink>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
