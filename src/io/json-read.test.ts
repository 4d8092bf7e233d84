import { describe, expect, it } from 'vitest';
import { findJsonError, readJson } from './json-read';

describe('json-read', () => {
  describe('readJson', () => {
    it('gives the value, the root offset and the depth', () => {
      expect(readJson('  {"a": [1, {"b": 2}]}')).toEqual({ value: { a: [1, { b: 2 }] }, root: 2, depth: 3 });
    });

    it('gives the span of each element of a root `items` array', () => {
      const text = '{"kind": "List", "items": [ {"a": 1} , 2,"x" ], "more": [9]}';
      const read = readJson(text);
      expect('items' in read && read.items?.map(([s, e]) => text.slice(s, e))).toEqual([
        '{"a": 1}',
        '2',
        '"x"',
      ]);
    });

    it('finds no items in an `items` key nested deeper, nor in an empty array', () => {
      expect(readJson('{"spec": {"items": [1]}}')).not.toHaveProperty('items');
      expect(readJson('{"items": []}')).toMatchObject({ items: [] });
    });

    it('is not fooled by strings holding brackets, quotes and escapes', () => {
      const text = '{"x": "[\\"{", "items": [{"s": "]}\\\\"}]}';
      const read = readJson(text);
      expect('items' in read && read.items?.map(([s, e]) => text.slice(s, e))).toEqual(['{"s": "]}\\\\"}']);
    });
  });

  describe('findJsonError', () => {
    it.each([
      ['{"a": [1,\n}', 10, 'unexpected "}", expected a value'],
      ['{"a" 1}', 5, 'unexpected "1", expected \':\''],
      ['{"a": 1,}', 8, 'unexpected "}", expected a string key'],
      ['{"a": "x', 6, 'unterminated string'],
      ['[1, 2', 5, "unexpected end of text, expected ',' or ']'"],
      ['{"a": 1} x', 9, 'unexpected "x", expected the end of the text'],
      ['{"a": tru}', 6, 'unexpected "t", expected a value'],
      ['[[[[', 4, 'unexpected end of text, expected a value'],
    ])('finds the error in %j at %i', (text, offset, error) => {
      expect(findJsonError(text)).toEqual({ error, offset });
    });

    it('checks deep nesting without recursion', () => {
      expect(findJsonError(`${'['.repeat(1_000_000)}x`).offset).toBe(1_000_000);
    });
  });
});
