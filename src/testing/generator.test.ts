import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './generator';
import { generateCluster, PROFILES, RED_HAT_NETPOL_SCALE, toJson, toYaml } from './generator';
import { writeClusterFile } from './generator-io';
import { EDGE_CASES } from './generator-policies';
import { serializeChunks } from './generator-serialize';

const S = generateCluster({ profile: 'S', seed: 1 });
const M = generateCluster({ profile: 'M', seed: 7 });

type Obj = Record<string, unknown>;
const meta = (o: JsonObject): Obj => o['metadata'] as Obj;
const ofKind = (objects: readonly JsonObject[], kind: string): JsonObject[] =>
  objects.filter((o) => o['kind'] === kind);
const list = (objects: readonly JsonObject[]): Obj => ({
  apiVersion: 'v1',
  items: objects,
  kind: 'List',
  metadata: { resourceVersion: '' },
});

// ----- What the API server accepts -----
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}
const isLabelValue = (v: unknown): boolean =>
  typeof v === 'string' && v.length <= 63 && (v === '' || LABEL_NAME.test(v));

function expectLabels(labels: unknown, where: string): void {
  expect(typeof labels, where).toBe('object');
  for (const [k, v] of Object.entries(labels as Obj)) {
    expect(isLabelKey(k), `${where}: label key ${k}`).toBe(true);
    expect(isLabelValue(v), `${where}: label value ${k}=${String(v)}`).toBe(true);
  }
}

function parseCidr(cidr: string): { family: 4 | 6; bits: bigint; prefix: number } {
  const [addr, len] = cidr.split('/') as [string, string];
  const prefix = Number(len);
  if (addr.includes(':')) {
    const [head, tail] = addr.split('::') as [string, string | undefined];
    const h = head === '' ? [] : head.split(':');
    const t = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups =
      tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
    expect(groups).toHaveLength(8);
    const bits = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
    expect(prefix).toBeLessThanOrEqual(128);
    return { family: 6, bits, prefix };
  }
  const octets = addr.split('.').map(Number);
  expect(octets).toHaveLength(4);
  for (const o of octets) expect(o >= 0 && o <= 255).toBe(true);
  expect(prefix).toBeLessThanOrEqual(32);
  return { family: 4, bits: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), prefix };
}

function expectValidIpBlock(block: Obj, where: string): void {
  const cidr = parseCidr(block['cidr'] as string);
  const width = cidr.family === 4 ? 32n : 128n;
  const hostBits = width - BigInt(cidr.prefix);
  expect(cidr.bits & ((1n << hostBits) - 1n), `${where}: ${String(block['cidr'])} has host bits`).toBe(0n);
  for (const ex of (block['except'] as string[] | undefined) ?? []) {
    const e = parseCidr(ex);
    expect(e.family, where).toBe(cidr.family);
    expect(e.prefix, `${where}: except ${ex} must be narrower`).toBeGreaterThan(cidr.prefix);
    expect(e.bits >> hostBits, `${where}: except ${ex} inside ${String(block['cidr'])}`).toBe(
      cidr.bits >> hostBits,
    );
  }
}

function expectValidSelector(sel: unknown, where: string): void {
  const s = sel as Obj;
  if (s['matchLabels'] !== undefined) expectLabels(s['matchLabels'], where);
  for (const e of (s['matchExpressions'] as Obj[] | undefined) ?? []) {
    expect(isLabelKey(e['key'] as string), where).toBe(true);
    const op = e['operator'] as string;
    expect(['In', 'NotIn', 'Exists', 'DoesNotExist'], where).toContain(op);
    const values = e['values'] as string[] | undefined;
    if (op === 'In' || op === 'NotIn') {
      expect(values?.length, `${where}: ${op} needs values`).toBeGreaterThan(0);
      for (const v of values ?? []) expect(isLabelValue(v), where).toBe(true);
    } else {
      expect(values, `${where}: ${op} takes no values`).toBeUndefined();
    }
  }
}

function expectValidPolicy(p: JsonObject): void {
  const where = `${String(meta(p)['namespace'])}/${String(meta(p)['name'])}`;
  const spec = p['spec'] as Obj;
  expectValidSelector(spec['podSelector'], where);
  for (const t of (spec['policyTypes'] as string[] | undefined) ?? [])
    expect(['Ingress', 'Egress']).toContain(t);
  for (const [dir, field] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const rule of (spec[dir] as Obj[] | undefined) ?? []) {
      for (const peer of (rule[field] as Obj[] | undefined) ?? []) {
        const block = peer['ipBlock'] as Obj | undefined;
        if (block !== undefined) {
          expect(peer['podSelector'], where).toBeUndefined();
          expect(peer['namespaceSelector'], where).toBeUndefined();
          expectValidIpBlock(block, where);
        }
        if (peer['podSelector'] !== undefined) expectValidSelector(peer['podSelector'], where);
        if (peer['namespaceSelector'] !== undefined) expectValidSelector(peer['namespaceSelector'], where);
      }
      for (const port of (rule['ports'] as Obj[] | undefined) ?? []) {
        if (port['protocol'] !== undefined) expect(['TCP', 'UDP', 'SCTP']).toContain(port['protocol']);
        const value = port['port'];
        if (typeof value === 'number') {
          expect(value >= 1 && value <= 65535, where).toBe(true);
        } else if (value !== undefined) {
          expect(typeof value).toBe('string');
          expect((value as string).length, where).toBeLessThanOrEqual(15);
          expect(PORT_NAME.test(value as string), `${where}: port name ${String(value)}`).toBe(true);
        }
        if (port['endPort'] !== undefined) {
          expect(typeof value, `${where}: endPort needs a numeric port`).toBe('number');
          expect(port['endPort'] as number).toBeGreaterThanOrEqual(value as number);
          expect(port['endPort'] as number).toBeLessThanOrEqual(65535);
        }
      }
    }
  }
}

function podTemplateOf(o: JsonObject): Obj | undefined {
  const spec = o['spec'] as Obj;
  if (o['kind'] === 'CronJob') return ((spec['jobTemplate'] as Obj)['spec'] as Obj)['template'] as Obj;
  return spec['template'] as Obj | undefined;
}

function expectValidCluster(objects: readonly JsonObject[]): void {
  const byUid = new Map<string, JsonObject>();
  const names = new Set<string>();
  for (const o of objects) {
    const m = meta(o);
    expect(typeof o['apiVersion']).toBe('string');
    const key = `${String(o['kind'])}/${String(m['namespace'] ?? '')}/${String(m['name'])}`;
    expect(names.has(key), `duplicate ${key}`).toBe(false);
    names.add(key);
    byUid.set(m['uid'] as string, o);
    const name = m['name'] as string;
    if (o['kind'] === 'Namespace') {
      expect(m['namespace']).toBeUndefined();
      expect(DNS_LABEL.test(name) && name.length <= 63, name).toBe(true);
    } else {
      expect(DNS_LABEL.test(m['namespace'] as string)).toBe(true);
      expect(DNS_SUBDOMAIN.test(name) && name.length <= 253, name).toBe(true);
    }
    if (m['labels'] !== undefined) expectLabels(m['labels'], key);
  }
  for (const o of objects) {
    const key = `${String(o['kind'])} ${String(meta(o)['namespace'])}/${String(meta(o)['name'])}`;
    const owners = (meta(o)['ownerReferences'] as Obj[] | undefined) ?? [];
    for (const ref of owners) {
      expect(ref['controller'], key).toBe(true);
      const owner = byUid.get(ref['uid'] as string);
      expect(owner, `${key}: owner ${String(ref['name'])}`).toBeDefined();
      expect(owner?.['kind']).toBe(ref['kind']);
      expect(meta(owner!)['name']).toBe(ref['name']);
      expect(meta(owner!)['namespace']).toBe(meta(o)['namespace']);
    }
    if (o['kind'] === 'Pod') {
      expect(owners, key).toHaveLength(1);
      const status = o['status'] as Obj;
      const spec = o['spec'] as Obj;
      expect(['Running', 'Pending']).toContain(status['phase']);
      if (status['phase'] === 'Running') {
        const ips = (status['podIPs'] as Obj[]).map((x) => x['ip'] as string);
        expect(ips[0]).toBe(status['podIP']);
        for (const ip of ips) parseCidr(`${ip}/${ip.includes(':') ? 128 : 32}`);
      } else {
        expect(status['podIP']).toBeUndefined();
      }
      const containers = spec['containers'] as Obj[];
      expect(containers.length).toBeGreaterThan(0);
      const portNames = new Set<string>();
      for (const c of containers) {
        for (const port of (c['ports'] as Obj[] | undefined) ?? []) {
          const n = port['name'] as string;
          expect(n.length).toBeLessThanOrEqual(15);
          expect(PORT_NAME.test(n), n).toBe(true);
          expect(portNames.has(n), `${key}: port name ${n} twice`).toBe(false);
          portNames.add(n);
          expect(['TCP', 'UDP', 'SCTP']).toContain(port['protocol']);
          const num = port['containerPort'] as number;
          expect(num >= 1 && num <= 65535).toBe(true);
        }
      }
    }
    const template = podTemplateOf(o);
    if (template !== undefined && o['kind'] !== 'Pod') {
      const labels = (template['metadata'] as Obj)['labels'] as Record<string, string>;
      expectLabels(labels, key);
      const selector = (o['spec'] as Obj)['selector'] as Obj | undefined;
      for (const [k, v] of Object.entries(
        (selector?.['matchLabels'] as Record<string, string> | undefined) ?? {},
      )) {
        expect(labels[k], `${key}: selector ${k}`).toBe(v);
      }
    }
    if (o['kind'] === 'NetworkPolicy') expectValidPolicy(o);
  }
}

describe('generateCluster', () => {
  it('is deterministic: the same seed gives byte-identical YAML and JSON', () => {
    const again = generateCluster({ profile: 'S', seed: 1 });
    expect(toYaml(again.objects)).toBe(toYaml(S.objects));
    expect(toJson(again.objects)).toBe(toJson(S.objects));
    expect(again.stats).toEqual(S.stats);
  });

  it('gives a different cluster for a different seed', () => {
    expect(toJson(generateCluster({ profile: 'S', seed: 2 }).objects)).not.toBe(toJson(S.objects));
  });

  it('produces about the sizes of the S and M profiles', () => {
    for (const [c, profile] of [
      [S, PROFILES.S],
      [M, PROFILES.M],
    ] as const) {
      expect(c.stats.pods).toBeGreaterThan(profile.pods * 0.9);
      expect(c.stats.pods).toBeLessThan(profile.pods * 1.15);
      expect(c.stats.namespaces).toBe(profile.namespaces);
      expect(c.stats.policies).toBe(profile.policies);
      expect(ofKind(c.objects, 'NetworkPolicy')).toHaveLength(profile.policies);
      expect(ofKind(c.objects, 'Pod')).toHaveLength(c.stats.pods);
      expect(c.stats.objects).toBe(c.objects.length);
    }
  });

  it('produces valid objects with everything the importer reads (S and M)', () => {
    expectValidCluster(S.objects);
    expectValidCluster(M.objects);
  });

  it('builds every object with its keys in kubectl order (sorted)', () => {
    expect(toYaml(M.objects, { sortKeys: true })).toBe(toYaml(M.objects));
  });

  it('leaves about 2% of namespaces undeclared, used by pods only', () => {
    const declared = new Set(ofKind(M.objects, 'Namespace').map((n) => meta(n)['name']));
    const used = new Set(ofKind(M.objects, 'Pod').map((p) => meta(p)['namespace']));
    expect(M.stats.undeclaredNamespaces).toBe(M.stats.namespaces - declared.size);
    expect([...used].filter((n) => !declared.has(n))).toHaveLength(M.stats.undeclaredNamespaces);
    expect(declared.has('kube-system') && declared.has('monitoring') && declared.has('ingress-nginx')).toBe(
      true,
    );
  });

  it('labels namespaces with team, env and tenant, and the monitoring namespace with role=monitoring', () => {
    for (const ns of ofKind(M.objects, 'Namespace')) {
      const labels = meta(ns)['labels'] as Record<string, string>;
      const name = meta(ns)['name'] as string;
      expect(labels['kubernetes.io/metadata.name']).toBe(name);
      if (name.startsWith('ns-')) {
        expect(labels['team']).toMatch(/^team-/);
        expect(['prod', 'staging', 'dev']).toContain(labels['env']);
        expect(labels['tenant']).toMatch(/^tenant-/);
      }
    }
    const monitoring = ofKind(M.objects, 'Namespace').find((n) => meta(n)['name'] === 'monitoring')!;
    expect((meta(monitoring)['labels'] as Obj)['role']).toBe('monitoring');
  });

  it('runs kube-dns pods labelled k8s-app=kube-dns with DNS on UDP and TCP 53', () => {
    const dns = ofKind(M.objects, 'Pod').filter((p) => (meta(p)['labels'] as Obj)['k8s-app'] === 'kube-dns');
    expect(dns.length).toBeGreaterThanOrEqual(2);
    const ports = ((dns[0]!['spec'] as Obj)['containers'] as Obj[])[0]!['ports'] as Obj[];
    expect(ports).toContainEqual({ containerPort: 53, name: 'dns', protocol: 'UDP' });
    expect(ports).toContainEqual({ containerPort: 53, name: 'dns-tcp', protocol: 'TCP' });
  });

  it('emits Deployment + ReplicaSet + pods with pod-template-hash, StatefulSet pods with pod names, and template-only workloads', () => {
    const pods = ofKind(M.objects, 'Pod');
    const labelsOf = (p: JsonObject): Record<string, string> => meta(p)['labels'] as Record<string, string>;
    expect(pods.filter((p) => labelsOf(p)['pod-template-hash'] !== undefined).length).toBeGreaterThan(
      pods.length * 0.4,
    );
    expect(pods.some((p) => labelsOf(p)['statefulset.kubernetes.io/pod-name'] === meta(p)['name'])).toBe(
      true,
    );
    expect(pods.some((p) => (p['spec'] as Obj)['hostNetwork'] === true)).toBe(true);
    for (const p of pods) {
      const l = labelsOf(p);
      expect(l['app']).toBeDefined();
      if (meta(p)['namespace'] !== 'kube-system' && String(meta(p)['namespace']).startsWith('ns-')) {
        expect(l['component']).toBeDefined();
        expect(['v1', 'v2']).toContain(l['version']);
        expect(l['app.kubernetes.io/part-of']).toBeDefined();
      }
    }
    expect(M.stats.workloadEndpoints).toBeGreaterThan(0);
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']) {
      expect(ofKind(M.objects, kind).length, kind).toBeGreaterThan(0);
    }
  });

  it('maps the same port name to different numbers on different components, with some UDP and SCTP', () => {
    const http = new Set<number>();
    const protocols = new Set<string>();
    for (const p of ofKind(generateCluster({ profile: 'L-dense', seed: 3 }).objects, 'Pod')) {
      for (const port of (((p['spec'] as Obj)['containers'] as Obj[])[0]!['ports'] as Obj[] | undefined) ??
        []) {
        if (port['name'] === 'http') http.add(port['containerPort'] as number);
        protocols.add(port['protocol'] as string);
      }
    }
    expect(http.size).toBeGreaterThanOrEqual(3);
    expect([...protocols].sort()).toEqual(['SCTP', 'TCP', 'UDP']);
  });

  it('addresses pods sequentially from 10.244.0.0/14, some dual-stack from fd00::/64', () => {
    const ips = ofKind(M.objects, 'Pod')
      .filter((p) => (p['spec'] as Obj)['hostNetwork'] !== true)
      .flatMap((p) =>
        (((p['status'] as Obj)['podIPs'] as Obj[] | undefined) ?? []).map((x) => x['ip'] as string),
      );
    const v4 = ips.filter((ip) => !ip.includes(':'));
    const v6 = ips.filter((ip) => ip.includes(':'));
    expect(new Set(v4).size).toBe(v4.length);
    for (const ip of v4) expect(ip).toMatch(/^10\.(24[4-7])\./);
    for (const ip of v6) expect(ip).toMatch(/^fd00::[0-9a-f]+$/);
    expect(v6.length).toBe(M.stats.dualStackPods);
    expect(v6.length / v4.length).toBeGreaterThan(0.01);
    expect(v6.length / v4.length).toBeLessThan(0.12);
  });

  it('writes the policy mix of performance.md §7', () => {
    const policies = ofKind(M.objects, 'NetworkPolicy');
    const named = (prefix: string): JsonObject[] =>
      policies.filter((p) => String(meta(p)['name']).startsWith(prefix));
    const userNs = M.stats.namespaces - 3;
    expect(named('default-deny-ingress').length / userNs).toBeGreaterThan(0.6);
    expect(named('default-deny-egress').length / userNs).toBeGreaterThan(0.1);
    const dns = named('allow-dns')[0]!;
    const peer = (((dns['spec'] as Obj)['egress'] as Obj[])[0]!['to'] as Obj[])[0]!;
    expect(peer['namespaceSelector']).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    });
    expect(peer['podSelector']).toEqual({ matchLabels: { 'k8s-app': 'kube-dns' } });
    const internet = named('allow-internet-egress')[0]!;
    expect(JSON.stringify(internet)).toContain('"169.254.169.254/32"');
    const monitoring = named('allow-monitoring')[0]!;
    expect((monitoring['spec'] as Obj)['podSelector']).toEqual({
      matchExpressions: [{ key: 'component', operator: 'Exists' }],
    });
    expect(JSON.stringify(monitoring)).toContain('"port":"metrics"');
    const text = JSON.stringify(policies);
    expect(text).toContain('"endPort":32767');
    expect(text).toContain('"app.kubernetes.io/name":"ingress-nginx"');
    expect(text).toMatch(/"operator":"(NotIn|DoesNotExist)"/);
    expect(text).toMatch(/"team":"team-/);
    expect(named('netpol-scale-').length).toBeGreaterThan(0);
    for (const kind of EDGE_CASES) expect(named(`edge-${kind}-`).length, kind).toBeGreaterThan(0);
  });

  it('keeps edge cases distinct: from: [] against an omitted from, policyTypes omitted', () => {
    const policies = ofKind(M.objects, 'NetworkPolicy');
    const spec = (prefix: string): Obj =>
      policies.find((p) => String(meta(p)['name']).startsWith(prefix))!['spec'] as Obj;
    expect((spec('edge-from-empty-')['ingress'] as Obj[])[0]!['from']).toEqual([]);
    expect('from' in (spec('edge-from-omitted-')['ingress'] as Obj[])[0]!).toBe(false);
    expect('policyTypes' in spec('edge-no-policytypes-egress-')).toBe(false);
  });

  it('makes a quarter of the L-dense policies empty or deny-only', () => {
    const dense = generateCluster({ profile: 'L-dense', seed: 1 });
    expect(dense.stats.policies).toBe(PROFILES['L-dense'].policies);
    expect(dense.stats.policiesByCategory['emptyOrDenyOnly']! / dense.stats.policies).toBeCloseTo(0.25, 2);
    expect(dense.stats.pods).toBeGreaterThan(5_000);
    expect(dense.stats.pods).toBeLessThan(6_500);
  });

  it('honours tiny size overrides exactly for policies', () => {
    const tiny = generateCluster({ profile: 'S', seed: 1, sizes: { pods: 20, namespaces: 4, policies: 3 } });
    expect(tiny.stats.policies).toBe(3);
    expect(tiny.stats.namespaces).toBe(4);
    expectValidCluster(tiny.objects);
    expect(generateCluster({ profile: 'S', seed: 1, sizes: { policies: 0 } }).stats.policies).toBe(0);
  });

  it('follows the k8s-netpol-scale knobs for top-up policies', () => {
    const c = generateCluster({
      profile: 'S',
      seed: 4,
      netpolScale: RED_HAT_NETPOL_SCALE,
      sizes: { policies: 80 },
    });
    const topUp = ofKind(c.objects, 'NetworkPolicy').find((p) =>
      String(meta(p)['name']).startsWith('netpol-scale-'),
    )!;
    const spec = topUp['spec'] as Obj;
    const rule = ((spec['ingress'] ?? spec['egress']) as Obj[])[0]!;
    const peers = (rule['from'] ?? rule['to']) as Obj[];
    expect(peers.filter((p) => p['ipBlock'] !== undefined)).toHaveLength(5);
    const selectorPeers = peers.filter((p) => p['namespaceSelector'] !== undefined);
    expect(selectorPeers).toHaveLength(5);
    expect(selectorPeers.every((p) => p['podSelector'] !== undefined)).toBe(true);
    expect(rule['ports'] as Obj[]).toHaveLength(10);
  });
});

describe('serialisers', () => {
  it('write YAML that js-yaml reads back as the same objects', () => {
    expect(load(toYaml(M.objects))).toEqual(list(M.objects));
  });

  it('write compact and kubectl-indented JSON that parses back as the same objects', () => {
    expect(JSON.parse(toJson(M.objects))).toEqual(list(M.objects));
    expect(JSON.parse(toJson(S.objects, { pretty: true }))).toEqual(list(S.objects));
    expect(toJson(S.objects, { pretty: true })).toContain(
      '\n    "items": [\n        {\n            "apiVersion"',
    );
  });

  it('write an empty List in both formats', () => {
    expect(load(toYaml([]))).toEqual(list([]));
    expect(JSON.parse(toJson([]))).toEqual(list([]));
    expect(JSON.parse(toJson([], { pretty: true }))).toEqual(list([]));
  });

  it('quote every string YAML could read as something else', () => {
    // prettier-ignore
    const tricky = [
      'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', '~', '', ' lead', 'trail ', '1e3',
      '0x10', '0o17', '012', '1_000', '1:20', '.inf', '-.inf', '.NaN', '123', '-1', '1.5', '2025-01-06',
      '2025-01-06T08:00:00Z', 'a: b', 'a #b', '#x', '- x', '-', '?', ':', '[a]', '{a}', '*ref', '&anchor',
      '!tag', '%x', '@x', '`x', '|', '>', '"q"', "'q'", 'line\nbreak', 'tab\there', 'back\\slash',
      'nel\u0085', 'del\u007f', 'bom\ufeff', 'é✓', '10.0.0.0/8', '300.1.1.1', 'fd00::1', '/healthz',
      'a/b', 'kubernetes.io/metadata.name', '<<', '=',
    ];
    const value = {
      strings: tricky,
      keys: Object.fromEntries(tricky.map((t, i) => [t, i])),
      nested: [[1, [2, []]], {}, [], [{ a: [] }], { b: { c: {} } }],
      numbers: [0, -0.5, 1e21, 1.5e-7, 65535, -12],
      flags: [true, false, null],
    };
    expect(load(toYaml([value]))).toEqual(list([value]));
  });

  it('stream item by item: the chunks join to the whole text, and a file receives the same bytes', () => {
    expect([...serializeChunks(S.objects, 'yaml')].join('')).toBe(toYaml(S.objects));
    const dir = mkdtempSync(join(tmpdir(), 'netpol-gen-'));
    try {
      const path = join(dir, 's.yaml');
      const bytes = writeClusterFile(path, S.objects, 'yaml');
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(toYaml(S.objects));
      expect(bytes).toBe(Buffer.byteLength(text));
      writeClusterFile(path, S.objects, 'json');
      expect(readFileSync(path, 'utf8')).toBe(toJson(S.objects));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
