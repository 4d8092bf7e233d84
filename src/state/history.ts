/**
 * Undo and redo of the workspace's edits and draft. Edits are data, so a step is simply the state
 * before it: `{ edits, draft }`, whose unchanged parts are shared with the states around it.
 * Fast typing in the draft coalesces into one step.
 */
import type { Draft, PolicyEdit } from '../worker/overlay';

export interface EditState {
  readonly edits: Readonly<Record<string, PolicyEdit>>;
  readonly draft: Draft | null;
}

export interface History {
  readonly past: readonly EditState[];
  readonly future: readonly EditState[];
  /** What the last recorded step was (a draft's uid for typing), and when, for coalescing. */
  readonly lastKey: string | null;
  readonly lastAt: number;
}

/** Steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 200;
/** Changes with the same key within this many milliseconds of the last are one step. */
export const COALESCE_MS = 1000;

export const EMPTY_HISTORY: History = { past: [], future: [], lastKey: null, lastAt: 0 };

/**
 * Records that the workspace leaves `before` for a new state. A change with the same non-null
 * `key` as the previous one, less than `COALESCE_MS` after it, joins that step (the step still
 * returns to the state before the first of them). Any new step clears the redo stack.
 */
export function record(h: History, before: EditState, key: string | null, now: number): History {
  const joins = key !== null && key === h.lastKey && now - h.lastAt < COALESCE_MS && h.past.length > 0;
  if (joins) return { past: h.past, future: [], lastKey: key, lastAt: now };
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : h.past;
  return { past: [...past, before], future: [], lastKey: key, lastAt: now };
}

/** The state one step back and the history after it, or null when there is nothing to undo. */
export function undo(h: History, current: EditState): { history: History; state: EditState } | null {
  const state = h.past[h.past.length - 1];
  if (!state) return null;
  return {
    state,
    history: { past: h.past.slice(0, -1), future: [...h.future, current], lastKey: null, lastAt: 0 },
  };
}

/** The state one step forward and the history after it, or null when there is nothing to redo. */
export function redo(h: History, current: EditState): { history: History; state: EditState } | null {
  const state = h.future[h.future.length - 1];
  if (!state) return null;
  return {
    state,
    history: { past: [...h.past, current], future: h.future.slice(0, -1), lastKey: null, lastAt: 0 },
  };
}
