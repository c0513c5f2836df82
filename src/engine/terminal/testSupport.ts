import type { SimulatedClock } from '../core';

/**
 * Moves simulated time in 50 ms steps until `done` holds, yielding `pauseMs` of real time after each
 * step so that what runs on real time (the book worker thread, the journal's fsync) keeps up; fails
 * naming `what` after `maxSteps`. Bounded by steps, so no assertion on how long anything took.
 */
export async function runUntil(clock: SimulatedClock, done: () => unknown, what: string, { maxSteps = 2_000, pauseMs = 1 } = {}): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (done()) return;
    clock.advance(50);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  if (!done()) throw new Error(`${what}: not after ${maxSteps} steps of 50 ms of simulated time`);
}

/** Waits in real time, the clock standing still, until `done` holds; fails with `what` after `maxPolls`. */
export async function waitFor(done: () => unknown, what: string, maxPolls = 500): Promise<void> {
  for (let i = 0; i < maxPolls && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`${what}: not after ${maxPolls} polls 20 ms apart`);
}
