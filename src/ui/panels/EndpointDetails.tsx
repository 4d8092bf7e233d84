import { useId, useMemo, useState } from 'react';
import { DEFAULT_FILTERS, useStudio } from '../../state/store';
import { Badge } from '../components/Badge';
import { LabelChips } from '../components/LabelChips';
import { PortList } from '../components/PortList';
import { connectionCounts } from './connections';
import { useReachIndex, useSharedAnalysis } from './hooks';
import { PolicyLink } from './links';
import { NodeSuggestions } from './PairPicker';
import type { ReachIndex } from './reach-index';

const fmt = (n: number): string => n.toLocaleString('en');

/** A pod, a workload or an IP range: what it is, how policies isolate it, and a "why" picker. */
export function EndpointDetails({ id }: { id: string }) {
  const ix = useReachIndex();
  const analysis = useSharedAnalysis();
  const node = ix?.indexOf(id);
  const counts = useMemo(
    () => (ix && node !== undefined ? connectionCounts(ix, node, DEFAULT_FILTERS) : null),
    [ix, node],
  );
  if (!ix || !analysis) return null;
  if (node === undefined) {
    return (
      <div className="details">
        <h2>{id}</h2>
        <p className="form-error">Not in the current analysis.</p>
      </div>
    );
  }
  if (ix.isRange(node)) {
    const range = ix.data.ipRanges[node - ix.n]!;
    return (
      <div className="details">
        <p className="details__kind">IP range · IPv{range.family}</p>
        <h2>{id}</h2>
        <p className="details__hint">
          Addresses from {range.first} to {range.last} that are not pods of the input. Policies reach them
          only through ipBlock peers.
        </p>
        {counts && <Counts counts={counts} />}
        <WhyPicker ix={ix} id={id} />
      </div>
    );
  }
  const e = ix.snapshot.endpoints[node]!;
  const iso = analysis.isolation(id) ?? { ingress: false, egress: false };
  const selectedBy = analysis.selectedBy(id) ?? { ingress: [], egress: [] };
  return (
    <div className="details">
      <p className="details__kind">
        {e.kind} · {e.namespace}
      </p>
      <h2 title={e.id}>{e.name}</h2>
      <p className="why__verdict">
        <Badge tone={iso.ingress ? 'warn' : 'info'}>
          {iso.ingress ? 'ingress isolated' : 'ingress open'}
        </Badge>
        <Badge tone={iso.egress ? 'warn' : 'info'}>{iso.egress ? 'egress isolated' : 'egress open'}</Badge>
        {e.hostNetwork && (
          <Badge
            tone="warn"
            title="Whether policies apply to host-network pods depends on the network plugin"
          >
            host network
          </Badge>
        )}
      </p>
      <dl className="details__facts">
        <dt>Id</dt>
        <dd className="mono">{e.id}</dd>
        {e.workload && (
          <>
            <dt>Workload</dt>
            <dd className="mono">{e.workload}</dd>
          </>
        )}
        <dt>Addresses</dt>
        <dd className="mono">
          {e.ips.length > 0 ? e.ips.join(', ') : <span className="muted">none known</span>}
        </dd>
        {e.phase && (
          <>
            <dt>Phase</dt>
            <dd>{e.phase}</dd>
          </>
        )}
        <dt>Host network</dt>
        <dd>{e.hostNetwork ? 'yes' : 'no'}</dd>
      </dl>
      <section aria-label="Labels">
        <h3>Labels</h3>
        <LabelChips labels={e.labels} />
      </section>
      <section aria-label="Container ports">
        <h3>Container ports</h3>
        <PortList ports={e.ports} />
      </section>
      <section aria-label="Selected by">
        <h3>Policies that select it</h3>
        {(['ingress', 'egress'] as const).map((d) => (
          <p key={d} style={{ margin: '0 0 0.25rem' }}>
            <span className="muted">{d === 'ingress' ? 'Ingress: ' : 'Egress: '}</span>
            {selectedBy[d].length === 0 ? (
              <span>none, so every {d === 'ingress' ? 'incoming' : 'outgoing'} connection is allowed</span>
            ) : (
              selectedBy[d].map((p, i) => (
                <span key={p}>
                  {i > 0 && ', '}
                  <PolicyLink id={p} />
                </span>
              ))
            )}
          </p>
        ))}
      </section>
      {counts && <Counts counts={counts} />}
      <WhyPicker ix={ix} id={id} />
    </div>
  );
}

function Counts({ counts }: { counts: { incoming: number; outgoing: number } }) {
  return (
    <section aria-label="Connections">
      <h3>Connections</h3>
      <p>
        {fmt(counts.incoming)} incoming · {fmt(counts.outgoing)} outgoing
      </p>
    </section>
  );
}

/** "Why can this reach that?": a direction and the other end, then the why panel. */
function WhyPicker({ ix, id }: { ix: ReachIndex; id: string }) {
  const select = useStudio((s) => s.select);
  const [dir, setDir] = useState<'to' | 'from'>('to');
  const [other, setOther] = useState('');
  const ids = { dir: useId(), other: useId(), list: useId() };
  const valid = ix.indexOf(other.trim()) !== undefined || /^[0-9a-f.:]+$/i.test(other.trim());
  return (
    <section aria-label="Why">
      <h3>Why…</h3>
      <form
        className="form-row"
        onSubmit={(ev) => {
          ev.preventDefault();
          const o = other.trim();
          if (!o) return;
          select(dir === 'to' ? { kind: 'pair', from: id, to: o } : { kind: 'pair', from: o, to: id });
        }}
      >
        <label htmlFor={ids.dir} className="visually-hidden">
          Direction
        </label>
        <select id={ids.dir} value={dir} onChange={(ev) => setDir(ev.target.value as 'to' | 'from')}>
          <option value="to">traffic to</option>
          <option value="from">traffic from</option>
        </select>
        <label htmlFor={ids.other} className="visually-hidden">
          Other end
        </label>
        <input
          id={ids.other}
          role="combobox"
          list={ids.list}
          value={other}
          placeholder="pod or address"
          autoComplete="off"
          spellCheck={false}
          onChange={(ev) => setOther(ev.target.value)}
        />
        <NodeSuggestions id={ids.list} ix={ix} query={other} exclude={id} />
        <button type="submit" disabled={!valid}>
          Why?
        </button>
      </form>
    </section>
  );
}
