import { describe, expect, it } from 'vitest';
import { clusterParam, urlWithCluster } from './hooks';

describe('the cluster deep link', () => {
  it('reads ?cluster as the page origin and ?cluster=<url> as that address', () => {
    expect(clusterParam('?cluster')).toBe('');
    expect(clusterParam('?x=1&cluster=http%3A%2F%2F127.0.0.1%3A8001')).toBe('http://127.0.0.1:8001');
    expect(clusterParam('?x=1')).toBeNull();
  });

  it('sets and removes the parameter, keeping the rest of the URL', () => {
    const set = urlWithCluster('http://127.0.0.1:8001/ui/?x=1#h', '');
    expect(set).toBe('http://127.0.0.1:8001/ui/?x=1&cluster=#h');
    expect(clusterParam(new URL(set).search)).toBe('');
    expect(urlWithCluster(set, null)).toBe('http://127.0.0.1:8001/ui/?x=1#h');
  });
});
