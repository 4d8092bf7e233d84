import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer, type FakeObject } from '../testing/fake-apiserver';
import { DEMO_SOURCE } from '../demo';
import type { ResourceState } from '../io/k8s-api';
import { RESOURCE_TYPES } from '../io/k8s-api';
import { LIVE_SOURCE_ID, liveDeps, overallStatus, parseAddress, useLive } from './live';
import { useStudio } from './store';
import { startLiveSync } from '../io/k8s-api';

const pod = (namespace: string, name: string): FakeObject => ({
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const liveText = () => useStudio.getState().sources.find((s) => s.id === LIVE_SOURCE_ID)?.text ?? '';

let server: FakeApiServer | null = null;
afterEach(async () => {
  useLive.getState().disconnect({ removeObjects: true });
  await server?.stop();
  server = null;
  liveDeps.start = startLiveSync;
});

const state = (plural: string, phase: ResourceState['phase'], synced = true): ResourceState => ({
  type: RESOURCE_TYPES.find((t) => t.plural === plural)!,
  phase,
  count: 0,
  synced,
});

describe('parseAddress', () => {
  it('reads blank as the page origin and trims a trailing slash', () => {
    expect(parseAddress('  ')).toEqual({ baseUrl: '' });
    expect(parseAddress('http://127.0.0.1:8001/')).toEqual({ baseUrl: 'http://127.0.0.1:8001' });
    expect(parseAddress('https://k8s.example/proxy/')).toEqual({ baseUrl: 'https://k8s.example/proxy' });
    expect(parseAddress('127.0.0.1:8001')).toEqual({ baseUrl: 'http://127.0.0.1:8001' });
  });

  it('says what is wrong with an address it cannot use', () => {
    expect(parseAddress('ftp://127.0.0.1:8001')).toEqual({
      error: 'the address must start with http:// or https:// (not ftp:)',
    });
    expect(parseAddress('http://not a url')).toEqual({
      error: '"http://not a url" is not a URL: give one like http://127.0.0.1:8001, or leave it blank',
    });
    expect(parseAddress('http://h/?x=1')).toEqual({ error: 'the address takes no ?query or #fragment' });
  });
});

describe('overallStatus', () => {
  it('is connecting until every resource listed, then connected', () => {
    expect(overallStatus([state('pods', 'watching'), state('namespaces', 'listing', false)])).toBe(
      'connecting',
    );
    expect(overallStatus([state('pods', 'watching'), state('jobs', 'missing')])).toBe('connected');
    // A re-list after a 410 is not a new connection.
    expect(overallStatus([state('pods', 'listing', true)])).toBe('connected');
  });

  it('is reconnecting while any resource waits to retry, and error when nothing can be read', () => {
    expect(overallStatus([state('pods', 'watching'), state('namespaces', 'retrying')])).toBe('reconnecting');
    expect(overallStatus([state('pods', 'forbidden'), state('namespaces', 'failed')])).toBe('error');
    expect(overallStatus([state('pods', 'watching'), state('networkpolicies', 'forbidden')])).toBe(
      'connected',
    );
  });
});

describe('useLive', () => {
  it('puts the cluster in the workspace as the live source, in place of the demo, and follows it', async () => {
    server = new FakeApiServer();
    server.apply({ kind: 'Namespace', metadata: { name: 'shop' } }, pod('shop', 'web'));
    await server.start();
    useStudio.getState().importSources([DEMO_SOURCE], 'replace');
    useLive.getState().connect(server.url);
    expect(useLive.getState().status).toBe('connecting');
    await waitFor('the live source', () => liveText().includes('"web"'));
    expect(useStudio.getState().sources.map((s) => s.id)).toEqual([LIVE_SOURCE_ID]);
    expect(JSON.parse(liveText())).toMatchObject({ kind: 'List', apiVersion: 'v1' });
    await waitFor('connected', () => useLive.getState().status === 'connected');
    expect(useLive.getState().counts).toMatchObject({ pods: 1, namespaces: 1 });
    expect(useLive.getState().lastUpdate).toBeGreaterThan(0);

    // The selection stays as the live source changes.
    useStudio.getState().select({ kind: 'endpoint', id: 'shop/web' });
    server.apply(pod('shop', 'api'));
    await waitFor('the new pod', () => liveText().includes('"api"'));
    expect(useStudio.getState().selection).toEqual({ kind: 'endpoint', id: 'shop/web' });

    // Disconnect keeps the objects; asked to, it removes them.
    useLive.getState().disconnect();
    expect(useLive.getState().status).toBe('disconnected');
    expect(liveText()).toContain('"api"');
    useLive.getState().disconnect({ removeObjects: true });
    expect(liveText()).toBe('');
  });

  it('keeps the other sources beside the cluster when they are more than the demo', async () => {
    server = new FakeApiServer();
    server.apply({ kind: 'Namespace', metadata: { name: 'shop' } });
    await server.start();
    useStudio
      .getState()
      .importSources([{ name: 'mine.yaml', text: 'kind: Namespace\nmetadata: {name: a}\n' }], 'replace');
    useLive.getState().connect(server.url);
    await waitFor('the live source', () => liveText() !== '');
    expect(useStudio.getState().sources.map((s) => s.name)).toEqual(['mine.yaml', 'cluster (live)']);
  });

  it('lists forbidden resources by name, with the permission they need', async () => {
    server = new FakeApiServer();
    server.forbid('pods');
    await server.start();
    useLive.getState().connect(`${server.url}/`);
    await waitFor('the problem', () => useLive.getState().problems.length > 0);
    expect(useLive.getState().problems[0]).toMatchObject({
      resource: 'pods',
      phase: 'forbidden',
      message: expect.stringContaining('cannot list pods at cluster scope: needs list/watch on pods'),
    });
    await waitFor('connected', () => useLive.getState().status === 'connected');
  });

  it('reports an address it cannot use without starting anything', () => {
    let started = 0;
    liveDeps.start = (o) => {
      started++;
      return startLiveSync(o);
    };
    useLive.getState().connect('ftp://x');
    expect(started).toBe(0);
    expect(useLive.getState().status).toBe('error');
    expect(useLive.getState().problems[0]!.message).toContain('must start with http://');
  });
});
