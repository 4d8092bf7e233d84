/**
 * The live cluster connection (issue 5): its status, address, last update, counts and
 * per-resource problems. Every snapshot of the cluster becomes one source with the fixed id
 * `live` (a JSON `kind: List`), put in place with `upsertSource`, so the selection, the view, the
 * edits (an overlay on the sources), the draft and the undo history stay as they are. Read-only:
 * nothing is ever written to the cluster. Disconnecting keeps the last objects unless asked.
 */
import { create } from 'zustand';
import {
  qualifiedName,
  startLiveSync,
  toListText,
  type LiveSync,
  type LiveSyncOptions,
  type ResourceState,
} from '../io/k8s-api';
import { useStudio } from './store';
import { DEMO_SOURCE } from '../demo';

export const LIVE_SOURCE_ID = 'live';
export const LIVE_SOURCE_NAME = 'cluster (live)';

export type LiveStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

/** A resource that cannot be read now, named as RBAC names it (`networkpolicies.networking.k8s.io`). */
export interface LiveProblem {
  readonly resource: string;
  readonly phase: 'forbidden' | 'failed' | 'retrying';
  readonly message: string;
}

export interface LiveState {
  readonly status: LiveStatus;
  /** The API address as given; `''` is the page's own origin. Null when never connected. */
  readonly address: string | null;
  /** When the last snapshot arrived (ms since the epoch). */
  readonly lastUpdate: number | null;
  /** Objects per resource plural (`pods`), for the resources that are served. */
  readonly counts: Readonly<Record<string, number>>;
  readonly resources: readonly ResourceState[];
  /** Resources that cannot be read now, with the reason. */
  readonly problems: readonly LiveProblem[];
  /** Optional kinds the cluster does not serve, skipped. */
  readonly notes: readonly string[];
  /** The next retry of a lost connection (ms since the epoch), while reconnecting. */
  readonly retryAt: number | null;
  /**
   * Connects to the API at `address` (`''`: the page's origin). `replace` removes the other
   * sources when the first snapshot arrives (default: only when they are just the demo).
   */
  readonly connect: (address: string, options?: { readonly replace?: boolean }) => void;
  /** Stops reading. The cluster's objects stay in the workspace unless `removeObjects`. */
  readonly disconnect: (options?: { readonly removeObjects?: boolean }) => void;
  /** Whether the connection dialog is open. */
  readonly dialogOpen: boolean;
  readonly setDialogOpen: (open: boolean) => void;
}

/** What `connect` uses to reach the API; tests replace it. */
export const liveDeps: { start: (options: LiveSyncOptions) => LiveSync } = { start: startLiveSync };

/**
 * The base URL for an address typed by a person: `''` for blank (the page's origin), else an
 * http(s) URL (http:// when no scheme is given) without a trailing slash; an error message for anything else.
 */
export function parseAddress(text: string): { readonly baseUrl: string } | { readonly error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { baseUrl: '' };
  // `127.0.0.1:8001` means http://127.0.0.1:8001.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `"${trimmed}" is not a URL: give one like http://127.0.0.1:8001, or leave it blank` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `the address must start with http:// or https:// (not ${url.protocol})` };
  if (url.search || url.hash) return { error: 'the address takes no ?query or #fragment' };
  return { baseUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

/** The connection's status from its resources' states. */
export function overallStatus(states: readonly ResourceState[]): Exclude<LiveStatus, 'disconnected'> {
  const active = states.filter((s) => s.phase !== 'missing');
  if (active.some((s) => s.phase === 'retrying')) return 'reconnecting';
  const reading = active.filter(
    (s) => s.phase === 'listing' || s.phase === 'watching' || s.phase === 'queued',
  );
  if (reading.length === 0) return active.length === 0 ? 'connected' : 'error';
  if (reading.some((s) => s.phase === 'listing' && !s.synced)) return 'connecting';
  return 'connected';
}

function problemsOf(states: readonly ResourceState[]): LiveProblem[] {
  const problems: LiveProblem[] = [];
  for (const s of states) {
    if (s.phase !== 'forbidden' && s.phase !== 'failed' && s.phase !== 'retrying') continue;
    problems.push({ resource: qualifiedName(s.type), phase: s.phase, message: s.message ?? s.phase });
  }
  return problems;
}

const IDLE = {
  status: 'disconnected' as LiveStatus,
  resources: [] as readonly ResourceState[],
  problems: [] as readonly LiveProblem[],
  notes: [] as readonly string[],
  retryAt: null,
};

export const useLive = create<LiveState>()((set, get) => {
  let sync: LiveSync | null = null;
  /** The current connection: callbacks of an older one are ignored. */
  let generation = 0;

  const stop = (): void => {
    generation++;
    sync?.stop();
    sync = null;
  };

  return {
    ...IDLE,
    address: null,
    lastUpdate: null,
    counts: {},
    dialogOpen: false,
    setDialogOpen: (dialogOpen) => set({ dialogOpen }),

    connect: (address, options = {}) => {
      stop();
      const parsed = parseAddress(address);
      if ('error' in parsed) {
        set({
          ...IDLE,
          status: 'error',
          address,
          problems: [{ resource: 'address', phase: 'failed', message: parsed.error }],
        });
        return;
      }
      const others = useStudio.getState().sources.filter((s) => s.id !== LIVE_SOURCE_ID);
      let replace = options.replace ?? others.every((s) => s.name === DEMO_SOURCE.name);
      let lastText: string | null = null;
      set({ ...IDLE, status: 'connecting', address: address.trim(), lastUpdate: null, counts: {} });
      const mine = ++generation;
      sync = liveDeps.start({
        baseUrl: parsed.baseUrl,
        onStatus: (states) => {
          if (generation !== mine) return;
          const retries = states.flatMap((s) => (s.phase === 'retrying' && s.retryAt ? [s.retryAt] : []));
          set({
            status: overallStatus(states),
            resources: states,
            problems: problemsOf(states),
            notes: states.flatMap((s) => (s.phase === 'missing' && s.message ? [s.message] : [])),
            retryAt: retries.length ? Math.min(...retries) : null,
          });
        },
        onSnapshot: (snapshot) => {
          if (generation !== mine) return;
          set({ lastUpdate: snapshot.at, counts: snapshot.counts });
          const text = toListText(snapshot.objects);
          const studio = useStudio.getState();
          if (replace) {
            replace = false;
            for (const s of studio.sources) if (s.id !== LIVE_SOURCE_ID) studio.removeSource(s.id);
          }
          if (text === lastText && useStudio.getState().sources.some((s) => s.id === LIVE_SOURCE_ID)) return;
          lastText = text;
          studio.upsertSource({ id: LIVE_SOURCE_ID, name: LIVE_SOURCE_NAME, text });
        },
      });
    },

    disconnect: (options = {}) => {
      stop();
      set({ ...IDLE, counts: get().counts });
      if (options.removeObjects) {
        const studio = useStudio.getState();
        if (studio.sources.some((s) => s.id === LIVE_SOURCE_ID)) studio.removeSource(LIVE_SOURCE_ID);
      }
    },
  };
});
