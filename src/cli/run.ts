/**
 * The command line, independent of the process: `runCli(argv, env)` returns the exit status and
 * writes through the sinks of `env`. `main.ts` wires it to the real modules and descriptors;
 * tests wire it to fakes and memory sinks.
 */
import type { Analysis, EngineOptions, Explanation } from '../engine/api';
import type { Diagnostic, Protocol, Snapshot } from '../model';
import { CliError, UsageError } from './args';
import { runAnalyze } from './commands/analyze';
import { runExplain } from './commands/explain';
import { runGenerate } from './commands/generate';
import { HELP, PROGRAM } from './help';
import { OutputClosed, type Sink } from './sink';

export interface Source {
  name: string;
  text: string;
}

export interface Imported {
  snapshot: Snapshot;
  diagnostics: Diagnostic[];
  ignored: Record<string, number>;
}

export const PROFILES = ['S', 'M', 'L', 'L-dense', 'XL', 'Stress'] as const;
export type Profile = (typeof PROFILES)[number];

/** The modules the commands run: the real ones in `main.ts`, fakes in tests. */
export interface CliDeps {
  readInputs(paths: string[]): Promise<Source[]>;
  importTexts(sources: Source[]): Imported;
  analyze(snapshot: Snapshot, options: EngineOptions): Analysis;
  explain(
    snapshot: Snapshot,
    fromId: string,
    toId: string,
    query: { port: number; protocol: Protocol } | undefined,
    options: EngineOptions,
  ): Explanation | undefined;
  /** Writes the synthetic cluster of `profile` and `seed` to `out`. */
  generate(profile: Profile, seed: number, format: 'yaml' | 'json', out: Sink): void;
}

export interface CliEnv {
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly deps: CliDeps;
  /** Opens a file for `--out`. */
  openOutput(path: string): Sink;
}

const COMMANDS = {
  analyze: runAnalyze,
  explain: runExplain,
  generate: runGenerate,
} as const;
type Command = keyof typeof COMMANDS;

function isCommand(s: string): s is Command {
  return Object.prototype.hasOwnProperty.call(COMMANDS, s);
}

export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      env.stderr.write(HELP.main);
      return 2;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic !== undefined && !isCommand(topic)) throw new UsageError(`unknown command '${topic}'`);
      env.stdout.write(topic !== undefined ? HELP[topic] : HELP.main);
      return 0;
    }
    if (first === '--version') {
      env.stdout.write(`${PROGRAM} 0.1.0\n`);
      return 0;
    }
    if (!isCommand(first)) {
      throw new UsageError(
        first.startsWith('-')
          ? `unknown option '${first}' (a command comes first)`
          : `unknown command '${first}'`,
      );
    }
    return await COMMANDS[first]([...rest], env);
  } catch (e) {
    if (e instanceof OutputClosed) return 0;
    if (e instanceof UsageError) {
      const where = e.command ? `${PROGRAM} ${e.command}` : PROGRAM;
      env.stderr.write(`${where}: ${e.message}\nRun '${where} --help' for usage.\n`);
      return 2;
    }
    if (e instanceof CliError) {
      env.stderr.write(`${PROGRAM}: ${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    env.stderr.write(`${PROGRAM}: internal error: ${message}\n`);
    return 70;
  } finally {
    flushQuietly(env.stdout);
    flushQuietly(env.stderr);
  }
}

function flushQuietly(sink: Sink): void {
  try {
    sink.flush();
  } catch (e) {
    if (!(e instanceof OutputClosed)) throw e;
  }
}
