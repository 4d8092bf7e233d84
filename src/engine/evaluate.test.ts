import { describe, expect, it } from 'vitest';
import { analyze, explain } from '.';
import { cluster, pod, policy } from '../testing/fixtures';
import type { Snapshot } from '../model';
import { formatRanges } from './sets/ports';

/** `TCP 80,443; UDP 53` or `none`, for readable expectations. */
function between(snap: Snapshot, from: string, to: string, opts = {}): string {
  const p = analyze(snap, opts).portsBetween(from, to);
  if (!p) throw new Error(`unknown ${from} or ${to}`);
  const parts = (['TCP', 'UDP', 'SCTP'] as const)
    .filter((k) => p[k].length)
    .map((k) => `${k} ${formatRanges(p[k])}`);
  return parts.length ? parts.join('; ') : 'none';
}
const ALL = 'TCP 1-65535; UDP 1-65535; SCTP 1-65535';

const a = pod('x/a', { app: 'a' });
const b = pod('x/b', { app: 'b' });
const c = pod('y/c', { app: 'c' });

describe('evaluate > no policy', () => {
  it('allows every port between all pods when nothing isolates them', () => {
    const s = cluster({ endpoints: [a, b, c] });
    expect(between(s, 'x/a', 'y/c')).toBe(ALL);
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: false, egress: false });
  });
  it('never lists a pod to itself', () => {
    const s = cluster({ endpoints: [a] });
    const seen: string[] = [];
    analyze(s).forEachConnection((f, t) => f.includes('/') && t.includes('/') && seen.push(`${f}>${t}`));
    expect(seen).toEqual([]);
  });
});

describe('evaluate > ingress', () => {
  it('denies a peer no rule allows (default deny)', () => {
    const s = cluster({ endpoints: [a, b], policies: [policy('x/deny', { podSelector: {} })] });
    expect(between(s, 'x/a', 'x/b')).toBe('none');
    expect(analyze(s).isolation('x/b')).toEqual({ ingress: true, egress: false });
  });
  it('leaves egress open when only ingress is isolated', () => {
    const s = cluster({ endpoints: [a, c], policies: [policy('x/deny', { podSelector: {} })] });
    expect(between(s, 'x/a', 'y/c')).toBe(ALL);
  });
  it('allows a rule with no from and no ports from everywhere on every port', () => {
    const s = cluster({ endpoints: [a, c], policies: [policy('x/all', { podSelector: {}, ingress: [{}] })] });
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
    expect(between(s, '0.0.0.0-255.255.255.255', 'x/a')).toBe(ALL);
  });
  it('treats an empty from list like an absent one: every source', () => {
    const s = cluster({
      endpoints: [a, c],
      policies: [policy('x/all', { podSelector: {}, ingress: [{ from: [], ports: [{ port: 80 }] }] })],
    });
    expect(between(s, 'y/c', 'x/a')).toBe('TCP 80');
  });
  it('matches a podSelector peer only in the policy namespace', () => {
    const c2 = pod('y/b', { app: 'b' });
    const s = cluster({
      endpoints: [a, b, c2],
      policies: [
        policy('x/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
        }),
      ],
    });
    expect(between(s, 'x/b', 'x/a')).toBe(ALL);
    expect(between(s, 'y/b', 'x/a')).toBe('none');
  });
  it('ANDs namespaceSelector and podSelector in one peer', () => {
    const s = cluster({
      namespaces: { y: { team: 't' } },
      endpoints: [a, b, c, pod('y/d', { app: 'd' })],
      policies: [
        policy('x/p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { team: 't' } },
                  podSelector: { matchLabels: { app: 'c' } },
                },
              ],
            },
          ],
        }),
      ],
    });
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
    expect(between(s, 'y/d', 'x/a')).toBe('none');
    expect(between(s, 'x/b', 'x/a')).toBe('none');
  });
  it('ORs two peers of one rule', () => {
    const s = cluster({
      namespaces: { y: { team: 't' } },
      endpoints: [a, b, c, pod('y/d', { app: 'd' })],
      policies: [
        policy('x/p', {
          podSelector: {},
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { team: 't' } } },
                { podSelector: { matchLabels: { app: 'c' } } },
              ],
            },
          ],
        }),
      ],
    });
    expect(between(s, 'y/d', 'x/a')).toBe(ALL);
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
    expect(between(s, 'x/b', 'x/a')).toBe('none');
  });
  it('selects namespaces by the automatic kubernetes.io/metadata.name label', () => {
    const s = cluster({
      endpoints: [a, c],
      policies: [
        policy('x/p', {
          podSelector: {},
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] },
          ],
        }),
      ],
    });
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
  });
  it('adds up the rules of every policy that selects a pod', () => {
    const s = cluster({
      endpoints: [a, b],
      policies: [
        policy('x/p1', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }),
        policy('x/p2', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ ports: [{ port: 443 }, { protocol: 'UDP', port: 53 }] }],
        }),
      ],
    });
    expect(between(s, 'x/b', 'x/a')).toBe('TCP 80,443; UDP 53');
    expect(between(s, 'x/a', 'x/b')).toBe('TCP 80');
  });
});

describe('evaluate > ports', () => {
  const web = pod(
    'x/web',
    { app: 'web' },
    {
      ports: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'dns', containerPort: 5353, protocol: 'UDP' },
      ],
    },
  );
  it('defaults the protocol to TCP and admits endPort ranges', () => {
    const s = cluster({
      endpoints: [a, web],
      policies: [policy('x/p', { podSelector: {}, ingress: [{ ports: [{ port: 30000, endPort: 32767 }] }] })],
    });
    expect(between(s, 'x/a', 'x/web')).toBe('TCP 30000-32767');
  });
  it('admits a whole protocol for an entry with only a protocol', () => {
    const s = cluster({
      endpoints: [a, web],
      policies: [policy('x/p', { podSelector: {}, ingress: [{ ports: [{ protocol: 'SCTP' }] }] })],
    });
    expect(between(s, 'x/a', 'x/web')).toBe('SCTP 1-65535');
  });
  it('resolves a named port against the destination container ports', () => {
    const s = cluster({
      endpoints: [a, web],
      policies: [policy('x/p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
    });
    expect(between(s, 'x/a', 'x/web')).toBe('TCP 8080');
    expect(between(s, 'x/web', 'x/a')).toBe('none');
  });
  it('requires the named port protocol to match the rule protocol', () => {
    const s = cluster({
      endpoints: [a, web],
      policies: [policy('x/p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns' }] }] })],
    });
    expect(between(s, 'x/a', 'x/web')).toBe('none');
  });
  it('resolves an egress named port against the peer, and never on an external address', () => {
    const s = cluster({
      endpoints: [a, web],
      policies: [
        policy('x/p', {
          podSelector: { matchLabels: { app: 'a' } },
          egress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
    });
    expect(between(s, 'x/a', 'x/web')).toBe('TCP 8080');
    expect(between(s, 'x/a', '0.0.0.0-255.255.255.255')).toBe('none');
  });
});

describe('evaluate > policyTypes defaulting', () => {
  it('isolates only ingress when policyTypes is absent and there are no egress rules', () => {
    const s = cluster({ endpoints: [a, b], policies: [policy('x/p', { podSelector: {}, ingress: [{}] })] });
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: true, egress: false });
  });
  it('does not isolate egress for egress: [] alone', () => {
    const s = cluster({ endpoints: [a, c], policies: [policy('x/p', { podSelector: {}, egress: [] })] });
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: true, egress: false });
    expect(between(s, 'x/a', 'y/c')).toBe(ALL);
  });
  it('isolates egress too when policyTypes is absent and egress has rules', () => {
    const s = cluster({
      endpoints: [a, c],
      policies: [policy('x/p', { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })],
    });
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: true, egress: true });
    expect(between(s, 'x/a', 'y/c')).toBe('UDP 53');
  });
  it('denies all egress for policyTypes [Egress] with no rules, and leaves ingress alone', () => {
    const s = cluster({
      endpoints: [a, c],
      policies: [policy('x/p', { podSelector: {}, policyTypes: ['Egress'] })],
    });
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: false, egress: true });
    expect(between(s, 'x/a', 'y/c')).toBe('none');
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
  });
  it('ignores ingress rules of a policy whose policyTypes is only Egress', () => {
    const s = cluster({
      endpoints: [a, c],
      policies: [
        policy('x/p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{ ports: [{ port: 80 }] }] }),
      ],
    });
    expect(between(s, 'y/c', 'x/a')).toBe(ALL);
  });
  it('treats an empty policyTypes list like an absent one', () => {
    const s = cluster({ endpoints: [a, c], policies: [policy('x/p', { podSelector: {}, policyTypes: [] })] });
    expect(analyze(s).isolation('x/a')).toEqual({ ingress: true, egress: false });
  });
});

describe('evaluate > selectors', () => {
  it('requires matchLabels AND matchExpressions within one selector', () => {
    const p1 = pod('x/p1', { app: 'db', tier: 'gold' });
    const p2 = pod('x/p2', { app: 'db', tier: 'silver' });
    const p3 = pod('x/p3', { app: 'web', tier: 'gold' });
    const s = cluster({
      endpoints: [a, p1, p2, p3],
      policies: [
        policy('x/p', {
          podSelector: {
            matchLabels: { app: 'db' },
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold'] }],
          },
        }),
      ],
    });
    const r = analyze(s);
    expect(r.isolation('x/p1')?.ingress).toBe(true);
    expect(r.isolation('x/p2')?.ingress).toBe(false);
    expect(r.isolation('x/p3')?.ingress).toBe(false);
  });
  it('applies NotIn to pods without the key, and DoesNotExist only to them', () => {
    const p1 = pod('x/p1', { env: 'prod' });
    const p2 = pod('x/p2', {});
    const notIn = cluster({
      endpoints: [p1, p2],
      policies: [
        policy('x/p', {
          podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
        }),
      ],
    });
    expect(analyze(notIn).isolation('x/p2')?.ingress).toBe(true);
    expect(analyze(notIn).isolation('x/p1')?.ingress).toBe(false);
    const dne = cluster({
      endpoints: [p1, p2],
      policies: [
        policy('x/p', { podSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] } }),
      ],
    });
    expect(analyze(dne).isolation('x/p2')?.ingress).toBe(true);
    expect(analyze(dne).isolation('x/p1')?.ingress).toBe(false);
  });
});

describe('evaluate > ipBlock', () => {
  const spec = {
    podSelector: { matchLabels: { app: 'a' } },
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
  };
  it('admits addresses in the cidr outside its except', () => {
    const s = cluster({ endpoints: [a], policies: [policy('x/p', spec)] });
    const r = analyze(s);
    expect(r.ipRanges.map((x) => x.id)).toContain('10.1.0.0-10.1.255.255');
    expect(between(s, 'x/a', '10.2.0.0-10.255.255.255')).toBe(ALL);
    expect(between(s, 'x/a', '10.1.0.0-10.1.255.255')).toBe('none');
    expect(between(s, 'x/a', '11.0.0.0-255.255.255.255')).toBe('none');
  });
  it('partitions IPv4 and IPv6 at every boundary, merging pieces treated alike', () => {
    const r = analyze(
      cluster({
        endpoints: [a],
        policies: [
          policy('x/p', {
            podSelector: {},
            ingress: [
              {
                from: [
                  { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/16'] } },
                  { ipBlock: { cidr: '2001:db8::/32' } },
                ],
              },
            ],
          }),
        ],
      }),
    );
    expect(r.ipRanges.map((x) => x.id)).toEqual([
      '0.0.0.0-10.0.255.255',
      '10.1.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
      '::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });
  it('matches a pod by its address, unless turned off', () => {
    const db = pod('y/db', { app: 'db' }, { ips: ['10.2.3.4'] });
    const other = pod('y/other', { app: 'o' }, { ips: ['10.1.3.4'] });
    const s = cluster({ endpoints: [a, db, other], policies: [policy('x/p', spec)] });
    expect(between(s, 'x/a', 'y/db')).toBe(ALL);
    expect(between(s, 'x/a', 'y/other')).toBe('none');
    expect(between(s, 'x/a', 'y/db', { ipBlockMatchesPods: false })).toBe('none');
  });
});

describe('evaluate > hostNetwork', () => {
  const host = pod('x/h', { app: 'h' }, { hostNetwork: true, ips: ['192.168.0.5'] });
  const s = cluster({ endpoints: [a, host], policies: [policy('x/deny', { podSelector: {} })] });
  it('treats a hostNetwork pod like any other pod by default', () => {
    expect(between(s, 'x/a', 'x/h')).toBe('none');
  });
  it('leaves it unrestricted when asked', () => {
    expect(between(s, 'x/a', 'x/h', { hostNetwork: 'unrestricted' })).toBe(ALL);
  });
});

describe('explain', () => {
  it('names the policy, rule, peer and port entry that admit a connection', () => {
    const s = cluster({
      endpoints: [a, b],
      policies: [
        policy('x/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { app: 'c' } } },
                { podSelector: { matchLabels: { app: 'b' } } },
              ],
              ports: [{ port: 81 }, { port: 80 }],
            },
          ],
        }),
      ],
    });
    const e = explain(s, 'x/b', 'x/a', { port: 80, protocol: 'TCP' })!;
    expect(e.query?.allowed).toBe(true);
    expect(e.ingress.isolated).toBe(true);
    expect(e.ingress.selectedBy).toEqual(['x/p']);
    expect(e.ingress.allowedBy.map((x) => x.ref)).toEqual([
      { policy: 'x/p', direction: 'ingress', rule: 0, peer: 1, port: 0 },
      { policy: 'x/p', direction: 'ingress', rule: 0, peer: 1, port: 1 },
    ]);
    expect(e.egress).toMatchObject({ applicable: true, isolated: false });
  });
  it('says a denied pair is isolated with no rule admitting the peer', () => {
    const s = cluster({ endpoints: [a, b], policies: [policy('x/deny', { podSelector: {} })] });
    const e = explain(s, 'x/b', 'x/a')!;
    expect(e.allowed).toBe(false);
    expect(e.ingress).toMatchObject({ isolated: true, selectedBy: ['x/deny'], allowedBy: [] });
  });
  it('explains traffic from an external address', () => {
    const s = cluster({
      endpoints: [a],
      policies: [
        policy('x/p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '1.2.3.0/24' } }] }] }),
      ],
    });
    expect(explain(s, '1.2.3.4', 'x/a')!.allowed).toBe(true);
    expect(explain(s, '1.2.4.4', 'x/a')!.allowed).toBe(false);
    expect(explain(s, '1.2.4.4', 'x/a')!.egress.applicable).toBe(false);
  });
});
