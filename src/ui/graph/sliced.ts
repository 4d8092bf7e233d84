/**
 * Running long pure computations (the graph's build) in slices across tasks, so that the page
 * keeps drawing frames and answering keys while they run, and dropping them when their input
 * changes before they finish.
 */
import { useLayoutEffect, useState } from 'react';

/** Work done per task before giving the page a turn (a frame at 60 Hz is 16.7 ms). */
export const SLICE_MS = 12;

/** Runs `gen` until done or `budgetMs` have passed; the value when done. */
export function runSlice<T>(
  gen: Generator<void, T>,
  budgetMs: number,
): { done: true; value: T } | { done: false } {
  const start = performance.now();
  for (;;) {
    const step = gen.next();
    if (step.done) return { done: true, value: step.value };
    if (performance.now() - start >= budgetMs) return { done: false };
  }
}

/**
 * The value of the latest `job`, computed in slices of about SLICE_MS (the first one at once, so a
 * small job is done before the next paint). Until a new job is done, the previous value stays.
 * The work is recorded as a performance measure named `measure` (its duration: time spent working).
 */
export function useSliced<T>(job: (() => Generator<void, T>) | null, measure: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useLayoutEffect(() => {
    if (!job) return;
    const gen = job();
    const began = performance.now();
    let work = 0;
    let stopped = false;
    const channel = new MessageChannel();
    const run = (): void => {
      if (stopped) return;
      const t0 = performance.now();
      const step = runSlice(gen, SLICE_MS);
      work += performance.now() - t0;
      if (step.done) {
        performance.measure(measure, { start: began, duration: work });
        setValue(() => step.value);
      } else channel.port1.postMessage(null);
    };
    channel.port2.onmessage = run;
    run();
    return () => {
      stopped = true;
      channel.port2.onmessage = null;
      channel.port1.close();
      channel.port2.close();
    };
  }, [job, measure]);
  return job ? value : null;
}
