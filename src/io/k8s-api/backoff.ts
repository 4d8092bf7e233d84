/** Retry delays after a lost connection: exponential, capped, jittered. */

export interface BackoffOptions {
  /** The first delay. */
  readonly initialMs: number;
  /** No delay is longer than this. */
  readonly maxMs: number;
  /** Each failure multiplies the delay by this. */
  readonly factor: number;
  /** The share of the delay that is random: 0.2 gives a delay in [0.8 d, d]. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

/**
 * The delay before retry number `attempt` (0 for the first), `initial · factor^attempt` capped at
 * `max`, less a random share of up to `jitter` of it (so that many clients do not retry at once).
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponential = options.initialMs * Math.pow(options.factor, Math.max(0, attempt));
  const capped = Math.min(options.maxMs, exponential);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped * (1 - options.jitter * r));
}
