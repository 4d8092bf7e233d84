/**
 * Try the live view without a cluster: the fake API server with a small shop in it, and the real
 * `kubectl proxy` in front of it serving the built app.
 *
 *   npm run build && npx tsx src/testing/fake-cluster.ts [--www dist] [--churn]
 *
 * prints the address to open (`…/ui/?cluster`). `--churn` adds and removes a pod every 5 s.
 * Ctrl+C stops both.
 */
import { FakeApiServer, type FakeObject } from './fake-apiserver';
import { startKubectlProxy } from './kubectl-proxy';

const args = process.argv.slice(2);
const wwwAt = args.indexOf('--www');
const www = wwwAt >= 0 ? args[wwwAt + 1] : 'dist';
const churn = args.includes('--churn');

const ns = (name: string): FakeObject => ({
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
});
const pod = (namespace: string, name: string, app: string, ip: string): FakeObject => ({
  kind: 'Pod',
  metadata: { name, namespace, labels: { app } },
  spec: { containers: [{ name: app, image: 'nginx', ports: [{ containerPort: 8080, name: 'http' }] }] },
  status: { phase: 'Running', podIP: ip },
});

const server = new FakeApiServer();
server.apply(
  ns('shop'),
  ns('data'),
  pod('shop', 'web', 'web', '10.1.0.10'),
  pod('shop', 'api', 'api', '10.1.0.11'),
  pod('data', 'db', 'db', '10.1.1.10'),
  {
    kind: 'NetworkPolicy',
    metadata: { name: 'db-from-api', namespace: 'data' },
    spec: {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
              podSelector: { matchLabels: { app: 'api' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    },
  },
);
await server.start();
const proxy = await startKubectlProxy({ server: server.url, ...(www ? { www } : {}) });
console.log(`fake API server: ${server.url}`);
console.log(`kubectl proxy:   ${proxy.url}`);
console.log(`open:            ${proxy.url}/ui/?cluster`);

let timer: ReturnType<typeof setInterval> | null = null;
if (churn) {
  let n = 0;
  timer = setInterval(() => {
    if (n % 2 === 0) server.apply(pod('shop', 'cart', 'cart', '10.1.0.12'));
    else server.remove('Pod', 'shop', 'cart');
    n++;
  }, 5000);
}

const stop = async (): Promise<void> => {
  if (timer) clearInterval(timer);
  await proxy.stop();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
