/**
 * Picking endpoints on the graph (Shift-, Ctrl- or Cmd-click, Shift+Space): the policy editor
 * proposes a selector for the picked endpoints (issue 4). Pure helpers on the graph's data.
 */
import type { GraphStructure } from './model';

/** Node kinds that stand for pods: a pod, a workload without pods, replicas of one workload. */
const PICKABLE = new Set(['pod', 'workload', 'group']);

/** The endpoint ids a node stands for when picked; empty for namespaces and address ranges. */
export function pickIdsOf(graph: GraphStructure, node: { kind: string; id: string; rep: string }): string[] {
  if (!PICKABLE.has(node.kind)) return [];
  if (node.kind !== 'group') return node.rep === '' ? [] : [node.rep];
  const ids: string[] = [];
  for (const [endpoint, nodeId] of graph.nodeOf) if (nodeId === node.id) ids.push(endpoint);
  return ids.sort();
}

/** Picks `ids` (appended in order) unless all are picked already, in which case unpicks them. */
export function togglePicked(picked: readonly string[], ids: readonly string[]): string[] {
  if (ids.length === 0) return [...picked];
  const have = new Set(picked);
  if (ids.every((id) => have.has(id))) {
    const drop = new Set(ids);
    return picked.filter((id) => !drop.has(id));
  }
  return [...picked, ...ids.filter((id) => !have.has(id))];
}

/** Ids of the drawn nodes that show a picked endpoint. */
export function pickedNodes(graph: GraphStructure, picked: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const id of picked) {
    const n = graph.nodeOf.get(id);
    if (n !== undefined) out.add(n);
  }
  return out;
}
