import { describe, expect, it } from 'vitest';
import type { IpRange } from '../../engine';
import { portSets } from '../../engine';
import { escapeXml, shapeElement } from './svg-export';
import { allowsPort, describeRanges, formatPorts, rangeToCidrs, shortPorts } from './text';

const v4 = (first: string, last: string): IpRange => ({ id: `${first}-${last}`, family: 4, first, last });

describe('formatPorts', () => {
  it('says "all ports" for every port of every protocol', () => {
    expect(formatPorts(portSets.ALL_PORTS)).toBe('all ports');
  });
  it('lists ports per protocol', () => {
    const p = portSets.unionPorts(portSets.portsOf('TCP', 80), portSets.portsOf('UDP', 53));
    expect(formatPorts(p)).toBe('TCP 80 · UDP 53');
    expect(formatPorts(portSets.portsOf('TCP', 1, 65535))).toBe('TCP (all)');
    expect(formatPorts(portSets.NO_PORTS)).toBe('none');
  });
  it('shortens long lists for edge labels', () => {
    let p = portSets.NO_PORTS;
    for (const n of [80, 443, 8080, 8443, 9090, 9100, 9200])
      p = portSets.unionPorts(p, portSets.portsOf('TCP', n));
    expect(shortPorts(p)).toBe('80,443,8080,8443 +3');
  });
  it('tells whether a port is allowed', () => {
    const p = portSets.portsOf('TCP', 5000, 6000);
    expect(allowsPort(p, { port: 5432, protocol: 'TCP' })).toBe(true);
    expect(allowsPort(p, { port: 5432, protocol: 'UDP' })).toBe(false);
  });
});

describe('ranges', () => {
  it('decomposes a range into CIDRs', () => {
    expect(rangeToCidrs(v4('10.0.0.0', '10.255.255.255'))).toEqual(['10.0.0.0/8']);
    expect(rangeToCidrs(v4('0.0.0.0', '9.255.255.255'))).toEqual(['0.0.0.0/5', '8.0.0.0/7']);
  });
  it('describes look-alike ranges as a CIDR with exceptions when shorter', () => {
    const d = describeRanges([v4('0.0.0.0', '9.255.255.255'), v4('11.0.0.0', '255.255.255.255')]);
    expect(d.label).toBe('0.0.0.0/0 except 10.0.0.0/8');
  });
  it('lists the CIDRs of a few scattered ranges', () => {
    const d = describeRanges([v4('10.0.0.0', '10.255.255.255'), v4('192.168.0.0', '192.168.255.255')]);
    expect(d.label).toBe('10.0.0.0/8, 192.168.0.0/16');
  });
  it('names IPv6 ranges', () => {
    const all6: IpRange = {
      id: '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      family: 6,
      first: '::',
      last: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    };
    expect(describeRanges([all6]).label).toBe('::/0');
  });
});

describe('svg export helpers', () => {
  it('escapes markup in user strings', () => {
    expect(escapeXml('<script>alert("x")</script> & \'y\'')).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;',
    );
  });
  it('draws node shapes', () => {
    expect(shapeElement('ellipse', 10, 20, 30, 30)).toBe('<ellipse cx="10" cy="20" rx="15" ry="15"');
    expect(shapeElement('round-diamond', 0, 0, 20, 20)).toMatch(/^<polygon points="0,-10 10,0 0,10 -10,0"/);
    expect(shapeElement('round-rectangle', 0, 0, 40, 20)).toMatch(/^<rect /);
  });
});
