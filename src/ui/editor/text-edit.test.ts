import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyReplacement, minimalReplacement } from './text-edit';

describe('minimalReplacement', () => {
  it('is null for equal texts', () => {
    expect(minimalReplacement('a: 1\n', 'a: 1\n')).toBeNull();
  });
  it('replaces only the changed middle', () => {
    const r = minimalReplacement('spec:\n  port: 80\n# c\n', 'spec:\n  port: 8080\n# c\n');
    expect(r).toEqual({ start: 16, end: 16, text: '80' });
  });
  it('inserts at the end', () => {
    expect(minimalReplacement('a', 'ab')).toEqual({ start: 1, end: 1, text: 'b' });
  });
  it('does not split a surrogate pair', () => {
    const r = minimalReplacement('x😀', 'x😃');
    expect(r?.text).toBe('😃');
  });
  it('turns any text into any other (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const r = minimalReplacement(a, b);
        expect(r === null ? a : applyReplacement(a, r)).toBe(b);
      }),
    );
  });
});
