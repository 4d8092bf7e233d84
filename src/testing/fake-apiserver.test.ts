import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-apiserver';

const servers: FakeApiServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function started(options?: ConstructorParameters<typeof FakeApiServer>[0]): Promise<FakeApiServer> {
  const server = new FakeApiServer(options);
  servers.push(server);
  await server.start();
  return server;
}

const json = async (url: string) => {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('FakeApiServer', () => {
  it('answers discovery as kubectl expects it', async () => {
    const s = await started({ groups: ['', 'apps', 'networking.k8s.io'] });
    expect((await json(`${s.url}/version?timeout=5s`)).body).toMatchObject({ major: '1', minor: '32' });
    expect((await json(`${s.url}/api`)).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await json(`${s.url}/apis`)).body['groups'] as { name: string }[];
    expect(groups.map((g) => g.name)).toEqual(['apps', 'networking.k8s.io']);
    const core = (await json(`${s.url}/api/v1`)).body['resources'] as { name: string; namespaced: boolean }[];
    expect(core.find((r) => r.name === 'namespaces')).toMatchObject({ namespaced: false });
    expect((await json(`${s.url}/apis/batch/v1/jobs`)).status).toBe(404);
  });

  it('lists by namespace, gets one object, and keeps one resourceVersion for all changes', async () => {
    const s = await started();
    const [a] = s.apply({ kind: 'Pod', metadata: { name: 'a', namespace: 'x' } });
    s.apply({ kind: 'Pod', metadata: { name: 'b', namespace: 'y' } });
    expect(a!.metadata['resourceVersion']).toBe('101');
    expect(s.resourceVersion).toBe('102');
    const inX = await json(`${s.url}/api/v1/namespaces/x/pods`);
    expect(inX.body).toMatchObject({ kind: 'PodList', metadata: { resourceVersion: '102' } });
    expect((inX.body['items'] as unknown[]).length).toBe(1);
    expect((await json(`${s.url}/api/v1/namespaces/y/pods/b`)).body).toMatchObject({ kind: 'Pod' });
    expect((await json(`${s.url}/api/v1/namespaces/y/pods/zzz`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/v1/namespaces/x/pods`, { method: 'POST', body: '{}' })).status).toBe(
      405,
    );
  });

  it('keeps its state and port across a restart; a compacting restart answers old versions with 410', async () => {
    const s = await started({ goneAs: 'status' });
    s.apply({ kind: 'Namespace', metadata: { name: 'n' } });
    const url = s.url;
    await s.restart();
    expect(s.url).toBe(url);
    expect(((await json(`${url}/api/v1/namespaces`)).body['items'] as unknown[]).length).toBe(1);
    const old = s.resourceVersion;
    await s.restart({ compact: true });
    const gone = await json(`${url}/api/v1/namespaces?watch=1&resourceVersion=${old}`);
    expect(gone).toMatchObject({ status: 410, body: { kind: 'Status', code: 410, reason: 'Expired' } });
  });
});
