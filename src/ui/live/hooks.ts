import { useEffect, useState } from 'react';
import { useLive } from '../../state/live';
import { useStudio } from '../../state/store';

/** The time now, ticking every `intervalMs` while `active` (for a countdown). */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}

/** The API address a page URL asks to connect to: `?cluster=<url>`, or `''` for `?cluster` (same origin). */
export function clusterParam(search: string): string | null {
  return new URLSearchParams(search).get('cluster');
}

/** The page URL with `?cluster=<address>` set (connected) or removed (not), the rest untouched. */
export function urlWithCluster(href: string, address: string | null): string {
  const url = new URL(href);
  if (address === null) url.searchParams.delete('cluster');
  else url.searchParams.set('cluster', address);
  return url.href;
}

/**
 * The deep link: with `?cluster=<url>` or `?cluster` in the page's URL, connect once the saved
 * workspace (or the demo) is in place, so the cluster replaces the demo rather than racing it.
 * The address bar then follows the connection (so a reload reconnects, and the link can be shared).
 */
export function useClusterDeepLink(): void {
  useEffect(
    () =>
      useLive.subscribe((now, before) => {
        if (now.status === before.status && now.address === before.address) return;
        const connected = now.status !== 'disconnected' ? now.address : null;
        const next = urlWithCluster(window.location.href, connected);
        if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
      }),
    [],
  );
  useEffect(() => {
    const address = clusterParam(window.location.search);
    if (address === null) return;
    let cancelled = false;
    void useStudio
      .getState()
      .restoreWorkspace()
      .then(() => {
        if (!cancelled && useLive.getState().status === 'disconnected') useLive.getState().connect(address);
      });
    return () => {
      cancelled = true;
    };
  }, []);
}
