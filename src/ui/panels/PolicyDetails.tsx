import { useState } from 'react';
import type { NetworkPolicyPeer, NetworkPolicyPort, Policy } from '../../model';
import { Badge } from '../components/Badge';
import { PolicyActions } from '../policy-editor/PolicyActions';
import { useSharedAnalysis } from './hooks';
import { EndpointLink, SourceLink } from './links';
import { peerText, policyTypesText, portEntryText, ruleName, subjectText } from './policy-text';
import { openPolicySource } from './source-links';

const SHOWN_PODS = 40;

/** A policy summarised readably: whom it applies to, its types (with defaulting), each rule, its pods. */
export function PolicyDetails({ policy }: { policy: Policy }) {
  const analysis = useSharedAnalysis();
  const [allPods, setAllPods] = useState(false);
  const subjects = analysis?.selects(policy.id) ?? [];
  const { types, why } = policyTypesText(policy);
  const pods = allPods ? subjects : subjects.slice(0, SHOWN_PODS);
  return (
    <div className="details">
      <p className="details__kind">NetworkPolicy · {policy.namespace}</p>
      <h2 title={policy.id}>{policy.name}</h2>
      <div className="details__actions">
        <button type="button" disabled={!policy.source} onClick={() => openPolicySource(policy, [])}>
          Open YAML
        </button>
        {policy.source && (
          <span className="muted mono" title={policy.source.file}>
            {policy.source.file}
            {policy.source.line !== undefined ? `:${policy.source.line}` : ''}
          </span>
        )}
      </div>
      <PolicyActions policy={policy} />
      <section aria-label="Applies to">
        <h3>Applies to</h3>
        <p>
          <SourceLink
            policy={policy}
            path={['spec', 'podSelector']}
            label={`Open the podSelector of ${policy.id} in the YAML`}
          >
            {subjectText(policy)}
          </SourceLink>{' '}
          <span className="muted">
            ({subjects.length.toLocaleString('en')} {subjects.length === 1 ? 'endpoint' : 'endpoints'})
          </span>
        </p>
      </section>
      <section aria-label="Policy types">
        <h3>Types</h3>
        <p className="why__verdict">
          {types.map((t) => (
            <Badge key={t} tone="warn">
              {t}
            </Badge>
          ))}
          <span className="muted">{why}</span>
        </p>
      </section>
      {(['ingress', 'egress'] as const).map((d) => (
        <RulesSection
          key={d}
          policy={policy}
          direction={d}
          isolates={types.includes(d === 'ingress' ? 'Ingress' : 'Egress')}
        />
      ))}
      <section aria-label="Selected endpoints">
        <h3>Selected endpoints</h3>
        {subjects.length === 0 ? (
          <p className="details__hint">It selects no pod of the input.</p>
        ) : (
          <>
            <ul className="details__plain-list">
              {pods.map((id) => (
                <li key={id}>
                  <EndpointLink id={id} />
                </li>
              ))}
            </ul>
            {subjects.length > SHOWN_PODS && (
              <button type="button" onClick={() => setAllPods((v) => !v)}>
                {allPods ? 'Show fewer' : `Show all ${subjects.length.toLocaleString('en')}`}
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function RulesSection({
  policy,
  direction,
  isolates,
}: {
  policy: Policy;
  direction: 'ingress' | 'egress';
  isolates: boolean;
}) {
  const rules = (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
  const title = direction === 'ingress' ? 'Ingress rules' : 'Egress rules';
  const side = direction === 'ingress' ? 'from' : 'to';
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {rules.length === 0 ? (
        <p className="details__hint">
          {isolates
            ? `None: it denies all ${direction} of its pods that no other policy allows.`
            : `None, and ${direction === 'ingress' ? 'Ingress' : 'Egress'} is not among its types: it does not restrict ${direction}.`}
        </p>
      ) : (
        rules.map((rule, i) => {
          const peers: readonly NetworkPolicyPeer[] | undefined =
            'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
          const ports: readonly NetworkPolicyPort[] | undefined = rule.ports;
          const name = ruleName(direction, i);
          return (
            <div key={i} className="policy-rule">
              <SourceLink
                policy={policy}
                path={['spec', direction, i]}
                label={`Open ${name} of ${policy.id} in the YAML`}
              >
                <strong>{name}</strong>
              </SourceLink>
              <div>
                <span className="muted">{side}: </span>
                {!peers || peers.length === 0 ? (
                  <em>{direction === 'ingress' ? 'every source' : 'every destination'}</em>
                ) : (
                  <ul>
                    {peers.map((p, k) => (
                      <li key={k}>{peerText(p, policy.namespace)}</li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <span className="muted">ports: </span>
                {!ports || ports.length === 0 ? <em>every port</em> : ports.map(portEntryText).join(', ')}
              </div>
            </div>
          );
        })
      )}
      {!isolates && rules.length > 0 && (
        <p className="details__hint">
          {direction === 'ingress' ? 'Ingress' : 'Egress'} is not among its types, so these rules have no
          effect.
        </p>
      )}
    </section>
  );
}
