/**
 * The command line's entry point: `npm run --silent cli -- COMMAND ...` (tsx src/cli/main.ts).
 * Wires `runCli` to the real io, engine and generator, and to the process's descriptors.
 */
import { analyze, explain } from '../engine';
import { importTexts } from '../io';
import { generateCluster, serializeChunks } from '../testing/generator';
import { readInputs } from './inputs';
import { runCli, type CliDeps } from './run';
import { fdSink, fileSink, OutputClosed } from './sink';

const deps: CliDeps = {
  readInputs,
  importTexts,
  analyze,
  explain,
  generate(profile, seed, format, out) {
    const { objects } = generateCluster({ profile, seed });
    for (const chunk of serializeChunks(objects, format)) out.write(chunk);
  },
};

const stdout = fdSink(1);
const stderr = fdSink(2, { highWater: 0 });
void runCli(process.argv.slice(2), { stdout, stderr, deps, openOutput: fileSink }).then((code) => {
  for (const sink of [stdout, stderr]) {
    try {
      sink.close();
    } catch (e) {
      if (!(e instanceof OutputClosed)) throw e; // else the reader has gone: nothing left to say
    }
  }
  process.exitCode = code;
});
