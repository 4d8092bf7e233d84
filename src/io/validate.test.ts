import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model';
import { importTexts } from './index';

/** A NetworkPolicy whose `spec:` body is `spec` (indented by two spaces). */
function np(spec: string, metadata = '  name: p\n  namespace: ns\n'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${metadata}spec:\n${spec}`;
}

function run(text: string) {
  const r = importTexts([{ name: 'np.yaml', text }]);
  const problems = r.diagnostics.filter((d) => d.severity !== 'info');
  return { r, problems, policy: r.snapshot.policies[0], codes: problems.map((d) => d.code) };
}

const brief = (d: Diagnostic) => [d.code, d.path, d.line, d.column];

describe('validate', () => {
  describe('a valid policy', () => {
    it('is accepted without diagnostics and normalized into the model', () => {
      const { problems, policy } = run(
        np(
          '  podSelector:\n    matchLabels: {app: web}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector: {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}\n    ports:\n    - {port: 80}\n    - {protocol: UDP, port: dns}\n    - {port: 30000, endPort: 32767}\n',
        ),
      );
      expect(problems).toEqual([]);
      expect(policy).toMatchObject({
        id: 'ns/p',
        namespace: 'ns',
        name: 'p',
        spec: {
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {},
                  podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
                },
              ],
              ports: [{ port: 80 }, { protocol: 'UDP', port: 'dns' }, { port: 30000, endPort: 32767 }],
            },
          ],
        },
        source: { file: 'np.yaml', doc: 0, line: 1, column: 1 },
      });
    });

    it('keeps absent and empty apart: no from, from: [], no ports, ports: []', () => {
      const { policy } = run(
        np('  podSelector: {}\n  ingress:\n  - {}\n  - from: []\n    ports: []\n  egress: []\n'),
      );
      expect(policy?.spec).toEqual({ podSelector: {}, ingress: [{}, { from: [], ports: [] }], egress: [] });
    });

    it('reads null as absent, as Go does', () => {
      const { problems, policy } = run(
        np('  podSelector: null\n  ingress:\n  - from: null\n    ports: ~\n  egress: null\n'),
      );
      expect(problems).toEqual([]);
      expect(policy?.spec).toEqual({ podSelector: {}, ingress: [{}] });
    });

    it('leaves out an empty policyTypes, which the API server defaults as if absent', () => {
      expect(run(np('  podSelector: {}\n  policyTypes: []\n')).policy?.spec).toEqual({ podSelector: {} });
    });

    it('accepts a policy without spec (it selects every pod and allows nothing)', () => {
      const { problems, policy } = run(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n',
      );
      expect(problems).toEqual([]);
      expect(policy).toMatchObject({ id: 'default/p', spec: { podSelector: {} } });
    });

    it('stores selector labels without a prototype, so `constructor` is an ordinary key', () => {
      const { policy } = run(np('  podSelector:\n    matchLabels: {constructor: x}\n'));
      const labels = policy?.spec.podSelector.matchLabels ?? {};
      expect(Object.getPrototypeOf(labels)).toBeNull();
      expect(labels['constructor']).toBe('x');
      expect(labels['toString']).toBeUndefined();
    });
  });

  describe('a rejected policy', () => {
    it('takes no part in the evaluation, and a diagnostic says so', () => {
      const { r, policy } = run(np('  podSelector: {}\n  ingress:\n  - ports: [{port: 0}]\n'));
      expect(policy).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
        ['PORT_OUT_OF_RANGE', 'error'],
        ['OBJECT_EXCLUDED', 'info'],
      ]);
      expect(r.diagnostics[1]?.message).toBe(
        'NetworkPolicy ns/p takes no part in the evaluation: the API server would reject it (1 error(s) above)',
      );
    });

    it('locates the offending field: file, document, line, column, path and object', () => {
      const text = `${np('  podSelector: {}\n')}---\n${np('  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except:\n        - 11.0.0.0/16\n')}`;
      const { problems } = run(text);
      expect(problems).toEqual([
        {
          code: 'EXCEPT_NOT_SUBSET',
          severity: 'error',
          message: 'Invalid value: "11.0.0.0/16": must be a strict subset of `cidr`',
          file: 'np.yaml',
          doc: 1,
          line: 21,
          column: 11,
          path: 'spec.ingress[0].from[0].ipBlock.except[0]',
          object: 'NetworkPolicy ns/p',
        },
      ]);
    });

    it('locates fields in a policy that is an item of a List', () => {
      const text =
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: p}\n  spec:\n    policyTypes: [Ingress, Sideways]\n';
      expect(run(text).problems.map((d) => [...brief(d), d.item])).toEqual([
        ['POLICY_TYPE_UNSUPPORTED', 'spec.policyTypes[1]', 8, 28, 0],
      ]);
    });

    it('locates fields in JSON', () => {
      const text =
        '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",\n "metadata": {"name": "p"},\n "spec": {"ingress": [{"ports": [{"port": 70000}]}]}}';
      expect(run(text).problems.map(brief)).toEqual([
        ['PORT_OUT_OF_RANGE', 'spec.ingress[0].ports[0].port', 3, 35],
      ]);
    });
  });

  describe('label selectors', () => {
    const sel = (body: string) => run(np(`  podSelector:\n${body}`));

    it('requires values for In and NotIn', () => {
      expect(sel('    matchExpressions: [{key: a, operator: In}]\n').problems.map(brief)).toEqual([
        // A missing field is located at its parent: the expression's `{`.
        ['SELECTOR_VALUES_REQUIRED', 'spec.podSelector.matchExpressions[0].values', 8, 24],
      ]);
      expect(sel('    matchExpressions: [{key: a, operator: NotIn, values: []}]\n').codes).toEqual([
        'SELECTOR_VALUES_REQUIRED',
      ]);
    });

    it('forbids values for Exists and DoesNotExist', () => {
      expect(sel('    matchExpressions: [{key: a, operator: Exists, values: [x]}]\n').codes).toEqual([
        'SELECTOR_VALUES_FORBIDDEN',
      ]);
      expect(sel('    matchExpressions: [{key: a, operator: DoesNotExist, values: [x]}]\n').codes).toEqual([
        'SELECTOR_VALUES_FORBIDDEN',
      ]);
    });

    it('accepts Exists with an empty values list', () => {
      expect(sel('    matchExpressions: [{key: a, operator: Exists, values: []}]\n').codes).toEqual([]);
    });

    it('rejects any other operator, case included', () => {
      const r = sel('    matchExpressions: [{key: a, operator: in, values: [x]}]\n');
      expect(r.problems.map((d) => [d.code, d.path, d.message])).toEqual([
        [
          'SELECTOR_OPERATOR_INVALID',
          'spec.podSelector.matchExpressions[0].operator',
          'Invalid value: "in": not a valid selector operator',
        ],
      ]);
      expect(sel('    matchExpressions: [{key: a}]\n').codes).toEqual(['SELECTOR_OPERATOR_INVALID']);
    });

    it('checks expression keys and values as label keys and values', () => {
      expect(sel('    matchExpressions: [{key: "-a", operator: Exists}]\n').codes).toEqual([
        'LABEL_KEY_INVALID',
      ]);
      expect(sel('    matchExpressions: [{operator: Exists}]\n').codes).toEqual(['LABEL_KEY_INVALID']);
      expect(
        sel('    matchExpressions: [{key: a, operator: In, values: ["a b"]}]\n').problems.map((d) => d.path),
      ).toEqual(['spec.podSelector.matchExpressions[0].values[0]']);
    });

    it('checks matchLabels keys and values, printing the path as the API server does', () => {
      const r = sel('    matchLabels:\n      ok: fine\n      "bad key": x\n      k: "-v"\n');
      expect(r.problems.map(brief)).toEqual([
        ['LABEL_KEY_INVALID', 'spec.podSelector.matchLabels', 10, 7],
        ['LABEL_VALUE_INVALID', 'spec.podSelector.matchLabels', 11, 7],
      ]);
    });

    it('rejects a matchLabels value that is not a string', () => {
      const r = sel('    matchLabels: {version: 2}\n');
      expect(r.problems.map((d) => [d.code, d.path, d.message])).toEqual([
        [
          'TYPE_MISMATCH',
          'spec.podSelector.matchLabels.version',
          'Invalid type: expected a string, found a number (2)',
        ],
      ]);
    });

    it('rejects a boolean label value written as yes, as kubectl reads it', () => {
      expect(sel('    matchLabels: {enabled: yes}\n').codes).toEqual(['TYPE_MISMATCH']);
    });
  });

  describe('peers', () => {
    const peer = (body: string) => run(np(`  podSelector: {}\n  ingress:\n  - from:\n    - ${body}\n`));

    it('must specify a peer', () => {
      expect(peer('{}').problems.map((d) => [d.code, d.path, d.message])).toEqual([
        ['PEER_REQUIRED', 'spec.ingress[0].from[0]', 'Required value: must specify a peer'],
      ]);
    });

    it('may not combine ipBlock with another peer', () => {
      expect(peer('{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}').codes).toEqual(['PEER_IPBLOCK_COMBINED']);
      expect(peer('{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}').codes).toEqual([
        'PEER_IPBLOCK_COMBINED',
      ]);
    });

    it('may combine podSelector and namespaceSelector', () => {
      expect(peer('{podSelector: {}, namespaceSelector: {}}').codes).toEqual([]);
    });

    it('reports a misspelled peer field as unknown (kubectl --validate=strict)', () => {
      expect(peer('{podselector: {}}').problems.map((d) => [d.code, d.message])).toEqual([
        ['UNKNOWN_FIELD', 'unknown field "spec.ingress[0].from[0].podselector"'],
        ['PEER_REQUIRED', 'Required value: must specify a peer'],
      ]);
    });

    it('rejects `from` written as a map', () => {
      const r = run(np('  podSelector: {}\n  ingress:\n  - from: {podSelector: {}}\n'));
      expect(r.problems.map((d) => [d.code, d.path, d.message])).toEqual([
        ['TYPE_MISMATCH', 'spec.ingress[0].from', 'Invalid type: expected a list, found a map'],
      ]);
    });
  });

  describe('ipBlock', () => {
    const block = (body: string) =>
      run(np(`  podSelector: {}\n  egress:\n  - to:\n    - ipBlock: ${body}\n`));

    it('requires cidr', () => {
      expect(block('{}').problems.map((d) => [d.code, d.path])).toEqual([
        ['CIDR_REQUIRED', 'spec.egress[0].to[0].ipBlock.cidr'],
      ]);
      expect(block('{cidr: ""}').codes).toEqual(['CIDR_REQUIRED']);
    });

    it('requires a valid CIDR', () => {
      expect(block('{cidr: 10.0.0.0}').codes).toEqual(['CIDR_INVALID']);
      expect(block('{cidr: 10.0.0.0/33}').codes).toEqual(['CIDR_INVALID']);
      expect(block('{cidr: "fe80::/10"}').codes).toEqual([]);
    });

    it('accepts host bits with a warning naming the network', () => {
      const r = block('{cidr: 10.1.2.3/8, except: [10.1.2.3/16]}');
      expect(r.problems.map((d) => [d.code, d.severity, d.message])).toEqual([
        ['CIDR_HOST_BITS', 'warning', 'the address "10.1.2.3/8" has host bits set; it is read as 10.0.0.0/8'],
        [
          'CIDR_HOST_BITS',
          'warning',
          'the address "10.1.2.3/16" has host bits set; it is read as 10.1.0.0/16',
        ],
      ]);
      expect(r.policy).toBeDefined();
    });

    it('requires each except to be a valid CIDR strictly inside cidr', () => {
      expect(
        block(
          '{cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.0.0.0/8, 11.0.0.0/16, bad, "::/64", 10.0.0.0/4]}',
        ).problems.map((d) => [d.code, d.path]),
      ).toEqual([
        ['EXCEPT_NOT_SUBSET', 'spec.egress[0].to[0].ipBlock.except[1]'],
        ['EXCEPT_NOT_SUBSET', 'spec.egress[0].to[0].ipBlock.except[2]'],
        ['CIDR_INVALID', 'spec.egress[0].to[0].ipBlock.except[3]'],
        ['EXCEPT_NOT_SUBSET', 'spec.egress[0].to[0].ipBlock.except[4]'],
        ['EXCEPT_NOT_SUBSET', 'spec.egress[0].to[0].ipBlock.except[5]'],
      ]);
    });

    it('checks IPv6 excepts', () => {
      expect(block('{cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}').codes).toEqual([]);
      expect(block('{cidr: "2001:db8::/32", except: ["2001:db9::/48"]}').codes).toEqual([
        'EXCEPT_NOT_SUBSET',
      ]);
    });
  });

  describe('ports', () => {
    const port = (body: string) => run(np(`  podSelector: {}\n  ingress:\n  - ports:\n    - ${body}\n`));

    it('accepts ports 1 and 65535 and rejects 0 and 65536', () => {
      expect(port('{port: 1}').codes).toEqual([]);
      expect(port('{port: 65535}').codes).toEqual([]);
      expect(port('{port: 0}').problems.map((d) => d.message)).toEqual([
        'Invalid value: 0: must be between 1 and 65535, inclusive',
      ]);
      expect(port('{port: 65536}').codes).toEqual(['PORT_OUT_OF_RANGE']);
      expect(port('{port: -1}').codes).toEqual(['PORT_OUT_OF_RANGE']);
    });

    it('accepts a valid port name and rejects an invalid one', () => {
      expect(port('{port: http-alt}').codes).toEqual([]);
      expect(port('{port: "80"}').problems.map((d) => d.message)).toEqual([
        'Invalid value: "80": must contain at least one letter (a-z)',
      ]);
      expect(port('{port: Http}').codes).toEqual(['PORT_NAME_INVALID']);
      expect(port('{port: a-very-long-port-name}').codes).toEqual(['PORT_NAME_INVALID']);
    });

    it('rejects a port that is neither a number nor a name', () => {
      expect(port('{port: true}').problems.map((d) => d.message)).toEqual([
        'Invalid type: expected an integer or a string, found a boolean (true)',
      ]);
      expect(port('{port: 80.5}').codes).toEqual(['TYPE_MISMATCH']);
    });

    it('accepts endPort with a numeric port, not below it and not above 65535', () => {
      expect(port('{port: 80, endPort: 80}').codes).toEqual([]);
      expect(port('{port: 80, endPort: 79}').problems.map((d) => [d.code, d.path, d.message])).toEqual([
        [
          'END_PORT_BELOW_PORT',
          'spec.ingress[0].ports[0].endPort',
          'Invalid value: 79: must be greater than or equal to `port`',
        ],
      ]);
      expect(port('{port: 80, endPort: 65536}').codes).toEqual(['PORT_OUT_OF_RANGE']);
    });

    it('rejects endPort with a named port or without a port', () => {
      expect(port('{port: http, endPort: 90}').problems.map((d) => d.message)).toEqual([
        'Invalid value: 90: may not be specified when `port` is non-numeric',
      ]);
      expect(port('{endPort: 90}').problems.map((d) => d.message)).toEqual([
        'Invalid value: 90: may not be specified when `port` is not specified',
      ]);
    });

    it('accepts TCP, UDP and SCTP only, case included', () => {
      expect(port('{protocol: SCTP}').codes).toEqual([]);
      expect(port('{protocol: tcp}').problems.map((d) => d.message)).toEqual([
        'Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"',
      ]);
      expect(port('{protocol: ICMP}').codes).toEqual(['PROTOCOL_UNSUPPORTED']);
    });

    it('accepts a protocol-only entry', () => {
      expect(port('{protocol: UDP}').policy?.spec.ingress).toEqual([{ ports: [{ protocol: 'UDP' }] }]);
    });
  });

  describe('policyTypes', () => {
    it('accepts Ingress and Egress', () => {
      expect(run(np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n')).codes).toEqual([]);
    });

    it('rejects any other value', () => {
      expect(
        run(np('  podSelector: {}\n  policyTypes: [ingress]\n')).problems.map((d) => [
          d.code,
          d.path,
          d.message,
        ]),
      ).toEqual([
        [
          'POLICY_TYPE_UNSUPPORTED',
          'spec.policyTypes[0]',
          'Unsupported value: "ingress": supported values: "Ingress", "Egress"',
        ],
      ]);
    });

    it('rejects more than two', () => {
      expect(run(np('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n')).codes).toEqual([
        'POLICY_TYPES_TOO_MANY',
      ]);
    });
  });

  describe('metadata', () => {
    it('requires a name', () => {
      const r = run(np('  podSelector: {}\n', '  namespace: ns\n'));
      expect(r.problems.map((d) => [d.code, d.path])).toEqual([['NAME_REQUIRED', 'metadata.name']]);
      expect(r.policy).toBeUndefined();
    });

    it('warns about a name the API server would refuse, but still evaluates the policy (as netpol-analyzer does)', () => {
      const r = run(np('  podSelector: {}\n', '  name: my_policy\n'));
      expect(r.problems.map((d) => [d.code, d.severity, d.path])).toEqual([
        ['NAME_INVALID', 'warning', 'metadata.name'],
      ]);
      expect(r.policy?.id).toBe('default/my_policy');
    });

    it('warns about a namespace that is not a DNS label', () => {
      expect(
        run(np('  podSelector: {}\n', '  name: p\n  namespace: a.b\n')).problems.map((d) => [d.code, d.path]),
      ).toEqual([['NAME_INVALID', 'metadata.namespace']]);
    });

    it('puts a policy without namespace in default', () => {
      expect(run(np('  podSelector: {}\n', '  name: p\n')).policy?.namespace).toBe('default');
    });

    it('rejects unknown top-level and spec fields', () => {
      expect(run(np('  podSelector: {}\n  ingres: []\n')).problems.map((d) => d.message)).toEqual([
        'unknown field "spec.ingres"',
      ]);
      expect(run(`${np('  podSelector: {}\n')}extra: 1\n`).codes).toEqual(['UNKNOWN_FIELD']);
    });

    it('rejects metadata of the wrong type', () => {
      expect(run('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: p\n').codes).toEqual([
        'TYPE_MISMATCH',
        'NAME_REQUIRED',
      ]);
    });

    it('rejects a spec that is not a map', () => {
      expect(
        run('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: [1]\n').codes,
      ).toEqual(['TYPE_MISMATCH']);
    });
  });
});
