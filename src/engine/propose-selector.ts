/**
 * Proposing a selector from a set of endpoints picked on the graph: the simplest `matchLabels`
 * (fewest labels) that selects exactly those endpoints and no other.
 */
import type { Snapshot } from '../model';

export type ProposedSelector =
  | {
      readonly ok: true;
      /** Set when every picked endpoint is in one namespace (a podSelector alone then does). */
      readonly namespace?: string;
      readonly podSelector: { readonly matchLabels: Record<string, string> };
      readonly namespaceSelector?: { readonly matchLabels: Record<string, string> };
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The fewest matchLabels selecting exactly `picked` among the snapshot's endpoints: in one
 * namespace a podSelector (policy peers select pods of the policy's namespace); across several,
 * a namespaceSelector AND a podSelector (NetworkPolicyPeer with both). Otherwise the reason.
 */
export function proposeSelector(snapshot: Snapshot, picked: readonly string[]): ProposedSelector {
  void snapshot;
  void picked;
  throw new Error('not yet');
}
