import { describe, expect, it } from 'vitest';
import { reachabilityData } from '../../engine';
import { cluster, pod, policy } from '../../testing/fixtures';
import { buildGraph, buildGraphSteps } from './build';
import { runSlice } from './sliced';

function* counter(n: number): Generator<void, number> {
  for (let i = 0; i < n; i++) yield;
  return n;
}

describe('sliced work', () => {
  it('runSlice stops when its budget is spent and finishes the work over several slices', () => {
    const gen = counter(5);
    expect(runSlice(gen, -1)).toEqual({ done: false });
    let slices = 1;
    let step = runSlice(gen, -1);
    while (!step.done) {
      slices++;
      step = runSlice(gen, -1);
    }
    expect(step.value).toBe(5);
    // Five pauses, then the slice that returns.
    expect(slices + 1).toBe(6);
    expect(runSlice(counter(1000), 1000)).toEqual({ done: true, value: 1000 });
  });

  it('the graph built in slices is the graph built in one go, and a big one gives many pauses', () => {
    const namespaces = Object.fromEntries(
      Array.from({ length: 30 }, (_, n) => [`ns-${n}`, { team: `t${n % 4}` }]),
    );
    const snapshot = cluster({
      namespaces,
      endpoints: Array.from({ length: 600 }, (_, i) =>
        pod(`ns-${i % 30}/p-${i}`, { app: `a${i % 17}`, tier: i % 3 === 0 ? 'db' : 'web' }),
      ),
      policies: Array.from({ length: 30 }, (_, n) =>
        policy(`ns-${n}/db`, {
          podSelector: { matchLabels: { tier: 'db' } },
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { team: `t${n % 4}` } } }],
              ports: [{ port: 5432 }],
            },
          ],
        }),
      ),
    });
    const input = {
      snapshot,
      data: reachabilityData(snapshot),
      analysis: undefined as never,
      filters: { namespaces: [], labelQuery: '', port: null, onlyIsolated: false, hideUnrestricted: false },
      expanded: new Set<string>(),
      budget: { nodes: 1500, edges: 5000 },
    };
    const gen = buildGraphSteps(input);
    let pauses = 0;
    let step = gen.next();
    while (!step.done) {
      pauses++;
      step = gen.next();
    }
    expect(pauses).toBeGreaterThan(5);
    expect(step.value).toEqual(buildGraph(input));
  });
});
