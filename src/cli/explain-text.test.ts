import { describe, expect, it } from 'vitest';
import type { DirectionVerdict, Explanation } from '../engine/api';
import { formatRuleRef, renderExplanation } from './explain-text';
import { ALL, ports } from './test/fake-analysis';

const open: DirectionVerdict = {
  applicable: true,
  isolated: false,
  selectedBy: [],
  allowedBy: [],
  peerMatchedNoPort: [],
  ports: ALL,
};

describe('formatRuleRef', () => {
  it('names the policy, direction, rule, peer and port entries', () => {
    expect(formatRuleRef({ policy: 'y/p', direction: 'ingress', rule: 0, peer: 1, port: 2 })).toBe(
      'y/p spec.ingress[0].from[1] ports[2]',
    );
  });
  it('says when a rule has no peers or no ports', () => {
    expect(formatRuleRef({ policy: 'x/q', direction: 'egress', rule: 3 })).toBe(
      "x/q spec.egress[3] (no 'to': every peer) (no 'ports': every port)",
    );
  });
});

describe('renderExplanation', () => {
  const ingress: DirectionVerdict = {
    applicable: true,
    isolated: true,
    selectedBy: ['y/deny-all', 'y/allow-web'],
    allowedBy: [
      {
        ref: { policy: 'y/allow-web', direction: 'ingress', rule: 0, peer: 0, port: 0 },
        ports: ports([[80, 80]]),
      },
    ],
    peerMatchedNoPort: [{ policy: 'y/allow-web', direction: 'ingress', rule: 1, peer: 0, port: 0 }],
    ports: ports([[80, 80]]),
  };
  const e: Explanation = {
    from: 'x/a',
    to: 'y/b',
    query: { port: 443, protocol: 'TCP', allowed: false },
    ports: ports([[80, 80]]),
    allowed: true,
    egress: open,
    ingress,
    notes: ['y/b runs with hostNetwork: true'],
  };

  it('gives the verdict for the port asked about, which direction blocks it, and the reasons', () => {
    const text = renderExplanation(e);
    expect(text).toContain('x/a => y/b on 443/TCP: DENIED');
    expect(text).toContain('blocked by: ingress of the destination');
    expect(text).toContain('not isolated: no policy selects x/a for egress');
    expect(text).toContain('isolated for ingress by: y/deny-all, y/allow-web');
    expect(text).toContain('    y/allow-web spec.ingress[0].from[0] ports[0]: TCP 80');
    expect(text).toContain(
      'peer matches, but no port applies here:\n    y/allow-web spec.ingress[1].from[0] ports[0]',
    );
    expect(text).toContain('ingress allows: TCP 80 (443/TCP: no)');
    expect(text).toContain('Notes:\n  - y/b runs with hostNetwork: true');
  });
  it('says when a side is an external address, not governed by NetworkPolicy', () => {
    const { query: _query, ...rest } = e;
    const text = renderExplanation({
      ...rest,
      from: '0.0.0.0-9.255.255.255',
      egress: { ...open, applicable: false },
    });
    expect(text).toContain('0.0.0.0-9.255.255.255 => y/b: ALLOWED');
    expect(text).toContain('not governed by NetworkPolicy');
  });
});
