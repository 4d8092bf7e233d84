/**
 * Runs the real `kubectl proxy` in front of an API server (the fake one in tests), with a
 * temporary kubeconfig that points at it, optionally serving a built app with `--www`. kubectl is
 * `$KUBECTL` when set, else `/usr/bin/kubectl`, else the first `kubectl` on the PATH; when there is
 * none, starting fails with a message that says so (the tests must not pass without it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface KubectlProxyOptions {
  /** The API server's URL, `http://127.0.0.1:PORT`. */
  readonly server: string;
  /** A folder served under `wwwPrefix` (the built app). */
  readonly www?: string;
  /** Where `www` is served; default `/ui/`. */
  readonly wwwPrefix?: string;
  /** The proxy's port; 0, the default, lets kubectl pick a free one. */
  readonly port?: number;
}

export interface KubectlProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** kubectl's output so far (for a failing test's message). */
  output(): string;
  /** Stops the proxy (by its pid) and removes the temporary kubeconfig. */
  stop(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The kubectl binary to run, or null when there is none. `$KUBECTL`, when set, is the only choice. */
export function findKubectl(): string | null {
  const chosen = process.env['KUBECTL'];
  if (chosen) return executable(chosen) ? chosen : null;
  const candidates = [
    '/usr/bin/kubectl',
    ...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'kubectl')),
  ];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '' && executable(c)) ?? null;
}

/** A kubeconfig with one cluster at `server`, plain http, no credentials. */
export function kubeconfigFor(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fake',
    '  cluster:',
    `    server: ${server}`,
    'users:',
    '- name: fake',
    '  user: {}',
    'contexts:',
    '- name: fake',
    '  context:',
    '    cluster: fake',
    '    user: fake',
    'current-context: fake',
    '',
  ].join('\n');
}

const READY = /Starting to serve on 127\.0\.0\.1:(\d+)/;

/** Starts `kubectl proxy` and resolves once it serves (it prints "Starting to serve on ..."). */
export async function startKubectlProxy(options: KubectlProxyOptions): Promise<KubectlProxy> {
  const kubectl = findKubectl();
  if (!kubectl)
    throw new Error(
      process.env['KUBECTL']
        ? `KUBECTL=${process.env['KUBECTL']} is not an executable: the live-cluster tests run the real \`kubectl proxy\`.`
        : 'kubectl not found (looked at /usr/bin/kubectl and the PATH): the live-cluster tests run the real `kubectl proxy`. Install kubectl, or set KUBECTL to its path.',
    );
  const dir = mkdtempSync(join(tmpdir(), 'netpol-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(options.server));
  const args = [
    '--kubeconfig',
    kubeconfig,
    'proxy',
    '--address=127.0.0.1',
    `--port=${options.port ?? 0}`,
    '--accept-hosts=^127\\.0\\.0\\.1$,^localhost$',
    ...(options.www ? [`--www=${options.www}`, `--www-prefix=${options.wwwPrefix ?? '/ui/'}`] : []),
  ];
  const child: ChildProcess = spawn(kubectl, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`kubectl proxy did not start within 20 s; it printed:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${kubectl}: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl proxy exited (code ${code}) before serving; it printed:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
