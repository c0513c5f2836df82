import type { Clock } from '../../core';
import { type Instrument, InstrumentRegistry } from '../../instruments';
import { Portfolio } from '../../portfolio';
import { createSimVenue, type VenueFill } from '../../venues';
import type { VenueTruth } from './recoveryChecks';

/**
 * What the simulated exchange itself holds for us, read the way a second client would after the
 * terminal has gone: a fresh SimVenue on the same data dir loads its durable state (never the
 * terminal's), and its trade history and open orders are the truth the terminal must agree with.
 * The venue is never connected, so its market does not move while it is read. Its positions and
 * P&L are those its own fills give, in its order, through the same position arithmetic.
 */
export async function readVenueTruth(dataDir: string, venue: string, clock: Clock): Promise<VenueTruth & { restoreProblem?: string }> {
  const sim = createSimVenue({ id: venue, clock, dataDir });
  try {
    const fills = await sim.fillsSince(0);
    const truth: VenueTruth & { restoreProblem?: string } = { venue, fills, open: await sim.openOrders(), positions: positionsOf(venue, fills, sim.instruments()) };
    if (sim.restoreProblem) truth.restoreProblem = sim.restoreProblem;
    return truth;
  } finally {
    await sim.disconnect();
  }
}

function positionsOf(venue: string, fills: VenueFill[], instruments: readonly Instrument[]): NonNullable<VenueTruth['positions']> {
  const registry = new InstrumentRegistry();
  for (const inst of instruments) registry.add(inst);
  const portfolio = new Portfolio(registry);
  const rebuilt = portfolio.rebuild(fills.map((f) => ({ ...f, venue })));
  if (!rebuilt.ok) throw new Error(`the venue's fills do not fit its instruments: ${rebuilt.error.message}`);
  return portfolio.positions().map((p) => {
    const row: NonNullable<VenueTruth['positions']>[number] = { symbol: p.symbol, qty: p.qty, realisedPnl: p.realisedPnl, fees: p.fees };
    if (p.avgPrice !== undefined) row.avgPrice = p.avgPrice;
    return row;
  });
}
