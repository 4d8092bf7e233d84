/**
 * Proposing a selector from a set of endpoints picked on the graph: the simplest `matchLabels`
 * (fewest labels) that selects exactly those endpoints and no other.
 *
 * Every label the picked endpoints share is a candidate; each candidate leaves out the other
 * endpoints that lack it. The simplest selector is the smallest set of candidates that leaves
 * out every other endpoint: a set cover, searched exactly by increasing size (within a budget,
 * then greedily; the labels shared by a handful of pods are few).
 */
import { NAMESPACE_NAME_LABEL, type Endpoint, type Labels, type Snapshot } from '../model';

export type ProposedSelector =
  | {
      readonly ok: true;
      /**
       * Set when every picked endpoint is in one namespace: the podSelector alone selects them
       * in a policy of that namespace (a policy elsewhere adds a namespaceSelector on
       * `kubernetes.io/metadata.name`).
       */
      readonly namespace?: string;
      readonly podSelector: { readonly matchLabels: Record<string, string> };
      /** Set when the picked endpoints span several namespaces: ANDed with the podSelector. */
      readonly namespaceSelector?: { readonly matchLabels: Record<string, string> };
    }
  | { readonly ok: false; readonly reason: string };

/** Subsets tried exactly before the greedy cover takes over. */
const SEARCH_BUDGET = 200_000;

interface Candidate {
  readonly on: 'pod' | 'namespace';
  readonly key: string;
  readonly value: string;
  /** Bitset over the other endpoints: those this label leaves out. */
  readonly excludes: Uint32Array;
  readonly count: number;
}

const own = (labels: Labels, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;

/** The label pairs every one of `sets` carries with the same value. */
function shared(sets: readonly Labels[]): [string, string][] {
  const first = sets[0];
  if (!first) return [];
  return Object.keys(first)
    .filter((k) => sets.every((l) => own(l, k) === first[k]))
    .sort()
    .map((k) => [k, first[k]!]);
}

function popcount32(word: number): number {
  let w = word >>> 0;
  let n = 0;
  while (w) {
    w = (w & (w - 1)) >>> 0;
    n++;
  }
  return n;
}

function popcount(words: Uint32Array): number {
  let n = 0;
  for (const w of words) n += popcount32(w);
  return n;
}

/** The smallest subset of candidates whose exclusions cover `total` others (exact within a budget). */
function smallestCover(cands: readonly Candidate[], total: number, words: number): Candidate[] | undefined {
  if (total === 0) return [];
  const all = new Uint32Array(words);
  for (const c of cands) for (let w = 0; w < words; w++) all[w]! |= c.excludes[w]!;
  if (popcount(all) < total) return undefined;
  let budget = SEARCH_BUDGET;
  const acc: Uint32Array[] = [];
  for (let size = 1; size <= cands.length && budget > 0; size++) {
    const pick: number[] = [];
    for (let d = 0; d <= size; d++) acc[d] = new Uint32Array(words);
    const dfs = (start: number, depth: number): boolean => {
      if (depth === size) return popcount(acc[depth]!) === total;
      for (let i = start; i <= cands.length - (size - depth); i++) {
        if (--budget < 0) return false;
        const from = acc[depth]!;
        const to = acc[depth + 1]!;
        const ex = cands[i]!.excludes;
        for (let w = 0; w < words; w++) to[w] = from[w]! | ex[w]!;
        pick.push(i);
        if (dfs(i + 1, depth + 1)) return true;
        pick.pop();
      }
      return false;
    };
    if (dfs(0, 0)) return pick.map((i) => cands[i]!);
  }
  // Greedy: the candidate leaving out the most others not yet left out, until all are.
  const covered = new Uint32Array(words);
  const chosen: Candidate[] = [];
  while (popcount(covered) < total) {
    let best: Candidate | undefined;
    let bestGain = 0;
    for (const c of cands) {
      let gain = 0;
      for (let w = 0; w < words; w++) gain += popcount32(c.excludes[w]! & ~covered[w]!);
      if (gain > bestGain) {
        best = c;
        bestGain = gain;
      }
    }
    if (!best) return undefined;
    chosen.push(best);
    for (let w = 0; w < words; w++) covered[w]! |= best.excludes[w]!;
  }
  return chosen;
}

function labelText(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * The fewest matchLabels selecting exactly `picked` among the snapshot's endpoints. In one
 * namespace: a podSelector, as a policy peer without namespaceSelector selects pods of the
 * policy's own namespace. Across several: a namespaceSelector AND a podSelector, as one
 * NetworkPolicyPeer with both selects the matching pods in the matching namespaces. When no
 * selector exists, the reason names an endpoint that every candidate would select too.
 */
export function proposeSelector(snapshot: Snapshot, picked: readonly string[]): ProposedSelector {
  if (picked.length === 0) return { ok: false, reason: 'Pick one or more pods first.' };
  const byId = new Map<string, Endpoint>();
  for (const e of snapshot.endpoints) byId.set(e.id, e);
  const unknown = picked.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return {
      ok: false,
      reason: `Not in the cluster: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '...' : ''}.`,
    };
  }
  const chosen = [...new Set(picked)].map((id) => byId.get(id)!);
  const pickedIds = new Set(chosen.map((e) => e.id));
  const namespaces = [...new Set(chosen.map((e) => e.namespace))].sort();
  const single = namespaces.length === 1 ? namespaces[0]! : undefined;
  const nsLabels = new Map<string, Labels>();
  for (const n of snapshot.namespaces) nsLabels.set(n.name, n.labels);
  const labelsOfNs = (ns: string): Labels => nsLabels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };

  // The others a selector must leave out: in one namespace, that namespace's endpoints only.
  const others = snapshot.endpoints.filter(
    (e) => !pickedIds.has(e.id) && (single === undefined || e.namespace === single),
  );
  const words = Math.ceil(others.length / 32) || 1;
  const candidates: Candidate[] = [];
  const addCandidate = (on: Candidate['on'], key: string, value: string): void => {
    const excludes = new Uint32Array(words);
    others.forEach((o, i) => {
      const labels = on === 'pod' ? o.labels : labelsOfNs(o.namespace);
      if (own(labels, key) !== value) excludes[i >> 5]! |= 1 << (i & 31);
    });
    const count = popcount(excludes);
    if (count > 0) candidates.push({ on, key, value, excludes, count });
  };
  const podShared = shared(chosen.map((e) => e.labels));
  for (const [k, v] of podShared) addCandidate('pod', k, v);
  const nsShared = single === undefined ? shared(namespaces.map(labelsOfNs)) : [];
  for (const [k, v] of nsShared) addCandidate('namespace', k, v);
  // Most discriminating first, pod labels before namespace labels, then by key.
  candidates.sort(
    (a, b) =>
      b.count - a.count ||
      (a.on === b.on ? 0 : a.on === 'pod' ? -1 : 1) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );

  const cover = smallestCover(candidates, others.length, words);
  if (!cover) {
    // An other endpoint that carries every shared label: no selector can leave it out.
    const blocker = others.find(
      (o) =>
        podShared.every(([k, v]) => own(o.labels, k) === v) &&
        nsShared.every(([k, v]) => own(labelsOfNs(o.namespace), k) === v),
    );
    const what = chosen.length === 1 ? 'this pod' : `these ${chosen.length} pods`;
    const share = chosen.length === 1 ? 'has' : 'share';
    const sharedText =
      podShared.length === 0 && nsShared.length === 0
        ? `${what} ${chosen.length === 1 ? 'has' : 'share'} no label`
        : `${blocker?.id ?? 'another pod'} also has every label ${what} ${share} (${labelText([...podShared, ...nsShared])})`;
    const where = single === undefined ? ' (namespace labels included)' : ` in namespace ${single}`;
    return {
      ok: false,
      reason: `No matchLabels selects exactly ${what}${where}: ${sharedText}${
        podShared.length === 0 && nsShared.length === 0 && blocker
          ? `; ${blocker.id} would be selected too`
          : ''
      }. Pick it as well, or add a distinguishing label.`,
    };
  }
  const podSelector: Record<string, string> = {};
  const namespaceSelector: Record<string, string> = {};
  for (const c of [...cover].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (c.on === 'pod') podSelector[c.key] = c.value;
    else namespaceSelector[c.key] = c.value;
  }
  if (single !== undefined) return { ok: true, namespace: single, podSelector: { matchLabels: podSelector } };
  return {
    ok: true,
    podSelector: { matchLabels: podSelector },
    namespaceSelector: { matchLabels: namespaceSelector },
  };
}
