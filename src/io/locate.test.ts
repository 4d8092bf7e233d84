import { describe, expect, it } from 'vitest';
import { locateInSource } from './locate';

const TEXT = [
  '# a comment', // 1
  'apiVersion: v1', // 2
  'kind: Namespace', // 3
  'metadata:', // 4
  '  name: data', // 5
  '---', // 6
  'apiVersion: networking.k8s.io/v1', // 7
  'kind: NetworkPolicy', // 8
  'metadata:', // 9
  '  name: db', // 10
  '  namespace: data', // 11
  'spec:', // 12
  '  podSelector:', // 13
  '    matchLabels:', // 14
  '      app: postgres', // 15
  '  ingress:', // 16
  '    - from:', // 17
  '        - podSelector:', // 18
  '            matchLabels:', // 19
  '              app: api', // 20
  '        - namespaceSelector: {}', // 21
  '      ports:', // 22
  '        - port: 5432', // 23
  '    - from:', // 24
  '        - ipBlock:', // 25
  '            cidr: 10.0.0.0/8', // 26
  '', // 27
].join('\n');

const LIST = [
  '{', // 1
  '  "kind": "List",', // 2
  '  "items": [', // 3
  '    {"kind": "Pod", "metadata": {"name": "a"}},', // 4
  '    {', // 5
  '      "kind": "NetworkPolicy",', // 6
  '      "spec": {', // 7
  '        "podSelector": {},', // 8
  '        "egress": [', // 9
  '          {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}', // 10
  '        ]', // 11
  '      }', // 12
  '    }', // 13
  '  ]', // 14
  '}', // 15
].join('\n');

describe('locateInSource', () => {
  it('finds a whole object by its document index', () => {
    expect(locateInSource(TEXT, 1, undefined, [])).toEqual({ line: 7, endLine: 26 });
    expect(locateInSource(TEXT, 0, undefined, [])).toEqual({ line: 2, endLine: 5 });
  });
  it('finds a rule, starting at its dash line and ending at its last line', () => {
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 0])).toEqual({ line: 17, endLine: 23 });
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 1])).toEqual({ line: 24, endLine: 26 });
  });
  it('finds a peer and a port entry inside a rule', () => {
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 0, 'from', 0])).toEqual({
      line: 18,
      endLine: 20,
    });
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 0, 'from', 1])).toEqual({
      line: 21,
      endLine: 21,
    });
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 0, 'ports', 0])).toEqual({
      line: 23,
      endLine: 23,
    });
  });
  it('starts a map entry at its key', () => {
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'podSelector'])).toEqual({ line: 13, endLine: 15 });
  });
  it('falls back to the deepest part of the path that exists', () => {
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'egress', 0])).toEqual({ line: 12, endLine: 26 });
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 0, 'ports', 3])).toEqual({
      line: 22,
      endLine: 23,
    });
  });
  it('finds an item of a List document (JSON too)', () => {
    expect(locateInSource(LIST, 0, 1, [])).toEqual({ line: 5, endLine: 13 });
    expect(locateInSource(LIST, 0, 1, ['spec', 'egress', 0, 'to', 0])).toEqual({ line: 10, endLine: 10 });
    expect(locateInSource(LIST, 0, 0, [])).toEqual({ line: 4, endLine: 4 });
  });
  it('returns undefined for a missing document or item', () => {
    expect(locateInSource(TEXT, 5, undefined, [])).toBeUndefined();
    expect(locateInSource(LIST, 0, 7, ['spec'])).toBeUndefined();
    expect(locateInSource('', 0, undefined, [])).toBeUndefined();
  });
});

describe('locateInSource > atLine', () => {
  it('finds the document that holds the line when the index disagrees', () => {
    expect(locateInSource(TEXT, 0, undefined, ['spec', 'ingress', 1], 7)).toEqual({ line: 24, endLine: 26 });
    expect(locateInSource(TEXT, 1, undefined, ['spec', 'ingress', 1], 10)).toEqual({ line: 24, endLine: 26 });
  });
  it('keeps the index when the line is outside every document', () => {
    expect(locateInSource(TEXT, 0, undefined, [], 999)).toEqual({ line: 2, endLine: 5 });
  });
});
