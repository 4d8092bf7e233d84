import { describe, expect, it } from 'vitest';
import { alignLines, deepEqual, keepUntouchedLines } from './lines-merge';

describe('alignLines', () => {
  it('pairs the lines of a longest common subsequence', () => {
    const same = (x: string, y: string): boolean => x === y;
    expect([...alignLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'], same)]).toEqual([0, -1, 2, 3, -1]);
    expect([...alignLines([], ['a'], same)]).toEqual([-1]);
    // One of the two crossing lines stays unpaired.
    expect([...alignLines(['a', 'b'], ['b', 'a'], same)].filter((i) => i >= 0)).toHaveLength(1);
  });
});

describe('keepUntouchedLines', () => {
  it('takes the original of every line the edit left as the writer wrote it', () => {
    const original = 'a:   1  # one\nb: 2\nc:    3\n';
    const before = 'a: 1 # one\nb: 2\nc: 3\n';
    const edited = 'a: 1 # one\nb: 20\nc: 3\n';
    expect(keepUntouchedLines(original, before, edited)).toBe('a:   1  # one\nb: 20\nc:    3\n');
  });

  it('joins a comment the writer moved off its key line back onto it', () => {
    const original = 'from:   # peers\n  - a\n';
    const before = 'from:\n  # peers\n  - a\n';
    const edited = 'from:\n  # peers\n  - a\n  - b\n';
    expect(keepUntouchedLines(original, before, edited)).toBe('from:   # peers\n  - a\n  - b\n');
  });
});

describe('deepEqual', () => {
  it('compares plain values structurally, key order included', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(NaN, NaN)).toBe(true);
  });
});
