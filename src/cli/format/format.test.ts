import { describe, expect, it } from 'vitest';
import { memorySink } from '../sink';
import { endpoint, fakeAnalysis, ALL, ports } from '../test/fake-analysis';
import type { FakeSpec } from '../test/fake-analysis';
import { writeCsvReport, writeJsonReport } from '../../io/report';
import { FORMATTERS, type ReportFormat } from './index';
import { csvField } from './csv';
import { dotQuote } from './dot';
import { mdCell } from './md';

const spec: FakeSpec = {
  endpoints: [endpoint('x/a'), endpoint('y/b'), endpoint('default/frontend[Deployment]', 'Deployment')],
  ranges: ['0.0.0.0-9.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  connections: [
    [
      'x/a',
      'y/b',
      ports(
        [
          [80, 80],
          [443, 443],
          [8000, 8080],
        ],
        [[53, 53]],
      ),
    ],
    ['x/a', 'default/frontend[Deployment]', ALL],
    ['y/b', 'x/a', ports([], [], [[9000, 9000]])],
    ['0.0.0.0-9.255.255.255', 'y/b', ports([[1, 65535]])],
  ],
  isolation: { 'x/a': { ingress: true, egress: false }, 'y/b': { ingress: true, egress: true } },
  policies: 4,
};

function render(format: ReportFormat, s: FakeSpec = spec, highWater?: number): string {
  const out = memorySink(highWater);
  FORMATTERS[format]({ analysis: fakeAnalysis(s), diagnostics: [], ignored: {} }, out);
  return out.text();
}

describe('json format', () => {
  it('follows the contract: schema version, endpoints then IP ranges, canonical port strings', () => {
    expect(JSON.parse(render('json'))).toEqual({
      schemaVersion: 1,
      endpoints: [
        { id: 'x/a', kind: 'Pod', namespace: 'x', name: 'a' },
        { id: 'y/b', kind: 'Pod', namespace: 'y', name: 'b' },
        { id: 'default/frontend[Deployment]', kind: 'Deployment', namespace: 'default', name: 'frontend' },
        { id: '0.0.0.0-9.255.255.255', kind: 'IPRange' },
        { id: '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', kind: 'IPRange' },
      ],
      connections: [
        { from: 'x/a', to: 'y/b', ports: { TCP: '80,443,8000-8080', UDP: '53', SCTP: '' } },
        {
          from: 'x/a',
          to: 'default/frontend[Deployment]',
          ports: { TCP: '1-65535', UDP: '1-65535', SCTP: '1-65535' },
        },
        { from: 'y/b', to: 'x/a', ports: { TCP: '', UDP: '', SCTP: '9000' } },
        { from: '0.0.0.0-9.255.255.255', to: 'y/b', ports: { TCP: '1-65535', UDP: '', SCTP: '' } },
      ],
    });
  });
  it('is valid JSON with empty lists when there is nothing', () => {
    expect(JSON.parse(render('json', { endpoints: [], connections: [] }))).toEqual({
      schemaVersion: 1,
      endpoints: [],
      connections: [],
    });
  });
  it('escapes ids that hold quotes and backslashes', () => {
    const hostile = {
      endpoints: [endpoint('x/a"b\\c')],
      connections: [['x/a"b\\c', 'x/a"b\\c', ALL]],
    } as FakeSpec;
    const report = JSON.parse(render('json', hostile)) as { endpoints: { id: string }[] };
    expect(report.endpoints[0]!.id).toBe('x/a"b\\c');
  });
  it('leaves out pairs with no port allowed', () => {
    const s: FakeSpec = {
      endpoints: [endpoint('x/a'), endpoint('x/b')],
      connections: [['x/a', 'x/b', ports()]],
    };
    expect((JSON.parse(render('json', s)) as { connections: unknown[] }).connections).toEqual([]);
  });
  it('writes in chunks rather than as one string', () => {
    const endpoints = Array.from({ length: 60 }, (_, i) => endpoint(`ns/pod-${i}`));
    const connections: FakeSpec['connections'] = [];
    for (const a of endpoints) for (const b of endpoints) if (a !== b) connections.push([a.id, b.id, ALL]);
    const out = memorySink(4096);
    FORMATTERS.json(
      { analysis: fakeAnalysis({ endpoints, connections }), diagnostics: [], ignored: {} },
      out,
    );
    expect(out.flushes).toBeGreaterThan(10);
    expect((JSON.parse(out.text()) as { connections: unknown[] }).connections).toHaveLength(60 * 59);
  });
});

describe('txt format', () => {
  it('writes one line per pair, grouped by source, All Connections for every port', () => {
    expect(render('txt')).toBe(
      [
        'x/a => y/b : TCP 80,443,8000-8080; UDP 53',
        'x/a => default/frontend[Deployment] : All Connections',
        '',
        'y/b => x/a : SCTP 9000',
        '',
        '0.0.0.0-9.255.255.255 => y/b : TCP 1-65535',
        '',
      ].join('\n'),
    );
  });
  it('says so when nothing is allowed', () => {
    expect(render('txt', { endpoints: [endpoint('x/a')], connections: [] })).toBe(
      'No connections are allowed.\n',
    );
  });
});

describe('csv format', () => {
  it('has the header from,to,tcp,udp,sctp and quotes port lists holding commas', () => {
    expect(render('csv').split('\r\n')).toEqual([
      'from,to,tcp,udp,sctp',
      'x/a,y/b,"80,443,8000-8080",53,',
      'x/a,default/frontend[Deployment],1-65535,1-65535,1-65535',
      'y/b,x/a,,,9000',
      '0.0.0.0-9.255.255.255,y/b,1-65535,,',
      '',
    ]);
  });
  it('doubles quotes inside quoted fields and quotes commas, line breaks and edge spaces', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(' a')).toBe('" a"');
    expect(csvField('x/a')).toBe('x/a');
  });
});

describe('md format', () => {
  it('writes a table with a header and one row per pair', () => {
    const lines = render('md').split('\n');
    expect(lines).toContain('| From | To | TCP | UDP | SCTP |');
    expect(lines).toContain('| x/a | y/b | 80, 443, 8000-8080 | 53 |  |');
    expect(lines).toContain('| x/a | default/frontend\\[Deployment\\] | 1-65535 | 1-65535 | 1-65535 |');
  });
  it('escapes pipes and markup in cells', () => {
    expect(mdCell('a|b')).toBe('a\\|b');
    expect(mdCell('<script>*x*')).toBe('&lt;script&gt;\\*x\\*');
  });
});

describe('dot format', () => {
  it('draws namespaces as clusters, IP ranges as boxes and labels edges with ports', () => {
    const dot = render('dot');
    expect(dot.startsWith('digraph netpol {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect(dot).toContain('subgraph "cluster_x" {');
    expect(dot).toContain('"x/a" [label="a"];');
    expect(dot).toContain('"default/frontend[Deployment]" [label="frontend[Deployment]", peripheries=2];');
    expect(dot).toContain('"0.0.0.0-9.255.255.255" [shape=box];');
    expect(dot).toContain('"x/a" -> "y/b" [label="TCP 80,443,8000-8080; UDP 53"];');
  });
  it('escapes hostile ids so that they cannot close the quoted string', () => {
    expect(dotQuote('a"b')).toBe('"a\\"b"');
    expect(dotQuote('a\\')).toBe('"a\\\\"');
    expect(dotQuote('a\nb')).toBe('"a\\nb"');
    const dot = render('dot', {
      endpoints: [endpoint('x/a"b'), endpoint('x/c')],
      connections: [['x/a"b', 'x/c', ALL]],
    });
    expect(dot).toContain('"x/a\\"b" -> "x/c" [label="All Connections"];');
  });
});

describe('summary format', () => {
  it('counts endpoints, isolation, pairs and diagnostics in one JSON object', () => {
    const out = memorySink();
    FORMATTERS.summary(
      {
        analysis: fakeAnalysis(spec),
        diagnostics: [
          { code: 'A', severity: 'error', message: 'm' },
          { code: 'B', severity: 'warning', message: 'm' },
          { code: 'C', severity: 'warning', message: 'm' },
        ],
        ignored: { Service: 2 },
      },
      out,
    );
    expect(JSON.parse(out.text())).toEqual({
      endpoints: 3,
      pods: 2,
      workloads: 1,
      hostNetworkPods: 0,
      classes: 3,
      policies: 4,
      namespaces: 3,
      ipRanges: 2,
      allowedPairs: 4,
      classPairs: 4,
      isolated: { ingress: 2, egress: 1, both: 1, neither: 1 },
      diagnostics: { error: 1, warning: 2, info: 0 },
      ignored: { Service: 2 },
    });
  });
});

describe('json and csv formats against the app’s report writer', () => {
  it('are byte-identical to io/report, so that a download and the CLI cannot differ', () => {
    for (const [format, write] of [
      ['json', writeJsonReport],
      ['csv', writeCsvReport],
    ] as const) {
      let expected = '';
      write(fakeAnalysis(spec), (chunk) => (expected += chunk));
      expect(render(format)).toBe(expected);
    }
  });
});
