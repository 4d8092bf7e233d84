import { describe, expect, it } from 'vitest';
import { applyEdits, type EditCommand } from '.';

/** A policy as people write it: comments everywhere, odd spacing, flow and block styles. */
const TEXT = `# Web may be reached by the frontend only.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web   # keep this name
  namespace:   "shop"
spec:
  podSelector:
    matchLabels: { app: web }

  ingress:
    - from:   # who may connect
        - podSelector:
            matchLabels:
              app: frontend
        - namespaceSelector: {}
      ports:
        - port: 80
          protocol: TCP   # plain HTTP
  policyTypes: [ Ingress ]
`;

function edit(text: string, ...commands: EditCommand[]): string {
  const r = applyEdits(text, commands);
  if (!r.ok) throw new Error(r.message);
  return r.text;
}

/** Lines of `before` missing from `after`, and lines of `after` missing from `before`. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const count = (lines: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const removed = a.filter((l) => (cb.get(l) ?? 0) < (ca.get(l) ?? 0));
  const added = b.filter((l) => (ca.get(l) ?? 0) < (cb.get(l) ?? 0));
  return { removed: [...new Set(removed)], added: [...new Set(added)] };
}

describe('applyEdits > set', () => {
  it('changes one scalar and leaves every other line byte-identical', () => {
    const out = edit(TEXT, { op: 'set', path: ['spec', 'ingress', 0, 'ports', 0, 'port'], value: 8080 });
    expect(lineDiff(TEXT, out)).toEqual({ removed: ['        - port: 80'], added: ['        - port: 8080'] });
  });

  it("keeps the comment on the line it changes, and the value's quoting style", () => {
    const out = edit(TEXT, { op: 'set', path: ['metadata', 'namespace'], value: 'shop-2' });
    expect(out).toContain('  namespace: "shop-2"\n');
    const out2 = edit(TEXT, { op: 'set', path: ['metadata', 'name'], value: 'web-2' });
    expect(out2).toContain('  name: web-2 # keep this name\n');
    expect(lineDiff(TEXT, out2).removed).toEqual(['  name: web   # keep this name']);
  });

  it('adds a new key at the end of its map, keeping the order of the others', () => {
    const out = edit(TEXT, { op: 'set', path: ['metadata', 'labels', 'team'], value: 'red' });
    expect(out).toContain('  namespace:   "shop"\n  labels:\n    team: red\nspec:\n');
    expect(lineDiff(TEXT, out).removed).toEqual([]);
  });

  it('creates missing parents: maps for names, a list for an index', () => {
    const out = edit(TEXT, {
      op: 'set',
      path: ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
      value: '10.0.0.0/8',
    });
    expect(out).toContain(
      '  policyTypes: [ Ingress ]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n',
    );
  });

  it('turns an empty flow map into a block map when it gets content', () => {
    const out = edit(TEXT, {
      op: 'set',
      path: ['spec', 'ingress', 0, 'from', 1, 'namespaceSelector', 'matchLabels', 'team'],
      value: 'red',
    });
    expect(out).toContain(
      '        - namespaceSelector:\n            matchLabels:\n              team: red\n',
    );
  });

  it('adds to a non-empty flow map in flow style', () => {
    const out = edit(TEXT, {
      op: 'set',
      path: ['spec', 'podSelector', 'matchLabels', 'tier'],
      value: 'front',
    });
    expect(out).toContain('    matchLabels: { app: web, tier: front }\n');
  });

  it('writes what is typed into an empty quoted value plain, unless it must stay quoted', () => {
    const blank = edit(TEXT, {
      op: 'insert',
      path: ['spec', 'podSelector', 'matchExpressions'],
      value: { key: '', operator: 'Exists' },
    });
    expect(blank).toContain('key: ""');
    const typed = edit(blank, {
      op: 'set',
      path: ['spec', 'podSelector', 'matchExpressions', 0, 'key'],
      value: 'tier',
    });
    expect(typed).toContain('- key: tier\n');
    const reserved = edit(blank, {
      op: 'set',
      path: ['spec', 'podSelector', 'matchExpressions', 0, 'key'],
      value: 'on',
    });
    expect(reserved).toContain('- key: "on"\n');
  });

  it('quotes strings YAML 1.1 would read as something else', () => {
    const out = edit(
      TEXT,
      { op: 'set', path: ['spec', 'podSelector', 'matchLabels', 'app'], value: 'yes' },
      { op: 'set', path: ['spec', 'ingress', 0, 'ports', 0, 'port'], value: '8080' },
    );
    expect(out).toContain('matchLabels: { app: "yes" }');
    expect(out).toContain('- port: "8080"');
  });

  it('sets a whole object as block YAML', () => {
    const out = edit(TEXT, {
      op: 'set',
      path: ['spec', 'ingress', 0, 'from', 1],
      value: { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
    });
    expect(out).toContain(
      '        - ipBlock:\n            cidr: 10.0.0.0/8\n            except:\n              - 10.1.0.0/16\n      ports:\n',
    );
  });

  it('replaces a null value (`egress:`) with the collection a path needs', () => {
    const text = 'spec:\n  podSelector: {}\n  egress:\n';
    expect(edit(text, { op: 'set', path: ['spec', 'egress', 0, 'ports', 0, 'port'], value: 53 })).toBe(
      'spec:\n  podSelector: {}\n  egress:\n    - ports:\n        - port: 53\n',
    );
  });

  it('writes into an empty text', () => {
    expect(edit('', { op: 'set', path: ['metadata', 'name'], value: 'x' })).toBe('metadata:\n  name: x\n');
  });

  it('deletes when the value is undefined', () => {
    const out = edit(TEXT, { op: 'set', path: ['spec', 'policyTypes'], value: undefined });
    expect(lineDiff(TEXT, out)).toEqual({ removed: ['  policyTypes: [ Ingress ]'], added: [] });
  });
});

describe('applyEdits > delete', () => {
  it('removes a map key and nothing else', () => {
    const out = edit(TEXT, { op: 'delete', path: ['spec', 'ingress', 0, 'ports', 0, 'protocol'] });
    expect(lineDiff(TEXT, out)).toEqual({ removed: ['          protocol: TCP   # plain HTTP'], added: [] });
  });

  it('removes a list item, with its lines', () => {
    const out = edit(TEXT, { op: 'delete', path: ['spec', 'ingress', 0, 'from', 0] });
    expect(lineDiff(TEXT, out)).toEqual({
      removed: ['        - podSelector:', '            matchLabels:', '              app: frontend'],
      added: [],
    });
  });

  it('is a no-op for a path that does not exist', () => {
    expect(edit(TEXT, { op: 'delete', path: ['spec', 'egress', 3, 'to'] })).toBe(TEXT);
    expect(edit(TEXT, { op: 'delete', path: ['metadata', 'labels'] })).toBe(TEXT);
  });

  it('refuses to delete the whole policy', () => {
    expect(applyEdits(TEXT, [{ op: 'delete', path: [] }])).toEqual({
      ok: false,
      message: 'The whole policy cannot be deleted by an edit.',
    });
  });
});

describe('applyEdits > insert', () => {
  it('appends to a list by default', () => {
    const out = edit(TEXT, {
      op: 'insert',
      path: ['spec', 'ingress', 0, 'ports'],
      value: { port: 443, protocol: 'TCP' },
    });
    expect(out).toContain(
      '          protocol: TCP   # plain HTTP\n        - port: 443\n          protocol: TCP\n',
    );
    expect(lineDiff(TEXT, out).removed).toEqual([]);
  });

  it('inserts at an index', () => {
    const out = edit(TEXT, {
      op: 'insert',
      path: ['spec', 'ingress', 0, 'from'],
      value: { podSelector: { matchLabels: { app: 'admin' } } },
      index: 0,
    });
    expect(out).toContain(
      '    - from:   # who may connect\n        - podSelector:\n            matchLabels:\n              app: admin\n        - podSelector:\n',
    );
  });

  it('creates the list when it is missing', () => {
    const out = edit(TEXT, { op: 'insert', path: ['spec', 'egress'], value: {} });
    expect(out.endsWith('  policyTypes: [ Ingress ]\n  egress:\n    - {}\n')).toBe(true);
  });

  it('inserts into an empty flow list in block style', () => {
    const out = edit('spec:\n  ingress: []\n', {
      op: 'insert',
      path: ['spec', 'ingress'],
      value: { from: [] },
    });
    expect(out).toBe('spec:\n  ingress:\n    - from: []\n');
  });

  it('inserts into a flow list in flow style', () => {
    const out = edit(TEXT, { op: 'insert', path: ['spec', 'policyTypes'], value: 'Egress' });
    expect(out).toContain('  policyTypes: [ Ingress, Egress ]\n');
  });

  it('refuses an index past the end', () => {
    const r = applyEdits(TEXT, [{ op: 'insert', path: ['spec', 'ingress'], value: {}, index: 5 }]);
    expect(r).toEqual({ ok: false, message: 'spec.ingress has 1 item(s): there is no index 5.' });
  });
});

describe('applyEdits > move', () => {
  it('moves a list item with its comments', () => {
    const text = 'ports:\n  - port: 80 # http\n  - port: 443 # https\n  - port: 53\n';
    expect(edit(text, { op: 'move', path: ['ports'], from: 2, to: 0 })).toBe(
      'ports:\n  - port: 53\n  - port: 80 # http\n  - port: 443 # https\n',
    );
  });

  it('refuses to move what is not a list', () => {
    expect(applyEdits(TEXT, [{ op: 'move', path: ['metadata'], from: 0, to: 1 }])).toEqual({
      ok: false,
      message: 'metadata is not a list: nothing to move.',
    });
  });
});

describe('applyEdits > keeps the writing style', () => {
  it('four-space indentation', () => {
    const text =
      'spec:\n    podSelector: {}\n    ingress:\n        - from:\n              - podSelector: {}\n';
    const out = edit(text, { op: 'set', path: ['spec', 'ingress', 0, 'ports'], value: [{ port: 80 }] });
    expect(out).toBe(`${text}          ports:\n              - port: 80\n`);
  });

  it('lists not indented under their key (kubectl style)', () => {
    const text = 'spec:\n  ingress:\n  - from:\n    - podSelector: {}\n';
    const out = edit(text, { op: 'set', path: ['spec', 'ingress', 0, 'ports'], value: [{ port: 80 }] });
    expect(out).toBe(`${text}    ports:\n    - port: 80\n`);
  });

  it('a document start marker and a trailing comment', () => {
    const text = '---\nmetadata:\n  name: a\n# the end\n';
    expect(edit(text, { op: 'set', path: ['metadata', 'name'], value: 'b' })).toBe(
      '---\nmetadata:\n  name: b\n# the end\n',
    );
  });

  it('Windows line ends', () => {
    const text = 'metadata:\r\n  name: a   # x\r\nspec: {}\r\n';
    expect(edit(text, { op: 'set', path: ['spec', 'podSelector'], value: {} })).toBe(
      'metadata:\r\n  name: a   # x\r\nspec:\r\n  podSelector: {}\r\n',
    );
  });

  it('returns the text unchanged when a value is set to what it already is', () => {
    expect(edit(TEXT, { op: 'set', path: ['metadata', 'name'], value: 'web' })).toBe(TEXT);
    expect(edit(TEXT, { op: 'set', path: ['spec', 'ingress', 0, 'ports', 0, 'port'], value: 80 })).toBe(TEXT);
  });

  it('returns the text unchanged for no commands', () => {
    expect(edit(TEXT)).toBe(TEXT);
  });
});

describe('applyEdits > refuses what it cannot do, leaving the text alone', () => {
  it('a path through a scalar', () => {
    expect(applyEdits(TEXT, [{ op: 'set', path: ['metadata', 'name', 'first'], value: 'x' }])).toEqual({
      ok: false,
      message: 'metadata.name is the string "web", not a map: change it in the YAML first.',
    });
  });

  it('a name on a list, an index on a map', () => {
    expect(applyEdits(TEXT, [{ op: 'delete', path: ['spec', 'ingress', 'from'] }])).toEqual({
      ok: true,
      text: TEXT,
    });
    expect(applyEdits(TEXT, [{ op: 'set', path: ['spec', 'ingress', 'from'], value: 1 }])).toEqual({
      ok: false,
      message: 'spec.ingress is a list, not a map: change it in the YAML first.',
    });
    expect(applyEdits(TEXT, [{ op: 'set', path: ['spec', 0], value: 1 }])).toEqual({
      ok: false,
      message: 'spec is a map, not a list: change it in the YAML first.',
    });
  });

  it('YAML that does not parse', () => {
    const r = applyEdits('metadata:\n  name: [a\n', [{ op: 'set', path: ['metadata', 'name'], value: 'b' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^The YAML has an error at line 3, column 1: .*Fix it in the YAML first\.$/,
    );
  });

  it('several documents', () => {
    const r = applyEdits('a: 1\n---\nb: 2\n', [{ op: 'set', path: ['a'], value: 2 }]);
    expect(r).toEqual({
      ok: false,
      message: 'The text holds 2 YAML documents (the second at line 2); a policy is one document.',
    });
  });

  it('all or nothing: a failing command leaves the earlier ones unapplied', () => {
    const r = applyEdits(TEXT, [
      { op: 'set', path: ['metadata', 'name'], value: 'other' },
      { op: 'move', path: ['spec', 'ingress'], from: 0, to: 3 },
    ]);
    expect(r).toEqual({ ok: false, message: 'spec.ingress has 1 item(s): there is no index 3.' });
  });
});
