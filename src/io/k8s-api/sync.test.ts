import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer, type FakeObject } from '../../testing/fake-apiserver';
import {
  startLiveSync,
  type LiveSnapshot,
  type LiveSync,
  type LiveSyncOptions,
  type ResourceState,
} from './sync';

const ns = (name: string): FakeObject => ({ kind: 'Namespace', metadata: { name } });
const pod = (namespace: string, name: string, labels: Record<string, string> = {}): FakeObject => ({
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running', podIP: '10.0.0.1' },
});
const policy = (namespace: string, name: string): FakeObject => ({
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
});

interface Run {
  readonly server: FakeApiServer;
  readonly sync: LiveSync;
  readonly snapshots: LiveSnapshot[];
  readonly statuses: (readonly ResourceState[])[];
  last(): LiveSnapshot | undefined;
  names(kind: string): string[];
  state(plural: string): ResourceState;
}

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function connect(server: FakeApiServer, options: Partial<LiveSyncOptions> = {}): Promise<Run> {
  if (!server.running) await server.start();
  const snapshots: LiveSnapshot[] = [];
  const statuses: (readonly ResourceState[])[] = [];
  const sync = startLiveSync({
    baseUrl: server.url,
    debounceMs: 20,
    maxWaitMs: 100,
    backoff: { initialMs: 20, maxMs: 300, factor: 2, jitter: 0.2 },
    optionalStreams: 7,
    onSnapshot: (s) => snapshots.push(s),
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  running.push(async () => {
    sync.stop();
    await server.stop();
  });
  const run: Run = {
    server,
    sync,
    snapshots,
    statuses,
    last: () => snapshots[snapshots.length - 1],
    names: (kind) =>
      (run.last()?.objects ?? [])
        .filter((o) => o['kind'] === kind)
        .map((o) => {
          const m = o['metadata'] as { namespace?: string; name: string };
          return m.namespace ? `${m.namespace}/${m.name}` : m.name;
        }),
    state: (plural) => sync.states().find((s) => s.type.plural === plural)!,
  };
  await waitFor('the first snapshot', () => snapshots.length > 0);
  return run;
}

const requestsTo = (server: FakeApiServer, path: string, watch: boolean) =>
  server.requests.filter((r) => r.path === path && (r.query['watch'] === '1') === watch);

describe('startLiveSync', () => {
  it('lists every kind page by page and emits one snapshot of all objects, with kind and apiVersion', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'), ns('data'));
    for (let i = 0; i < 5; i++) server.apply(pod('shop', `web-${i}`, { app: 'web' }));
    server.apply(policy('shop', 'deny-all'));
    const run = await connect(server, { pageSize: 2 });

    expect(run.snapshots).toHaveLength(1);
    expect(run.names('Namespace')).toEqual(['data', 'shop']);
    expect(run.names('Pod')).toEqual(['shop/web-0', 'shop/web-1', 'shop/web-2', 'shop/web-3', 'shop/web-4']);
    expect(run.names('NetworkPolicy')).toEqual(['shop/deny-all']);
    expect(run.last()!.counts).toMatchObject({ namespaces: 2, pods: 5, networkpolicies: 1, deployments: 0 });
    const first = run.last()!.objects.find((o) => o['kind'] === 'Pod')!;
    expect(first['apiVersion']).toBe('v1');
    expect(run.last()!.objects.find((o) => o['kind'] === 'NetworkPolicy')!['apiVersion']).toBe(
      'networking.k8s.io/v1',
    );
    // Five pods in pages of two: three list requests, the later ones with a continue token.
    const lists = requestsTo(server, '/api/v1/pods', false);
    expect(lists.map((r) => [r.query['limit'], Boolean(r.query['continue'])])).toEqual([
      ['2', false],
      ['2', true],
      ['2', true],
    ]);
    await waitFor('every watch', () => run.sync.states().every((s) => s.phase === 'watching'));
  });

  it('watches from the list resourceVersion with bookmarks, and follows creations, changes and deletions', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'), pod('shop', 'a'));
    const run = await connect(server);
    await waitFor('the pods watch', () => server.watchCount === 10);
    const watch = requestsTo(server, '/api/v1/pods', true)[0]!;
    expect(watch.query).toMatchObject({
      resourceVersion: server.resourceVersion,
      allowWatchBookmarks: 'true',
    });

    server.apply(pod('shop', 'b'), policy('shop', 'p1'));
    await waitFor(
      'b and p1',
      () => run.names('Pod').includes('shop/b') && run.names('NetworkPolicy').length === 1,
    );
    server.apply(pod('shop', 'b', { app: 'changed' }));
    await waitFor('b relabelled', () =>
      run
        .last()!
        .objects.some((o) => JSON.stringify(o['metadata']).includes('"changed"') && o['kind'] === 'Pod'),
    );
    server.remove('Pod', 'shop', 'a');
    server.remove('NetworkPolicy', 'shop', 'p1');
    await waitFor(
      'a and p1 gone',
      () => run.names('Pod').join() === 'shop/b' && run.names('NetworkPolicy').length === 0,
    );
    expect(run.state('pods').count).toBe(1);
    // Nothing was listed twice.
    expect(requestsTo(server, '/api/v1/pods', false)).toHaveLength(1);
  });

  it('debounces a burst of changes into one snapshot', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'));
    const run = await connect(server, { debounceMs: 150, maxWaitMs: 2000 });
    await waitFor('the watches', () => server.watchCount === 10);
    const before = run.snapshots.length;
    for (let i = 0; i < 20; i++) server.apply(pod('shop', `p${i}`));
    await waitFor('the 20 pods', () => run.names('Pod').length === 20);
    expect(run.snapshots.length).toBe(before + 1);
  });

  it('resumes a watch that ends from the last resourceVersion, bookmarks included, without listing again', async () => {
    const server = new FakeApiServer({ bookmarkIntervalMs: 50 });
    server.apply(ns('shop'), pod('shop', 'a'));
    const run = await connect(server);
    await waitFor('the watches', () => server.watchCount === 10);
    // Changes to other kinds move the resourceVersion; the pods watch learns it from a bookmark.
    server.apply(ns('other'), ns('third'));
    const moved = server.resourceVersion;
    await new Promise((r) => setTimeout(r, 200));
    server.endWatches();
    await waitFor('a second pods watch', () => requestsTo(server, '/api/v1/pods', true).length === 2);
    expect(requestsTo(server, '/api/v1/pods', true)[1]!.query['resourceVersion']).toBe(moved);
    expect(requestsTo(server, '/api/v1/pods', false)).toHaveLength(1);
    server.apply(pod('shop', 'after'));
    await waitFor('the pod made after the resume', () => run.names('Pod').includes('shop/after'));
  });

  it.each(['event', 'status'] as const)(
    'lists again when a watch gets 410 Gone (as an %s), and ends up with the current objects',
    async (goneAs) => {
      const server = new FakeApiServer({ goneAs });
      server.apply(ns('shop'), pod('shop', 'a'), pod('shop', 'b'));
      const run = await connect(server);
      await waitFor('the watches', () => server.watchCount === 10);
      // The server loses its history while the watches are cut: resuming from the old version is 410.
      await server.stop();
      server.remove('Pod', 'shop', 'a');
      server.apply(pod('shop', 'c'));
      server.compact();
      await server.start();
      await waitFor('the re-list', () => requestsTo(server, '/api/v1/pods', false).length === 2);
      await waitFor('the current pods', () => run.names('Pod').join() === 'shop/b,shop/c');
      const watches = requestsTo(server, '/api/v1/pods', true);
      expect(watches.length).toBeGreaterThanOrEqual(2);
      await waitFor('watching again', () => run.state('pods').phase === 'watching');
    },
  );

  it('starts the list again when a continue token has expired (410) between pages', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'));
    for (let i = 0; i < 4; i++) server.apply(pod('shop', `p${i}`));
    let compacted = false;
    const fetchSpy: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/api/v1/pods?') && url.includes('continue=') && !compacted) {
        compacted = true;
        server.compact();
      }
      return fetch(input, init);
    };
    const run = await connect(server, { pageSize: 3, fetch: fetchSpy });
    expect(run.names('Pod')).toEqual(['shop/p0', 'shop/p1', 'shop/p2', 'shop/p3']);
    const lists = requestsTo(server, '/api/v1/pods', false);
    expect(lists.map((r) => r.status)).toEqual([200, 410, 200, 200]);
  });

  it('reports a 403 with the resource and the permission it needs, while the other kinds keep working', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'), pod('shop', 'a'), policy('shop', 'p'));
    server.forbid('networkpolicies');
    const run = await connect(server);
    const denied = run.state('networkpolicies');
    expect(denied.phase).toBe('forbidden');
    expect(denied.message).toContain(
      'cannot list networkpolicies.networking.k8s.io at cluster scope: needs list/watch on networkpolicies.networking.k8s.io',
    );
    expect(denied.message).toContain('User "system:serviceaccount:default:viewer" cannot list');
    expect(run.names('Pod')).toEqual(['shop/a']);
    expect(run.names('NetworkPolicy')).toEqual([]);
    server.apply(pod('shop', 'b'));
    await waitFor('pod b', () => run.names('Pod').includes('shop/b'));
    expect(run.state('pods').phase).toBe('watching');
  });

  it('names the watch permission when listing is allowed but watching is not', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'), pod('shop', 'a'));
    server.forbid('pods', true, ['watch']);
    const run = await connect(server);
    await waitFor('forbidden', () => run.state('pods').phase === 'forbidden');
    expect(run.state('pods').message).toContain(
      'cannot watch pods at cluster scope: needs list/watch on pods',
    );
    // What the list gave stays, and the retries (list allowed, watch not) do not hide the problem.
    expect(run.names('Pod')).toEqual(['shop/a']);
    const from = run.statuses.length;
    await waitFor('two more lists', () => requestsTo(server, '/api/v1/pods', false).length >= 3);
    const phases = run.statuses.slice(from).map((all) => all.find((x) => x.type.plural === 'pods')!.phase);
    expect(new Set(phases)).toEqual(new Set(['forbidden']));
  });

  it('skips an optional kind whose API group is missing (404), with a note', async () => {
    const server = new FakeApiServer({ groups: ['', 'apps', 'networking.k8s.io'] });
    server.apply(ns('shop'), pod('shop', 'a'));
    const run = await connect(server);
    expect(run.state('jobs')).toMatchObject({ phase: 'missing' });
    expect(run.state('jobs').message).toContain('jobs.batch is not served by this cluster');
    expect(run.state('cronjobs').phase).toBe('missing');
    expect(run.names('Pod')).toEqual(['shop/a']);
    await waitFor('the others watch', () =>
      run.sync.states().every((s) => s.phase === 'watching' || s.phase === 'missing'),
    );
  });

  it('retries with growing, capped, jittered delays while the server is down, then resumes', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'), pod('shop', 'a'));
    const run = await connect(server, {
      backoff: { initialMs: 40, maxMs: 160, factor: 2, jitter: 0.5 },
      random: () => 0.5,
    });
    await waitFor('the watches', () => server.watchCount === 10);
    await server.stop();
    server.apply(pod('shop', 'made-while-down'));
    await waitFor('retrying', () => run.state('pods').phase === 'retrying');
    expect(run.state('pods').message).toMatch(/no connection to the API at http:\/\/127\.0\.0\.1:\d+/);
    // Delays of the pods reader: 40·0.75, 80·0.75, 160·0.75, then capped at 160·0.75.
    let last = 0;
    const seen: number[] = [];
    await waitFor('four retries', () => {
      const s = run.state('pods');
      if (s.retryAt !== undefined && s.retryAt !== last) {
        last = s.retryAt;
        seen.push(s.retryAt);
      }
      return seen.length >= 4;
    });
    const gaps = seen.slice(1).map((t, i) => t - seen[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(60);
    expect(gaps[2]).toBeGreaterThanOrEqual(120);
    expect(gaps[2]).toBeLessThan(400);
    await server.start();
    await waitFor('the pod made while down', () => run.names('Pod').includes('shop/made-while-down'));
    await waitFor('watching', () => run.state('pods').phase === 'watching');
    // Resumed from the old resourceVersion: no second list.
    expect(requestsTo(server, '/api/v1/pods', false)).toHaveLength(1);
  });

  it('says when the address answers with something that is not the Kubernetes API', async () => {
    const html: typeof fetch = async () =>
      new Response('<!doctype html><title>app</title>', { headers: { 'Content-Type': 'text/html' } });
    const snapshots: LiveSnapshot[] = [];
    const sync = startLiveSync({
      baseUrl: 'http://127.0.0.1:1',
      fetch: html,
      backoff: { initialMs: 1000, maxMs: 1000, factor: 2, jitter: 0 },
      onSnapshot: (s) => snapshots.push(s),
    });
    try {
      await waitFor('failed', () => sync.states().every((s) => s.phase === 'failed'));
      expect(sync.states()[0]!.message).toBe(
        'GET /api/v1/namespaces returned something that is not JSON (text/html): is this the address of a Kubernetes API server (kubectl proxy)?',
      );
      // Nothing was read, so no (empty) snapshot replaces what the workspace holds.
      await new Promise((r) => setTimeout(r, 300));
      expect(snapshots).toEqual([]);
    } finally {
      sync.stop();
    }
  });

  it('lets the optional kinds take turns on a few streams, so a browser’s six connections suffice', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'));
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, server.watchCount);
      return fetch(input, init);
    };
    const run = await connect(server, { optionalStreams: 1, turnMs: 30, fetch: counting });
    await waitFor('the required watches', () => server.watchCount === 4);
    server.apply({
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    });
    server.apply({ kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: {} });
    await waitFor('the deployment and the cronjob', () =>
      ['Deployment', 'CronJob'].every((k) => run.names(k).length === 1),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(most).toBeLessThanOrEqual(4);
    expect(server.watchCount).toBeLessThanOrEqual(4);
    // Every kind kept its place: each turn resumed from the last resourceVersion, never listed again.
    expect(requestsTo(server, '/apis/apps/v1/deployments', false)).toHaveLength(1);
    expect(requestsTo(server, '/apis/apps/v1/deployments', true).length).toBeGreaterThan(1);
  });

  it('says so when a required kind is not found (404): the address is not a Kubernetes API', async () => {
    const notFound: typeof fetch = async () => new Response('404 page not found', { status: 404 });
    const sync = startLiveSync({
      baseUrl: 'http://127.0.0.1:1',
      fetch: notFound,
      backoff: { initialMs: 1000, maxMs: 1000, factor: 2, jitter: 0 },
      onSnapshot: () => {},
    });
    try {
      await waitFor('settled', () =>
        sync.states().every((s) => s.phase === 'failed' || s.phase === 'missing'),
      );
      expect(sync.states().find((s) => s.type.plural === 'pods')!.message).toBe(
        'HTTP 404 for GET /api/v1/pods: 404 page not found: is this the address of a Kubernetes API server (kubectl proxy)?',
      );
      expect(sync.states().find((s) => s.type.plural === 'jobs')!.phase).toBe('missing');
    } finally {
      sync.stop();
    }
  });

  it('stops every watch and emits nothing after stop()', async () => {
    const server = new FakeApiServer();
    server.apply(ns('shop'));
    const run = await connect(server);
    await waitFor('the watches', () => server.watchCount === 10);
    run.sync.stop();
    const count = run.snapshots.length;
    const statuses = run.statuses.length;
    await waitFor('the watches to close', () => server.watchCount === 0);
    server.apply(pod('shop', 'late'));
    await new Promise((r) => setTimeout(r, 100));
    expect(run.snapshots.length).toBe(count);
    expect(run.statuses.length).toBe(statuses);
  });
});
