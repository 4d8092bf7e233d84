import { describe, expect, it } from 'vitest';
import { describePorts, formatPortRanges, parsePortQuery } from './ports';
import { ALL, ports } from './test/fake-analysis';

describe('formatPortRanges', () => {
  it('writes single ports and ranges ascending, comma-separated', () => {
    expect(
      formatPortRanges([
        [80, 80],
        [443, 443],
        [8000, 8080],
      ]),
    ).toBe('80,443,8000-8080');
  });
  it('writes every port as 1-65535 and no port as the empty string', () => {
    expect(formatPortRanges([[1, 65535]])).toBe('1-65535');
    expect(formatPortRanges([])).toBe('');
  });
  it('merges ranges that touch or overlap and sorts unsorted input', () => {
    expect(
      formatPortRanges([
        [81, 90],
        [80, 80],
        [85, 100],
        [101, 101],
      ]),
    ).toBe('80-101');
  });
});

describe('describePorts', () => {
  it('says All Connections for every port of every protocol', () => {
    expect(describePorts(ALL)).toBe('All Connections');
  });
  it('lists protocols with ports, leaving out the empty ones', () => {
    expect(
      describePorts(
        ports(
          [
            [80, 80],
            [443, 443],
          ],
          [[53, 53]],
        ),
      ),
    ).toBe('TCP 80,443; UDP 53');
    expect(describePorts(ports([[1, 65535]], [[1, 65535]]))).toBe('TCP 1-65535; UDP 1-65535');
  });
  it('says none when nothing is allowed', () => {
    expect(describePorts(ports())).toBe('none');
  });
});

describe('parsePortQuery', () => {
  it('reads PORT/PROTOCOL in any case, TCP by default', () => {
    expect(parsePortQuery('80/TCP')).toEqual({ port: 80, protocol: 'TCP' });
    expect(parsePortQuery('53/udp')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortQuery('8080')).toEqual({ port: 8080, protocol: 'TCP' });
  });
  it('refuses ports outside 1-65535, unknown protocols and names', () => {
    for (const bad of ['0', '65536', '80/ICMP', 'http', '80/', '-1'])
      expect(parsePortQuery(bad)).toBeUndefined();
  });
});
