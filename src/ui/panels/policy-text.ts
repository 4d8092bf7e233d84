/** NetworkPolicy parts described in plain words, for the details and the why panel. */
import { effectivePolicyTypes, type RuleRef } from '../../engine';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, Policy, PolicyType } from '../../model';
import { NAMESPACE_NAME_LABEL } from '../../model';

/** `app=web, tier in (a, b), !debug`; `everything` for an empty selector. */
export function selectorText(sel: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    const values = (r.values ?? []).join(', ');
    if (r.operator === 'In') parts.push(`${r.key} in (${values})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} not in (${values})`);
    else if (r.operator === 'Exists') parts.push(`has ${r.key}`);
    else parts.push(`no ${r.key}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'everything';
}

function isEmptySelector(sel: LabelSelector | undefined): boolean {
  return (
    !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0
  );
}

/** A namespace selector that names exactly one namespace by its name label. */
function namedNamespace(sel: LabelSelector): string | undefined {
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels);
  if (keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL && (sel.matchExpressions ?? []).length === 0) {
    return labels[NAMESPACE_NAME_LABEL];
  }
  return undefined;
}

/** The pods a policy applies to: `pods app=db in data`, `all pods in data`. */
export function subjectText(policy: Policy): string {
  const sel = policy.spec.podSelector;
  return isEmptySelector(sel)
    ? `all pods in ${policy.namespace}`
    : `pods with ${selectorText(sel)} in ${policy.namespace}`;
}

/** One peer: `pods app=api in namespace backend`, `10.0.0.0/8 except 10.1.0.0/16`. */
export function peerText(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return except.length > 0
      ? `addresses in ${peer.ipBlock.cidr} except ${except.join(', ')}`
      : `addresses in ${peer.ipBlock.cidr}`;
  }
  const pods =
    peer.podSelector === undefined || isEmptySelector(peer.podSelector)
      ? 'all pods'
      : `pods with ${selectorText(peer.podSelector)}`;
  if (!peer.namespaceSelector) return `${pods} in ${policyNamespace}`;
  if (isEmptySelector(peer.namespaceSelector)) return `${pods} in every namespace`;
  const named = namedNamespace(peer.namespaceSelector);
  if (named !== undefined) return `${pods} in ${named}`;
  return `${pods} in namespaces with ${selectorText(peer.namespaceSelector)}`;
}

/** One port entry: `TCP 5432`, `TCP 8000-8080`, `TCP port named "metrics"`, `all TCP ports`. */
export function portEntryText(entry: NetworkPolicyPort): string {
  const protocol = entry.protocol ?? 'TCP';
  if (entry.port === undefined) return `all ${protocol} ports`;
  if (typeof entry.port === 'string') return `${protocol} port named "${entry.port}"`;
  if (entry.endPort !== undefined && entry.endPort !== entry.port)
    return `${protocol} ${entry.port}-${entry.endPort}`;
  return `${protocol} ${entry.port}`;
}

/** The policy types that apply, and why, in words. */
export function policyTypesText(policy: Policy): { types: readonly PolicyType[]; why: string } {
  const types = effectivePolicyTypes(policy);
  if (policy.spec.policyTypes && policy.spec.policyTypes.length > 0) {
    return { types, why: 'as declared in policyTypes' };
  }
  return {
    types,
    why:
      types.length === 2
        ? 'no policyTypes: Ingress always, and Egress because the policy has egress rules'
        : 'no policyTypes: Ingress always; Egress only when the policy has egress rules, and it has none',
  };
}

/** Field path of a rule reference within the policy object, for source locations. */
export function rulePath(ref: RuleRef, part: 'rule' | 'peer' | 'port'): (string | number)[] {
  const base: (string | number)[] = ['spec', ref.direction, ref.rule];
  if (part === 'peer' && ref.peer !== undefined)
    return [...base, ref.direction === 'ingress' ? 'from' : 'to', ref.peer];
  if (part === 'port' && ref.port !== undefined) return [...base, 'ports', ref.port];
  return base;
}

/** `ingress rule 1`, 1-based as people count; the YAML index is in the link's title. */
export function ruleName(direction: 'ingress' | 'egress', index: number): string {
  return `${direction} rule ${index + 1}`;
}
