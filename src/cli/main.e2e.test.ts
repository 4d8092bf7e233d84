/**
 * The command line as a user runs it: a real process (`node --import tsx src/cli/main.ts`, what
 * `npm run cli` runs) on small manifests in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata: { name: x }
---
apiVersion: v1
kind: Namespace
metadata: { name: z }
`;
const PODS = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: { name: a, namespace: x, labels: { app: a } }
  spec: { containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 8080 }] }] }
  status: { podIP: 10.0.0.1 }
- apiVersion: v1
  kind: Pod
  metadata: { name: b, namespace: z, labels: { app: b } }
  spec: { containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 80 }] }] }
  status: { podIP: 10.0.0.2 }
`;
const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-a-http, namespace: z }
spec:
  podSelector: { matchLabels: { app: b } }
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: x } } }]
    ports: [{ port: http }, { port: 53, protocol: UDP }]
`;
const BROKEN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: bad-cidr, namespace: x }
spec:
  podSelector: {}
  ingress:
  - from: [{ ipBlock: { cidr: 10.0.0.0/33 } }]
`;

interface Report {
  schemaVersion: number;
  endpoints: { id: string; kind: string }[];
  connections: { from: string; to: string; ports: Record<string, string> }[];
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-cli-'));
  mkdirSync(join(dir, 'ok', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'ok', 'namespaces.yaml'), NAMESPACES);
  writeFileSync(join(dir, 'ok', 'sub', 'pods.yml'), PODS);
  writeFileSync(join(dir, 'ok', 'policies.yaml'), POLICIES);
  writeFileSync(join(dir, 'broken.yaml'), BROKEN);
  // (Namespace names such as y or n would be booleans to Kubernetes' YAML 1.1 reader.)
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli end to end', () => {
  it('analyze --format json prints the contract report for a folder and exits 0', () => {
    const r = cli(['analyze', join(dir, 'ok'), '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Report;
    expect(report.schemaVersion).toBe(1);
    expect(
      report.endpoints
        .filter((e) => e.kind !== 'IPRange')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['x/a', 'z/b']);
    const pairs = report.connections.filter((c) => !/^[\d:]/.test(c.from) && !/^[\d:]/.test(c.to));
    expect(pairs).toContainEqual({ from: 'x/a', to: 'z/b', ports: { TCP: '80', UDP: '53', SCTP: '' } });
    // z/b is egress-isolated with no egress rule: it reaches nobody.
    expect(report.connections.filter((c) => c.from === 'z/b')).toEqual([]);
  });

  it('reads standard input with -', () => {
    const r = cli(['analyze', '-', '--format', 'summary'], `${NAMESPACES}---\n${PODS}---\n${POLICIES}`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      endpoints: 2,
      policies: 1,
      isolated: { ingress: 1, egress: 1, both: 1 },
    });
  });

  it('exits 1 after printing the report of what was valid when a manifest has errors', () => {
    const r = cli(['analyze', join(dir, 'ok'), join(dir, 'broken.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('broken.yaml');
    expect(r.err).toMatch(/error/);
    const report = JSON.parse(r.out) as Report;
    // The rejected policy would have isolated x/a for ingress: it takes no part, so x/a stays open.
    expect(report.connections.some((c) => c.to === 'x/a' && c.from.startsWith('0.0.0.0-'))).toBe(true);
  });

  it('exits non-zero naming a path that does not exist', () => {
    const r = cli(['analyze', join(dir, 'nope.yaml')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('nope.yaml');
  });

  it('exits 2 on an unknown option, naming it', () => {
    const r = cli(['analyze', join(dir, 'ok'), '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--no-such-option'");
    expect(r.out).toBe('');
  });

  it('explain gives the verdict and the rule that admits the peer', () => {
    const r = cli(['explain', join(dir, 'ok'), '--from', 'x/a', '--to', '10.0.0.2', '--port', '80/TCP']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('x/a => z/b on 80/TCP: ALLOWED');
    expect(r.out).toContain('z/allow-a-http spec.ingress[0].from[0] ports[0]: TCP 80');
    const denied = cli(['explain', join(dir, 'ok'), '--from', 'z/b', '--to', 'x/a']);
    expect(denied.out).toContain('z/b => x/a: DENIED');
    expect(denied.out).toContain('blocked by: egress of the source');
  });

  it('generate writes a cluster that analyze reads, the same for the same seed', () => {
    const file = join(dir, 's.json');
    const g = cli(['generate', '--profile', 'S', '--seed', '3', '--format', 'json', '--out', file]);
    expect(g.code).toBe(0);
    const again = cli(['generate', '--profile', 'S', '--seed', '3', '--format', 'json']);
    expect(again.out).toBe(readFileSync(file, 'utf8'));
    const s = cli(['analyze', file, '--format', 'summary']);
    expect(s.code).toBe(0);
    expect((JSON.parse(s.out) as { endpoints: number }).endpoints).toBeGreaterThan(100);
  });

  it('ends quietly with status 0 when the reader goes away early (| head)', () => {
    const r = spawnSync(
      'bash',
      ['-c', 'set -o pipefail; node --import tsx src/cli/main.ts generate --profile S --seed 1 | head -c 10'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toHaveLength(10);
  });
});
