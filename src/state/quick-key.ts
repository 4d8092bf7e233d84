/**
 * The id (`ns/name`) of a NetworkPolicy text read without a YAML parser, for the common case of
 * plain block YAML (an export of 5,000 policies checks each one's id). Exact when it answers:
 * anything it is not sure of (flow style, quotes with escapes, a value YAML 1.1 reads as a
 * boolean, a number or null, several documents, tabs...) gives undefined, and the caller parses.
 */

/** Plain scalars YAML 1.1 reads as something other than a string. */
const SPECIAL = new Set(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL'.split(
    ' ',
  ),
);

/** A plain or simply quoted DNS-like value, or undefined when unsure. */
function plainValue(rest: string): string | undefined {
  let v = rest.replace(/\s+#.*$/, '').trim();
  const quoted = /^"([-a-z0-9.]*)"$/.exec(v) ?? /^'([-a-z0-9.]*)'$/.exec(v);
  if (quoted) return quoted[1] === '' ? undefined : quoted[1];
  if (!/^[a-z][-a-z0-9.]*$/.test(v) || SPECIAL.has(v)) return undefined;
  v = v.trim();
  return v;
}

/** The NetworkPolicy id a plain block YAML text declares, or undefined when only a parser can tell. */
export function quickPolicyId(text: string): string | undefined {
  let kind: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let seen = 0;
  let inMeta = false;
  let metaIndent = -1;
  // Whether the last key (top level / metadata level) opened a block that deeper lines belong to.
  let topOpen = false;
  let metaOpen = false;
  const topKeys = new Set<string>();
  const metaKeys = new Set<string>();
  const opens = (rest: string) => rest.trim() === '' || rest.trim().startsWith('#');
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    if (line.includes('\t')) return undefined;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inMeta = false;
      const m = /^([A-Za-z]+):(?:\s(.*)|)$/.exec(line);
      if (!m) return undefined;
      const key = m[1]!;
      const rest = (m[2] ?? '').trim();
      if (topKeys.has(key)) return undefined;
      topKeys.add(key);
      topOpen = opens(rest);
      if (key === 'kind') {
        if (kind !== undefined) return undefined;
        kind = rest.replace(/\s+#.*$/, '');
      } else if (key === 'metadata') {
        if (seen & 1) return undefined;
        seen |= 1;
        if (rest !== '' && !rest.startsWith('#')) return undefined;
        inMeta = true;
        metaIndent = -1;
      }
      continue;
    }
    if (!topOpen) return undefined;
    if (!inMeta) continue;
    if (metaIndent < 0) metaIndent = indent;
    if (indent < metaIndent) return undefined;
    if (indent > metaIndent) {
      if (!metaOpen) return undefined;
      continue;
    }
    const m = /^\s+([A-Za-z]+):(?:\s(.*)|)$/.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    const rest = m[2] ?? '';
    if (metaKeys.has(key)) return undefined;
    metaKeys.add(key);
    metaOpen = opens(rest);
    if (key === 'name') {
      if (seen & 2) return undefined;
      seen |= 2;
      name = plainValue(rest);
      if (name === undefined) return undefined;
    } else if (key === 'namespace') {
      if (seen & 4) return undefined;
      seen |= 4;
      namespace = plainValue(rest);
      if (namespace === undefined) return undefined;
    }
  }
  if (kind !== 'NetworkPolicy' || name === undefined) return undefined;
  return `${namespace ?? 'default'}/${name}`;
}
