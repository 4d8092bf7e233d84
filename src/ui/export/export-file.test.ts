import { describe, expect, it } from 'vitest';
import { countDocuments, exportFileName, plural } from './export-file';

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
  });
});
