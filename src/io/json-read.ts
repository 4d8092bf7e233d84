/**
 * Reading JSON with `JSON.parse` (the fastest parser there is) plus one linear scan for what it
 * does not give: the nesting depth and the offsets of a List's items.
 */

export interface JsonRead {
  readonly value: unknown;
  /** Offset of the root value. */
  readonly root: number;
  /** [start, end) of each element of a root object's `items` array, when there is one. */
  readonly items?: readonly (readonly [number, number])[];
  readonly depth: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let slashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length - 1;
}

interface Scan {
  root: number;
  depth: number;
  items: [number, number][] | undefined;
}

/** One pass over valid JSON: maximum depth and the spans of `items` elements of the root. */
function scan(text: string): Scan {
  const n = text.length;
  let depth = 0;
  let maxDepth = 0;
  let root = -1;
  let lastString = '';
  let prev = 0; // previous significant character
  let items: [number, number][] | undefined;
  let inItems = false;
  let elementStart = -1;
  let atElement = false;
  let lastEnd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (root === -1) root = i;
    if (inItems && depth === 2 && atElement && c !== CLOSE_BRACKET) {
      elementStart = i;
      atElement = false;
    }
    if (c === QUOTE) {
      const j = stringEnd(text, i);
      if (depth === 1) lastString = j - i < 16 ? text.slice(i + 1, j) : '';
      i = j;
      lastEnd = j + 1;
      prev = QUOTE;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (
        c === OPEN_BRACKET &&
        depth === 2 &&
        prev === COLON &&
        lastString === 'items' &&
        items === undefined
      ) {
        items = [];
        inItems = true;
        atElement = true;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (inItems && depth === 2) {
        if (elementStart !== -1) items?.push([elementStart, lastEnd]);
        inItems = false;
        elementStart = -1;
      }
      depth--;
    } else if (c === COMMA && inItems && depth === 2) {
      if (elementStart !== -1) items?.push([elementStart, lastEnd]);
      elementStart = -1;
      atElement = true;
    }
    lastEnd = i + 1;
    prev = c;
  }
  return { root: Math.max(root, 0), depth: maxDepth, items };
}

/** Why a text is not JSON, and where. */
export interface JsonError {
  readonly error: string;
  readonly offset: number;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * The first syntax error of a text that JSON.parse refused (its messages do not always give a
 * position): a small iterative checker, so that no nesting depth can exhaust the stack.
 */
export function findJsonError(text: string): JsonError {
  const stack: number[] = []; // OPEN_BRACE or OPEN_BRACKET
  let i = 0;
  const skip = (): void => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  const fail = (what: string): JsonError => ({
    error:
      i >= text.length
        ? `unexpected end of text, expected ${what}`
        : `unexpected ${JSON.stringify(text[i])}, expected ${what}`,
    offset: Math.min(i, text.length),
  });
  const value = (): JsonError | undefined => {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (text.charCodeAt(end) !== QUOTE || end === i) return { error: 'unterminated string', offset: i };
      i = end + 1;
      return undefined;
    }
    for (const re of [NUMBER, LITERAL]) {
      re.lastIndex = i;
      if (re.test(text)) {
        i = re.lastIndex;
        return undefined;
      }
    }
    return fail('a value');
  };
  skip();
  for (;;) {
    // Here a value is expected (or the end of an empty container).
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      stack.push(c);
      i++;
      skip();
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === OPEN_BRACE) {
        const e = keyColon();
        if (e) return e;
        continue;
      } else continue;
    } else {
      const e = value();
      if (e) return e;
    }
    // After a value: a comma, the end of containers, or the end of the text.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined)
        return i < text.length ? fail('the end of the text') : { error: 'not JSON', offset: 0 };
      const close = top === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      const d = text.charCodeAt(i);
      if (d === close) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== COMMA) return fail(top === OPEN_BRACE ? "',' or '}'" : "',' or ']'");
      i++;
      skip();
      if (top === OPEN_BRACE) {
        const e = keyColon();
        if (e) return e;
      }
      break;
    }
  }

  function keyColon(): JsonError | undefined {
    if (text.charCodeAt(i) !== QUOTE) return fail('a string key');
    const e = value();
    if (e) return e;
    skip();
    if (text.charCodeAt(i) !== COLON) return fail("':'");
    i++;
    skip();
    return undefined;
  }
}

/** Parses `text` as JSON; a JsonError when it is not JSON (the caller may then read it as YAML). */
export function readJson(text: string): JsonRead | JsonError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return findJsonError(text);
  }
  const s = scan(text);
  const count = value !== null && typeof value === 'object' && !Array.isArray(value) ? itemCount(value) : -1;
  const items = s.items && s.items.length === count ? s.items : undefined;
  return { value, root: s.root, depth: s.depth, ...(items ? { items } : {}) };
}

function itemCount(obj: object): number {
  const items: unknown = Object.hasOwn(obj, 'items') ? (obj as Record<string, unknown>)['items'] : undefined;
  return Array.isArray(items) ? items.length : -1;
}
