import { describe, expect, it } from 'vitest';
import {
  canonicalPorts,
  csvField,
  reportBlob,
  writeCsvReport,
  writeJsonReport,
  type ReportPorts,
  type ReportSource,
} from './report';

const WEB: ReportPorts = {
  TCP: [
    [80, 80],
    [443, 443],
  ],
  UDP: [],
  SCTP: [],
};
const ALL: ReportPorts = { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] };
const NONE: ReportPorts = { TCP: [], UDP: [], SCTP: [] };

function fake(
  endpoints: ReportSource['endpoints'],
  ranges: string[],
  pairs: [string, string, ReportPorts][],
): ReportSource {
  return {
    endpoints,
    ipRanges: ranges.map((id) => ({ id })),
    forEachConnection: (visit) => pairs.forEach(([f, t, p]) => visit(f, t, p)),
  };
}

function collect(write: (sink: (c: string) => void) => void): { text: string; chunks: number } {
  const chunks: string[] = [];
  write((c) => chunks.push(c));
  return { text: chunks.join(''), chunks: chunks.length };
}

const source = fake(
  [
    { id: 'x/a', kind: 'Pod', namespace: 'x', name: 'a' },
    { id: 'default/web[Deployment]', kind: 'Deployment', namespace: 'default', name: 'web' },
  ],
  ['0.0.0.0-255.255.255.255'],
  [
    ['x/a', 'default/web[Deployment]', WEB],
    ['x/a', '0.0.0.0-255.255.255.255', ALL],
    ['default/web[Deployment]', 'x/a', NONE],
  ],
);

describe('report > canonical port strings', () => {
  it('writes ascending merged ranges, every port as 1-65535, none as empty', () => {
    expect(
      canonicalPorts([
        [80, 80],
        [443, 443],
        [8000, 8080],
      ]),
    ).toBe('80,443,8000-8080');
    expect(canonicalPorts([[1, 65535]])).toBe('1-65535');
    expect(canonicalPorts([])).toBe('');
  });
  it('merges touching or unsorted ranges', () => {
    expect(
      canonicalPorts([
        [90, 100],
        [80, 89],
        [5, 5],
      ]),
    ).toBe('5,80-100');
  });
});

describe('report > JSON', () => {
  it('follows the contract: schemaVersion, endpoints then ranges, connections with three protocols', () => {
    const { text } = collect((s) => writeJsonReport(source, s));
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      endpoints: [
        { id: 'x/a', kind: 'Pod', namespace: 'x', name: 'a' },
        { id: 'default/web[Deployment]', kind: 'Deployment', namespace: 'default', name: 'web' },
        { id: '0.0.0.0-255.255.255.255', kind: 'IPRange' },
      ],
      connections: [
        { from: 'x/a', to: 'default/web[Deployment]', ports: { TCP: '80,443', UDP: '', SCTP: '' } },
        {
          from: 'x/a',
          to: '0.0.0.0-255.255.255.255',
          ports: { TCP: '1-65535', UDP: '1-65535', SCTP: '1-65535' },
        },
      ],
    });
  });
  it('lays out one endpoint or connection per line, keys in the contract order (as the CLI)', () => {
    const { text } = collect((s) => writeJsonReport(source, s));
    expect(text).toBe(
      '{\n  "schemaVersion": 1,\n  "endpoints": [\n' +
        '    {"id":"x/a","kind":"Pod","namespace":"x","name":"a"},\n' +
        '    {"id":"default/web[Deployment]","kind":"Deployment","namespace":"default","name":"web"},\n' +
        '    {"id":"0.0.0.0-255.255.255.255","kind":"IPRange"}\n' +
        '  ],\n  "connections": [\n' +
        '    {"from":"x/a","to":"default/web[Deployment]","ports":{"TCP":"80,443","UDP":"","SCTP":""}},\n' +
        '    {"from":"x/a","to":"0.0.0.0-255.255.255.255","ports":{"TCP":"1-65535","UDP":"1-65535","SCTP":"1-65535"}}\n' +
        '  ]\n}\n',
    );
  });
  it('writes empty lists for an empty cluster', () => {
    const { text } = collect((s) => writeJsonReport(fake([], [], []), s));
    expect(text).toBe('{\n  "schemaVersion": 1,\n  "endpoints": [],\n  "connections": []\n}\n');
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, endpoints: [], connections: [] });
  });
  it('escapes hostile names so the document still parses', () => {
    const evil = 'x/"<script>alert(1)</script>\\\u2028';
    const { text } = collect((s) =>
      writeJsonReport(fake([{ id: evil, kind: 'Pod', namespace: 'x', name: evil.slice(2) }], [], []), s),
    );
    expect(JSON.parse(text).endpoints[0].id).toBe(evil);
  });
  it('streams many pairs in bounded chunks', () => {
    const n = 20_000;
    const eps = Array.from({ length: n }, (_, i) => ({
      id: `n/p${i}`,
      kind: 'Pod',
      namespace: 'n',
      name: `p${i}`,
    }));
    const big: ReportSource = {
      endpoints: eps,
      ipRanges: [],
      forEachConnection: (visit) => {
        for (let i = 1; i < n; i++) visit('n/p0', `n/p${i}`, WEB);
      },
    };
    const chunks: string[] = [];
    writeJsonReport(big, (c) => chunks.push(c), { chunkSize: 16 * 1024 });
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(16 * 1024 + 200);
    expect(JSON.parse(chunks.join('')).connections).toHaveLength(n - 1);
  });
  it('reports progress as pairs are written, and the final count', () => {
    const seen: number[] = [];
    const many: ReportSource = {
      endpoints: [],
      ipRanges: [],
      forEachConnection: (visit) => {
        for (let i = 0; i < 40_000; i++) visit('a/x', `b/${i}`, WEB);
      },
    };
    writeJsonReport(many, () => {}, { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([16_384, 32_768, 40_000]);
    seen.length = 0;
    writeCsvReport(many, () => {}, { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([16_384, 32_768, 40_000]);
  });
});

describe('report > CSV', () => {
  it('writes a header and one CRLF line per allowed pair, quoting fields with commas', () => {
    const { text } = collect((s) => writeCsvReport(source, s));
    expect(text).toBe(
      'from,to,tcp,udp,sctp\r\n' +
        'x/a,default/web[Deployment],"80,443",,\r\n' +
        'x/a,0.0.0.0-255.255.255.255,1-65535,1-65535,1-65535\r\n',
    );
  });
  it('quotes fields with quotes, line breaks or edge spaces', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(' a')).toBe('" a"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('report > blob', () => {
  it('builds a Blob from chunks in batches, with the whole text in order', async () => {
    const blob = reportBlob((s) => writeJsonReport(source, s, { chunkSize: 10 }), 'application/json', 50);
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe(collect((s) => writeJsonReport(source, s)).text);
  });
});
