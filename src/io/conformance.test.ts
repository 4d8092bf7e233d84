/**
 * Every input of the visible conformance corpus imports without errors and yields exactly the
 * endpoints its expected.json lists (the corpus the CLI is judged on; see its README).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../model';
import { importTexts } from './index';

const CORPUS = fileURLToPath(new URL('../../../shared/conformance/netpol-analyzer', import.meta.url));

function manifests(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return manifests(path);
      return /\.(ya?ml|json)$/i.test(entry) ? [path] : [];
    });
}

const cases = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .sort()
      .filter((c) => existsSync(join(CORPUS, c, 'expected.json')))
  : [];

interface Expected {
  readonly endpoints?: readonly string[];
  readonly pods?: readonly string[];
  readonly tags?: readonly string[];
  readonly skip?: string;
}

describe.skipIf(cases.length === 0)('conformance corpus (netpol-analyzer)', () => {
  it('has its 119 cases', () => expect(cases).toHaveLength(119));

  it.each(cases)('%s imports without errors, with exactly the expected endpoints', (name) => {
    const dir = join(CORPUS, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const sources = manifests(join(dir, 'input')).map((path) => ({
      name: path.slice(dir.length + 1),
      text: readFileSync(path, 'utf8'),
    }));
    const result = importTexts(sources);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    if (!expected.tags?.includes('import-errors')) expect(errors).toEqual([]);
    const want = [...(expected.endpoints ?? expected.pods ?? [])].sort();
    expect(result.snapshot.endpoints.map((e) => e.id).sort()).toEqual(want);
  });
});
