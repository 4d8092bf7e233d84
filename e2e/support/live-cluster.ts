/**
 * The live-cluster test bed: the fake API server (src/testing/fake-apiserver.ts) with a small
 * cluster in it, and the real `kubectl proxy` in front of it serving the built app at /ui/, as a
 * user runs it. The app is the build Playwright's web server made (playwright.config.ts builds
 * into `dist`, or `.cache/dist-<E2E_PORT>`); when there is none (E2E_MODE=dev) it is built here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeApiServer, type FakeObject } from '../../src/testing/fake-apiserver';
import { startKubectlProxy, type KubectlProxy } from '../../src/testing/kubectl-proxy';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let ownBuild: string | null = null;

/** The folder with the built app: the run's own build, or one built here (once per run) when there is none. */
export function builtApp(): string {
  const port = Number(process.env['E2E_PORT'] ?? 4173);
  const dir = join(ROOT, port === 4173 ? 'dist' : `.cache/dist-${port}`);
  if (process.env['E2E_MODE'] !== 'dev' && existsSync(join(dir, 'index.html'))) return dir;
  if (ownBuild) return ownBuild;
  const own = join(ROOT, '.cache/dist-live');
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'warn', '--outDir', own, '--emptyOutDir'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  ownBuild = own;
  return own;
}

export const namespace = (name: string, labels: Record<string, string> = {}): FakeObject => ({
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

let ip = 10;
export const pod = (ns: string, name: string, labels: Record<string, string>): FakeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }] }] },
  status: { phase: 'Running', podIP: `10.1.0.${ip++}` },
});

export const policy = (ns: string, name: string, spec: Record<string, unknown>): FakeObject => ({
  kind: 'NetworkPolicy',
  metadata: { name, namespace: ns },
  spec,
});

/** Ingress to `shop` pods only from pods in `shop`. */
export const SHOP_ONLY = policy('shop', 'shop-only', {
  podSelector: {},
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: {} }] }],
});

/** Two namespaces, three pods, one policy. */
export function seed(server: FakeApiServer): void {
  server.apply(
    namespace('shop', { team: 'shop' }),
    namespace('data', { team: 'data' }),
    pod('shop', 'web', { app: 'web' }),
    pod('shop', 'api', { app: 'api' }),
    pod('data', 'db', { app: 'db' }),
    policy('data', 'db-from-api', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { team: 'shop' } },
              podSelector: { matchLabels: { app: 'api' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    }),
  );
}

export interface LiveCluster {
  readonly server: FakeApiServer;
  readonly proxy: KubectlProxy;
  /** The app as kubectl proxy serves it: `http://127.0.0.1:PORT/ui/`. */
  readonly appUrl: string;
  stop(): Promise<void>;
}

/** Starts a seeded fake API server and kubectl proxy (serving the built app) in front of it. */
export async function startLiveCluster(configure?: (server: FakeApiServer) => void): Promise<LiveCluster> {
  const www = builtApp();
  const server = new FakeApiServer({ bookmarkIntervalMs: 2000 });
  seed(server);
  configure?.(server);
  await server.start();
  let proxy: KubectlProxy;
  try {
    proxy = await startKubectlProxy({ server: server.url, www, wwwPrefix: '/ui/' });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    proxy,
    appUrl: `${proxy.url}/ui/`,
    stop: async () => {
      await proxy.stop();
      await server.stop();
    },
  };
}
