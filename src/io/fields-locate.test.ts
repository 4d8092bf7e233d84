import { describe, expect, it } from 'vitest';
import { locateFields } from './fields-locate';
import { parseText, type PathSeg, type RawObject } from './parse';

function locate(file: string, text: string, object: number, ...paths: PathSeg[][]) {
  const raw = parseText(file, text).objects[object] as RawObject;
  const at = raw.at;
  if (!at) throw new Error('no location');
  return locateFields(paths.map((p) => ({ doc: at.doc, path: [...at.prefix, ...p] })));
}

const YAML = `apiVersion: v1
kind: Pod
metadata:
  name: a
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
spec:
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports:
    - port: 80
`;

describe('locateFields', () => {
  it('finds a map entry at its key and a list element at its start', () => {
    expect(
      locate(
        'f.yaml',
        YAML,
        1,
        ['spec', 'ingress', 0, 'ports', 0, 'port'],
        ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'except', 0],
      ),
    ).toEqual([
      { line: 15, column: 7 },
      { line: 13, column: 44 },
    ]);
  });

  it('finds a missing field at its deepest existing parent', () => {
    expect(locate('f.yaml', YAML, 1, ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'nothing'])).toEqual([
      { line: 13, column: 7 },
    ]);
  });

  it('finds the root of the document for an empty path', () => {
    expect(locate('f.yaml', YAML, 1, [])).toEqual([{ line: 6, column: 1 }]);
  });

  it('finds fields of the item of a List', () => {
    const text =
      'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- kind: Pod\n  metadata:\n    name: b\n';
    expect(locate('l.yaml', text, 1, ['metadata', 'name'])).toEqual([{ line: 7, column: 5 }]);
  });

  it('finds fields of an item of a JSON List', () => {
    const text =
      '{"kind": "List", "items": [\n  {"kind": "Pod", "metadata": {"name": "a"}},\n  {"kind": "Pod",\n   "metadata": {"name": "b"}}]}';
    expect(locate('l.json', text, 1, ['metadata', 'name'])).toEqual([{ line: 4, column: 17 }]);
  });

  it('finds fields in a document read with tolerated tabs', () => {
    const text = 'kind: Pod\nmetadata:\n  name: a\nspec:\n  x:\n    [\n\t    1,\n    ]\n  y: 2\n';
    expect(locate('t.yaml', text, 0, ['spec', 'y'])).toEqual([{ line: 9, column: 3 }]);
  });
});
