import { describe, expect, it } from 'vitest';
import { addressText, clockTime, countsText, groupProblems, secondsUntil, statusText } from './live-text';

describe('live text', () => {
  it('counts down the seconds to the next retry', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(13_000, 10_000)).toBe(3);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
    expect(statusText('reconnecting', 13_000, 10_000)).toBe('reconnecting in 3 s');
    expect(statusText('reconnecting', 9_000, 10_000)).toBe('reconnecting now…');
    expect(statusText('connected', null, 0)).toBe('connected');
  });

  it('shows a clock time with two digits each', () => {
    expect(clockTime(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
  });

  it('counts pods, policies and namespaces, singular or plural', () => {
    expect(countsText({ pods: 1, networkpolicies: 2, namespaces: 3, jobs: 4 })).toBe(
      '1 pod · 2 policies · 3 namespaces',
    );
    expect(countsText({})).toBe('');
  });

  it('names the page origin for a blank address', () => {
    expect(addressText('', 'http://127.0.0.1:8001')).toBe('http://127.0.0.1:8001 (this page’s origin)');
    expect(addressText('http://h:1', 'x')).toBe('http://h:1');
  });

  it('names every resource a shared problem hits once', () => {
    expect(
      groupProblems([
        { resource: 'pods', phase: 'retrying', message: 'down' },
        { resource: 'namespaces', phase: 'retrying', message: 'down' },
        { resource: 'networkpolicies.networking.k8s.io', phase: 'forbidden', message: 'no' },
      ]),
    ).toEqual([
      { resources: ['pods', 'namespaces'], message: 'down' },
      { resources: ['networkpolicies.networking.k8s.io'], message: 'no' },
    ]);
  });
});
