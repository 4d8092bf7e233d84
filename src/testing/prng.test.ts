import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    const ys = Array.from({ length: 100 }, () => b.next());
    expect(xs).toEqual(ys);
  });

  it('gives different sequences for nearby seeds', () => {
    const a = new Prng(1);
    const b = new Prng(2);
    expect(Array.from({ length: 5 }, () => a.uint32())).not.toEqual(
      Array.from({ length: 5 }, () => b.uint32()),
    );
  });

  it('draws floats in [0, 1) and integers within their inclusive bounds', () => {
    const p = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = p.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = p.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws Zipf ranks with rank 0 the most frequent', () => {
    const p = new Prng(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[p.zipf(10, 1.1)]! += 1;
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
    expect(counts[1]!).toBeGreaterThan(counts[9]!);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('follows the weights of a weighted choice', () => {
    const p = new Prng(5);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (p.weighted(['a', 'b'], [0.9, 0.1]) === 'a') heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.9, 1);
  });

  it('draws exponential values with the given mean', () => {
    const p = new Prng(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += p.exp(3);
    expect(sum / 20_000).toBeCloseTo(3, 0);
  });

  it('shuffles into a permutation and samples distinct elements', () => {
    const p = new Prng(11);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(p.shuffle(items.slice()).sort((a, b) => a - b)).toEqual(items);
    const few = p.sample(items, 5);
    expect(new Set(few).size).toBe(5);
    const many = p.sample(items, 40);
    expect(new Set(many).size).toBe(40);
    expect(p.sample(items, 99)).toHaveLength(50);
  });

  it('derives forks that are deterministic and independent of later draws', () => {
    const a = new Prng(1).fork('x');
    const b = new Prng(1).fork('x');
    expect(a.next()).toBe(b.next());
    expect(new Prng(1).fork('x').next()).not.toBe(new Prng(1).fork('y').next());
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Prng(Number.NaN)).toThrow(RangeError);
  });
});
