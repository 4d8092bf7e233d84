import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance, parseAddress, resolveEndpoint } from './resolve';
import { endpoint } from './test/fake-analysis';

const view = {
  endpoints: [
    endpoint('x/a', 'Pod', { ips: ['10.0.0.5', 'fd00::5'] }),
    endpoint('payments/api-0'),
    endpoint('payments/api-1'),
  ],
  ipRanges: [
    { id: '0.0.0.0-10.255.255.255', family: 4 as const, first: '0.0.0.0', last: '10.255.255.255' },
    { id: '11.0.0.0-255.255.255.255', family: 4 as const, first: '11.0.0.0', last: '255.255.255.255' },
    {
      id: '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      family: 6 as const,
      first: '::',
      last: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    },
  ],
};

describe('resolveEndpoint', () => {
  it('finds endpoint and range ids as written', () => {
    expect(resolveEndpoint(view, 'x/a')).toEqual({ ok: true, id: 'x/a' });
    expect(resolveEndpoint(view, '11.0.0.0-255.255.255.255')).toEqual({
      ok: true,
      id: '11.0.0.0-255.255.255.255',
    });
  });
  it('maps an address to the pod that has it, in either family and spelling', () => {
    expect(resolveEndpoint(view, 'fd00:0::5')).toMatchObject({ ok: true, id: 'x/a' });
  });
  it('maps an external address to the range containing it', () => {
    expect(resolveEndpoint(view, '11.2.3.4')).toMatchObject({ ok: true, id: '11.0.0.0-255.255.255.255' });
    expect(resolveEndpoint(view, '2001:db8::1')).toMatchObject({
      ok: true,
      id: '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    });
  });
  it('suggests close matches for an unknown id', () => {
    const r = resolveEndpoint(view, 'payments/api');
    expect(r).toMatchObject({ ok: false, suggestions: ['payments/api-0', 'payments/api-1'] });
  });
});

describe('parseAddress', () => {
  it('reads IPv4 and IPv6 as numbers and refuses shorthands and names', () => {
    expect(parseAddress('10.0.0.1')).toEqual({ family: 4, value: 167772161n });
    expect(parseAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseAddress('10')).toBeUndefined();
    expect(parseAddress('x/a')).toBeUndefined();
  });
});

describe('closeMatches', () => {
  it('ranks containing ids before ids a few edits away', () => {
    expect(closeMatches('ns/web', ['ns/web-1', 'ns/wbe', 'other/x'])).toEqual(['ns/web-1', 'ns/wbe']);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
