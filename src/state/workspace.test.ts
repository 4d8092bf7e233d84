import { describe, expect, it } from 'vitest';
import { copyName, joinDocuments, sourceTextOf } from './workspace';

const policy = (ns: string, name: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\n`;

describe('workspace helpers', () => {
  it('finds the text behind a source name: imported, edited or drafted', () => {
    const state = {
      sources: [{ id: 's1', name: 'a.yaml', text: 'a' }],
      edits: {
        u1: { uid: 'u1', baseId: null, text: policy('ns', 'p') },
        u2: { uid: 'u2', baseId: 'ns/q', text: null },
        u3: { uid: 'u3', baseId: null, text: 'not: a policy\n' },
      },
      draft: { uid: 'd', baseId: null, text: policy('ns', 'r') },
    };
    expect(sourceTextOf(state, 'a.yaml')).toBe('a');
    expect(sourceTextOf(state, 'edit:ns/p')).toBe(policy('ns', 'p'));
    expect(sourceTextOf(state, 'edit:u3')).toBe('not: a policy\n');
    expect(sourceTextOf(state, 'draft:ns/r')).toBe(policy('ns', 'r'));
    expect(sourceTextOf(state, 'edit:ns/q')).toBeUndefined();
    expect(sourceTextOf(state, 'gone.yaml')).toBeUndefined();
  });

  it('names a copy that is not taken', () => {
    expect(copyName('ns', 'p', new Set())).toBe('p-copy');
    expect(copyName('ns', 'p', new Set(['ns/p-copy', 'ns/p-copy-2']))).toBe('p-copy-3');
  });

  it('joins texts as one multi-document YAML', () => {
    expect(joinDocuments(['a: 1', '---\nb: 2\n\n'])).toBe('a: 1\n---\nb: 2\n');
    expect(joinDocuments([])).toBe('');
  });
});
