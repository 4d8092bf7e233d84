/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // Pre-bundled so that `vite dev` does not reload the page when it discovers them late: Monaco's
  // YAML worker (src/ui/editor, toolchain.md §2) and the importer's parsers (in the analysis worker).
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'js-yaml', 'ipaddr.js', 'yaml'] },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
  },
});
