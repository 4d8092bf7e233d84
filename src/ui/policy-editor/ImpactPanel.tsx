import { useState } from 'react';
import type { ConnectionChange, PeerRef, ReachDiff } from '../../engine';

const SHOWN = 50;

/** One end of a connection, as text: the endpoint's id, or the external addresses. */
export function peerRefText(p: PeerRef): string {
  return p.kind === 'endpoint' ? p.id : p.cidr;
}

/** "+12 / −3 connections", with the changed ones when there are any. */
export function impactCountsText(diff: ReachDiff): string {
  const n = (x: number) => x.toLocaleString('en');
  const base = `+${n(diff.added)} / −${n(diff.removed)} connections`;
  return diff.changed > 0 ? `${base} · ${n(diff.changed)} changed` : base;
}

function ChangeItem({ change }: { readonly change: ConnectionChange }) {
  return (
    <li className={`pe-change pe-change--${change.change}`}>
      <span className="pe-change__mark" aria-hidden="true">
        {change.change === 'added' ? '+' : change.change === 'removed' ? '−' : '±'}
      </span>
      <span className="visually-hidden">{change.change}: </span>
      <span className="mono pe-change__ends">
        {peerRefText(change.from)} → {peerRefText(change.to)}
      </span>
      <span className="pe-change__ports">
        {change.gained !== '' && <span className="pe-gained">+{change.gained}</span>}
        {change.lost !== '' && <span className="pe-lost">−{change.lost}</span>}
      </span>
    </li>
  );
}

export interface ImpactPanelProps {
  readonly impact: ReachDiff | null;
  /** True while the impact of the latest text is being computed. */
  readonly computing: boolean;
  /** Why the impact cannot be computed (the draft is not one valid policy), or null. */
  readonly error: string | null;
  /** Why the draft cannot be applied now, or null. */
  readonly blocked: string | null;
  readonly onApply: () => void;
  readonly onDiscard: () => void;
}

/** The draft's effect against the workspace as it was, then Apply and Discard. */
export function ImpactPanel({ impact, computing, error, blocked, onApply, onDiscard }: ImpactPanelProps) {
  const [open, setOpen] = useState(false);
  const changes = impact?.changes ?? [];
  return (
    <section className="pe-impact" aria-label="Impact">
      <div className="pe-impact__bar">
        <p className="pe-impact__counts" aria-live="polite" aria-busy={computing || undefined}>
          {error !== null && !impact ? (
            <span className="pe-impact__none" title={error}>
              No impact until the draft is one valid policy.
            </span>
          ) : impact ? (
            <>
              <span className="pe-impact__added">+{impact.added.toLocaleString('en')}</span>
              {' / '}
              <span className="pe-impact__removed">−{impact.removed.toLocaleString('en')}</span> connections
              {impact.changed > 0 && <> · {impact.changed.toLocaleString('en')} changed</>}
              {computing && <span className="muted"> (updating…)</span>}
            </>
          ) : computing ? (
            <span className="pe-impact__none">Computing the impact…</span>
          ) : (
            <span className="pe-impact__none">No impact computed yet.</span>
          )}
        </p>
        {changes.length > 0 && (
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide the list' : 'Show the list'}
          </button>
        )}
        <span className="pe-impact__actions">
          <button type="button" onClick={onDiscard}>
            Discard
          </button>
          <button
            type="button"
            className="button--primary"
            disabled={blocked !== null}
            title={blocked ?? 'Keep this policy in the workspace'}
            onClick={onApply}
          >
            Apply
          </button>
        </span>
      </div>
      {(blocked ?? error) !== null && (
        <p className="pe-note pe-note--warn pe-impact__blocked">{blocked ?? error}</p>
      )}
      {open && changes.length > 0 && (
        <ul className="pe-changes" aria-label="Changed connections">
          {changes.slice(0, SHOWN).map((c, i) => (
            <ChangeItem key={i} change={c} />
          ))}
          {(changes.length > SHOWN || impact?.truncated) && (
            <li className="muted">
              and more:{' '}
              {impactCountsText(
                impact ?? { added: 0, removed: 0, changed: 0, changes: [], truncated: false },
              )}{' '}
              in all
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
