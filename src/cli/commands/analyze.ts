/** `analyze PATH... --format F`: the connectivity report. */
import { ENGINE_ARG_OPTIONS, UsageError, choice, engineOptionsFrom, parseCommandArgs } from '../args';
import { FORMATTERS, REPORT_FORMATS } from '../format';
import { HELP } from '../help';
import type { CliEnv } from '../run';
import { loadManifests, reportFailure } from './load';

export async function runAnalyze(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs('analyze', args, {
    format: { type: 'string', short: 'f' },
    quiet: { type: 'boolean', short: 'q' },
    ...ENGINE_ARG_OPTIONS,
  });
  if (values.help) {
    env.stdout.write(HELP.analyze);
    return 0;
  }
  const format = choice('analyze', 'format', values.format, REPORT_FORMATS, 'txt');
  const options = engineOptionsFrom('analyze', values);
  if (positionals.length === 0) {
    throw new UsageError('give at least one PATH (a file, a directory, or - for standard input)', 'analyze');
  }
  const loaded = await loadManifests(env, positionals, { quiet: values.quiet === true });
  const analysis = env.deps.analyze(loaded.snapshot, options);
  FORMATTERS[format]({ analysis, diagnostics: loaded.diagnostics, ignored: loaded.ignored }, env.stdout);
  env.stdout.flush();
  reportFailure(env, 'analyze', loaded);
  return loaded.failed ? 1 : 0;
}
