import { describe, expect, it } from 'vitest';
import { parseText } from './parse';

const pod = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}`;

function kindsAndNames(text: string, file = 'in.yaml') {
  const r = parseText(file, text);
  return r.objects.map(
    (o) => `${o.kind} ${String((o.obj['metadata'] as Record<string, unknown>)?.['name'])}`,
  );
}

describe('parse', () => {
  describe('multi-document YAML', () => {
    it('reads every document in order', () => {
      expect(kindsAndNames(`${pod('a')}---\n${pod('b')}---\n${pod('c')}`)).toEqual([
        'Pod a',
        'Pod b',
        'Pod c',
      ]);
    });

    it('gives each object its document index and the line and column of its start', () => {
      const r = parseText('f.yaml', `# header\n${pod('a')}---\n# comment\n${pod('b')}`);
      expect(r.objects.map((o) => o.source)).toEqual([
        { file: 'f.yaml', doc: 0, line: 2, column: 1 },
        { file: 'f.yaml', doc: 1, line: 8, column: 1 },
      ]);
    });

    it('skips empty documents silently but still counts them', () => {
      const r = parseText('f.yaml', `---\n---\n# only a comment\n---\n${pod('a')}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.objects[0]?.source.doc).toBe(2);
    });

    it('reads nothing from an empty text or one with only comments', () => {
      expect(parseText('f', '')).toEqual({ objects: [], diagnostics: [] });
      expect(parseText('f', '# nothing here\n\n')).toEqual({ objects: [], diagnostics: [] });
    });

    it('accepts a byte order mark and CRLF line ends', () => {
      const r = parseText('f.yaml', `\uFEFF${pod('a')}---\r\n${pod('b')}`.replace(/\n/g, '\r\n'));
      expect(r.diagnostics).toEqual([]);
      expect(r.objects.map((o) => o.source.line)).toEqual([1, 6]);
    });

    it('reads a document that follows an explicit end marker', () => {
      expect(kindsAndNames(`${pod('a')}...\n---\n${pod('b')}`)).toEqual(['Pod a', 'Pod b']);
    });

    it('reads YAML 1.1 scalars as kubectl does: yes is a boolean, 0777 octal, timestamps stay strings', () => {
      const text =
        'kind: NetworkPolicy\nmetadata:\n  name: a\n  labels: {x: yes, z: 0777}\n  creationTimestamp: 2024-05-01T10:00:00Z\n';
      const meta = parseText('f.yaml', text).objects[0]?.obj['metadata'] as Record<string, unknown>;
      expect(meta['labels']).toEqual({ x: true, z: 511 });
      expect(meta['creationTimestamp']).toBe('2024-05-01T10:00:00Z');
    });

    it('keeps of a pod only the fields the importer reads', () => {
      const text = `${pod('a')}  managedFields: [{manager: kubectl}]\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    env: [{name: X, value: y}]\n    ports: [{containerPort: 80}]\nstatus: {phase: Running, conditions: [{type: Ready}]}\n`;
      expect(parseText('p.yaml', text).objects[0]?.obj).toEqual({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a', labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
        status: { phase: 'Running' },
      });
    });

    it('resolves anchors, aliases and merge keys', () => {
      const text =
        'kind: Pod\nmetadata:\n  name: a\n  labels: &l {app: web}\nspec:\n  x: *l\n---\nkind: Pod\nmetadata:\n  <<: {name: b}\n';
      expect(kindsAndNames(text)).toEqual(['Pod a', 'Pod b']);
    });
  });

  describe('JSON', () => {
    it('reads a single object', () => {
      const r = parseText('p.json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}');
      expect(r.objects.map((o) => [o.kind, o.source])).toEqual([
        ['Pod', { file: 'p.json', doc: 0, line: 1, column: 1 }],
      ]);
    });

    it('reads a List and locates each item', () => {
      const text = JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { kind: 'Pod', metadata: { name: 'a' } },
            { kind: 'Pod', metadata: { name: 'b' } },
          ],
        },
        null,
        2,
      );
      const r = parseText('l.json', text);
      expect(r.objects.map((o) => [o.source.item, o.source.line, o.source.column])).toEqual([
        [0, 5, 5],
        [1, 11, 5],
      ]);
    });

    it('falls back to YAML for flow-style text that is not JSON', () => {
      expect(kindsAndNames("{kind: Pod, metadata: {name: 'a'}}")).toEqual(['Pod a']);
    });

    it('reports broken JSON of several megabytes at its position, without reading it as YAML', () => {
      const text = `{"kind": "List", "items": [${'{"kind": "Pod", "metadata": {"name": "a"}},\n'.repeat(100_000)}}`;
      const r = parseText('big.json', text);
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['JSON_SYNTAX', 100_001]]);
    });

    it('reads JSON that starts with a byte order mark', () => {
      expect(kindsAndNames('\uFEFF{"kind": "Pod", "metadata": {"name": "a"}}', 'p.json')).toEqual(['Pod a']);
    });
  });

  describe('kind: List', () => {
    it('reads every item, with its item index and line', () => {
      const text =
        'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: x}\nkind: List\nmetadata:\n  resourceVersion: ""\n';
      const r = parseText('l.yaml', text);
      expect(r.objects.map((o) => [o.kind, o.source.item, o.source.line, o.source.column])).toEqual([
        ['Pod', 0, 3, 3],
        ['Namespace', 1, 6, 3],
      ]);
    });

    it('reads an empty List and a List with null items as nothing', () => {
      expect(parseText('l', 'kind: List\nitems: []\n')).toEqual({ objects: [], diagnostics: [] });
      expect(parseText('l', 'kind: List\nitems:\n')).toEqual({ objects: [], diagnostics: [] });
    });

    it('reports an item without a kind', () => {
      const r = parseText('l', 'kind: List\nitems:\n- metadata: {name: a}\n');
      expect(r.diagnostics.map((d) => [d.code, d.item, d.line])).toEqual([['MISSING_KIND', 0, 3]]);
    });

    it('reports items that are not a list', () => {
      const r = parseText('l', 'kind: List\nitems: {a: 1}\n');
      expect(r.diagnostics.map((d) => d.code)).toEqual(['BAD_LIST_ITEMS']);
    });
  });

  describe('typed lists', () => {
    it('infers the kind of items from the list kind and inherits its apiVersion', () => {
      const r = parseText(
        'l',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata: {name: p}\n',
      );
      expect(r.objects.map((o) => [o.kind, o.apiVersion])).toEqual([
        ['NetworkPolicy', 'networking.k8s.io/v1'],
      ]);
    });

    it('keeps an item its own kind and apiVersion', () => {
      const r = parseText(
        'l',
        'apiVersion: v1\nkind: PodList\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}}\n',
      );
      expect(r.objects.map((o) => [o.kind, o.apiVersion])).toEqual([['Pod', 'v1']]);
    });

    it('reads a DeploymentList as JSON with its items located', () => {
      const text = '{"apiVersion":"apps/v1","kind":"DeploymentList",\n"items":[\n{"metadata":{"name":"d"}}]}';
      const r = parseText('d.json', text);
      expect(r.objects.map((o) => [o.kind, o.apiVersion, o.source.line])).toEqual([
        ['Deployment', 'apps/v1', 3],
      ]);
    });
  });

  describe('hostile input', () => {
    it('reports broken YAML with its line and column, and keeps the other documents', () => {
      const r = parseText(
        'b.yaml',
        `${pod('a')}---\nkind: Pod\nmetadata:\n  name: [unclosed\n---\n${pod('c')}`,
      );
      expect(
        kindsAndNames(`${pod('a')}---\nkind: Pod\nmetadata:\n  name: [unclosed\n---\n${pod('c')}`),
      ).toEqual(['Pod a', 'Pod c']);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({
        code: 'YAML_SYNTAX',
        severity: 'error',
        file: 'b.yaml',
        doc: 1,
      });
      expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(8);
      expect(r.diagnostics[0]?.message).not.toContain('\n');
    });

    it('reports a bad indentation at its exact line', () => {
      const r = parseText('b.yaml', 'kind: Pod\nmetadata:\n  name: a\n bad: 1\n');
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', 4]]);
    });

    it('reports a duplicated key as a syntax error of that document only', () => {
      const r = parseText('d.yaml', `${pod('a')}---\nkind: Pod\nkind: Pod\n---\n${pod('c')}`);
      expect(r.diagnostics.map((d) => [d.code, d.doc])).toEqual([['YAML_SYNTAX', 1]]);
      expect(r.objects).toHaveLength(2);
    });

    it('reports a bare scalar document', () => {
      const r = parseText('s.yaml', 'just some text\n');
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
        [
          'NOT_AN_OBJECT',
          'expected a Kubernetes object (a map), found a string ("just some text"); it is skipped',
        ],
      ]);
    });

    it('reports a document that is a list', () => {
      expect(parseText('s.yaml', '- a\n- b\n').diagnostics.map((d) => d.code)).toEqual(['NOT_AN_OBJECT']);
      expect(parseText('s.json', '[1, 2]').diagnostics.map((d) => d.code)).toEqual(['NOT_AN_OBJECT']);
    });

    it('reports an object without a kind', () => {
      expect(parseText('k.yaml', 'metadata: {name: a}\n').diagnostics.map((d) => d.code)).toEqual([
        'MISSING_KIND',
      ]);
      expect(parseText('k.yaml', 'kind: 3\n').diagnostics.map((d) => d.code)).toEqual(['MISSING_KIND']);
    });

    it('stops an alias bomb (billion laughs) with a clear error', () => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const cur = String.fromCharCode(97 + i);
        levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const started = Date.now();
      const r = parseText('bomb.yaml', `kind: ConfigMap\n${levels.join('\n')}\n---\n${pod('after')}`);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.diagnostics.map((d) => [d.code, d.doc])).toEqual([['YAML_ALIAS_LIMIT', 0]]);
      expect(kindsAndNames(`kind: ConfigMap\n${levels.join('\n')}\n---\n${pod('after')}`)).toEqual([
        'Pod after',
      ]);
    });

    it('accepts a few ordinary aliases', () => {
      const r = parseText(
        'a.yaml',
        'kind: Pod\nmetadata:\n  name: a\n  labels: &l {app: x}\n  annotations: *l\n',
      );
      expect(r.diagnostics).toEqual([]);
    });

    it('keeps __proto__ and constructor keys as plain data, without prototype pollution', () => {
      const r = parseText(
        'p.yaml',
        'kind: Pod\n__proto__: {polluted: yes}\nmetadata:\n  name: a\n  labels:\n    constructor: x\n    __proto__: y\n',
      );
      const obj = r.objects[0]?.obj as Record<string, unknown>;
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
      const json = parseText(
        'p.json',
        '{"kind":"Pod","__proto__":{"polluted":true},"metadata":{"name":"a"}}',
      );
      expect(json.objects).toHaveLength(1);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('reports YAML nested deeper than 100 levels', () => {
      const deep = `kind: Pod\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
      expect(parseText('d.yaml', deep).diagnostics.map((d) => d.code)).toEqual(['NESTING_TOO_DEEP']);
    });

    it('reports JSON nested deeper than 100 levels', () => {
      const deep = `{"kind":"Pod","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      expect(parseText('d.json', deep).diagnostics.map((d) => d.code)).toEqual(['NESTING_TOO_DEEP']);
    });

    it('reports a null byte as a syntax error', () => {
      expect(parseText('n.yaml', 'kind: Pod\0\n').diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    });

    it('refuses a text over the size limit without reading it', () => {
      const r = parseText('huge.yaml', { length: 300 * 1024 * 1024 } as unknown as string);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['TEXT_TOO_LARGE']);
    });

    it('reads a 50 MB line of garbage as one located syntax error', { timeout: 60_000 }, () => {
      const r = parseText('big.yaml', `kind: Pod\nx: "${'a'.repeat(50 * 1024 * 1024)}\n`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    });

    it('reads a 50 MB List of kubectl-sized pods', { timeout: 120_000 }, () => {
      const filler = Array.from(
        { length: 40 },
        (_, k) => `      - name: VAR_${k}\n        value: "${'v'.repeat(60)}"\n`,
      ).join('');
      const item = (i: number) =>
        `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n    namespace: ns${i % 50}\n    labels: {app: a${i % 100}, tier: web}\n  spec:\n    containers:\n    - name: c\n      env:\n${filler}      ports:\n      - {containerPort: 8080, name: http}\n  status:\n    podIP: 10.0.${(i >> 8) & 255}.${i & 255}\n    phase: Running\n`;
      const items: string[] = [];
      let size = 0;
      for (let i = 0; size < 50 * 1024 * 1024; i++) {
        const s = item(i);
        items.push(s);
        size += s.length;
      }
      const r = parseText('big.yaml', `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.objects).toHaveLength(items.length);
      expect(r.objects.at(-1)?.source.item).toBe(items.length - 1);
    });

    it('reads a tab in a flow sequence as kubectl does, with a warning', () => {
      const text =
        'kind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - args:\n      [\n        "-a",\n\t        "-b",\n      ]\n';
      const r = parseText('t.yaml', text);
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
        ['YAML_TAB_TOLERATED', 'warning', 9],
      ]);
      expect(r.objects).toHaveLength(1);
    });

    it('still rejects a tab used as block indentation', () => {
      const r = parseText('t.yaml', 'kind: Pod\nmetadata:\n\tname: a\n');
      expect(r.diagnostics.map((d) => d.code)).toContain('YAML_SYNTAX');
    });
  });
});
