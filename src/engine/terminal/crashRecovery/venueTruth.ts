import type { Clock } from '../../core';
import { createSimVenue } from '../../venues';
import type { VenueTruth } from './recoveryChecks';

/**
 * What the simulated exchange itself holds for us, read the way a second client would after the
 * terminal has gone: a fresh SimVenue on the same data dir loads its durable state (never the
 * terminal's), and its trade history and open orders are the truth the terminal must agree with.
 * The venue is never connected, so its market does not move while it is read.
 */
export async function readVenueTruth(dataDir: string, venue: string, clock: Clock): Promise<VenueTruth & { restoreProblem?: string }> {
  const sim = createSimVenue({ id: venue, clock, dataDir });
  try {
    const truth: VenueTruth & { restoreProblem?: string } = { venue, fills: await sim.fillsSince(0), open: await sim.openOrders() };
    if (sim.restoreProblem) truth.restoreProblem = sim.restoreProblem;
    return truth;
  } finally {
    await sim.disconnect();
  }
}
