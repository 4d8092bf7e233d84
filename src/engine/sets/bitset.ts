/** Fixed-size bitsets over class indices, as Uint32Array words. */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(b: Bitset, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

export function orInto(target: Bitset, source: Bitset): void {
  for (let w = 0; w < target.length; w++) target[w]! |= source[w]!;
}

/** Calls `f` for every set bit, in ascending order. */
export function forEachBit(b: Bitset, f: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let word = b[w]!;
    while (word !== 0) {
      const low = word & -word;
      f((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}
