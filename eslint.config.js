// ESLint flat config. The layering rules below follow design.md: imports flow
// model -> engine -> io -> worker -> state -> ui, and cli/testing sit beside them.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** Every folder under src/ that is a layer. */
const LAYERS = ['model', 'engine', 'io', 'worker', 'state', 'ui', 'cli', 'testing'];
const TEST_FILES = ['src/**/*.test.ts', 'src/**/*.test.tsx'];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A `no-restricted-imports` rule for one layer.
 * - relative imports may reach only the layers in `layers` (the layer itself included);
 * - bare specifiers (packages, node:*) must match one of `packages` (exact names; a trailing
 *   `/*` also admits sub-paths, a trailing `*` any name with that prefix);
 * - `extra` adds named patterns with their own messages.
 */
function layerRule(name, { layers, packages = [], extra = [] }) {
  const forbiddenLayers = LAYERS.filter((l) => !layers.includes(l));
  const packageAlternatives = packages.map((p) => {
    if (p.endsWith('/*')) return `${escape(p.slice(0, -2))}(?:/.*)?`;
    if (p.endsWith('*')) return `${escape(p.slice(0, -1))}.*`;
    return escape(p);
  });
  const patterns = [...extra];
  if (forbiddenLayers.length > 0) {
    patterns.push({
      regex: `^(?:\\.\\./)+(?:${forbiddenLayers.join('|')})(?:/|$)`,
      message: `${name} may import only from: ${layers.join(', ')} (design.md, Layout).`,
    });
  }
  patterns.push({
    regex:
      packageAlternatives.length > 0
        ? `^(?!\\.{1,2}(?:/|$))(?!(?:${packageAlternatives.join('|')})$)`
        : '^(?!\\.{1,2}(?:/|$))',
    message:
      packages.length > 0
        ? `${name} may import only these packages: ${packages.join(', ')} (design.md, Layout).`
        : `${name} imports no packages (design.md, Layout).`,
  });
  return ['error', { patterns }];
}

const REACT = ['react', 'react/*', 'react-dom', 'react-dom/*'];
const TEST_PACKAGES = ['vitest', 'fast-check', 'node:*', 'fake-indexeddb', 'fake-indexeddb/*'];

/** Per-layer import rules: files, the layers they may reach, the packages they may use. */
const layerConfigs = [
  { name: 'model', files: ['src/model/**'], layers: ['model'] },
  { name: 'engine', files: ['src/engine/**'], layers: ['model', 'engine'] },
  {
    name: 'io',
    files: ['src/io/**'],
    layers: ['model', 'io'],
    packages: ['yaml', 'yaml/*', 'js-yaml', 'ipaddr.js'],
  },
  { name: 'worker', files: ['src/worker/**'], layers: ['model', 'engine', 'io', 'worker'] },
  {
    name: 'state',
    files: ['src/state/**'],
    layers: ['model', 'engine', 'io', 'worker', 'state'],
    packages: ['zustand', 'zustand/*'],
  },
  {
    name: 'ui',
    files: ['src/ui/**', 'src/*.ts', 'src/*.tsx'],
    layers: ['model', 'engine', 'io', 'state', 'ui'],
    packages: [...REACT, 'zustand', 'zustand/*'],
  },
  {
    name: 'ui/graph',
    files: ['src/ui/graph/**'],
    layers: ['model', 'engine', 'io', 'state', 'ui'],
    packages: [...REACT, 'zustand', 'zustand/*', 'cytoscape*'],
  },
  {
    name: 'ui/editor',
    files: ['src/ui/editor/**'],
    layers: ['model', 'engine', 'io', 'state', 'ui'],
    packages: [
      ...REACT,
      'zustand',
      'zustand/*',
      'monaco-editor',
      'monaco-editor/*',
      'monaco-yaml',
      'monaco-yaml/*',
    ],
  },
  {
    name: 'ui/components',
    files: ['src/ui/components/**'],
    layers: ['model', 'engine', 'ui'],
    packages: REACT,
    extra: [
      {
        regex: '^(?:\\.\\./)+(?:app|graph|editor|panels)(?:/|$)',
        message: 'ui/components are plain components: no store, no app, graph, editor or panels.',
      },
    ],
  },
  {
    name: 'cli',
    files: ['src/cli/**'],
    layers: ['model', 'engine', 'io', 'testing', 'cli'],
    packages: ['node:*', 'yaml', 'yaml/*', 'js-yaml', 'ipaddr.js'],
  },
  {
    name: 'testing',
    files: ['src/testing/**'],
    layers: ['model', 'engine', 'io', 'testing'],
    packages: ['yaml', 'yaml/*', 'js-yaml', 'ipaddr.js', ...TEST_PACKAGES],
  },
];

/** Tests may also use the test tools, node:* and src/testing; they keep their layer's other limits. */
function withTests({ name, files, layers, packages = [], extra = [] }) {
  // A nested array in `files` means "matches all of these".
  const testFiles = files.flatMap((f) => TEST_FILES.map((t) => [f, t]));
  return [
    {
      files,
      ignores: TEST_FILES,
      rules: { 'no-restricted-imports': layerRule(name, { layers, packages, extra }) },
    },
    {
      files: testFiles,
      rules: {
        'no-restricted-imports': layerRule(`${name} tests`, {
          layers: [...new Set([...layers, 'testing', 'io'])],
          packages: [...packages, ...TEST_PACKAGES, 'yaml', 'yaml/*', 'js-yaml'],
          extra,
        }),
      },
    },
  ];
}

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench/.fixtures/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Browser code.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Node code: the CLI, tools, configs, e2e, bench.
  {
    files: [
      'src/cli/**',
      'src/**/*.test.{ts,tsx}',
      'scripts/**',
      'bench/**',
      'e2e/**',
      '*.config.{js,ts,mjs}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  // React hooks rules (including the React Compiler checks) for the UI.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/*.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  ...layerConfigs.flatMap(withTests),
);
