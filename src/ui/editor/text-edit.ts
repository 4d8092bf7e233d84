/**
 * The smallest single replacement that turns one text into another: the common prefix and
 * suffix stay, the middle is replaced. A form edit then reaches Monaco as one small model edit,
 * so the cursor, the selection and the scroll position outside it do not move.
 */
export interface TextReplacement {
  /** Offsets in the old text: replace [start, end) by `text`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The minimal replacement from `before` to `after`, or null when they are equal. */
export function minimalReplacement(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair between the kept and the replaced part.
  while (prefix > 0 && isLowHalf(before.charCodeAt(prefix))) prefix--;
  while (suffix > 0 && isLowHalf(before.charCodeAt(before.length - suffix))) suffix--;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

function isLowHalf(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies a replacement (for tests and for callers without a Monaco model). */
export function applyReplacement(text: string, r: TextReplacement): string {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}
