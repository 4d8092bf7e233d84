/** Words and numbers of the live cluster UI, as pure functions (unit-tested). */
import type { LiveProblem, LiveStatus } from '../../state/live';

/** `15:04:05` in 24-hour time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Whole seconds until `at`, never below 0. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The short status: `connected`, `reconnecting in 3 s`, `connecting…`. */
export function statusText(status: LiveStatus, retryAt: number | null, now: number): string {
  switch (status) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return 'connected';
    case 'reconnecting': {
      const s = retryAt === null ? 0 : secondsUntil(retryAt, now);
      return s > 0 ? `reconnecting in ${s} s` : 'reconnecting now…';
    }
    case 'error':
      return 'cannot read the cluster';
    case 'disconnected':
      return 'disconnected';
  }
}

/** Display names of the resources, in the order the client reads them. */
export const KIND_LABELS: readonly {
  readonly plural: string;
  readonly one: string;
  readonly many: string;
}[] = [
  { plural: 'namespaces', one: 'namespace', many: 'namespaces' },
  { plural: 'pods', one: 'pod', many: 'pods' },
  { plural: 'networkpolicies', one: 'policy', many: 'policies' },
  { plural: 'deployments', one: 'deployment', many: 'deployments' },
  { plural: 'statefulsets', one: 'statefulset', many: 'statefulsets' },
  { plural: 'daemonsets', one: 'daemonset', many: 'daemonsets' },
  { plural: 'replicasets', one: 'replicaset', many: 'replicasets' },
  { plural: 'jobs', one: 'job', many: 'jobs' },
  { plural: 'cronjobs', one: 'cronjob', many: 'cronjobs' },
  { plural: 'replicationcontrollers', one: 'replicationcontroller', many: 'replicationcontrollers' },
];

/** `3 pods · 2 policies · 4 namespaces`: the kinds the graph is made of. */
export function countsText(counts: Readonly<Record<string, number>>): string {
  const parts: string[] = [];
  for (const plural of ['pods', 'networkpolicies', 'namespaces']) {
    const n = counts[plural];
    const label = KIND_LABELS.find((k) => k.plural === plural)!;
    if (n !== undefined) parts.push(`${n} ${n === 1 ? label.one : label.many}`);
  }
  return parts.join(' · ');
}

/** The address as shown: the page origin for `''`. */
export function addressText(address: string, origin: string): string {
  return address === '' ? `${origin} (this page’s origin)` : address;
}

/** Problems with the same message as one entry naming all their resources (a lost connection hits all). */
export function groupProblems(
  problems: readonly LiveProblem[],
): { readonly resources: readonly string[]; readonly message: string }[] {
  const byMessage = new Map<string, string[]>();
  for (const p of problems) {
    const list = byMessage.get(p.message);
    if (list) list.push(p.resource);
    else byMessage.set(p.message, [p.resource]);
  }
  return [...byMessage].map(([message, resources]) => ({ resources, message }));
}
