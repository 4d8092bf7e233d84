import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Namespace, Policy } from '../model';
import type { AnalysisPayload } from './protocol';
import { joinPayload, splitPayload, type ResultPart } from './result-parts';

/** A payload whose lists hold distinct items (their content does not matter to the split). */
function payload(n: number, e: number, p: number, applied: number | null): AnalysisPayload {
  const items = (kind: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ id: `${kind}${i}`, labels: { i: String(i) } }));
  return {
    snapshot: {
      namespaces: items('n', n) as unknown as Namespace[],
      endpoints: items('e', e) as unknown as Endpoint[],
      policies: items('p', p) as unknown as Policy[],
    },
    data: { pods: 1 } as unknown as AnalysisPayload['data'],
    diagnostics: [],
    ignored: { Service: 2 },
    timings: { parseMs: 1, evaluateMs: 2 },
    ...(applied === null ? {} : { appliedPolicies: items('a', applied) as unknown as Policy[] }),
  };
}

describe('a result in parts', () => {
  it('is the same result once joined, whatever the sizes of its lists and of the parts', () => {
    fc.assert(
      fc.property(
        fc.nat(30),
        fc.nat(60),
        fc.nat(40),
        fc.option(fc.nat(40)),
        fc.integer({ min: 1, max: 25 }),
        (n, e, p, applied, size) => {
          const whole = payload(n, e, p, applied);
          const { parts, rest } = splitPayload(whole, size);
          // Through a structured clone, as between the worker and the page.
          const sent = structuredClone({ parts, rest });
          expect(joinPayload(sent.rest, sent.parts)).toEqual(whole);
          for (const part of parts) expect(part.items.length).toBeLessThanOrEqual(size);
        },
      ),
    );
  });

  it('sends a big result as parts of at most the part size, and its rest without the lists', () => {
    const whole = payload(40, 2500, 1200, null);
    const { parts, rest } = splitPayload(whole, 1000);
    expect(parts.map((part: ResultPart) => `${part.list}:${part.items.length}`)).toEqual([
      'namespaces:40',
      'endpoints:1000',
      'endpoints:1000',
      'endpoints:500',
      'policies:1000',
      'policies:200',
    ]);
    expect(rest.parted).toBe(true);
    expect(rest.snapshot.endpoints).toEqual([]);
    expect(rest.data).toBe(whole.data);
    expect(rest.ignored).toEqual({ Service: 2 });
  });

  it('leaves a small result whole', () => {
    const whole = payload(2, 5, 3, 1);
    const { parts, rest } = splitPayload(whole, 1000);
    expect(parts).toEqual([]);
    expect(rest).toBe(whole);
    expect(joinPayload(rest, [])).toBe(whole);
  });
});
