// The YAML language worker, wrapped in a local module as monaco-yaml advises for Vite: in dev,
// Vite then discovers the worker's dependencies up front instead of reloading the page on first use.
import 'monaco-yaml/yaml.worker.js';
