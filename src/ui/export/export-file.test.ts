import { describe, expect, it } from 'vitest';
import { countDocuments, exportFileName, plural, PREVIEW_LIMIT, previewOf } from './export-file';

describe('export file', () => {
  it('names the file after what it holds', () => {
    expect(exportFileName('all')).toBe('policies.yaml');
    expect(exportFileName('changed')).toBe('policies-changed.yaml');
    expect(exportFileName({ policyId: 'shop/allow-web' })).toBe('shop-allow-web.yaml');
    expect(exportFileName({ policyId: '///' })).toBe('policy.yaml');
  });

  it('counts with the right noun', () => {
    expect(plural(1, 'policy')).toBe('1 policy');
    expect(plural(12, 'policy')).toBe('12 policies');
    expect(plural(1200, 'line')).toBe('1,200 lines');
    expect(plural(0, 'policy change')).toBe('0 policy changes');
  });

  it('counts the documents of a multi-document YAML', () => {
    expect(countDocuments('')).toBe(0);
    expect(countDocuments('kind: A\n')).toBe(1);
    expect(countDocuments('kind: A\n---\nkind: B\n---\nkind: C\n')).toBe(3);
    // A line that merely starts with dashes is not a separator.
    expect(countDocuments('a: |\n  ---x\nkind: A\n')).toBe(1);
    // Comments alone are no document.
    expect(countDocuments('# removed: ns/a\n')).toBe(0);
    expect(countDocuments('# removed: ns/a\nkind: A\n')).toBe(1);
  });

  it('previews the start of a big export, cut at a line end', () => {
    expect(previewOf('a: 1\n')).toEqual({ text: 'a: 1\n', cut: false, lines: 0 });
    const big = 'kind: NetworkPolicy\n'.repeat(20_000);
    const p = previewOf(big);
    expect(p.cut).toBe(true);
    expect(p.text.length).toBeLessThanOrEqual(PREVIEW_LIMIT);
    expect(p.text.endsWith('kind: NetworkPolicy\n')).toBe(true);
    expect(p.lines).toBe(p.text.length / 'kind: NetworkPolicy\n'.length);
  });
});
