/** Fixed-size bitsets over class indices, as Uint32Array words. */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(b: Bitset, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

export function hasBit(b: Bitset, i: number): boolean {
  return (b[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export function orInto(target: Bitset, source: Bitset): void {
  for (let w = 0; w < target.length; w++) target[w]! |= source[w]!;
}

export function isEmptyBitset(b: Bitset): boolean {
  for (let w = 0; w < b.length; w++) if (b[w] !== 0) return false;
  return true;
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

export function bitsetOf(size: number, indices: Iterable<number>): Bitset {
  const b = createBitset(size);
  for (const i of indices) setBit(b, i);
  return b;
}

/** A text that two bitsets share exactly when they hold the same bits. */
export function bitsetKey(b: Bitset): string {
  const parts: string[] = [];
  for (let w = 0; w < b.length; w++) if (b[w] !== 0) parts.push(`${w}:${b[w]}`);
  return parts.join(',');
}
