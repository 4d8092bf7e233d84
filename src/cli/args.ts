/** Argument parsing on `node:util` parseArgs, with usage errors that name the command. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EngineOptions } from '../engine/api';

/** A mistake in the command line itself: exit status 2, with a pointer to `--help`. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem with the input that stops the command: exit status 1 (or the given one). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `args` strictly: an unknown option or a missing value is a UsageError. */
export function parseCommandArgs(command: string, args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    throw new UsageError(describeParseError(e, options), command);
  }
}

function describeParseError(e: unknown, options: Options): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = Object.keys(options).map((o) => `--${o}`);
      return `unknown option '${option ?? message}'${known.length ? ` (options: ${known.join(', ')}, --help)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(message)?.[1];
      const opt = name === undefined ? undefined : options[name];
      if (opt?.type === 'string') return `option '--${name}' needs a value`;
      if (opt?.type === 'boolean') return `option '--${name}' takes no value`;
      return message;
    }
    default:
      return message;
  }
}

/** A string option: one of `choices`, or the default. */
export function choice<T extends string>(
  command: string,
  name: string,
  value: string | boolean | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `option '--${name}' must be one of ${choices.join(', ')} (got '${String(value)}')`,
    command,
  );
}

export function requireString(command: string, name: string, value: string | boolean | undefined): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`option '--${name}' is required`, command);
  return value;
}

/** The options every evaluating command shares. */
export const ENGINE_ARG_OPTIONS = {
  'ipblock-matches-pods': { type: 'string' },
  'host-network': { type: 'string' },
} as const satisfies Options;

export function engineOptionsFrom(command: string, values: Parsed['values']): EngineOptions {
  const match = choice(
    command,
    'ipblock-matches-pods',
    values['ipblock-matches-pods'],
    ['true', 'false'],
    'true',
  );
  const hostNetwork = choice(command, 'host-network', values['host-network'], ['pod', 'unrestricted'], 'pod');
  return { ipBlockMatchesPods: match === 'true', hostNetwork };
}
