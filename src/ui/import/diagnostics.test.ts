import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model';
import {
  countSeverities,
  describeCounts,
  describeIgnored,
  describeLocation,
  groupDiagnostics,
  listedDiagnostics,
} from './diagnostics';

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  code: 'X',
  severity: 'error',
  message: 'm',
  ...over,
});

describe('problems panel', () => {
  it('groups problems by file in workspace order, then other files, then none', () => {
    const groups = groupDiagnostics(
      [
        d({ file: 'z.yaml', line: 3 }),
        d({ message: 'global' }),
        d({ file: 'b.yaml', doc: 1, line: 9 }),
        d({ file: 'b.yaml', doc: 0, line: 20 }),
        d({ file: 'a.yaml' }),
      ],
      ['b.yaml', 'a.yaml'],
    );
    expect(groups.map((g) => g.file)).toEqual(['b.yaml', 'a.yaml', 'z.yaml', null]);
    expect(groups[0]?.items.map((x) => x.line)).toEqual([20, 9]);
  });

  it('counts and words severities', () => {
    const counts = countSeverities([d({}), d({}), d({ severity: 'warning' })]);
    expect(counts).toEqual({ error: 2, warning: 1, info: 0 });
    expect(describeCounts(counts)).toBe('2 errors, 1 warning');
    expect(describeCounts({ error: 0, warning: 0, info: 1 })).toBe('1 note');
    expect(describeCounts({ error: 0, warning: 0, info: 0 })).toBe('no problems');
  });

  it('says where a problem is, 1-based', () => {
    expect(describeLocation(d({ doc: 1, item: 0, line: 14, column: 5 }))).toBe(
      'document 2, item 1, line 14, column 5',
    );
    expect(describeLocation(d({}))).toBe('');
  });

  it('lists ignored kinds, most frequent first', () => {
    expect(describeIgnored({ ConfigMap: 2, Service: 3, Secret: 2 })).toBe(
      'Service ×3, ConfigMap ×2, Secret ×2',
    );
  });

  it('leaves ignored kinds to their own line', () => {
    const list = [d({ code: 'IGNORED_KIND', severity: 'info' }), d({ code: 'YAML_SYNTAX' })];
    expect(listedDiagnostics(list).map((x) => x.code)).toEqual(['YAML_SYNTAX']);
  });
});
