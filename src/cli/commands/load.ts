/** Reading and importing the manifests of PATH..., problems to standard error. */
import { formatDiagnostic } from '../../model';
import { CliError } from '../args';
import { PROGRAM } from '../help';
import type { CliEnv, Imported } from '../run';

export interface Loaded extends Imported {
  /** True when any problem has the severity error: the exit status will be 1. */
  readonly failed: boolean;
}

export interface LoadOptions {
  /** Leave out diagnostics of severity info (such as the count of ignored kinds). */
  readonly quiet?: boolean;
}

export async function loadManifests(
  env: CliEnv,
  paths: string[],
  options: LoadOptions = {},
): Promise<Loaded> {
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
    if (options.quiet && d.severity === 'info') continue;
    env.stderr.write(`${formatDiagnostic(d)}\n`);
  }
  env.stderr.flush();
  return { ...imported, failed };
}

/** The closing line on standard error when the input had errors. */
export function reportFailure(env: CliEnv, command: string, loaded: Loaded): void {
  if (!loaded.failed) return;
  const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  env.stderr.write(
    `${PROGRAM} ${command}: ${n} error${n === 1 ? '' : 's'} in the input (above); the output covers what was valid\n`,
  );
}
