import { describe, expect, it } from 'vitest';
import { impactCountsText, peerRefText } from './ImpactPanel';

describe('impact texts', () => {
  it('counts added and removed connections, and changed ones when there are any', () => {
    const base = { changes: [], truncated: false };
    expect(impactCountsText({ ...base, added: 12, removed: 3, changed: 0 })).toBe('+12 / −3 connections');
    expect(impactCountsText({ ...base, added: 1200, removed: 0, changed: 2 })).toBe(
      '+1,200 / −0 connections · 2 changed',
    );
  });
  it('names an endpoint by its id and external addresses by their range', () => {
    expect(peerRefText({ kind: 'endpoint', id: 'shop/web-1' })).toBe('shop/web-1');
    expect(peerRefText({ kind: 'external', cidr: '10.0.0.0/8', beforeRange: 'a', afterRange: 'b' })).toBe(
      '10.0.0.0/8',
    );
  });
});
