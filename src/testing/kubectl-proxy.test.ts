import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-apiserver';
import { startKubectlProxy, type KubectlProxy } from './kubectl-proxy';

/** A GET with a chosen Host header (fetch does not allow setting it). */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { Host: host } : {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('startKubectlProxy', () => {
  it('runs the real kubectl proxy in front of the fake API server, serving a folder under /ui/', async () => {
    const server = new FakeApiServer();
    server.apply({ kind: 'Namespace', metadata: { name: 'shop' } });
    await server.start();
    cleanups.push(() => server.stop());
    const www = mkdtempSync(join(tmpdir(), 'netpol-www-'));
    cleanups.push(() => rmSync(www, { recursive: true, force: true }));
    writeFileSync(join(www, 'index.html'), '<!doctype html><title>app</title>');
    const proxy: KubectlProxy = await startKubectlProxy({ server: server.url, www });
    cleanups.push(() => proxy.stop());

    const page = await get(`${proxy.url}/ui/`);
    expect(page).toEqual({ status: 200, body: '<!doctype html><title>app</title>' });
    const list = JSON.parse((await get(`${proxy.url}/api/v1/namespaces`)).body) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    // kubectl proxy refuses a Host it does not accept.
    expect((await get(`${proxy.url}/api/v1/namespaces`, 'evil.example')).status).toBe(403);
  });

  it('fails with a clear message when kubectl is not there', async () => {
    const saved = process.env['KUBECTL'];
    process.env['KUBECTL'] = '/nonexistent/kubectl';
    cleanups.push(() => {
      if (saved === undefined) delete process.env['KUBECTL'];
      else process.env['KUBECTL'] = saved;
    });
    await expect(startKubectlProxy({ server: 'http://127.0.0.1:1' })).rejects.toThrow(
      'KUBECTL=/nonexistent/kubectl is not an executable',
    );
  });
});
