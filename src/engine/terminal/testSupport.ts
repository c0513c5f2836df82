import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SimulatedClock, silentLogger } from '../core';
import { Terminal } from './terminal';

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

/** Waits in real time, the clock standing still, until `done` holds (core's bounded poll). */
export { waitFor } from '../core/testSupport';

/** Monday 7 December 2026, 14:00 UTC: the SIM lists four expiries of its options (the nearest Friday the 11th). */
export const SIM_OPTIONS_MONDAY = Date.UTC(2026, 11, 7, 14, 0);

/** A headless terminal whose SIM venue lists its options, on `clock`, as the options tests run it (seed 11, a minute of warm-up). */
export function startSimOptionsTerminal(dataDir: string, clock: SimulatedClock): Promise<Terminal> {
  return Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 11, simOptions: true, warmUpMs: 60_000 });
}

/**
 * One SIM-options terminal per test: `start` makes a fresh data dir (named after `dirPrefix`) and a terminal on a
 * simulated clock from `at`; `restart` stops it and starts another on the same data dir and clock (journal and
 * SQLite as the first left them). After each test the running terminal is stopped and its data dir removed.
 */
export function simOptionsTerminals(): {
  start(dirPrefix: string, at?: number): Promise<{ t: Terminal; clock: SimulatedClock }>;
  restart(clock: SimulatedClock): Promise<Terminal>;
} {
  let terminal: Terminal | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await terminal?.stop();
    terminal = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });
  return {
    async start(dirPrefix, at = SIM_OPTIONS_MONDAY) {
      dataDir = mkdtempSync(join(tmpdir(), dirPrefix));
      const clock = new SimulatedClock(at);
      terminal = await startSimOptionsTerminal(dataDir, clock);
      return { t: terminal, clock };
    },
    async restart(clock) {
      if (!terminal || !dataDir) throw new Error('restart before start');
      await terminal.stop();
      terminal = await startSimOptionsTerminal(dataDir, clock);
      return terminal;
    },
  };
}
