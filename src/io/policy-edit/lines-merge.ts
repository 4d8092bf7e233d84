/**
 * Keeping the user's bytes: `yaml` rewrites a whole document in its own style (one space before
 * a comment, one after a colon...). Given the original text, the document written before the
 * edit and the document written after it, every line the edit did not change is taken from the
 * original. Lines are aligned by a longest common subsequence.
 */

/** Above this many cells the alignment falls back to common prefix and suffix only. */
const MAX_CELLS = 4_000_000;

/** A line as the writer would write it: indentation kept, runs of inner spaces collapsed. */
function loose(line: string): string {
  const indent = /^ */.exec(line)![0];
  return (
    indent +
    line
      .slice(indent.length)
      .replace(/[ \t]+/g, ' ')
      .trimEnd()
  );
}

/**
 * For each line of `b`, the index of the line of `a` it is aligned with (or -1), by a longest
 * common subsequence under `same`.
 */
export function alignLines(
  a: readonly string[],
  b: readonly string[],
  same: (x: string, y: string) => boolean,
): Int32Array {
  const out = new Int32Array(b.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && same(a[start]!, b[start]!)) {
    out[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1]!, b[endB - 1]!)) {
    out[--endB] = --endA;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return out;
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = same(a[start + i]!, b[start + j]!)
        ? lcs[(i + 1) * w + j + 1]! + 1
        : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(a[start + i]!, b[start + j]!)) {
      out[start + j] = start + i;
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/**
 * Lines with a comment-only line joined to the key line before it (`from:` then `# peers`), when
 * the joined line is one `accept` knows: `yaml` moves a comment that followed a key with a block
 * value onto a line of its own, where the original had it on the key's line.
 */
function joinMovedComments(
  lines: readonly string[],
  accept: (joined: string) => boolean,
): { readonly lines: string[]; readonly spans: [number, number][] } {
  const out: string[] = [];
  const spans: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next !== undefined && /:$/.test(line) && /^ *#/.test(next)) {
      const joined = `${line} ${next.trim()}`;
      if (accept(joined)) {
        out.push(joined);
        spans.push([i, 2]);
        i++;
        continue;
      }
    }
    out.push(line);
    spans.push([i, 1]);
  }
  return { lines: out, spans };
}

/**
 * `edited` with each line that is unchanged from `before` replaced by the original line it was
 * written from (`before` is the original text as the writer writes it).
 */
export function keepUntouchedLines(original: string, before: string, edited: string): string {
  const o = original.split('\n');
  const originals = new Set(o.map(loose));
  const b = joinMovedComments(before.split('\n'), (j) => originals.has(loose(j)));
  const joinedB = new Set(b.lines);
  const eLines = edited.split('\n');
  const e = joinMovedComments(eLines, (j) => joinedB.has(j));
  const bFromO = alignLines(o, b.lines, (x, y) => loose(x) === loose(y));
  const eFromB = alignLines(b.lines, e.lines, (x, y) => x === y);
  const out: string[] = [];
  e.lines.forEach((_, k) => {
    const j = eFromB[k]!;
    const i = j >= 0 ? bFromO[j]! : -1;
    if (i >= 0) out.push(o[i]!);
    else if (j >= 0 && e.lines[k]!.trim() === '') {
      // A blank line the writer adds where the original had none (before a closing comment).
    } else {
      const [start, count] = e.spans[k]!;
      for (let x = start; x < start + count; x++) out.push(eLines[x]!);
    }
  });
  return out.join('\n');
}

/** Structural equality of plain JSON-like values (what `toJS` returns). */
export function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
    return Number.isNaN(x) && Number.isNaN(y);
  }
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  }
  if (x instanceof Map || y instanceof Map) return false;
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const kx = Object.keys(xo);
  const ky = Object.keys(yo);
  return kx.length === ky.length && kx.every((k, i) => k === ky[i] && deepEqual(xo[k], yo[k]));
}
