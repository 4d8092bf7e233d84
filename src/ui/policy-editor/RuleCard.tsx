import type { ReactNode } from 'react';
import { selectorMatches } from '../../engine';
import { PROTOCOLS, type Endpoint, type Protocol } from '../../model';
import type { EditPath, PeerForm, PortForm, RuleForm } from '../../io/policy-edit';
import { ProtocolSelect } from '../components/ProtocolSelect';
import { useForm } from './context';
import { FieldMessages, Joiner, RemoveButton, TextField } from './fields';
import {
  diagnosticsAt,
  fieldText,
  pathText,
  peerFromProposal,
  portValue,
  selectedEndpoints,
  selectorOfForm,
} from './form-model';
import { SelectedList, SelectorEditor } from './SelectorEditor';
import { UsePicked } from './UsePicked';

type PeerKind = 'pods' | 'namespaces' | 'podsInNamespaces' | 'ipBlock';

const PEER_KINDS: readonly { readonly kind: PeerKind; readonly label: string }[] = [
  { kind: 'pods', label: 'Pods in this namespace' },
  { kind: 'namespaces', label: 'All pods in matching namespaces' },
  { kind: 'podsInNamespaces', label: 'Matching pods in matching namespaces' },
  { kind: 'ipBlock', label: 'IP addresses (ipBlock)' },
];

/** The commands that turn a peer of one kind into another, keeping what both kinds share. */
function changeKind(at: EditPath, from: PeerForm, to: PeerKind) {
  const has = (k: string) =>
    (k === 'podSelector' && (from.kind === 'pods' || from.kind === 'podsInNamespaces')) ||
    (k === 'namespaceSelector' && (from.kind === 'namespaces' || from.kind === 'podsInNamespaces')) ||
    (k === 'ipBlock' && from.kind === 'ipBlock');
  if (from.kind === 'invalid') {
    const value =
      to === 'ipBlock'
        ? { ipBlock: { cidr: '0.0.0.0/0' } }
        : to === 'pods'
          ? { podSelector: {} }
          : to === 'namespaces'
            ? { namespaceSelector: {} }
            : { podSelector: {}, namespaceSelector: {} };
    return [{ op: 'set' as const, path: at, value }];
  }
  const want = {
    podSelector: to === 'pods' || to === 'podsInNamespaces',
    namespaceSelector: to === 'namespaces' || to === 'podsInNamespaces',
    ipBlock: to === 'ipBlock',
  };
  const cmds = [];
  for (const [key, wanted] of Object.entries(want)) {
    if (wanted && !has(key))
      cmds.push({
        op: 'set' as const,
        path: [...at, key],
        value: key === 'ipBlock' ? { cidr: '0.0.0.0/0' } : {},
      });
    if (!wanted && has(key)) cmds.push({ op: 'delete' as const, path: [...at, key] });
  }
  return cmds;
}

function peerEndpoints(peer: PeerForm, ctx: ReturnType<typeof useForm>): Endpoint[] | null {
  if (peer.kind === 'ipBlock' || peer.kind === 'invalid') return null;
  const pods = peer.kind === 'namespaces' ? {} : selectorOfForm(peer.podSelector);
  if (pods === null) return null;
  if (peer.kind === 'pods')
    return selectedEndpoints(
      ctx.endpoints,
      ctx.namespaces,
      { namespace: ctx.namespace },
      pods,
      selectorMatches,
    );
  const ns = selectorOfForm(peer.namespaceSelector);
  if (ns === null) return null;
  return selectedEndpoints(ctx.endpoints, ctx.namespaces, { namespaceSelector: ns }, pods, selectorMatches);
}

function PeerCard({ at, peer, n }: { readonly at: EditPath; readonly peer: PeerForm; readonly n: number }) {
  const ctx = useForm();
  const id = `${ctx.idPrefix}-${pathText(at).replace(/[^\w-]/g, '_')}`;
  const kind = peer.kind === 'invalid' ? '' : peer.kind;
  return (
    <li className="pe-peer" aria-label={`Peer ${n}`}>
      <div className="pe-peer__head">
        <label htmlFor={`${id}-kind`} className="visually-hidden">
          Kind of peer {n}
        </label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => ctx.edit(...changeKind(at, peer, e.target.value as PeerKind))}
        >
          {kind === '' && <option value="">(not a valid peer)</option>}
          {PEER_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {peer.kind !== 'ipBlock' && (
          <UsePicked
            onProposal={(p) => {
              ctx.edit({ op: 'set', path: at, value: peerFromProposal(p, ctx.namespace) });
              return null;
            }}
          />
        )}
        <RemoveButton label={`Remove peer ${n}`} onClick={() => ctx.edit({ op: 'delete', path: at })} />
      </div>
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, at)} />
      {peer.kind === 'invalid' && <pre className="pe-note pe-note--warn mono">{peer.raw}</pre>}
      {(peer.kind === 'pods' || peer.kind === 'podsInNamespaces') && (
        <SelectorEditor
          path={[...at, 'podSelector']}
          form={peer.podSelector}
          of="pods"
          title={peer.kind === 'pods' ? `Pods in ${ctx.namespace} with` : 'Pods with'}
          emptyMeaning={peer.kind === 'pods' ? `Empty: every pod in ${ctx.namespace}.` : 'Empty: every pod.'}
        />
      )}
      {peer.kind === 'podsInNamespaces' && <Joiner>AND</Joiner>}
      {(peer.kind === 'namespaces' || peer.kind === 'podsInNamespaces') && (
        <SelectorEditor
          path={[...at, 'namespaceSelector']}
          form={peer.namespaceSelector}
          of="namespaces"
          title={peer.kind === 'namespaces' ? 'All pods in namespaces with' : 'in namespaces with'}
          emptyMeaning="Empty: every namespace."
        />
      )}
      {peer.kind === 'ipBlock' && (
        <IpBlockFields
          at={[...at, 'ipBlock']}
          cidr={fieldText(peer.cidr)}
          except={peer.except.map(fieldText)}
        />
      )}
      {peer.kind !== 'ipBlock' && peer.kind !== 'invalid' && (
        <SelectedList endpoints={peerEndpoints(peer, ctx)} what={['endpoint matches', 'endpoints match']} />
      )}
    </li>
  );
}

function IpBlockFields({
  at,
  cidr,
  except,
}: {
  readonly at: EditPath;
  readonly cidr: string;
  readonly except: readonly string[];
}) {
  const ctx = useForm();
  const id = `${ctx.idPrefix}-${pathText(at).replace(/[^\w-]/g, '_')}`;
  return (
    <div className="pe-ipblock">
      <TextField
        id={`${id}-cidr`}
        label="CIDR"
        value={cidr}
        placeholder="10.0.0.0/8"
        diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'cidr'])}
        onCommit={(v) => ctx.edit({ op: 'set', path: [...at, 'cidr'], value: v })}
      />
      {except.map((e, i) => (
        <div className="pe-row" key={i}>
          <TextField
            id={`${id}-except-${i}`}
            label={`Except ${i + 1}`}
            value={e}
            placeholder="10.1.0.0/16"
            diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'except', i])}
            onCommit={(v) => ctx.edit({ op: 'set', path: [...at, 'except', i], value: v })}
          />
          <RemoveButton
            label={`Remove except ${i + 1}`}
            onClick={() => ctx.edit({ op: 'delete', path: [...at, 'except', i] })}
          />
        </div>
      ))}
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'except'])} />
      <div className="pe-actions">
        <button type="button" onClick={() => ctx.edit({ op: 'insert', path: [...at, 'except'], value: '' })}>
          + Except
        </button>
      </div>
    </div>
  );
}

function PortRow({
  at,
  port,
  n,
  portNamesId,
}: {
  readonly at: EditPath;
  readonly port: PortForm;
  readonly n: number;
  readonly portNamesId: string;
}) {
  const ctx = useForm();
  const id = `${ctx.idPrefix}-${pathText(at).replace(/[^\w-]/g, '_')}`;
  const protocolText = fieldText(port.protocol);
  const protocol = (PROTOCOLS as readonly string[]).includes(protocolText)
    ? (protocolText as Protocol)
    : 'TCP';
  const portText =
    port.port === undefined ? '' : typeof port.port === 'object' ? port.port.raw : String(port.port);
  const endText =
    port.endPort === undefined
      ? ''
      : typeof port.endPort === 'object'
        ? port.endPort.raw
        : String(port.endPort);
  const numeric = typeof port.port === 'number';
  return (
    <li className="pe-port" aria-label={`Port ${n}`}>
      {port.raw !== undefined && <pre className="pe-note pe-note--warn mono">{port.raw}</pre>}
      <div className="pe-port__fields">
        <ProtocolSelect
          id={`${id}-protocol`}
          value={protocol}
          onChange={(p) => ctx.edit({ op: 'set', path: [...at, 'protocol'], value: p })}
        />
        <TextField
          id={`${id}-port`}
          label="Port (number or name)"
          hideLabel
          value={portText}
          placeholder="any port"
          list={portNamesId}
          diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'port'])}
          onCommit={(v) => {
            const value = portValue(v);
            if (value === undefined)
              ctx.edit({ op: 'delete', path: [...at, 'port'] }, { op: 'delete', path: [...at, 'endPort'] });
            else if (typeof value === 'string')
              ctx.edit(
                { op: 'set', path: [...at, 'port'], value },
                { op: 'delete', path: [...at, 'endPort'] },
              );
            else ctx.edit({ op: 'set', path: [...at, 'port'], value });
          }}
        />
        {(numeric || endText !== '') && (
          <TextField
            id={`${id}-endport`}
            label="to port (endPort, optional)"
            hideLabel
            value={endText}
            placeholder="to (optional)"
            inputMode="numeric"
            diagnostics={diagnosticsAt(ctx.diagnostics, [...at, 'endPort'])}
            onCommit={(v) => {
              const value = portValue(v);
              ctx.edit(
                value === undefined
                  ? { op: 'delete', path: [...at, 'endPort'] }
                  : { op: 'set', path: [...at, 'endPort'], value },
              );
            }}
          />
        )}
        <RemoveButton label={`Remove port ${n}`} onClick={() => ctx.edit({ op: 'delete', path: at })} />
      </div>
      {protocolText !== '' && protocolText !== protocol && (
        <p className="pe-note pe-note--warn">Written as {protocolText}.</p>
      )}
      <FieldMessages
        diagnostics={diagnosticsAt(ctx.diagnostics, at).concat(
          diagnosticsAt(ctx.diagnostics, [...at, 'protocol']),
        )}
      />
    </li>
  );
}

export interface RuleCardProps {
  readonly direction: 'ingress' | 'egress';
  readonly rule: RuleForm;
  /** Named ports to suggest: `name` with `TCP 8080` as the hint. */
  readonly portNames: readonly { readonly name: string; readonly hint: string }[];
}

/** One ingress or egress rule: its peers (OR between them) and its ports. */
export function RuleCard({ direction, rule, portNames }: RuleCardProps) {
  const ctx = useForm();
  const at: EditPath = ['spec', direction, rule.index];
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const peersAt = [...at, peersKey];
  const portsAt = [...at, 'ports'];
  const id = `${ctx.idPrefix}-${direction}-${rule.index}`;
  const n = rule.index + 1;
  const portNamesId = `${id}-port-names`;
  return (
    <li className="pe-rule" aria-label={`${direction === 'ingress' ? 'Ingress' : 'Egress'} rule ${n}`}>
      <div className="pe-rule__head">
        <h4>
          {direction === 'ingress' ? 'Ingress' : 'Egress'} rule {n}
        </h4>
        <RemoveButton
          label={`Remove ${direction} rule ${n}`}
          onClick={() => ctx.edit({ op: 'delete', path: at })}
        />
      </div>
      {rule.raw !== undefined && <pre className="pe-note pe-note--warn mono">{rule.raw}</pre>}
      <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, at)} />
      <section className="pe-rule__part" aria-label={direction === 'ingress' ? 'From' : 'To'}>
        <h5>{direction === 'ingress' ? 'From' : 'To'}</h5>
        {rule.allPeers ? (
          <p className="pe-note">
            {direction === 'ingress' ? 'Everyone' : 'Everywhere'} (no <code>{peersKey}</code>): add a peer to
            restrict.
          </p>
        ) : rule.peers.length === 0 ? (
          <p className="pe-note">
            Empty <code>{peersKey}</code>: {direction === 'ingress' ? 'everyone' : 'everywhere'}, as if
            absent.
          </p>
        ) : (
          <ol className="pe-peers">
            {rule.peers.map((p, i) => (
              <PeerOr key={p.index} first={i === 0}>
                <PeerCard at={[...peersAt, p.index]} peer={p} n={i + 1} />
              </PeerOr>
            ))}
          </ol>
        )}
        <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, peersAt)} />
        <div className="pe-actions">
          <button
            type="button"
            onClick={() => ctx.edit({ op: 'insert', path: peersAt, value: { podSelector: {} } })}
          >
            + Peer
          </button>
        </div>
      </section>
      <section className="pe-rule__part" aria-label="Ports">
        <h5>Ports</h5>
        <datalist id={portNamesId}>
          {portNames.map((p) => (
            <option key={p.name} value={p.name} label={p.hint} />
          ))}
        </datalist>
        {rule.allPorts || rule.ports.length === 0 ? (
          <p className="pe-note">
            Every port and protocol (no <code>ports</code>).
          </p>
        ) : (
          <ul className="pe-ports">
            {rule.ports.map((p, i) => (
              <PortRow
                key={p.index}
                at={[...portsAt, p.index]}
                port={p}
                n={i + 1}
                portNamesId={portNamesId}
              />
            ))}
          </ul>
        )}
        <FieldMessages diagnostics={diagnosticsAt(ctx.diagnostics, portsAt)} />
        <div className="pe-actions">
          <button
            type="button"
            onClick={() => ctx.edit({ op: 'insert', path: portsAt, value: { protocol: 'TCP' } })}
          >
            + Port
          </button>
        </div>
      </section>
    </li>
  );
}

/** A peer preceded by a visible OR (peers of one rule are alternatives). */
function PeerOr({ first, children }: { readonly first: boolean; readonly children: ReactNode }) {
  return (
    <>
      {!first && (
        <li className="pe-or" role="separator" aria-label="OR">
          <span>OR</span>
        </li>
      )}
      {children}
    </>
  );
}
