/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // Monaco's YAML worker (src/ui/editor): pre-bundled, so `vite dev` does not reload the page
  // the first time the editor opens (toolchain.md §2).
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
  },
});
