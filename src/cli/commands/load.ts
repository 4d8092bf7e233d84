/** Reading and importing the manifests of PATH..., problems to standard error. */
import { formatDiagnostic } from '../../model';
import { CliError } from '../args';
import type { CliEnv, Imported } from '../run';

export interface Loaded extends Imported {
  /** True when any problem has the severity error: the exit status will be 1. */
  readonly failed: boolean;
}

export async function loadManifests(env: CliEnv, paths: string[]): Promise<Loaded> {
  let sources;
  try {
    sources = await env.deps.readInputs(paths);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const imported = env.deps.importTexts(sources);
  let failed = false;
  for (const d of imported.diagnostics) {
    if (d.severity === 'error') failed = true;
    env.stderr.write(`${formatDiagnostic(d)}\n`);
  }
  env.stderr.flush();
  return { ...imported, failed };
}
