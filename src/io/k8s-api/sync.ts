/**
 * Keeps a copy of a cluster's namespaces, pods, NetworkPolicies and workloads current through the
 * Kubernetes API, read-only: for each resource, list (with `limit`/`continue` pages), then watch
 * from the list's resourceVersion with bookmarks. A watch that ends is resumed from the last
 * resourceVersion seen; `410 Gone` re-lists; a lost connection is retried with exponential backoff;
 * a `403` or a missing optional API is reported for its resource while the others go on.
 * Every change schedules one debounced snapshot of all objects. `fetch` and the timers are injected.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { ApiError, apiErrorOf, isGone, isStatus, NotKubernetesError, type ApiStatus } from './errors';
import { readJsonLines } from './ndjson';
import { byNamespaceAndName, keyOf, normalize, resourceVersionOf, type KubeObject } from './objects';
import { collectionPath, qualifiedName, RESOURCE_TYPES, type ResourceType } from './resources';

/** What a resource's reader is doing. */
export type ResourcePhase =
  /** Listing (the first time, or again after a 410). */
  | 'listing'
  /** Listed and watching for changes. */
  | 'watching'
  /** An optional kind whose watch waits for its turn on a shared stream (after a retry). */
  | 'queued'
  /** The connection was lost: waiting until `retryAt` to try again. */
  | 'retrying'
  /** The API refused (403): `message` names the permission; retried now and then. */
  | 'forbidden'
  /** An optional kind the cluster does not serve (404): skipped, with a note. */
  | 'missing'
  /** An answer that makes no sense (not JSON, a required API missing): retried with backoff. */
  | 'failed';

export interface ResourceState {
  readonly type: ResourceType;
  readonly phase: ResourcePhase;
  /** Objects held. */
  readonly count: number;
  /** Whether a list completed at least once. */
  readonly synced: boolean;
  /** Why the phase is not `listing` or `watching`. */
  readonly message?: string;
  /** When the next attempt starts (`retrying`, `failed`, `forbidden`), in `now()` milliseconds. */
  readonly retryAt?: number;
}

export interface LiveSnapshot {
  /** Every object, resource by resource in RESOURCE_TYPES order, then by namespace and name. */
  readonly objects: readonly KubeObject[];
  /** Objects per resource plural. */
  readonly counts: Readonly<Record<string, number>>;
  /** When it was taken, in `now()` milliseconds. */
  readonly at: number;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveSyncOptions {
  /** The API's address without a trailing slash; `''` for the page's own origin. */
  readonly baseUrl: string;
  readonly onSnapshot: (snapshot: LiveSnapshot) => void;
  /** Called with every resource's state each time one changes. */
  readonly onStatus?: (states: readonly ResourceState[]) => void;
  readonly fetch?: typeof fetch;
  readonly timers?: Timers;
  readonly now?: () => number;
  /** A number in [0, 1): the jitter of retries and watch timeouts. */
  readonly random?: () => number;
  readonly resources?: readonly ResourceType[];
  /** Objects per list page (`limit`). */
  readonly pageSize?: number;
  /** Quiet time after a change before a snapshot is emitted. */
  readonly debounceMs?: number;
  /** A snapshot is emitted at least this often while changes keep coming. */
  readonly maxWaitMs?: number;
  readonly backoff?: BackoffOptions;
  /** The server ends a watch after about this long (`timeoutSeconds`, jittered by up to a quarter). */
  readonly watchTimeoutSeconds?: number;
  /**
   * Watch streams the optional kinds (workloads) may hold at once (2); they take turns. A browser
   * opens at most 6 connections to one HTTP/1.1 origin (kubectl proxy), so ten open watches would
   * block one another and every other request: the required kinds hold a stream each, the
   * optional ones share these.
   */
  readonly optionalStreams?: number;
  /** How long an optional kind's watch runs before it gives its stream to one that waits. */
  readonly turnMs?: number;
}

export interface LiveSync {
  /** Stops every request and timer. No snapshot or status is emitted afterwards. */
  stop(): void;
  /** Every resource's current state. */
  states(): readonly ResourceState[];
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Stream slots, handed out in the order asked for. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with true once a slot is taken, or false when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<boolean> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  /** Whether a slot is free now. */
  get available(): boolean {
    return this.free > 0;
  }

  /** Whether someone waits for a slot. */
  get contended(): boolean {
    return this.waiting.length > 0;
  }
}

/** A watch that ends within this long having delivered nothing counts as a failed attempt. */
const INSTANT_END_MS = 1000;

interface WatchEvent {
  readonly type: string;
  readonly object: KubeObject;
}

function isWatchEvent(value: unknown): value is WatchEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['type'] === 'string' && typeof v['object'] === 'object' && v['object'] !== null;
}

/** "cannot list pods at cluster scope: needs list and watch on pods", with the server's words. */
export function forbiddenMessage(type: ResourceType, verb: 'list' | 'watch', detail: string): string {
  const name = qualifiedName(type);
  const base = `cannot ${verb} ${name} at cluster scope: needs list/watch on ${name}`;
  return detail ? `${base} (the API server said: ${detail})` : base;
}

function describeError(error: unknown, baseUrl: string): string {
  const where = baseUrl === '' ? 'the page’s origin' : baseUrl;
  if (error instanceof ApiError && error.status >= 500)
    return `the API server did not answer through ${where} (HTTP ${error.status}${error.detail ? `: ${error.detail}` : ''})`;
  if (error instanceof ApiError && error.status === 404)
    return `${error.message}: is this the address of a Kubernetes API server (kubectl proxy)?`;
  if (error instanceof ApiError || error instanceof NotKubernetesError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `no connection to the API at ${where} (${message})`;
}

/** Starts reading the cluster. Returns at once; results arrive through the callbacks. */
export function startLiveSync(options: LiveSyncOptions): LiveSync {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const types = options.resources ?? RESOURCE_TYPES;
  const pageSize = options.pageSize ?? 500;
  const debounceMs = options.debounceMs ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const watchTimeout = options.watchTimeoutSeconds ?? 300;
  const optionalSlots = new Slots(Math.max(1, options.optionalStreams ?? 2));
  const turnMs = options.turnMs ?? 3000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const abort = new AbortController();
  const signal = abort.signal;

  const stores = types.map(() => new Map<string, KubeObject>());
  const states: ResourceState[] = types.map((type) => ({ type, phase: 'listing', count: 0, synced: false }));
  /** Resources whose first attempt has come to a result: the first snapshot waits for all of them. */
  const settled = new Set<number>();

  let dirty = false;
  let debounceHandle: unknown = null;
  let firstDirtyAt = 0;

  const emitStatus = (): void => {
    if (!signal.aborted) options.onStatus?.(states.slice());
  };

  /** Sets a resource's phase (its message and retry time go with it) and its count, and reports. */
  const update = (
    i: number,
    change: { phase?: ResourcePhase; synced?: boolean; message?: string; retryAt?: number },
  ): void => {
    const prev = states[i]!;
    const phase = change.phase ?? prev.phase;
    const quiet = phase === 'listing' || phase === 'watching' || phase === 'queued';
    const same = change.phase === undefined;
    const message = quiet ? undefined : same ? prev.message : change.message;
    const retryAt = quiet ? undefined : same ? prev.retryAt : change.retryAt;
    states[i] = {
      type: prev.type,
      phase,
      count: stores[i]!.size,
      synced: change.synced ?? prev.synced,
      ...(message !== undefined ? { message } : {}),
      ...(retryAt !== undefined ? { retryAt } : {}),
    };
    emitStatus();
  };

  const emitSnapshot = (): void => {
    if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
    debounceHandle = null;
    if (signal.aborted || !dirty) return;
    dirty = false;
    const objects: KubeObject[] = [];
    const counts: Record<string, number> = {};
    types.forEach((type, i) => {
      const items = [...stores[i]!.values()].sort(byNamespaceAndName);
      counts[type.plural] = items.length;
      for (const o of items) objects.push(o);
    });
    options.onSnapshot({ objects, counts, at: now() });
  };

  const schedule = (): void => {
    if (!dirty || settled.size < types.length || signal.aborted) return;
    if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
    const waited = now() - firstDirtyAt;
    const delay = Math.max(0, Math.min(debounceMs, maxWaitMs - waited));
    debounceHandle = timers.setTimeout(emitSnapshot, delay);
  };

  const markDirty = (): void => {
    if (!dirty) firstDirtyAt = now();
    dirty = true;
    schedule();
  };

  const settle = (i: number): void => {
    if (settled.has(i)) return;
    settled.add(i);
    // Everything answered once: the first snapshot goes out, if anything could be read at all
    // (a failed connection must not replace what the workspace holds with nothing).
    if (settled.size === types.length && states.some((s) => s.synced)) {
      dirty = true;
      schedule();
    }
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const handle = timers.setTimeout(done, ms);
      const onAbort = (): void => {
        timers.clearTimeout(handle);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });

  const get = async (path: string, stop: AbortSignal = signal): Promise<Response> => {
    const response = await fetchFn(`${base}${path}`, {
      signal: stop,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw await apiErrorOf(response, path);
    return response;
  };

  const getJson = async (path: string): Promise<Record<string, unknown>> => {
    const response = await get(path);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new NotKubernetesError(path, `something that is not JSON (${type})`);
    }
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items))
      throw new NotKubernetesError(path, 'JSON that is not a list');
    return body as Record<string, unknown>;
  };

  /** Every object of the resource, page by page; the list's resourceVersion. */
  const listAll = async (type: ResourceType): Promise<{ items: KubeObject[]; rv: string }> => {
    const items: KubeObject[] = [];
    let cont = '';
    let rv: string;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (cont) query.set('continue', cont);
      const body = await getJson(`${collectionPath(type)}?${query}`);
      for (const item of body['items'] as unknown[])
        if (typeof item === 'object' && item !== null) items.push(normalize(type, item as KubeObject));
      const meta = (body['metadata'] ?? {}) as Record<string, unknown>;
      rv = typeof meta['resourceVersion'] === 'string' ? meta['resourceVersion'] : '';
      cont = typeof meta['continue'] === 'string' ? meta['continue'] : '';
    } while (cont !== '');
    return { items, rv };
  };

  /**
   * Watches from `rv`, applying events to the store, until the stream ends (resolves with the
   * number of events) or fails (throws; an ERROR event throws an ApiError with its code).
   */
  const watch = async (i: number, rv: string, onProgress: (rv: string) => void): Promise<number> => {
    const type = types[i]!;
    if (!type.optional) return watchStream(i, rv, onProgress, signal);
    // Back from a lost connection, waiting for a turn is not a connection problem.
    if (!optionalSlots.available && states[i]!.phase === 'retrying') update(i, { phase: 'queued' });
    if (!(await optionalSlots.acquire(signal))) return 0;
    // This kind's turn: it gives the stream up after `turnMs` when another kind waits for one.
    const turn = new AbortController();
    const stopTurn = (): void => turn.abort();
    signal.addEventListener('abort', stopTurn, { once: true });
    const check = (): void => {
      if (optionalSlots.contended) turn.abort();
      else timer = timers.setTimeout(check, turnMs);
    };
    let timer = timers.setTimeout(check, turnMs);
    try {
      return await watchStream(i, rv, onProgress, turn.signal);
    } catch (error) {
      // The turn is over: like a watch that ended, it resumes from the last resourceVersion.
      if (turn.signal.aborted && !signal.aborted) return 1;
      throw error;
    } finally {
      timers.clearTimeout(timer);
      signal.removeEventListener('abort', stopTurn);
      optionalSlots.release();
    }
  };

  const watchStream = async (
    i: number,
    rv: string,
    onProgress: (rv: string) => void,
    stop: AbortSignal,
  ): Promise<number> => {
    const type = types[i]!;
    const store = stores[i]!;
    const seconds = Math.round(watchTimeout * (0.75 + random() / 4));
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(seconds),
    });
    const path = `${collectionPath(type)}?${query}`;
    const response = await get(path, stop);
    if (!response.body) throw new NotKubernetesError(path, 'no body');
    if (states[i]!.phase !== 'watching') update(i, { phase: 'watching' });
    let received = 0;
    for await (const event of readJsonLines(response.body)) {
      if (!isWatchEvent(event)) throw new NotKubernetesError(path, 'a watch event without type and object');
      received++;
      if (event.type === 'ERROR') {
        const status: ApiStatus = isStatus(event.object) ? event.object : {};
        throw new ApiError(status.code ?? 500, path, status.message ?? '', status.reason);
      }
      const object = event.type === 'BOOKMARK' ? event.object : normalize(type, event.object);
      const version = resourceVersionOf(object);
      if (event.type === 'ADDED' || event.type === 'MODIFIED') {
        store.set(keyOf(object), object);
        markDirty();
      } else if (event.type === 'DELETED') {
        store.delete(keyOf(object));
        markDirty();
      }
      if (version !== '') onProgress(version);
      if (event.type !== 'BOOKMARK' && states[i]!.count !== store.size) update(i, {});
    }
    return received;
  };

  const reflect = async (i: number): Promise<void> => {
    const type = types[i]!;
    let rv: string | null = null;
    let failures = 0;
    let verb: 'list' | 'watch' = 'list';
    while (!signal.aborted) {
      try {
        if (rv === null) {
          verb = 'list';
          // A re-list (after a 410) shows as listing; a retry keeps its phase until it succeeds.
          if (states[i]!.phase === 'watching') update(i, { phase: 'listing' });
          const listed = await listAll(type);
          const store = stores[i]!;
          store.clear();
          for (const item of listed.items) store.set(keyOf(item), item);
          rv = listed.rv;
          failures = 0;
          // A kind that may be listed but not watched stays reported until a watch is let through.
          update(
            i,
            states[i]!.phase === 'forbidden' ? { synced: true } : { phase: 'watching', synced: true },
          );
          markDirty();
          settle(i);
        }
        verb = 'watch';
        const started = now();
        const received = await watch(i, rv, (version) => {
          rv = version;
          failures = 0;
        });
        if (received === 0 && now() - started < INSTANT_END_MS) {
          // A watch that closes at once, again and again, must not spin: wait as after a failure.
          await sleep(backoffDelay(failures++, backoff, random));
        }
      } catch (error) {
        if (signal.aborted) return;
        if (isGone(error)) {
          // The resourceVersion (or a continue token) is older than the server keeps: list again.
          rv = null;
          if (failures++ > 0) await sleep(backoffDelay(failures - 1, backoff, random));
          continue;
        }
        if (error instanceof ApiError && error.status === 403) {
          rv = null;
          const retryAt = now() + backoff.maxMs;
          update(i, { phase: 'forbidden', message: forbiddenMessage(type, verb, error.detail), retryAt });
          settle(i);
          await sleep(backoff.maxMs);
          continue;
        }
        if (error instanceof ApiError && error.status === 404 && type.optional && verb === 'list') {
          const message = `${qualifiedName(type)} is not served by this cluster (no ${type.apiVersion} ${type.plural}): skipped`;
          update(i, { phase: 'missing', message });
          settle(i);
          return;
        }
        const lost =
          !(error instanceof NotKubernetesError) && !(error instanceof ApiError && error.status < 500);
        const delay = backoffDelay(failures++, backoff, random);
        update(i, {
          phase: lost ? 'retrying' : 'failed',
          message: describeError(error, base),
          retryAt: now() + delay,
        });
        settle(i);
        await sleep(delay);
      }
    }
  };

  types.forEach((_, i) => void reflect(i));
  emitStatus();

  return {
    stop: () => {
      abort.abort();
      if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
      debounceHandle = null;
    },
    states: () => states.slice(),
  };
}
