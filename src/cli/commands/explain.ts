/** `explain PATH... --from ID --to ID [--port 80/TCP]`: the verdict for one pair, with reasons. */
import type { Analysis } from '../../engine/api';
import {
  CliError,
  ENGINE_ARG_OPTIONS,
  UsageError,
  choice,
  engineOptionsFrom,
  parseCommandArgs,
  requireString,
} from '../args';
import { explanationJson, renderExplanation } from '../explain-text';
import { HELP } from '../help';
import { parsePortQuery } from '../ports';
import { resolveEndpoint, type EndpointView } from '../resolve';
import type { CliEnv } from '../run';
import { loadManifests, reportFailure } from './load';

export async function runExplain(args: string[], env: CliEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', args, {
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string', short: 'p' },
    format: { type: 'string', short: 'f' },
    quiet: { type: 'boolean', short: 'q' },
    ...ENGINE_ARG_OPTIONS,
  });
  if (values.help) {
    env.stdout.write(HELP.explain);
    return 0;
  }
  const from = requireString('explain', 'from', values.from);
  const to = requireString('explain', 'to', values.to);
  const format = choice('explain', 'format', values.format, ['txt', 'json'], 'txt');
  const options = engineOptionsFrom('explain', values);
  let query;
  if (values.port !== undefined) {
    query = parsePortQuery(String(values.port));
    if (!query) {
      throw new UsageError(
        `option '--port' must be PORT or PORT/PROTOCOL with PORT in 1-65535 and PROTOCOL TCP, UDP or SCTP (got '${String(values.port)}')`,
        'explain',
      );
    }
  }
  if (positionals.length === 0) {
    throw new UsageError('give at least one PATH (a file, a directory, or - for standard input)', 'explain');
  }
  const loaded = await loadManifests(env, positionals, { quiet: values.quiet === true });

  // Endpoint ids resolve from the snapshot alone; IP ranges need an evaluation.
  let analysis: Analysis | undefined;
  const view: EndpointView = {
    endpoints: loaded.snapshot.endpoints,
    get ipRanges() {
      analysis ??= env.deps.analyze(loaded.snapshot, options);
      return analysis.ipRanges;
    },
  };
  const ids: string[] = [];
  for (const [flag, text] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const r = resolveEndpoint(view, text);
    if (!r.ok) {
      const hint = r.suggestions.length ? `; close matches:\n  ${r.suggestions.join('\n  ')}` : '';
      throw new CliError(`${flag}: ${r.message}${hint}`, 2);
    }
    if (r.note) env.stderr.write(`${flag}: ${r.note}\n`);
    ids.push(r.id);
  }
  const [fromId = '', toId = ''] = ids;
  if (fromId === toId)
    throw new CliError(
      `--from and --to are the same endpoint (${fromId}): a pod's traffic to itself is not governed by NetworkPolicy`,
      2,
    );
  const explanation = env.deps.explain(loaded.snapshot, fromId, toId, query, options);
  if (!explanation) throw new CliError(`the engine knows no pair ${fromId} => ${toId}`, 2);
  env.stdout.write(format === 'json' ? explanationJson(explanation) : renderExplanation(explanation));
  reportFailure(env, 'explain', loaded);
  return loaded.failed ? 1 : 0;
}
