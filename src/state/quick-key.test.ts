import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../io';
import { rawPolicyId } from '../worker/overlay';
import { quickPolicyId } from './quick-key';

const parsedId = (text: string) =>
  parseText('p.yaml', text)
    .objects.map(rawPolicyId)
    .find((x) => x !== null) ?? null;

const policy = (meta: string, head = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n') =>
  `${head}metadata:\n${meta}spec:\n  podSelector: {}\n`;

describe('quickPolicyId', () => {
  it('reads plain block YAML', () => {
    expect(quickPolicyId(policy('  name: web\n  namespace: shop\n'))).toBe('shop/web');
    expect(quickPolicyId(policy('  # who\n  name: web # the web tier\n  labels:\n    name: other\n'))).toBe(
      'default/web',
    );
    expect(quickPolicyId(policy('    name: "web"\n    namespace: \'shop\'\n'))).toBe('shop/web');
  });

  it('leaves to the parser what it is not sure of', () => {
    for (const text of [
      policy('  name: y\n'),
      policy('  name: 123\n'),
      policy('  name: "we\\u0062"\n'),
      policy('  name: web\n  name: api\n'),
      policy('  {name: web}\n'),
      'kind: NetworkPolicy\nmetadata: {name: web}\n',
      `${policy('  name: web\n')}---\n${policy('  name: api\n')}`,
      policy('  name: web\n', 'apiVersion: v1\nkind: Pod\n'),
      policy('\tname: web\n'),
    ])
      expect(quickPolicyId(text)).toBeUndefined();
  });

  it('agrees with the parser whenever it answers (property)', () => {
    const word = fc.constantFrom(
      'web',
      'y',
      'no',
      'null',
      '1a',
      'a.b',
      'x-1',
      '"q"',
      "'s'",
      '"a b"',
      '',
      'On',
    );
    const line = fc.tuple(
      fc.constantFrom('name', 'namespace', 'labels', 'kind'),
      word,
      fc.constantFrom(2, 4),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 4 }),
        fc.constantFrom('NetworkPolicy', 'Pod', 'NetworkPolicy # np'),
        (lines, kind) => {
          const meta = lines.map(([k, v, indent]) => `${' '.repeat(indent)}${k}: ${v}\n`).join('');
          const text = policy(meta, `apiVersion: networking.k8s.io/v1\nkind: ${kind}\n`);
          const quick = quickPolicyId(text);
          if (quick !== undefined) expect(quick).toBe(parsedId(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with the parser on shuffled top-level layouts (property)', () => {
    const block = fc.constantFrom(
      'kind: NetworkPolicy\n',
      'kind: Pod\n',
      'apiVersion: networking.k8s.io/v1\n',
      'metadata:\n  name: web\n',
      'metadata: # m\n  namespace: shop\n  name: api\n',
      'metadata:\n  labels:\n    a: b\n  name: db\n',
      'spec:\n  podSelector: {}\n',
      'spec: {}\n',
      '# a comment\n',
      '\n',
      '  stray: line\n',
      '---\n',
      'metadata: {name: flow}\n',
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
        const text = blocks.join('');
        const quick = quickPolicyId(text);
        if (quick !== undefined) expect(quick).toBe(parsedId(text));
      }),
      { numRuns: 1000 },
    );
  });
});
