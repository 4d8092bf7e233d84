/** `generate --profile P --seed N [--format yaml|json] [--out FILE]`: the benchmark's cluster. */
import { CliError, UsageError, choice, parseCommandArgs, requireString } from '../args';
import { HELP } from '../help';
import { PROFILES, type CliEnv } from '../run';
import type { Sink } from '../sink';

export async function runGenerate(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, {
    profile: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) {
    env.stdout.write(HELP.generate);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'generate');
  const profile = choice(
    'generate',
    'profile',
    requireString('generate', 'profile', values.profile),
    PROFILES,
    'S',
  );
  const seedText = requireString('generate', 'seed', values.seed);
  if (!/^\d{1,15}$/.test(seedText))
    throw new UsageError(`option '--seed' must be a non-negative integer (got '${seedText}')`, 'generate');
  const seed = Number(seedText);
  const format = choice('generate', 'format', values.format, ['yaml', 'json'], 'yaml');
  let out: Sink = env.stdout;
  if (typeof values.out === 'string') {
    try {
      out = env.openOutput(values.out);
    } catch (e) {
      throw new CliError(`cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    env.deps.generate(profile, seed, format, out);
  } finally {
    if (out === env.stdout) out.flush();
    else out.close();
  }
  return 0;
}
