import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COALESCE_MS,
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  record,
  redo,
  undo,
  type EditState,
  type History,
} from './history';

const state = (n: number): EditState => ({
  edits: { [`u${n}`]: { uid: `u${n}`, baseId: null, text: `n: ${n}\n` } },
  draft: null,
});

describe('history', () => {
  it('undo returns to the state before a step, redo goes forward again', () => {
    let h = record(EMPTY_HISTORY, state(0), null, 0);
    h = record(h, state(1), null, 10);
    const back = undo(h, state(2))!;
    expect(back.state.edits).toEqual(state(1).edits);
    const fwd = redo(back.history, back.state)!;
    expect(fwd.state.edits).toEqual(state(2).edits);
    expect(redo(fwd.history, fwd.state)).toBeNull();
  });

  it('has nothing to undo or redo at first', () => {
    expect(undo(EMPTY_HISTORY, state(0))).toBeNull();
    expect(redo(EMPTY_HISTORY, state(0))).toBeNull();
  });

  it('joins fast changes with the same key into one step', () => {
    let h = record(EMPTY_HISTORY, state(0), 'draft:a', 1000);
    h = record(h, state(1), 'draft:a', 1000 + COALESCE_MS / 2);
    h = record(h, state(2), 'draft:a', 1000 + COALESCE_MS);
    expect(h.past).toHaveLength(1);
    expect(undo(h, state(3))!.state).toBe(h.past[0]);
    expect(h.past[0]!.edits).toEqual(state(0).edits);
  });

  it('starts a new step after a pause, for another key, or for a step without a key', () => {
    let h = record(EMPTY_HISTORY, state(0), 'draft:a', 0);
    h = record(h, state(1), 'draft:a', COALESCE_MS + 1);
    expect(h.past).toHaveLength(2);
    h = record(h, state(2), 'draft:b', COALESCE_MS + 2);
    expect(h.past).toHaveLength(3);
    h = record(h, state(3), null, COALESCE_MS + 3);
    h = record(h, state(4), null, COALESCE_MS + 4);
    expect(h.past).toHaveLength(5);
  });

  it('an undo ends the typing burst: the next change is a new step', () => {
    let h = record(EMPTY_HISTORY, state(0), 'draft:a', 0);
    const back = undo(h, state(1))!;
    h = record(back.history, back.state, 'draft:a', 1);
    expect(h.past).toHaveLength(1);
    expect(h.future).toHaveLength(0);
  });

  it('a new step clears the redo stack', () => {
    let h = record(EMPTY_HISTORY, state(0), null, 0);
    const back = undo(h, state(1))!;
    expect(back.history.future).toHaveLength(1);
    h = record(back.history, back.state, null, 1);
    expect(h.future).toHaveLength(0);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    let h: History = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = record(h, state(i), null, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.edits).toEqual(state(20).edits);
  });

  it('undoing every step and redoing them all comes back to the same state (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (steps, undos) => {
        let h: History = EMPTY_HISTORY;
        let current = state(0);
        for (let i = 1; i <= steps; i++) {
          h = record(h, current, null, i);
          current = state(i);
        }
        const last = current;
        let n = 0;
        for (; n < undos; n++) {
          const s = undo(h, current);
          if (!s) break;
          h = s.history;
          current = s.state;
        }
        expect(current.edits).toEqual(state(steps - n).edits);
        for (;;) {
          const s = redo(h, current);
          if (!s) break;
          h = s.history;
          current = s.state;
        }
        expect(current).toBe(last);
      }),
    );
  });
});
