#!/usr/bin/env node
/**
 * Generates the NetworkPolicy JSON Schema that monaco-yaml uses for completion, hover and
 * validation in the policy editor, offline, from the Kubernetes API types in `kubernetes-types`
 * (with their field descriptions), by typescript-json-schema.
 *
 * Run once when the Kubernetes version changes, and commit the result:
 *   node scripts/gen-schema.mjs
 * The tools are installed into .cache/schema-tools (not the app's dependencies); the output is
 * src/ui/editor/networkpolicy.schema.json (formatted by Prettier), byte-identical across runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = { 'typescript-json-schema': '0.68.0', 'kubernetes-types': '1.30.0' };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.cache', 'schema-tools');
const out = join(root, 'src', 'ui', 'editor', 'networkpolicy.schema.json');

function installTools() {
  const bin = join(tools, 'node_modules', '.bin', 'typescript-json-schema');
  if (existsSync(bin)) return bin;
  mkdirSync(tools, { recursive: true });
  writeFileSync(join(tools, 'package.json'), '{ "private": true }\n');
  const specs = Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...specs], { cwd: tools, stdio: 'inherit' });
  return bin;
}

function generate(bin) {
  const tsconfig = join(tools, 'tsconfig.schema.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: { skipLibCheck: true, types: [], strictNullChecks: true },
      files: ['node_modules/kubernetes-types/networking/v1.d.ts'],
    }),
  );
  const raw = join(tools, 'networkpolicy.raw.json');
  execFileSync(
    bin,
    [tsconfig, 'NetworkPolicy', '--required', '--noExtraProps', '--strictNullChecks', '-o', raw],
    {
      cwd: tools,
      stdio: 'inherit',
    },
  );
  return JSON.parse(readFileSync(raw, 'utf8'));
}

/** kubernetes-types types these fields as plain strings and numbers; the API is stricter. */
function tighten(schema) {
  const defs = schema.definitions;
  const need = (name) => {
    const def = defs[name];
    if (!def) throw new Error(`gen-schema: definition ${name} missing from the generated schema`);
    return def;
  };
  const spec = need('NetworkPolicySpec').properties;
  spec.policyTypes.items = { type: 'string', enum: ['Ingress', 'Egress'] };
  const port = need('NetworkPolicyPort').properties;
  port.protocol = { ...port.protocol, type: 'string', enum: ['TCP', 'UDP', 'SCTP'] };
  port.port = { description: port.port?.description, type: ['integer', 'string'] };
  port.endPort = { ...port.endPort, type: 'integer' };
  const req = need('LabelSelectorRequirement').properties;
  req.operator = { ...req.operator, type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] };
  schema.required = ['apiVersion', 'kind', 'metadata', 'spec'];
  schema.title = 'NetworkPolicy (networking.k8s.io/v1)';
  return schema;
}

const schema = tighten(generate(installTools()));
// Written as Prettier writes it, so `npm run format:check` passes on the committed file.
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(out)) ?? {};
writeFileSync(out, await prettier.format(JSON.stringify(schema), { ...options, parser: 'json' }));
console.log(`wrote ${out} (${Math.round(readFileSync(out).length / 1024)} KB)`);
