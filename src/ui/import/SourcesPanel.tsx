import { useMemo } from 'react';
import type { Snapshot } from '../../model';
import { useStudio, type Source } from '../../state/store';
import { formatBytes, plural, textSize } from './files';
import './import.css';

interface ObjectCounts {
  pods: number;
  workloads: number;
  policies: number;
  namespaces: number;
}

/** Objects of the last analysis per source file: one pass over the snapshot. */
function countBySource(snapshot: Snapshot | undefined): Map<string, ObjectCounts> {
  const counts = new Map<string, ObjectCounts>();
  if (!snapshot) return counts;
  const of = (file: string | undefined): ObjectCounts | null => {
    if (file === undefined) return null;
    let c = counts.get(file);
    if (!c) {
      c = { pods: 0, workloads: 0, policies: 0, namespaces: 0 };
      counts.set(file, c);
    }
    return c;
  };
  for (const e of snapshot.endpoints) {
    const c = of(e.source?.file);
    if (c) {
      if (e.kind === 'Pod') c.pods++;
      else c.workloads++;
    }
  }
  for (const p of snapshot.policies) {
    const c = of(p.source?.file);
    if (c) c.policies++;
  }
  for (const n of snapshot.namespaces) {
    const c = of(n.source?.file);
    if (c) c.namespaces++;
  }
  return counts;
}

function describe(c: ObjectCounts | undefined): string {
  if (!c) return 'no namespaces, pods or policies';
  const parts: string[] = [];
  if (c.namespaces) parts.push(plural(c.namespaces, 'namespace'));
  if (c.pods) parts.push(plural(c.pods, 'pod'));
  if (c.workloads) parts.push(plural(c.workloads, 'workload'));
  if (c.policies) parts.push(plural(c.policies, 'policy', 'policies'));
  return parts.length ? parts.join(', ') : 'no namespaces, pods or policies';
}

const sizes = new WeakMap<Source, number>();
function sizeOf(source: Source): number {
  let size = sizes.get(source);
  if (size === undefined) {
    size = textSize(source.text);
    sizes.set(source, size);
  }
  return size;
}

/** The workspace's sources, with sizes and what each contributed; import, demo, remove, open. */
export function SourcesPanel() {
  const sources = useStudio((s) => s.sources);
  const snapshot = useStudio((s) => s.result?.snapshot);
  // Per-source counts only describe the sources when the last analysis covered all of them.
  const current = useStudio((s) => s.status.phase === 'ready');
  const removeSource = useStudio((s) => s.removeSource);
  const loadDemo = useStudio((s) => s.loadDemo);
  const openDialog = useStudio((s) => s.openDialog);
  const openSource = useStudio((s) => s.openSource);
  const counts = useMemo(() => countBySource(snapshot), [snapshot]);

  return (
    <div className="sources">
      <div className="sources__actions">
        <button type="button" onClick={() => openDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={loadDemo} title="Replace the workspace with the demo cluster">
          Load demo
        </button>
      </div>
      {sources.length === 0 ? (
        <p className="placeholder">No sources yet: import manifests, or load the demo.</p>
      ) : (
        <ul className="sources__list" aria-label="Sources">
          {sources.map((s) => (
            <li key={s.id} className="sources__item">
              <button
                type="button"
                className="sources__name"
                title={`Open ${s.name}`}
                onClick={() => openSource({ sourceName: s.name })}
              >
                {s.name}
              </button>
              <button
                type="button"
                className="sources__remove"
                aria-label={`Remove ${s.name}`}
                title={`Remove ${s.name}`}
                onClick={() => removeSource(s.id)}
              >
                ×
              </button>
              <span className="sources__meta">
                {formatBytes(sizeOf(s))}
                {current && ` · ${describe(counts.get(s.name))}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
