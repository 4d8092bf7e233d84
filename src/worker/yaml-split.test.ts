import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../io/yaml-read';
import {
  answerPiece,
  isJsonExact,
  mergePieces,
  pieceText,
  planSplit,
  readPiece,
  type SplitPlan,
} from './yaml-split';

/** Reads `text` as the pool does: each piece alone, then merged. */
function readSplit(text: string, plan: SplitPlan) {
  return mergePieces(
    plan,
    plan.pieces.map((p) => structuredClone(readPiece(pieceText(text, p)))),
  );
}

const pod = (i: number, extra = ''): string =>
  `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n    namespace: ns\n    labels: {app: a${i % 3}}\n${extra}  spec:\n    containers:\n    - name: c\n      ports:\n      - containerPort: ${8000 + i}\n        name: http\n`;

const list = (n: number, kind = 'List', extra = (_i: number) => ''): string =>
  `apiVersion: v1\nitems:\n${Array.from({ length: n }, (_, i) => pod(i, extra(i))).join('')}kind: ${kind}\nmetadata:\n  resourceVersion: ""\n`;

describe('yaml-split', () => {
  it('cuts a kubectl List between its entries and reads it back exactly', () => {
    const text = list(40);
    const plan = planSplit(text, 4, 0);
    expect(plan?.pieces.length).toBe(4);
    const merged = readSplit(text, plan!);
    expect(merged).toEqual(readYaml(text));
    expect(merged?.docs[0]?.items?.length).toBe(40);
  });

  it('keeps a typed list (PodList) pruned as the whole text is', () => {
    const text = list(12, 'PodList').replaceAll('  kind: Pod\n', '');
    const plan = planSplit(text, 3, 0);
    expect(plan).not.toBeNull();
    expect(readSplit(text, plan!)).toEqual(readYaml(text));
  });

  it('cuts a multi-document text at its document markers, problems and their offsets included', () => {
    const docs = Array.from({ length: 30 }, (_, i) =>
      i === 7
        ? 'kind: Pod\nmetadata: {name: [broken\n'
        : i === 20
          ? 'a: &x 1\nb: *x\n'
          : `kind: Pod\nmetadata:\n  name: p${i}\n`,
    );
    const text = `${docs.join('---\n')}`;
    const plan = planSplit(text, 3, 0);
    expect(plan?.pieces.length).toBeGreaterThan(1);
    const merged = readSplit(text, plan!);
    expect(merged).toEqual(readYaml(text));
    expect(merged?.docs[7]?.problem?.code).toBe('YAML_SYNTAX');
  });

  it('gives up (null) when a list piece does not read cleanly, so the whole text is read as usual', () => {
    const text = list(20, 'List', (i) => (i === 15 ? '  bad: [unclosed\n' : ''));
    const plan = planSplit(text, 4, 0);
    expect(plan).not.toBeNull();
    expect(readSplit(text, plan!)).toBeNull();
  });

  it('gives up when entries share anchors across pieces', () => {
    const text = list(20, 'List', (i) => (i === 1 ? '  x: &a {k: v}\n' : i === 18 ? '  y: *a\n' : ''));
    const plan = planSplit(text, 4, 0);
    expect(readSplit(text, plan!)).toBeNull();
  });

  it('cuts a List written with CRLF line ends', () => {
    const text = list(30).replaceAll('\n', '\r\n');
    const plan = planSplit(text, 3, 0);
    expect(plan?.pieces.length).toBe(3);
    expect(readSplit(text, plan!)).toEqual(readYaml(text));
  });

  it('does not cut small texts, indented lists or texts with directives', () => {
    expect(planSplit(list(40), 4)).toBeNull();
    expect(planSplit(list(40).replaceAll(/^(- | {2})/gm, ' '.repeat(2) + '$1'), 4, 0)).toBeNull();
    expect(planSplit(`%YAML 1.1\n---\n${list(40)}`, 4, 0)).toBeNull();
  });

  it('reads any mix of documents, lists and broken bits exactly as one read does (property)', () => {
    const docArb = fc.oneof(
      fc.integer({ min: 2, max: 12 }).map((n) => list(n)),
      fc.integer({ min: 0, max: 5 }).map((i) => `kind: Pod\nmetadata:\n  name: x${i}\n`),
      fc.constantFrom(
        '',
        '# only a comment\n',
        'kind: [\n',
        'a: b\n\tc: d\n',
        'k: {a: 1,\n\tb: 2}\n',
        '- 1\n- 2\n',
        'items:\n- a\n- b\nkind: NotAList\n',
        'items:\n- a\n  - b\n- c\nkind: List\n',
        'a: 1\n...\n',
        'x: "multi\n- line"\n',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        (docs, parts, crlf) => {
          const joined = docs.join('---\n');
          const text = crlf ? joined.replaceAll('\n', '\r\n') : joined;
          const plan = planSplit(text, parts, 0);
          if (!plan) return;
          const merged = readSplit(text, plan);
          if (merged) expect(merged).toEqual(readYaml(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isJsonExact', () => {
  it('accepts what JSON keeps as it is and refuses the rest', () => {
    expect(isJsonExact({ a: [1, 'x', null, true, { b: 2.5 }] })).toBe(true);
    expect(isJsonExact({ a: Number.NaN })).toBe(false);
    expect(isJsonExact([Infinity])).toBe(false);
    expect(isJsonExact({ z: -0 })).toBe(false);
    expect(isJsonExact({ u: undefined })).toBe(false);
  });

  it('lets a parse worker answer with JSON that reads back to the same result', () => {
    const text = list(5);
    const answer = answerPiece({ id: 3, prefix: '', text });
    expect('json' in answer && JSON.parse(answer.json)).toEqual(readPiece(text));
    const nan = answerPiece({ id: 4, prefix: '', text: 'kind: NetworkPolicy\nspec: {a: .nan}\n' });
    expect(
      'result' in nan && Number.isNaN((nan.result.docs[0]?.value as { spec: { a: number } }).spec.a),
    ).toBe(true);
  });
});
