/**
 * What a selection highlights in the graph. Pure: the sets of node and edge ids to keep bright,
 * everything else being dimmed by the controller.
 */
import type { Analysis } from '../../engine';
import { effectivePolicyTypes, ipSets } from '../../engine';
import { peerMatches, type Party } from '../../engine/explain';
import type { Labels, NetworkPolicyPeer, Policy, Snapshot } from '../../model';
import type { Selection } from '../../state/store';
import type { Focus, FocusRole, GraphStructure } from './model';
import { nsAggId, nsBoxId } from './build';
import { plural } from './text';

interface FocusContext {
  readonly snapshot: Snapshot;
  readonly analysis: Analysis;
}

/** The focus of a selection, or null when nothing is selected. */
export function focusOf(graph: GraphStructure, selection: Selection, ctx: FocusContext): Focus | null {
  if (!selection) return null;
  switch (selection.kind) {
    case 'endpoint': {
      const id = graph.nodeOf.get(selection.id);
      if (!id) return hidden(selection.id);
      return neighbourhood(graph, id, nameOf(graph, id, selection.id));
    }
    case 'namespace': {
      const id = graph.nodes.find(
        (n) => n.id === nsAggId(selection.id) || n.id === nsBoxId(selection.id),
      )?.id;
      if (!id) return hidden(`namespace ${selection.id}`);
      return neighbourhood(graph, id, `namespace ${selection.id}`);
    }
    case 'pair':
      return pairFocus(graph, selection.from, selection.to);
    case 'policy':
      return policyFocus(graph, selection.id, ctx);
  }
}

/** How the status line names a focused node: the endpoint, or the group or ranges it stands in. */
function nameOf(graph: GraphStructure, nodeId: string, endpoint: string): string {
  const n = graph.nodes.find((x) => x.id === nodeId);
  if (n?.kind === 'group') return `${n.namespace}/${n.label} ×${n.count}`;
  if (n?.kind === 'range' && n.count > 1) return n.label;
  if (n?.kind === 'extagg') return `outside the cluster (${plural(n.count, 'range')})`;
  if (n?.kind === 'nsagg') return `namespace ${n.label}`;
  return endpoint;
}

function hidden(what: string): Focus {
  return { nodes: new Map(), edges: new Set(), message: `${what} is not in the graph: the filters hide it.` };
}

/** A node and everything it talks to, with the edges in both directions. */
function neighbourhood(graph: GraphStructure, id: string, what: string): Focus {
  const nodes = new Map<string, FocusRole>([[id, 'focus']]);
  const edges = new Set<string>();
  const members = memberIds(graph, id);
  let incoming = 0;
  let outgoing = 0;
  let inPairs = 0;
  let outPairs = 0;
  for (const e of graph.edges) {
    const out = members.has(e.source);
    const inc = members.has(e.target);
    if (!out && !inc) continue;
    edges.add(e.id);
    if (out) {
      outgoing++;
      outPairs += e.pairs;
      if (!nodes.has(e.target)) nodes.set(e.target, 'near');
    }
    if (inc) {
      incoming++;
      inPairs += e.pairs;
      if (!nodes.has(e.source)) nodes.set(e.source, 'near');
    }
  }
  for (const m of members) if (!nodes.has(m)) nodes.set(m, 'focus');
  // Connections count endpoint (and range) pairs, as the tables do; edges join grouped nodes.
  const drawn =
    incoming !== inPairs || outgoing !== outPairs ? ` (drawn as ${incoming} and ${outgoing} edges)` : '';
  return {
    nodes,
    edges,
    message: `${what}: ${plural(inPairs, 'incoming connection')} and ${plural(outPairs, 'outgoing connection')}${drawn}.`,
  };
}

/** A node and, for a box (an opened namespace), the nodes inside it. */
function memberIds(graph: GraphStructure, id: string): Set<string> {
  const out = new Set([id]);
  for (const n of graph.nodes) if (n.parent === id) out.add(n.id);
  return out;
}

function pairFocus(graph: GraphStructure, from: string, to: string): Focus {
  const a = graph.nodeOf.get(from);
  const b = graph.nodeOf.get(to);
  const nodes = new Map<string, FocusRole>();
  if (a) nodes.set(a, 'focus');
  if (b) nodes.set(b, 'focus');
  const edges = new Set<string>();
  const edge = graph.edges.find((e) => e.source === a && e.target === b);
  if (edge) edges.add(edge.id);
  const message = edge
    ? `${from} → ${to}: allowed (${edge.ports}).`
    : a && b
      ? `${from} → ${to}: no connection drawn between them.`
      : `${from} → ${to}: ${a ? to : from} is not in the graph.`;
  return { nodes, edges, message };
}

/** The ids of endpoints and ranges a list of peers admits (every one, for a rule without peers). */
function admitted(
  peers: readonly NetworkPolicyPeer[] | undefined,
  policy: Policy,
  parties: readonly { readonly id: string; readonly party: Party }[],
  nsLabels: (ns: string) => Labels,
  analysis: Analysis,
  into: Set<string>,
): void {
  if (!peers || peers.length === 0) {
    for (const p of parties) into.add(p.id);
    return;
  }
  const ctx = { nsLabels, options: analysis.options };
  for (const p of parties) {
    if (into.has(p.id)) continue;
    if (peers.some((peer) => peerMatches(peer, policy.namespace, p.party, ctx))) into.add(p.id);
  }
}

/** The pods a policy selects, the peers its rules admit, and the edges between them. */
function policyFocus(graph: GraphStructure, policyId: string, ctx: FocusContext): Focus {
  const policy = ctx.snapshot.policies.find((p) => p.id === policyId);
  if (!policy)
    return { nodes: new Map(), edges: new Set(), message: `Policy ${policyId} is not in the input.` };
  const subjects = new Set(ctx.analysis.selects(policyId) ?? []);
  const labels = new Map(ctx.snapshot.namespaces.map((n) => [n.name, n.labels]));
  const nsLabels = (ns: string): Labels => labels.get(ns) ?? {};
  const parties: { id: string; party: Party }[] = ctx.snapshot.endpoints.map((endpoint) => ({
    id: endpoint.id,
    party: { kind: 'endpoint', endpoint },
  }));
  for (const r of ctx.analysis.ipRanges) {
    const first = ipSets.parseIp(r.first);
    if (first) parties.push({ id: r.id, party: { kind: 'address', id: r.id, ...first } });
  }
  const types = effectivePolicyTypes(policy);
  const ingressPeers = new Set<string>();
  const egressPeers = new Set<string>();
  if (types.includes('Ingress')) {
    for (const rule of policy.spec.ingress ?? [])
      admitted(rule.from, policy, parties, nsLabels, ctx.analysis, ingressPeers);
  }
  if (types.includes('Egress')) {
    for (const rule of policy.spec.egress ?? [])
      admitted(rule.to, policy, parties, nsLabels, ctx.analysis, egressPeers);
  }
  const toNodes = (ids: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const id of ids) {
      const n = graph.nodeOf.get(id);
      if (n) out.add(n);
    }
    return out;
  };
  const subjectNodes = toNodes(subjects);
  const inNodes = toNodes(ingressPeers);
  const outNodes = toNodes(egressPeers);
  const nodes = new Map<string, FocusRole>();
  for (const n of inNodes) nodes.set(n, 'peer');
  for (const n of outNodes) nodes.set(n, 'peer');
  for (const n of subjectNodes) nodes.set(n, 'subject');
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (
      (inNodes.has(e.source) && subjectNodes.has(e.target)) ||
      (subjectNodes.has(e.source) && outNodes.has(e.target))
    ) {
      edges.add(e.id);
    }
  }
  const peerCount = new Set([...ingressPeers, ...egressPeers]).size;
  return {
    nodes,
    edges,
    message: `Policy ${policyId} selects ${plural(subjects.size, 'pod')}; its rules admit ${plural(peerCount, 'peer')}.`,
  };
}
