/**
 * Sets of class indices as sorted, duplicate-free Int32Arrays: small sets (a policy's subjects,
 * a peer's pods) cost their size, not the number of classes.
 */
export type ClassSet = Int32Array;

export const EMPTY_SET: ClassSet = new Int32Array(0);

/** A set from any indices, sorted and without duplicates. */
export function sortedSet(indices: readonly number[]): ClassSet {
  const a = Int32Array.from(indices).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i]!;
  return n === a.length ? a : a.slice(0, n);
}

/** The union of two sets (a new set; either input returned as is when the other is empty). */
export function unionSets(a: ClassSet, b: ClassSet): ClassSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    const v = x <= y ? x : y;
    if (x === v) i++;
    if (y === v) j++;
    out[n++] = v;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** Whether a set holds an index (binary search). */
export function setHas(a: ClassSet, v: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = a[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
