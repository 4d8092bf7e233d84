/**
 * A fake Kubernetes API server for tests, on Node's `http`, with the semantics a client of list
 * and watch depends on: discovery (`/version`, `/api`, `/apis`, v1, apps/v1, batch/v1,
 * networking.k8s.io/v1), one resourceVersion counter for all objects, lists with `limit`/`continue`
 * pages served from a consistent snapshot (tokens expire on compaction: 410), watch streams of
 * ADDED/MODIFIED/DELETED events replayed from a resourceVersion, BOOKMARK events when asked for,
 * `410 Gone` for a resourceVersion older than the last compaction, `403` for chosen resources, and
 * stop/restart on the same port keeping (or compacting) its state. Tests change objects in-process.
 * It serves reads only; writes answer 405.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** An object as JSON, with at least `kind` and `metadata.name`. */
export type FakeObject = Record<string, unknown> & {
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string };
};

interface Resource {
  readonly kind: string;
  readonly plural: string;
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
}

const r = (kind: string, plural: string, group: string, version: string, namespaced = true): Resource => ({
  kind,
  plural,
  group,
  version,
  namespaced,
});

const RESOURCES: readonly Resource[] = [
  r('Namespace', 'namespaces', '', 'v1', false),
  r('Pod', 'pods', '', 'v1'),
  r('Service', 'services', '', 'v1'),
  r('ReplicationController', 'replicationcontrollers', '', 'v1'),
  r('Deployment', 'deployments', 'apps', 'v1'),
  r('StatefulSet', 'statefulsets', 'apps', 'v1'),
  r('DaemonSet', 'daemonsets', 'apps', 'v1'),
  r('ReplicaSet', 'replicasets', 'apps', 'v1'),
  r('Job', 'jobs', 'batch', 'v1'),
  r('CronJob', 'cronjobs', 'batch', 'v1'),
  r('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', 'v1'),
];

const apiVersionOf = (res: Resource): string =>
  res.group === '' ? res.version : `${res.group}/${res.version}`;

export interface FakeApiServerOptions {
  /** The port to listen on (127.0.0.1); 0, the default, picks a free one (kept across restarts). */
  readonly port?: number;
  /** API groups served (`''` is the core group); the default serves all four. */
  readonly groups?: readonly string[];
  /** How often a watch that allows bookmarks gets one. */
  readonly bookmarkIntervalMs?: number;
  /** Watches end after `timeoutSeconds`, and at the latest after this. */
  readonly maxWatchSeconds?: number;
  /** A watch from a compacted resourceVersion fails with an ERROR event (as kube-apiserver does) or an HTTP 410. */
  readonly goneAs?: 'event' | 'status';
}

/** A request the server answered: for tests that check what a client asked. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

interface Watcher {
  readonly res: Resource;
  readonly namespace: string | null;
  readonly response: ServerResponse;
  readonly close: () => void;
}

interface HistoryEvent {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly res: Resource;
  readonly object: FakeObject;
}

interface Continuation {
  readonly rv: number;
  readonly items: readonly FakeObject[];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function status(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The fake API server. `start()` it, change objects with `apply`/`remove`, `stop()` it. */
export class FakeApiServer {
  /** Every request answered, in order. */
  readonly requests: LoggedRequest[] = [];
  private readonly objects = new Map<Resource, Map<string, FakeObject>>();
  private history: HistoryEvent[] = [];
  private rv = 100;
  private compactedRv = 0;
  private readonly watchers = new Set<Watcher>();
  private readonly forbidden = new Map<string, ReadonlySet<string>>();
  private readonly continuations = new Map<string, Continuation>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private port: number;
  private readonly groups: ReadonlySet<string>;
  private readonly bookmarkIntervalMs: number;
  private readonly maxWatchSeconds: number;
  private readonly goneAs: 'event' | 'status';

  constructor(options: FakeApiServerOptions = {}) {
    this.port = options.port ?? 0;
    this.groups = new Set(options.groups ?? ['', 'apps', 'batch', 'networking.k8s.io']);
    this.bookmarkIntervalMs = options.bookmarkIntervalMs ?? 1000;
    this.maxWatchSeconds = options.maxWatchSeconds ?? 60;
    this.goneAs = options.goneAs ?? 'event';
    for (const res of RESOURCES) this.objects.set(res, new Map());
  }

  /** `http://127.0.0.1:PORT` (after `start`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The current resourceVersion (of the last change). */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Whether the server is listening. */
  get running(): boolean {
    return this.server !== null;
  }

  /** Starts listening on 127.0.0.1 (the same port as before after a stop). Resolves with the URL. */
  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
    return this.url;
  }

  /** Stops as a crash would: every connection, watches included, is cut. The state is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const w of [...this.watchers]) w.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /**
   * Stops and starts again on the same port. `compact: true` also forgets the history, as a
   * server that comes back with a compacted store: watches from older versions then get 410.
   */
  async restart(options: { readonly compact?: boolean } = {}): Promise<string> {
    await this.stop();
    if (options.compact) this.compact();
    return this.start();
  }

  /** Forgets the event history (and list continuations) up to now: older resourceVersions get 410. */
  compact(): void {
    this.rv += 10;
    this.compactedRv = this.rv;
    this.history = [];
    this.continuations.clear();
  }

  /**
   * Makes requests for a resource (by plural, `pods`) answer 403 for the given verbs (`get`,
   * `list`, `watch`; all three by default), or, with `forbidden` false, allows them again.
   */
  forbid(plural: string, forbidden = true, verbs: readonly string[] = ['get', 'list', 'watch']): void {
    if (forbidden) this.forbidden.set(plural, new Set(verbs));
    else this.forbidden.delete(plural);
  }

  /** Ends every open watch cleanly, as a server does when a watch's timeout is over. */
  endWatches(): void {
    for (const w of [...this.watchers]) {
      w.close();
      w.response.end();
    }
  }

  /** Open watch streams. */
  get watchCount(): number {
    return this.watchers.size;
  }

  /** Creates or replaces objects (ADDED or MODIFIED events); returns the stored copies. */
  apply(...objects: readonly FakeObject[]): FakeObject[] {
    return objects.map((o) => this.applyOne(o));
  }

  /** Deletes an object (a DELETED event); false when there was none. */
  remove(kind: string, namespace: string | undefined, name: string): boolean {
    const res = this.resourceOfKind(kind);
    const store = this.objects.get(res)!;
    const key = this.keyOf(res, namespace, name);
    const existing = store.get(key);
    if (!existing) return false;
    store.delete(key);
    const object = clone(existing);
    object.metadata['resourceVersion'] = String(++this.rv);
    this.record({ rv: this.rv, type: 'DELETED', res, object });
    return true;
  }

  /** The stored objects of a kind. */
  objectsOf(kind: string): FakeObject[] {
    return [...this.objects.get(this.resourceOfKind(kind))!.values()].map(clone);
  }

  private resourceOfKind(kind: string): Resource {
    const res = RESOURCES.find((x) => x.kind === kind);
    if (!res) throw new Error(`fake-apiserver: unknown kind ${kind}`);
    return res;
  }

  private keyOf(res: Resource, namespace: string | undefined, name: string): string {
    return res.namespaced ? `${namespace ?? 'default'}/${name}` : name;
  }

  private applyOne(input: FakeObject): FakeObject {
    const res = this.resourceOfKind(input.kind);
    const store = this.objects.get(res)!;
    const object = clone(input);
    if (res.namespaced) object.metadata.namespace = input.metadata.namespace ?? 'default';
    else delete object.metadata.namespace;
    object.apiVersion = apiVersionOf(res);
    const key = this.keyOf(res, object.metadata.namespace, object.metadata.name);
    const existing = store.get(key);
    object.metadata['uid'] = existing?.metadata['uid'] ?? randomUUID();
    object.metadata['creationTimestamp'] =
      existing?.metadata['creationTimestamp'] ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    object.metadata['resourceVersion'] = String(++this.rv);
    store.set(key, object);
    this.record({ rv: this.rv, type: existing ? 'MODIFIED' : 'ADDED', res, object: clone(object) });
    return clone(object);
  }

  private record(event: HistoryEvent): void {
    this.history.push(event);
    for (const w of this.watchers) {
      if (w.res !== event.res) continue;
      if (w.namespace !== null && event.object.metadata.namespace !== w.namespace) continue;
      w.response.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, code: number, body: unknown): void {
    this.log(req, code);
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private log(req: IncomingMessage, status: number): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
    });
  }

  private notFound(req: IncomingMessage, res: ServerResponse): void {
    this.send(req, res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (req.method !== 'GET') {
      this.send(req, res, 405, status(405, 'MethodNotAllowed', 'the fake API server is read-only'));
      return;
    }
    if (path === '/version') {
      this.send(req, res, 200, {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.0',
        gitCommit: 'fake',
        gitTreeState: 'clean',
        buildDate: '2026-01-01T00:00:00Z',
        goVersion: 'go1.23.0',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      this.log(req, 200);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (path === '/api') {
      this.send(req, res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.port}` }],
      });
      return;
    }
    if (path === '/apis') {
      const groups = [...this.groups].filter((g) => g !== '');
      this.send(req, res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((name) => ({
          name,
          versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
          preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
        })),
      });
      return;
    }
    const seg = path.split('/').filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (seg[0] === 'api' && seg.length >= 2) [group, version, rest] = ['', seg[1]!, seg.slice(2)];
    else if (seg[0] === 'apis' && seg.length >= 3) [group, version, rest] = [seg[1]!, seg[2]!, seg.slice(3)];
    else return this.notFound(req, res);
    if (!this.groups.has(group) || version !== 'v1') return this.notFound(req, res);
    const inGroup = RESOURCES.filter((x) => x.group === group && x.version === version);
    if (rest.length === 0) {
      this.send(req, res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group === '' ? version : `${group}/${version}`,
        resources: inGroup.map((x) => ({
          name: x.plural,
          singularName: x.kind.toLowerCase(),
          namespaced: x.namespaced,
          kind: x.kind,
          verbs: ['get', 'list', 'watch'],
        })),
      });
      return;
    }
    const find = (plural: string | undefined) => inGroup.find((x) => x.plural === plural);
    // /RES, /RES/NAME, /namespaces/NS/RES, /namespaces/NS/RES/NAME
    let resource: Resource | undefined;
    let namespace: string | null = null;
    let name: string | null = null;
    if (rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced) {
      resource = find(rest[2]);
      namespace = rest[1]!;
      name = rest[3] ?? null;
      if (rest.length > 4) return this.notFound(req, res);
    } else if (rest.length <= 2) {
      resource = find(rest[0]);
      name = rest[1] ?? null;
    }
    if (!resource) return this.notFound(req, res);
    const watching = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    const verb = name !== null ? 'get' : watching ? 'watch' : 'list';
    if (this.forbidden.get(resource.plural)?.has(verb)) {
      const scope = namespace === null ? 'at the cluster scope' : `in the namespace "${namespace}"`;
      const message = `${resource.plural}${group === '' ? '' : `.${group}`} is forbidden: User "system:serviceaccount:default:viewer" cannot ${verb} resource "${resource.plural}" in API group "${group}" ${scope}`;
      this.send(req, res, 403, status(403, 'Forbidden', message, { kind: resource.plural, group }));
      return;
    }
    if (name !== null) {
      const found = this.objects.get(resource)!.get(this.keyOf(resource, namespace ?? undefined, name));
      if (!found) {
        this.send(req, res, 404, status(404, 'NotFound', `${resource.plural} "${name}" not found`));
        return;
      }
      this.send(req, res, 200, found);
      return;
    }
    if (watching) this.watch(req, res, resource, namespace, url.searchParams);
    else this.list(req, res, resource, namespace, url.searchParams);
  }

  private current(resource: Resource, namespace: string | null): FakeObject[] {
    const items = [...this.objects.get(resource)!.entries()]
      .filter(([, o]) => namespace === null || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => clone(o));
    return items;
  }

  private list(
    req: IncomingMessage,
    res: ServerResponse,
    resource: Resource,
    namespace: string | null,
    query: URLSearchParams,
  ): void {
    const limit = Number(query.get('limit') ?? '0');
    const token = query.get('continue');
    let rv = this.rv;
    let items: readonly FakeObject[];
    let start = 0;
    let id: string = randomUUID();
    if (token) {
      let parsed: { id?: unknown; start?: unknown; rv?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
      } catch {
        this.send(req, res, 400, status(400, 'BadRequest', 'continue key is not valid'));
        return;
      }
      const saved = typeof parsed.id === 'string' ? this.continuations.get(parsed.id) : undefined;
      if (!saved || typeof parsed.start !== 'number') {
        const message =
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
        this.send(req, res, 410, status(410, 'Expired', message));
        return;
      }
      id = parsed.id as string;
      rv = saved.rv;
      items = saved.items;
      start = parsed.start;
    } else {
      items = this.current(resource, namespace);
    }
    const end = limit > 0 ? Math.min(items.length, start + limit) : items.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    if (end < items.length) {
      if (!token) this.continuations.set(id, { rv, items });
      metadata['continue'] = Buffer.from(JSON.stringify({ id, start: end, rv })).toString('base64url');
      metadata['remainingItemCount'] = items.length - end;
    }
    this.send(req, res, 200, {
      kind: `${resource.kind}List`,
      apiVersion: apiVersionOf(resource),
      metadata,
      // As the API server does, list items carry no kind or apiVersion.
      items: items.slice(start, end).map(({ kind: _k, apiVersion: _a, ...item }) => item),
    });
  }

  private watch(
    req: IncomingMessage,
    res: ServerResponse,
    resource: Resource,
    namespace: string | null,
    query: URLSearchParams,
  ): void {
    const from = query.get('resourceVersion') ?? '';
    const bookmarks = query.get('allowWatchBookmarks') === 'true';
    const timeout = Math.min(
      Number(query.get('timeoutSeconds') ?? this.maxWatchSeconds),
      this.maxWatchSeconds,
    );
    const fromRv = from === '' || from === '0' ? null : Number(from);
    if (fromRv !== null && !Number.isInteger(fromRv)) {
      this.send(req, res, 400, status(400, 'BadRequest', `invalid resource version: ${from}`));
      return;
    }
    const gone = fromRv !== null && fromRv < this.compactedRv;
    if (gone && this.goneAs === 'status') {
      this.send(
        req,
        res,
        410,
        status(410, 'Expired', `too old resource version: ${fromRv} (${this.compactedRv})`),
      );
      return;
    }
    this.log(req, 200);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
    if (gone) {
      write('ERROR', status(410, 'Expired', `too old resource version: ${fromRv} (${this.compactedRv})`));
      res.end();
      return;
    }
    if (fromRv === null) {
      for (const o of this.current(resource, namespace)) write('ADDED', o);
    } else {
      for (const e of this.history) {
        if (e.rv <= fromRv || e.res !== resource) continue;
        if (namespace !== null && e.object.metadata.namespace !== namespace) continue;
        write(e.type, e.object);
      }
    }
    const timers: ReturnType<typeof setTimeout>[] = [];
    const watcher: Watcher = {
      res: resource,
      namespace,
      response: res,
      close: () => {
        for (const t of timers) clearTimeout(t);
        this.watchers.delete(watcher);
      },
    };
    this.watchers.add(watcher);
    if (bookmarks) {
      const tick = () => {
        write('BOOKMARK', {
          kind: resource.kind,
          apiVersion: apiVersionOf(resource),
          metadata: { resourceVersion: String(this.rv) },
        });
        timers[0] = setTimeout(tick, this.bookmarkIntervalMs);
      };
      timers[0] = setTimeout(tick, this.bookmarkIntervalMs);
    }
    timers[1] = setTimeout(() => {
      watcher.close();
      res.end();
    }, timeout * 1000);
    req.on('close', () => watcher.close());
    res.on('close', () => watcher.close());
  }
}
