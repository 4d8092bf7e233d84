import { useState } from 'react';
import { proposeSelector } from '../../engine';
import { useForm } from './context';
import type { Proposal } from './form-model';

/** "Use picked pods": the simplest selector of the endpoints picked on the graph, or why none exists. */
export function UsePicked({ onProposal }: { readonly onProposal: (p: Proposal) => string | null }) {
  const ctx = useForm();
  const [note, setNote] = useState<string | null>(null);
  const none = ctx.picked.length === 0;
  return (
    <span className="pe-use-picked">
      <button
        type="button"
        disabled={none || !ctx.snapshot}
        title={
          none
            ? 'Shift+click pods on the graph to pick them'
            : `Select exactly the ${ctx.picked.length} picked endpoints`
        }
        onClick={() => {
          if (!ctx.snapshot) return;
          const p = proposeSelector(ctx.snapshot, ctx.picked);
          if (!p.ok) setNote(p.reason);
          else
            setNote(
              onProposal({
                podSelector: p.podSelector,
                ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
                ...(p.namespaceSelector !== undefined ? { namespaceSelector: p.namespaceSelector } : {}),
              }),
            );
        }}
      >
        Use picked pods{none ? '' : ` (${ctx.picked.length})`}
      </button>
      {note && (
        <span className="pe-note" role="status">
          {note}
        </span>
      )}
    </span>
  );
}
