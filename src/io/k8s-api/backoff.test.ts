import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 6, 7, 50].map((a) => backoffDelay(a, DEFAULT_BACKOFF, none))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000, 30_000,
    ]);
  });

  it('takes off at most the jitter share, and never grows past the cap', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const full = backoffDelay(attempt, DEFAULT_BACKOFF, () => 0);
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(d).toBeLessThanOrEqual(full);
        expect(d).toBeGreaterThanOrEqual(Math.floor(full * (1 - DEFAULT_BACKOFF.jitter)));
        expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
      }),
    );
  });

  it('never shrinks from one attempt to the next for the same random draw', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (a, r) => {
        expect(backoffDelay(a + 1, DEFAULT_BACKOFF, () => r)).toBeGreaterThanOrEqual(
          backoffDelay(a, DEFAULT_BACKOFF, () => r),
        );
      }),
    );
  });
});
