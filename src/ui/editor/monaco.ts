/**
 * The one Monaco setup of the app (toolchain.md §2, monaco-editor 0.54.0 + monaco-yaml 5.5.1).
 * Only src/ui/editor imports Monaco, and only through dynamic import(), so the first screen never
 * pays for it: importing this module creates the workers' environment, registers YAML and
 * configures monaco-yaml once, offline (no schema requests, no CDN).
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema, type MonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';
import networkPolicySchema from './networkpolicy.schema.json';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    if (label === 'editorWorkerService') return new EditorWorker();
    if (label === 'yaml') return new YamlWorker();
    throw new Error(`netpol-studio: no Monaco worker for "${label}"`);
  },
};

/**
 * monaco-yaml (through monaco-worker-manager) asks for its worker by `{ moduleId, label,
 * createData }`, which only Monaco's full entry point understands; this slim setup adds the same
 * few lines that entry point has (editor.main.js): get the worker from MonacoEnvironment, send
 * it 'ignore' and the createData, and hand it to the core's createWebWorker.
 */
interface LegacyWorkerOptions {
  readonly worker?: undefined;
  readonly moduleId: string;
  readonly label?: string;
  readonly createData?: unknown;
  readonly host?: Record<string, (...args: unknown[]) => unknown>;
  readonly keepIdleModels?: boolean;
}
const coreCreateWebWorker = monaco.editor.createWebWorker;
monaco.editor.createWebWorker = function createWebWorker<T extends object>(
  options: monaco.editor.IInternalWebWorkerOptions | LegacyWorkerOptions,
): monaco.editor.MonacoWebWorker<T> {
  if (options.worker !== undefined) return coreCreateWebWorker<T>(options);
  const legacy = options as LegacyWorkerOptions;
  const getWorker = self.MonacoEnvironment?.getWorker;
  if (!getWorker) throw new Error('netpol-studio: MonacoEnvironment.getWorker is not set');
  const worker = Promise.resolve(getWorker(legacy.moduleId, legacy.label ?? 'monaco-editor-worker')).then(
    (w) => {
      w.postMessage('ignore');
      w.postMessage(legacy.createData);
      return w;
    },
  );
  return coreCreateWebWorker<T>({
    worker,
    ...(legacy.host ? { host: legacy.host } : {}),
    ...(legacy.keepIdleModels !== undefined ? { keepIdleModels: legacy.keepIdleModels } : {}),
  });
};

/** Models whose path ends so get the NetworkPolicy schema (the policy editor's draft). */
export const NETWORK_POLICY_PATH_SUFFIX = '.networkpolicy.yaml';

/**
 * monaco-yaml's handle: YAML validation, hover and completion for every `yaml` model, with the
 * bundled NetworkPolicy schema (generated offline by scripts/gen-schema.mjs from the Kubernetes
 * API types) for the policy editor's models. No schema is ever fetched.
 */
export const monacoYaml: MonacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  isKubernetes: true,
  completion: true,
  hover: true,
  validate: true,
  schemas: [
    {
      fileMatch: [`**/*${NETWORK_POLICY_PATH_SUFFIX}`],
      uri: 'inmemory://schemas/networkpolicy.json',
      schema: networkPolicySchema as unknown as JSONSchema,
    },
  ],
});

export { monaco };
