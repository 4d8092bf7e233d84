/**
 * The conformance corpus's comparison rules (shared/conformance/README.md, as its runner applies
 * them), for reports the browser downloads:
 * - the report's Pod and workload endpoints (kind other than IPRange) are exactly the expected ones;
 * - for every ordered pair of expected endpoints (not itself, not in `ignorePairs`) the port sets
 *   of TCP, UDP and SCTP are equal, as sets (a pair absent on one side allows nothing);
 * - IP ranges are compared point-wise per endpoint and direction, at the first address of each
 *   family and at every range start and end + 1 of either side, in the families `ipCompare` names;
 * - IPRange → IPRange entries are ignored.
 * Format `matrix` cases compare probe truth tables instead.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
type Protocol = (typeof PROTOCOLS)[number];
type Ranges = [number, number][];
type Conn = Record<Protocol, Ranges>;
type Family = 'IPv4' | 'IPv6';
interface IpRange {
  readonly family: Family;
  readonly start: bigint;
  readonly end: bigint;
}
interface RangeConn {
  readonly range: IpRange;
  readonly conn: Conn;
}

export interface ExpectedConnections {
  readonly format?: 'connections';
  readonly endpoints: readonly (string | { readonly id: string })[];
  readonly connections: readonly { from: string; to: string; ports?: Partial<Record<Protocol, string>> }[];
  readonly ignorePairs?: readonly (readonly [string, string])[];
  readonly ipCompare?: Partial<Record<'ingress' | 'egress', readonly Family[]>>;
  readonly skip?: string;
  readonly tags?: readonly string[];
}
export interface ExpectedMatrix {
  readonly format: 'matrix';
  readonly pods: readonly string[];
  readonly probes: readonly { port: number; protocol: Protocol; matrix: readonly string[] }[];
  readonly skip?: string;
  readonly tags?: readonly string[];
}
export type Expected = ExpectedConnections | ExpectedMatrix;

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;
const EMPTY: Conn = { TCP: [], UDP: [], SCTP: [] };

function parsePorts(s: unknown): Ranges {
  if (s === undefined || s === null || s === '') return [];
  if (typeof s !== 'string') throw new Error(`port set is not a string: ${JSON.stringify(s)}`);
  const ranges = s
    .split(',')
    .map((t): [number, number] => {
      const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(t);
      if (!m) throw new Error(`bad port set "${s}"`);
      return [Number(m[1]), Number(m[2] ?? m[1])];
    })
    .sort((a, b) => a[0] - b[0]);
  return merge(ranges);
}

function merge(sorted: Ranges): Ranges {
  const out: Ranges = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const fmtPorts = (p: Ranges): string => p.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');

function normConn(ports: Partial<Record<Protocol, unknown>> | undefined): Conn {
  return { TCP: parsePorts(ports?.TCP), UDP: parsePorts(ports?.UDP), SCTP: parsePorts(ports?.SCTP) };
}

function unionConn(a: Conn, b: Conn): Conn {
  const u = (x: Ranges, y: Ranges) =>
    merge([...x, ...y].map((r): [number, number] => [r[0], r[1]]).sort((p, q) => p[0] - q[0]));
  return { TCP: u(a.TCP, b.TCP), UDP: u(a.UDP, b.UDP), SCTP: u(a.SCTP, b.SCTP) };
}

const connEq = (a: Conn, b: Conn): boolean => PROTOCOLS.every((p) => fmtPorts(a[p]) === fmtPorts(b[p]));

function connStr(c: Conn): string {
  const parts = PROTOCOLS.filter((p) => c[p].length > 0).map((p) => `${p} ${fmtPorts(c[p])}`);
  return parts.length > 0 ? parts.join('; ') : 'nothing';
}

function parseIPv4(s: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let v = 0n;
  for (let k = 1; k <= 4; k++) {
    const n = Number(m[k]);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(input: string): bigint | null {
  let s = input;
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  let tail4: bigint | null = null;
  if (s.includes('.')) {
    const k = s.lastIndexOf(':');
    tail4 = parseIPv4(s.slice(k + 1));
    if (tail4 === null) return null;
    s = `${s.slice(0, k + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : head.length !== 8) return null;
  const groups = halves.length === 2 ? [...head, ...Array<string>(fill).fill('0'), ...tail] : head;
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== null) v = (v & ~0xffffffffn) | tail4;
  return v;
}

function parseIP(s: string): { family: Family; value: bigint } | null {
  const a = parseIPv4(s);
  if (a !== null) return { family: 'IPv4', value: a };
  const b = parseIPv6(s);
  return b === null ? null : { family: 'IPv6', value: b };
}

/** `FIRST-LAST` or a single address. */
function parseRange(id: string): IpRange | null {
  const k = id.indexOf('-');
  if (k < 0) {
    const ip = parseIP(id);
    return ip && { family: ip.family, start: ip.value, end: ip.value };
  }
  const a = parseIP(id.slice(0, k));
  const b = parseIP(id.slice(k + 1));
  if (!a || !b || a.family !== b.family || a.value > b.value) return null;
  return { family: a.family, start: a.value, end: b.value };
}

function fmtIP(family: Family, v: bigint): string {
  if (family === 'IPv4') return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let k = 7; k >= 0; k--) groups.push(((v >> BigInt(16 * k)) & 0xffffn).toString(16));
  return groups.join(':');
}

interface Report {
  readonly workloads: Set<string>;
  readonly pairs: Map<string, Conn>;
  readonly ipIn: Map<string, RangeConn[]>;
  readonly ipOut: Map<string, RangeConn[]>;
  readonly unknown: Set<string>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function readReport(out: unknown): Report {
  const report = out as { schemaVersion?: unknown; endpoints?: unknown; connections?: unknown };
  if (!report || typeof report !== 'object') throw new Error('report is not a JSON object');
  if (report.schemaVersion !== 1)
    throw new Error(`schemaVersion is ${JSON.stringify(report.schemaVersion)}, expected 1`);
  if (!Array.isArray(report.endpoints) || !Array.isArray(report.connections)) {
    throw new Error('report lacks endpoints[] or connections[]');
  }
  const workloads = new Set<string>();
  const ipIds = new Set<string>();
  for (const e of report.endpoints as { id?: unknown; kind?: unknown }[]) {
    if (!e || typeof e.id !== 'string') throw new Error(`endpoint without id: ${JSON.stringify(e)}`);
    if (e.kind === 'IPRange') ipIds.add(e.id);
    else workloads.add(e.id);
  }
  const isIP = (id: string) => ipIds.has(id) || (!workloads.has(id) && parseRange(id) !== null);
  const pairs = new Map<string, Conn>();
  const ipIn = new Map<string, RangeConn[]>();
  const ipOut = new Map<string, RangeConn[]>();
  const unknown = new Set<string>();
  for (const c of report.connections as {
    from?: unknown;
    to?: unknown;
    ports?: Partial<Record<Protocol, unknown>>;
  }[]) {
    if (!c || typeof c.from !== 'string' || typeof c.to !== 'string') {
      throw new Error(`bad connection entry: ${JSON.stringify(c)}`);
    }
    const conn = normConn(c.ports);
    const fromIP = isIP(c.from);
    const toIP = isIP(c.to);
    if (fromIP && toIP) continue;
    if (fromIP || toIP) {
      const id = fromIP ? c.from : c.to;
      const range = parseRange(id);
      if (!range) throw new Error(`unparseable IP range "${id}"`);
      const w = fromIP ? c.to : c.from;
      if (!workloads.has(w)) unknown.add(w);
      push(fromIP ? ipIn : ipOut, w, { range, conn });
      continue;
    }
    for (const id of [c.from, c.to]) if (!workloads.has(id)) unknown.add(id);
    const k = `${c.from}\u0000${c.to}`;
    const prev = pairs.get(k);
    pairs.set(k, prev ? unionConn(prev, conn) : conn);
  }
  return { workloads, pairs, ipIn, ipOut, unknown };
}

/** The connections in force at each point of one family, compared between two lists. */
function compareRanges(
  exp: readonly RangeConn[],
  got: readonly RangeConn[],
  family: Family,
  label: (r: string) => string,
): string[] {
  const max = family === 'IPv4' ? V4_MAX : V6_MAX;
  const e = exp.filter((x) => x.range.family === family);
  const g = got.filter((x) => x.range.family === family);
  const points = new Set<bigint>([0n]);
  for (const x of [...e, ...g]) {
    points.add(x.range.start);
    if (x.range.end < max) points.add(x.range.end + 1n);
  }
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = (list: readonly RangeConn[], p: bigint): Conn =>
    list
      .filter((x) => x.range.start <= p && x.range.end >= p)
      .reduce((acc, x) => unionConn(acc, x.conn), EMPTY);
  const out: string[] = [];
  sorted.forEach((p, k) => {
    const ev = at(e, p);
    const gv = at(g, p);
    if (!connEq(ev, gv)) {
      const next = sorted[k + 1];
      const end = next === undefined ? max : next - 1n;
      out.push(
        `${label(`${fmtIP(family, p)}-${fmtIP(family, end)}`)}: expected ${connStr(ev)}, got ${connStr(gv)}`,
      );
    }
  });
  return out;
}

function compareConnections(exp: ExpectedConnections, report: unknown): string[] {
  const r = readReport(report);
  const lines: string[] = [];
  const ids = exp.endpoints.map((e) => (typeof e === 'string' ? e : e.id));
  const idSet = new Set(ids);
  const missing = ids.filter((id) => !r.workloads.has(id));
  const extra = [...r.workloads, ...r.unknown].filter((id) => !idSet.has(id));
  if (missing.length > 0)
    lines.push(`missing endpoints (${missing.length}): ${missing.slice(0, 6).join(', ')}`);
  if (extra.length > 0)
    lines.push(
      `unexpected endpoints (${new Set(extra).size}): ${[...new Set(extra)].slice(0, 6).join(', ')}`,
    );

  const expPairs = new Map<string, Conn>();
  const expIn = new Map<string, RangeConn[]>();
  const expOut = new Map<string, RangeConn[]>();
  for (const c of exp.connections) {
    const conn = normConn(c.ports);
    const fr = idSet.has(c.from) ? null : parseRange(c.from);
    const tr = idSet.has(c.to) ? null : parseRange(c.to);
    if (fr) push(expIn, c.to, { range: fr, conn });
    else if (tr) push(expOut, c.from, { range: tr, conn });
    else {
      const k = `${c.from}\u0000${c.to}`;
      const prev = expPairs.get(k);
      expPairs.set(k, prev ? unionConn(prev, conn) : conn);
    }
  }
  const ignore = new Set((exp.ignorePairs ?? []).map(([a, b]) => `${a}\u0000${b}`));
  const pairDiffs: string[] = [];
  for (const a of ids) {
    for (const b of ids) {
      const k = `${a}\u0000${b}`;
      if (a === b || ignore.has(k)) continue;
      const ev = expPairs.get(k) ?? EMPTY;
      const gv = r.pairs.get(k) ?? EMPTY;
      if (!connEq(ev, gv)) pairDiffs.push(`${a} -> ${b}: expected ${connStr(ev)}, got ${connStr(gv)}`);
    }
  }
  const families = (dir: 'ingress' | 'egress'): readonly Family[] => exp.ipCompare?.[dir] ?? ['IPv4', 'IPv6'];
  const ipDiffs: string[] = [];
  for (const w of ids) {
    for (const f of families('ingress')) {
      ipDiffs.push(...compareRanges(expIn.get(w) ?? [], r.ipIn.get(w) ?? [], f, (rg) => `${rg} -> ${w}`));
    }
    for (const f of families('egress')) {
      ipDiffs.push(...compareRanges(expOut.get(w) ?? [], r.ipOut.get(w) ?? [], f, (rg) => `${w} -> ${rg}`));
    }
  }
  if (pairDiffs.length > 0 || ipDiffs.length > 0) {
    lines.push(`${pairDiffs.length} workload pair mismatch(es), ${ipDiffs.length} IP range mismatch(es)`);
  }
  return [...lines, ...pairDiffs, ...ipDiffs];
}

function compareMatrix(exp: ExpectedMatrix, report: unknown): string[] {
  const r = readReport(report);
  const lines: string[] = [];
  const missing = exp.pods.filter((id) => !r.workloads.has(id));
  const extra = [...r.workloads].filter((id) => !exp.pods.includes(id));
  if (missing.length > 0) lines.push(`missing endpoints (${missing.length}): ${missing.join(', ')}`);
  if (extra.length > 0) lines.push(`unexpected endpoints (${extra.length}): ${extra.slice(0, 6).join(', ')}`);
  const diffs: string[] = [];
  for (const probe of exp.probes) {
    if (probe.matrix.length !== exp.pods.length) throw new Error('bad matrix in expected.json');
    exp.pods.forEach((from, i) => {
      const row = (probe.matrix[i] ?? '').replace(/\s+/g, '');
      exp.pods.forEach((to, j) => {
        if (i === j || row[j] === '-') return;
        const want = row[j] === '.';
        const c = r.pairs.get(`${from}\u0000${to}`) ?? EMPTY;
        const got = c[probe.protocol].some(([a, b]) => probe.port >= a && probe.port <= b);
        if (want !== got) {
          diffs.push(
            `${probe.protocol}/${probe.port} ${from} -> ${to}: expected ${want ? 'allowed' : 'denied'}, got ${got ? 'allowed' : 'denied'}`,
          );
        }
      });
    });
  }
  if (diffs.length > 0) lines.push(`${diffs.length} probe mismatch(es)`);
  return [...lines, ...diffs];
}

/** The differences between a report and a case's expectation: none when they agree. */
export function compareReport(expected: Expected, report: unknown): string[] {
  return expected.format === 'matrix'
    ? compareMatrix(expected, report)
    : compareConnections(expected, report);
}

/** A case of the corpus: its folder, its manifests (the CLI's PATH: YAML and JSON, recursively). */
export interface ConformanceCase {
  readonly name: string;
  readonly dir: string;
  readonly expected: Expected;
  readonly inputs: readonly string[];
}

function manifests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return manifests(path);
      return /\.(ya?ml|json)$/i.test(entry) ? [path] : [];
    });
}

/** The cases of a corpus folder (sub-folders holding expected.json), by name. */
export function listCases(corpus: string): string[] {
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .sort()
    .filter((name) => existsSync(join(corpus, name, 'expected.json')));
}

export function loadCase(corpus: string, name: string): ConformanceCase {
  const dir = join(corpus, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  return { name, dir, expected, inputs: manifests(join(dir, 'input')) };
}

/** A report in the CLI's JSON shape that says exactly what a `connections` expectation says. */
export function reportOf(expected: ExpectedConnections): unknown {
  const ids = expected.endpoints.map((e) => (typeof e === 'string' ? e : e.id));
  return {
    schemaVersion: 1,
    endpoints: ids.map((id) => ({ id, kind: 'Pod' })),
    connections: expected.connections.map((c) => ({
      from: c.from,
      to: c.to,
      ports: { TCP: c.ports?.TCP ?? '', UDP: c.ports?.UDP ?? '', SCTP: c.ports?.SCTP ?? '' },
    })),
  };
}
