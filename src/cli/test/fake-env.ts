/** A CliEnv over fakes: sources are given by name, the import and the analysis are hand-built. */
import type { Analysis, Explanation } from '../../engine/api';
import type { Diagnostic, Snapshot } from '../../model';
import type { CliDeps, CliEnv } from '../run';
import { memorySink, type MemorySink } from '../sink';
import { ports } from './fake-analysis';

export interface FakeEnv extends CliEnv {
  readonly stdout: MemorySink;
  readonly stderr: MemorySink;
  readonly calls: string[];
}

export function fakeEnv(opts: {
  analysis: Analysis;
  diagnostics?: Diagnostic[];
  explanation?: Partial<Explanation>;
  files?: Record<string, string>;
}): FakeEnv {
  const calls: string[] = [];
  const snapshot: Snapshot = { namespaces: [], endpoints: opts.analysis.endpoints, policies: [] };
  const deps: CliDeps = {
    async readInputs(paths) {
      calls.push(`read ${paths.join(' ')}`);
      return paths.map((p) => {
        const text = opts.files?.[p];
        if (text === undefined) throw new Error(`${p}: no such file or directory`);
        return { name: p, text };
      });
    },
    importTexts: () => ({ snapshot, diagnostics: opts.diagnostics ?? [], ignored: {} }),
    analyze(_s, options) {
      calls.push(`analyze ${JSON.stringify(options)}`);
      return opts.analysis;
    },
    explain(_s, from, to, query) {
      calls.push(`explain ${from} ${to} ${JSON.stringify(query)}`);
      const none = ports();
      const verdict = {
        applicable: true,
        isolated: false,
        selectedBy: [],
        allowedBy: [],
        peerMatchedNoPort: [],
        ports: none,
      };
      return {
        from,
        to,
        ports: none,
        allowed: false,
        egress: verdict,
        ingress: verdict,
        notes: [],
        ...opts.explanation,
      };
    },
    generate(profile, seed, format, out) {
      calls.push(`generate ${profile} ${seed} ${format}`);
      out.write(`# ${profile} ${seed}\n`);
    },
  };
  return { stdout: memorySink(), stderr: memorySink(), deps, calls, openOutput: () => memorySink() };
}
