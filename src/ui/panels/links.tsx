/** Small links shared by the details panels: to a policy, an endpoint, or a part of a policy's YAML. */
import type { ReactNode } from 'react';
import type { Policy } from '../../model';
import { useStudio } from '../../state/store';
import { openPolicySource } from './source-links';

/** Selects a policy (its details; the graph highlights it). */
export function PolicyLink({ id, children }: { id: string; children?: ReactNode }) {
  const select = useStudio((s) => s.select);
  return (
    <button
      type="button"
      className="linkish"
      title={`Show policy ${id}`}
      onClick={() => select({ kind: 'policy', id })}
    >
      {children ?? id}
    </button>
  );
}

/** Selects an endpoint (pod or workload) or an IP range. */
export function EndpointLink({ id }: { id: string }) {
  const select = useStudio((s) => s.select);
  return (
    <button
      type="button"
      className="linkish"
      title={`Show ${id}`}
      onClick={() => select({ kind: 'endpoint', id })}
    >
      {id}
    </button>
  );
}

/** Opens the policy's YAML at the lines of `path` (e.g. `['spec','ingress',0]`). */
export function SourceLink({
  policy,
  path,
  label,
  children,
}: {
  policy: Policy | undefined;
  path: readonly (string | number)[];
  /** The accessible name: what is opened, e.g. "Open ingress rule 1 of backend/api in the YAML". */
  label: string;
  children: ReactNode;
}) {
  if (!policy?.source) return <span>{children}</span>;
  return (
    <button
      type="button"
      className="linkish"
      aria-label={label}
      title={`${label} (${policy.source.file})`}
      onClick={() => openPolicySource(policy, path)}
    >
      {children}
    </button>
  );
}
