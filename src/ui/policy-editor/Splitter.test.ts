import { describe, expect, it } from 'vitest';
import { clampShare, MAX_SHARE, MIN_SHARE } from './Splitter';

describe('clampShare', () => {
  it('keeps the form and the YAML each a visible share', () => {
    expect(clampShare(0)).toBe(MIN_SHARE);
    expect(clampShare(1)).toBe(MAX_SHARE);
    expect(clampShare(0.4)).toBe(0.4);
    expect(clampShare(Number.NaN)).toBe(0.5);
  });
});
