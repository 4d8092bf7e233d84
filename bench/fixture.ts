/**
 * Child process: generates one fixture (YAML, JSON and a stats sidecar) for a profile and seed.
 *   node --import tsx bench/fixture.ts --profile L --seed 1 --version <generator version>
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCluster, isProfile } from '../src/testing/generator';
import { writeClusterFile } from '../src/testing/generator-io';
import { emitResult, FIXTURE_DIR, fixturePaths, peakRssMB, round } from './lib';

const { values } = parseArgs({
  options: { profile: { type: 'string' }, seed: { type: 'string' }, version: { type: 'string' } },
});
const profile = values.profile ?? '';
if (!isProfile(profile)) throw new Error(`unknown profile ${profile}`);
const seed = Number(values.seed ?? '1');
const paths = fixturePaths(profile, seed, values.version ?? 'dev');
mkdirSync(FIXTURE_DIR, { recursive: true });

let start = performance.now();
const { objects, stats } = generateCluster({ profile, seed });
const generateMs = performance.now() - start;

// Write under temporary names and rename at the end, so an interrupted run leaves no half fixture.
start = performance.now();
const yamlBytes = writeClusterFile(`${paths.yaml}.tmp`, objects, 'yaml');
const yamlMs = performance.now() - start;
start = performance.now();
const jsonBytes = writeClusterFile(`${paths.json}.tmp`, objects, 'json');
const jsonMs = performance.now() - start;

const sidecar = {
  ...stats,
  generator: {
    generateMs: round(generateMs, 0),
    writeYamlMs: round(yamlMs, 0),
    writeJsonMs: round(jsonMs, 0),
    yamlBytes,
    jsonBytes,
    peakRssMB: peakRssMB(),
  },
};
writeFileSync(`${paths.stats}.tmp`, `${JSON.stringify(sidecar, null, 2)}\n`);
renameSync(`${paths.yaml}.tmp`, paths.yaml);
renameSync(`${paths.json}.tmp`, paths.json);
renameSync(`${paths.stats}.tmp`, paths.stats);
emitResult(sidecar);
