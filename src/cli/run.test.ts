import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { endpoint, fakeAnalysis, ports } from './test/fake-analysis';
import { fakeEnv } from './test/fake-env';

const analysis = fakeAnalysis({
  endpoints: [
    endpoint('x/a', 'Pod', { ips: ['10.0.0.5'] }),
    endpoint('y/b'),
    endpoint('y/web[Deployment]', 'Deployment'),
  ],
  ranges: ['0.0.0.0-9.255.255.255', '10.0.0.0-255.255.255.255'],
  connections: [['x/a', 'y/b', ports([[80, 80]])]],
});
const files = { 'm.yaml': 'kind: Pod' };

async function run(argv: string[], extra: Partial<Parameters<typeof fakeEnv>[0]> = {}) {
  const env = fakeEnv({ analysis, files, ...extra });
  const code = await runCli(argv, env);
  return { code, out: env.stdout.text(), err: env.stderr.text(), calls: env.calls };
}

describe('runCli > help', () => {
  it('prints the program help with --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Commands:');
  });
  it('prints each command its own help', async () => {
    for (const cmd of ['analyze', 'explain', 'generate']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: netpol-studio ${cmd}`));
      expect((await run(['help', cmd])).out).toBe(r.out);
    }
  });
  it('prints the help on standard error and exits 2 without a command', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Commands:');
  });
});

describe('runCli > argument errors', () => {
  it('names an unknown command and exits 2', async () => {
    const r = await run(['analyse', 'm.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'analyse'");
  });
  it('names an unknown option, lists the known ones and exits 2', async () => {
    const r = await run(['analyze', 'm.yaml', '--fromat', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("netpol-studio analyze: unknown option '--fromat'");
    expect(r.err).toContain('--format');
    expect(r.err).toContain("Run 'netpol-studio analyze --help'");
  });
  it('refuses an unknown format, a bad engine option and a missing option value', async () => {
    expect((await run(['analyze', 'm.yaml', '--format', 'xml'])).err).toContain(
      "'--format' must be one of txt, json, csv, md, dot, summary",
    );
    expect((await run(['analyze', 'm.yaml', '--ipblock-matches-pods=maybe'])).code).toBe(2);
    expect((await run(['analyze', 'm.yaml', '--host-network=none'])).code).toBe(2);
    const r = await run(['analyze', 'm.yaml', '--format']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'--format' needs a value");
  });
  it('asks for a PATH when none is given', async () => {
    const r = await run(['analyze', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('give at least one PATH');
  });
  it('refuses explain without --from or --to, and a malformed --port', async () => {
    expect((await run(['explain', 'm.yaml', '--to', 'y/b'])).err).toContain("'--from' is required");
    const r = await run(['explain', 'm.yaml', '--from', 'x/a', '--to', 'y/b', '--port', '80/ICMP']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'--port' must be PORT or PORT/PROTOCOL");
  });
  it('refuses generate with an unknown profile or a seed that is not a number', async () => {
    expect((await run(['generate', '--profile', 'XXL', '--seed', '1'])).err).toContain(
      "'--profile' must be one of S, M, L, L-dense, XL, Stress",
    );
    expect((await run(['generate', '--profile', 'S', '--seed', 'abc'])).code).toBe(2);
    expect((await run(['generate', '--profile', 'S'])).err).toContain("'--seed' is required");
  });
});

describe('runCli > analyze', () => {
  it('passes the engine options and prints the report in the chosen format', async () => {
    const r = await run([
      'analyze',
      'm.yaml',
      '--format',
      'csv',
      '--ipblock-matches-pods=false',
      '--host-network',
      'unrestricted',
    ]);
    expect(r.code).toBe(0);
    expect(r.calls).toContain('analyze {"ipBlockMatchesPods":false,"hostNetwork":"unrestricted"}');
    expect(r.out).toBe('from,to,tcp,udp,sctp\r\nx/a,y/b,80,,\r\n');
  });
  it('defaults to txt and to the default engine options', async () => {
    const r = await run(['analyze', 'm.yaml']);
    expect(r.out).toBe('x/a => y/b : TCP 80\n');
    expect(r.calls).toContain('analyze {"ipBlockMatchesPods":true,"hostNetwork":"pod"}');
  });
  it('prints diagnostics on standard error and exits 1 on errors, after the report', async () => {
    const r = await run(['analyze', 'm.yaml', '--format', 'json'], {
      diagnostics: [
        {
          code: 'BAD_CIDR',
          severity: 'error',
          message: 'not a CIDR',
          file: 'm.yaml',
          line: 3,
          column: 9,
          doc: 0,
          path: 'spec.ingress[0].from[0].ipBlock.cidr',
          object: 'NetworkPolicy x/p',
        },
      ],
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toHaveProperty('schemaVersion', 1);
    expect(r.err.split('\n')).toEqual([
      'm.yaml:3:9 document 1: error BAD_CIDR: NetworkPolicy x/p: spec.ingress[0].from[0].ipBlock.cidr: not a CIDR',
      'netpol-studio analyze: 1 error in the input (above); the output covers what was valid',
      '',
    ]);
  });
  it('keeps the exit status 0 on warnings', async () => {
    const r = await run(['analyze', 'm.yaml'], {
      diagnostics: [{ code: 'W', severity: 'warning', message: 'hm' }],
    });
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning W: hm');
  });
  it('leaves out info notes with --quiet, never errors or warnings', async () => {
    const diagnostics = [
      { code: 'IGNORED_KIND', severity: 'info' as const, message: '2 Service ignored' },
      { code: 'W', severity: 'warning' as const, message: 'hm' },
    ];
    expect((await run(['analyze', 'm.yaml'], { diagnostics })).err).toContain('IGNORED_KIND');
    const quiet = await run(['analyze', 'm.yaml', '-q'], { diagnostics });
    expect(quiet.err).toBe('warning W: hm\n');
  });
  it('exits 1 with the reader’s message when a path cannot be read', async () => {
    const r = await run(['analyze', 'missing.yaml']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing.yaml: no such file or directory');
  });
});

describe('runCli > explain', () => {
  it('explains the pair asked about, with the port query', async () => {
    const r = await run(['explain', 'm.yaml', '--from', 'x/a', '--to', 'y/b', '--port', '80/tcp']);
    expect(r.code).toBe(0);
    expect(r.calls).toContain('explain x/a y/b {"port":80,"protocol":"TCP"}');
    expect(r.out).toContain('x/a => y/b');
  });
  it('lists close matches for an unknown id and exits 2', async () => {
    const r = await run(['explain', 'm.yaml', '--from', 'x/aa', '--to', 'y/b']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--from: no endpoint has the id 'x/aa'; close matches:\n  x/a");
  });
  it('takes an IP address: the pod that has it, or the range that contains it', async () => {
    const r = await run(['explain', 'm.yaml', '--from', '10.0.0.5', '--to', '8.8.8.8']);
    expect(r.calls).toContain('explain x/a 0.0.0.0-9.255.255.255 undefined');
    expect(r.err).toContain('--from: 10.0.0.5 is the address of Pod x/a');
    expect(r.err).toContain('--to: 8.8.8.8 lies in the IP range 0.0.0.0-9.255.255.255');
  });
  it('takes ns/name for the one workload of that name', async () => {
    const r = await run(['explain', 'm.yaml', '--from', 'y/web', '--to', 'x/a']);
    expect(r.calls).toContain('explain y/web[Deployment] x/a undefined');
  });
  it('prints the explanation as JSON with --format json, ports as canonical strings', async () => {
    const r = await run(['explain', 'm.yaml', '--from', 'x/a', '--to', 'y/b', '--format', 'json'], {
      explanation: { ports: ports([[80, 81]]), allowed: true },
    });
    const e = JSON.parse(r.out) as { allowed: boolean; ports: unknown };
    expect(e.allowed).toBe(true);
    expect(e.ports).toEqual({ TCP: '80-81', UDP: '', SCTP: '' });
  });
});

describe('runCli > generate', () => {
  it('writes the profile and seed asked for, YAML by default', async () => {
    const r = await run(['generate', '--profile', 'L-dense', '--seed', '7']);
    expect(r.code).toBe(0);
    expect(r.calls).toContain('generate L-dense 7 yaml');
    expect(r.out).toBe('# L-dense 7\n');
  });
});
