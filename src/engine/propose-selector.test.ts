import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeSelector, selectorMatches } from '.';
import type { Snapshot } from '../model';
import { snapshotArb } from '../testing/arbitraries';
import { cluster, pod } from '../testing/fixtures';

const shop = cluster({
  namespaces: { shop: { team: 'red' }, blog: { team: 'red' }, ops: { team: 'blue' } },
  endpoints: [
    pod('shop/web-1', { app: 'web', tier: 'front' }),
    pod('shop/web-2', { app: 'web', tier: 'front' }),
    pod('shop/api', { app: 'api', tier: 'front' }),
    pod('shop/db', { app: 'db', tier: 'back' }),
    pod('blog/web', { app: 'web', tier: 'front' }),
    pod('ops/web', { app: 'web', tier: 'front' }),
  ],
});

/** The endpoints a proposal selects, as a NetworkPolicyPeer in the picked namespace would. */
function selected(snap: Snapshot, r: ReturnType<typeof proposeSelector>): string[] {
  if (!r.ok) return [];
  const nsLabels = (ns: string) => snap.namespaces.find((n) => n.name === ns)!.labels;
  return snap.endpoints
    .filter((e) =>
      r.namespaceSelector
        ? selectorMatches(r.namespaceSelector, nsLabels(e.namespace))
        : e.namespace === r.namespace,
    )
    .filter((e) => selectorMatches(r.podSelector, e.labels))
    .map((e) => e.id)
    .sort();
}

describe('proposeSelector', () => {
  it('asks for a pick when nothing is picked', () => {
    expect(proposeSelector(shop, [])).toEqual({ ok: false, reason: 'Pick one or more pods first.' });
  });

  it('names ids that are not in the cluster', () => {
    const r = proposeSelector(shop, ['shop/nope']);
    expect(r).toEqual({ ok: false, reason: 'Not in the cluster: shop/nope.' });
  });

  it('proposes one label for pods of one namespace that share it alone', () => {
    expect(proposeSelector(shop, ['shop/web-1', 'shop/web-2'])).toEqual({
      ok: true,
      namespace: 'shop',
      podSelector: { matchLabels: { app: 'web' } },
    });
  });

  it('proposes the empty selector when every pod of the namespace is picked', () => {
    const r = proposeSelector(shop, ['shop/web-1', 'shop/web-2', 'shop/api', 'shop/db']);
    expect(r).toEqual({ ok: true, namespace: 'shop', podSelector: { matchLabels: {} } });
  });

  it('uses namespace labels AND pod labels across namespaces', () => {
    const r = proposeSelector(shop, ['shop/web-1', 'shop/web-2', 'blog/web']);
    expect(r).toEqual({
      ok: true,
      podSelector: { matchLabels: { app: 'web' } },
      namespaceSelector: { matchLabels: { team: 'red' } },
    });
    expect(selected(shop, r)).toEqual(['blog/web', 'shop/web-1', 'shop/web-2']);
  });

  it('explains why none exists, naming a pod that would match too', () => {
    const r = proposeSelector(shop, ['shop/web-1']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(
      'No matchLabels selects exactly this pod in namespace shop: shop/web-2 also has every label this pod has (app=web, tier=front). Pick it as well, or add a distinguishing label.',
    );
  });

  it('says when the picked pods share no label at all', () => {
    const r = proposeSelector(shop, ['shop/web-1', 'shop/db']);
    expect(!r.ok && r.reason).toContain('these 2 pods share no label; shop/web-2 would be selected too');
  });

  it('selects exactly the picked endpoints whenever it proposes a selector, with the fewest labels', () => {
    const caseArb = snapshotArb.chain((snap) =>
      fc.tuple(
        fc.constant(snap),
        fc.subarray(
          snap.endpoints.map((e) => e.id),
          { minLength: 1 },
        ),
      ),
    );
    let proposed = 0;
    fc.assert(
      fc.property(caseArb, ([snap, picked]) => {
        const r = proposeSelector(snap, picked);
        if (r.ok) {
          proposed++;
          expect(selected(snap, r)).toEqual([...picked].sort());
          // Fewest labels: no selector with fewer pairs from the shared labels does it.
          const size =
            Object.keys(r.podSelector.matchLabels).length +
            Object.keys(r.namespaceSelector?.matchLabels ?? {}).length;
          const smaller = proposeSmallerExists(snap, picked, r, size);
          expect(smaller).toBe(false);
        } else {
          // None exists: no subset of the shared labels selects exactly the picked endpoints.
          expect(r.reason).toMatch(/^No matchLabels selects exactly/);
          const namespaces = new Set(
            snap.endpoints.filter((e) => picked.includes(e.id)).map((e) => e.namespace),
          );
          const [only] = namespaces;
          const shape =
            namespaces.size === 1 && only !== undefined
              ? { ok: true as const, namespace: only, podSelector: { matchLabels: {} } }
              : {
                  ok: true as const,
                  podSelector: { matchLabels: {} },
                  namespaceSelector: { matchLabels: {} },
                };
          expect(proposeSmallerExists(snap, picked, shape, Infinity)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
    expect(proposed).toBeGreaterThan(50);
  });
});

/** Brute force: is there a selector of fewer than `size` shared labels selecting exactly `picked`? */
function proposeSmallerExists(
  snap: Snapshot,
  picked: readonly string[],
  r: Extract<ReturnType<typeof proposeSelector>, { ok: true }>,
  size: number,
): boolean {
  const chosen = snap.endpoints.filter((e) => picked.includes(e.id));
  const nsLabels = (ns: string) => snap.namespaces.find((n) => n.name === ns)!.labels;
  const sharedOf = (sets: Record<string, string>[]): [string, string][] =>
    Object.entries(sets[0] ?? {}).filter(([k, v]) => sets.every((s) => s[k] === v));
  const pods = sharedOf(chosen.map((e) => ({ ...e.labels })));
  const nss = r.namespaceSelector ? sharedOf(chosen.map((e) => ({ ...nsLabels(e.namespace) }))) : [];
  const all = [...pods.map((p) => ['pod', ...p] as const), ...nss.map((p) => ['ns', ...p] as const)];
  const want = [...picked].sort().join();
  for (let mask = 0; mask < 1 << all.length; mask++) {
    const bits = all.filter((_, i) => mask & (1 << i));
    if (bits.length >= size) continue;
    const podSel = Object.fromEntries(bits.filter((b) => b[0] === 'pod').map((b) => [b[1], b[2]]));
    const nsSel = Object.fromEntries(bits.filter((b) => b[0] === 'ns').map((b) => [b[1], b[2]]));
    const got = selected(snap, {
      ok: true,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      podSelector: { matchLabels: podSel },
      ...(r.namespaceSelector ? { namespaceSelector: { matchLabels: nsSel } } : {}),
    });
    if (got.join() === want) return true;
  }
  return false;
}
