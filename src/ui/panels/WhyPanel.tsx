import { useId, useMemo, useState } from 'react';
import { explain, portSets, type DirectionVerdict, type Explanation, type RuleRef } from '../../engine';
import { PROTOCOLS, type Policy, type Protocol, type Snapshot } from '../../model';
import { useStudio } from '../../state/store';
import { Badge } from '../components/Badge';
import { portsText } from '../components/ports-text';
import { parsePort } from './filters';
import { EndpointLink, PolicyLink, SourceLink } from './links';
import { PairPicker } from './PairPicker';
import { peerText, portEntryText, ruleName, rulePath } from './policy-text';

/** Which sides stop the traffic (for the port asked about, or for every port). */
export function blockingSides(e: Explanation): ('egress' | 'ingress')[] {
  const q = e.query;
  const admits = (v: DirectionVerdict) =>
    q ? portSets.rangesContain(v.ports[q.protocol], q.port) : !portSets.isEmptyPorts(v.ports);
  return (['egress', 'ingress'] as const).filter((d) => !admits(e[d]));
}

/**
 * The why panel: the verdict for a pair (denied ones too), and for each direction (egress of
 * the source, ingress of the destination) whether the subject is isolated, which policies select
 * it, and which rule, peer and port entry admit the peer, or that none does. Every policy and
 * rule links to its YAML.
 */
export function WhyPanel({ from, to }: { from: string; to: string }) {
  const result = useStudio((s) => s.result);
  const explainPort = useStudio((s) => s.explainPort);
  const select = useStudio((s) => s.select);
  const explanation = useMemo(
    () => (result ? explain(result.snapshot, from, to, explainPort ?? undefined, result.options) : undefined),
    [result, from, to, explainPort],
  );
  if (!result) return null;
  if (!explanation) {
    return (
      <div className="details">
        <h2>Why?</h2>
        <p className="form-error" role="alert">
          {from} or {to} is not an endpoint, an IP range or an address of this workspace.
        </p>
        <PairPicker key={`${from}>${to}`} from={from} to={to} />
      </div>
    );
  }
  const e = explanation;
  const q = e.query;
  const allowed = q ? q.allowed : e.allowed;
  const blocked = allowed ? [] : blockingSides(e);
  return (
    <div className="details why">
      <div className="details__actions">
        <h2>Why?</h2>
        <span className="panel__spacer" />
        <button type="button" onClick={() => select({ kind: 'pair', from: e.to, to: e.from })}>
          ⇄ Reverse
        </button>
      </div>
      <dl className="details__facts" aria-label="Pair">
        <dt>From</dt>
        <dd>
          <EndpointLink id={e.from} />
        </dd>
        <dt>To</dt>
        <dd>
          <EndpointLink id={e.to} />
        </dd>
      </dl>
      <section aria-label="Verdict">
        <p className="why__verdict">
          <Badge tone={allowed ? 'allow' : 'deny'}>{allowed ? 'Allowed' : 'Denied'}</Badge>
          <span>
            {q
              ? `${q.protocol} ${q.port} ${allowed ? 'is allowed' : 'is not allowed'}`
              : allowed
                ? `on ${portsText(e.ports)}`
                : 'on every port'}
          </span>
        </p>
        {q && <p className="details__hint">End to end: {portsText(e.ports)}</p>}
        {!allowed && (
          <p>
            {blocked.length > 0
              ? `Blocked by ${blocked
                  .map((d) => (d === 'egress' ? `the egress of ${e.from}` : `the ingress of ${e.to}`))
                  .join(' and ')}.`
              : 'Each direction allows some ports, but none in common.'}
          </p>
        )}
      </section>
      <PortCheck />
      <DirectionSection
        direction="egress"
        subject={e.from}
        peer={e.to}
        verdict={e.egress}
        blocks={blocked.includes('egress')}
        query={q}
        snapshot={result.snapshot}
      />
      <DirectionSection
        direction="ingress"
        subject={e.to}
        peer={e.from}
        verdict={e.ingress}
        blocks={blocked.includes('ingress')}
        query={q}
        snapshot={result.snapshot}
      />
      {e.notes.length > 0 && (
        <section aria-label="Notes">
          <h3>Notes</h3>
          <ul className="why__notes">
            {e.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Explain another pair">
        <h3>Another pair</h3>
        <PairPicker key={`${from}>${to}`} from={from} to={to} />
      </section>
    </div>
  );
}

/** The port asked about: a number and a protocol, or every port. */
function PortCheck() {
  const explainPort = useStudio((s) => s.explainPort);
  const setExplainPort = useStudio((s) => s.setExplainPort);
  const [text, setText] = useState(explainPort ? String(explainPort.port) : '');
  const [protocol, setProtocol] = useState<Protocol>(explainPort?.protocol ?? 'TCP');
  const [seen, setSeen] = useState(explainPort);
  if (seen !== explainPort) {
    setSeen(explainPort);
    setText(explainPort ? String(explainPort.port) : '');
    if (explainPort) setProtocol(explainPort.protocol);
  }
  const ids = { port: useId(), protocol: useId() };
  const invalid = text.trim() !== '' && parsePort(text, protocol) === undefined;
  return (
    <form
      className="form-row"
      aria-label="Port to check"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (text.trim() === '') setExplainPort(null);
        else {
          const p = parsePort(text, protocol);
          if (p) setExplainPort(p);
        }
      }}
    >
      <label htmlFor={ids.port}>Port</label>
      <input
        id={ids.port}
        inputMode="numeric"
        placeholder="any"
        value={text}
        aria-invalid={invalid}
        style={{ maxWidth: '6rem' }}
        onChange={(ev) => setText(ev.target.value)}
      />
      <label htmlFor={ids.protocol} className="visually-hidden">
        Protocol
      </label>
      <select id={ids.protocol} value={protocol} onChange={(ev) => setProtocol(ev.target.value as Protocol)}>
        {PROTOCOLS.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <button type="submit" disabled={invalid}>
        Check
      </button>
      {explainPort && (
        <button type="button" onClick={() => setExplainPort(null)}>
          Any port
        </button>
      )}
    </form>
  );
}

function DirectionSection({
  direction,
  subject,
  peer,
  verdict: v,
  blocks,
  query,
  snapshot,
}: {
  direction: 'egress' | 'ingress';
  subject: string;
  peer: string;
  verdict: DirectionVerdict;
  blocks: boolean;
  query: Explanation['query'];
  snapshot: Snapshot;
}) {
  const title = direction === 'egress' ? `Egress of ${subject}` : `Ingress of ${subject}`;
  const policies = useMemo(() => new Map(snapshot.policies.map((p) => [p.id, p])), [snapshot]);
  const admitsQuery = query ? portSets.rangesContain(v.ports[query.protocol], query.port) : undefined;
  return (
    <section aria-label={title} className={`why__direction${blocks ? ' why__direction--blocks' : ''}`}>
      <h3>
        {title}{' '}
        {!v.applicable ? (
          <Badge tone="neutral">not a pod</Badge>
        ) : v.isolated ? (
          <Badge tone="warn">isolated</Badge>
        ) : (
          <Badge tone="info">not isolated</Badge>
        )}
      </h3>
      {!v.applicable ? (
        <p>
          {subject} is not a pod of the input: NetworkPolicy does not govern it, so every port is allowed.
        </p>
      ) : !v.isolated ? (
        <p>
          No policy selects {subject} for {direction}, so every port is allowed{' '}
          {direction === 'egress' ? 'out' : 'in'}.
        </p>
      ) : (
        <>
          <p>
            Selected for {direction} by{' '}
            {v.selectedBy.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <PolicyLink id={id} />
              </span>
            ))}
            .
          </p>
          {v.allowedBy.length === 0 ? (
            <p>
              <strong>No rule admits {peer}</strong>
              {v.peerMatchedNoPort.length === 0 ? ': none of their rules matches it as a peer.' : '.'}
            </p>
          ) : (
            <ul className="why__rules" aria-label={`Rules admitting ${peer}`}>
              {v.allowedBy.map((a) => (
                <li key={refKey(a.ref)} className="why__rule">
                  <RuleRefLinks refValue={a.ref} policy={policies.get(a.ref.policy)} />
                  <span>
                    admits <span className="mono">{portsText(a.ports)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {v.peerMatchedNoPort.length > 0 && (
            <>
              <p>Rules whose peers match {peer} but whose ports admit nothing here:</p>
              <ul className="why__rules">
                {v.peerMatchedNoPort.map((r) => (
                  <li key={refKey(r)} className="why__rule why__rule--nomatch">
                    <RuleRefLinks refValue={r} policy={policies.get(r.policy)} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="details__hint">
            {direction === 'egress' ? 'Egress' : 'Ingress'} allows: {portsText(v.ports)}
            {query &&
              admitsQuery !== undefined &&
              ` (${query.protocol} ${query.port}: ${admitsQuery ? 'yes' : 'no'})`}
          </p>
        </>
      )}
    </section>
  );
}

const refKey = (r: RuleRef): string =>
  `${r.policy}|${r.direction}|${r.rule}|${r.peer ?? '-'}|${r.port ?? '-'}`;

/** `backend/api · ingress rule 1 · from: pods app=web in frontend · port: TCP http`, each part a link. */
function RuleRefLinks({ refValue: r, policy }: { refValue: RuleRef; policy: Policy | undefined }) {
  const rules = (r.direction === 'ingress' ? policy?.spec.ingress : policy?.spec.egress) ?? [];
  const rule = rules[r.rule];
  const peers = rule ? ('from' in rule ? rule.from : 'to' in rule ? rule.to : undefined) : undefined;
  const peer = r.peer !== undefined ? peers?.[r.peer] : undefined;
  const port = r.port !== undefined ? rule?.ports?.[r.port] : undefined;
  const name = ruleName(r.direction, r.rule);
  const side = r.direction === 'ingress' ? 'from' : 'to';
  return (
    <span className="why__rule-refs">
      <PolicyLink id={r.policy} />
      <SourceLink
        policy={policy}
        path={rulePath(r, 'rule')}
        label={`Open ${name} of ${r.policy} in the YAML`}
      >
        {name}
      </SourceLink>
      <span>
        {side}:{' '}
        {peer && policy ? (
          <SourceLink
            policy={policy}
            path={rulePath(r, 'peer')}
            label={`Open ${side}[${r.peer}] of ${name} of ${r.policy} in the YAML`}
          >
            {peerText(peer, policy.namespace)}
          </SourceLink>
        ) : (
          <em>{r.direction === 'ingress' ? 'every source (no from)' : 'every destination (no to)'}</em>
        )}
      </span>
      <span>
        port:{' '}
        {port && policy ? (
          <SourceLink
            policy={policy}
            path={rulePath(r, 'port')}
            label={`Open ports[${r.port}] of ${name} of ${r.policy} in the YAML`}
          >
            {portEntryText(port)}
          </SourceLink>
        ) : (
          <em>every port (no ports)</em>
        )}
      </span>
    </span>
  );
}
