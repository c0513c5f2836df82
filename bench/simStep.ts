/**
 * Part of `npm run bench -- sim`: the cost of one SIM venue market step (every instrument's synthetic
 * market, the order desk, the book deltas and the events), spot only against spot plus the listed
 * options (176 option books quoted by their makers), on the simulated clock so only CPU is timed.
 */
import { SimulatedClock } from '../src/engine/core';
import { createSimVenue, STEP_MS } from '../src/engine/venues/sim';
import { fmt, nowNs } from './stats';

async function stepCost(options: boolean, steps: number): Promise<{ usPerStep: number; events: number; books: number }> {
  const clock = new SimulatedClock(Date.UTC(2026, 11, 7, 14, 0));
  const venue = createSimVenue({ clock, seed: 42, options });
  let events = 0;
  venue.onEvent(() => events++);
  await venue.connect();
  clock.advance(60_000); // past the start, so both runs measure a market in its stride
  await Promise.resolve();
  events = 0;
  const t0 = nowNs();
  for (let i = 0; i < steps; i++) {
    clock.advance(STEP_MS);
    // Event delivery is asynchronous: let it run, as the terminal would, inside the timed step.
    if (i % 20 === 0) await Promise.resolve();
  }
  const ns = Number(nowNs() - t0);
  await venue.disconnect();
  return { usPerStep: ns / steps / 1000, events: events / ((steps * STEP_MS) / 1000), books: venue.instruments().length };
}

export async function simStepBench(steps = Number(process.env.SQ_BENCH_STEPS ?? 6_000)): Promise<void> {
  console.log(`SIM venue market step (${STEP_MS} ms of market per step, ${steps} steps, simulated clock)`);
  const spot = await stepCost(false, steps);
  const withOptions = await stepCost(true, steps);
  for (const [name, r] of [['spot only', spot], ['spot + options', withOptions]] as const) {
    console.log(`  ${name.padEnd(15)} ${String(r.books).padStart(3)} books: ${fmt(r.usPerStep, 1)} µs per step (${fmt((r.usPerStep / (STEP_MS * 1000)) * 100, 2)}% of one core), ${fmt(r.events, 0)} events/s`);
  }
  console.log(`  options add ${fmt(withOptions.usPerStep - spot.usPerStep, 1)} µs per step`);
}
