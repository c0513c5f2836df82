import { describe, expect, it } from 'vitest';
import { SIM_INSTRUMENT_SPECS, type SimInstrumentSpec } from './instruments';
import { MatchingEngine } from './matchingEngine';
import { SEED_LEVELS, STEP_MS, SyntheticMarket } from './syntheticMarket';

const STEPS_PER_SEC = 1000 / STEP_MS;

function start(spec: SimInstrumentSpec, seed: number): { engine: MatchingEngine; market: SyntheticMarket } {
  const engine = new MatchingEngine();
  const market = new SyntheticMarket(engine, spec.market, { seed });
  market.seedBook();
  return { engine, market };
}

/** Mid price sampled once a simulated second. */
function midsPerSecond(engine: MatchingEngine, market: SyntheticMarket, seconds: number): number[] {
  const mids: number[] = [];
  for (let s = 0; s < seconds; s++) {
    for (let k = 0; k < STEPS_PER_SEC; k++) market.step();
    mids.push((engine.bestBid()! + engine.bestAsk()!) / 2);
  }
  return mids;
}

function logReturns(prices: number[]): number[] {
  return prices.slice(1).map((p, i) => Math.log(p / prices[i]!));
}

function excessKurtosis(xs: number[]): number {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const m2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  const m4 = xs.reduce((s, x) => s + (x - mean) ** 4, 0) / xs.length;
  return m4 / (m2 * m2) - 3;
}

function autocorrelation(xs: number[], lag: number): number {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    den += (xs[i]! - mean) ** 2;
    if (i >= lag) num += (xs[i]! - mean) * (xs[i - lag]! - mean);
  }
  return num / den;
}

describe('SyntheticMarket', () => {
  it.each(SIM_INSTRUMENT_SPECS.map((s) => [s.instrument.symbol, s] as const))(
    '%s starts with a deep book around its start price',
    (_, spec) => {
      const { engine } = start(spec, 1);
      expect(engine.depth('buy')).toBeGreaterThanOrEqual(SEED_LEVELS);
      expect(engine.depth('sell')).toBeGreaterThanOrEqual(SEED_LEVELS);
      const bid = engine.bestBid()!;
      const ask = engine.bestAsk()!;
      expect(ask).toBeGreaterThan(bid);
      expect(Math.abs((bid + ask) / 2 / spec.market.startTicks - 1)).toBeLessThan(0.001);
    },
  );

  it.each(SIM_INSTRUMENT_SPECS.map((s) => [s.instrument.symbol, s] as const))(
    '%s keeps a deep, uncrossed book and a sane price over 10 simulated minutes',
    (_, spec) => {
      const { engine, market } = start(spec, 7);
      let minDepth = Infinity;
      let trades = 0;
      for (let s = 0; s < 600; s++) {
        for (let k = 0; k < STEPS_PER_SEC; k++) trades += market.step().length;
        const bid = engine.bestBid()!;
        const ask = engine.bestAsk()!;
        expect(ask - bid).toBeGreaterThan(0);
        minDepth = Math.min(minDepth, engine.depth('buy'), engine.depth('sell'));
        // Ten minutes of a liquid pair: well within +-5% of where it started.
        expect(Math.abs(bid / spec.market.startTicks - 1)).toBeLessThan(0.05);
      }
      expect(minDepth).toBeGreaterThanOrEqual(200);
      // Alive but calm: a few executions a second on average, not hundreds.
      expect(trades / 600).toBeGreaterThan(1);
      expect(trades / 600).toBeLessThan(60);
      // Resting orders stay bounded (cancellations and trimming keep the book from growing forever).
      expect(engine.orderCount).toBeLessThan(5000);
    },
  );

  it('shows heavy tails and volatility clustering in 1-second returns', () => {
    const spec = SIM_INSTRUMENT_SPECS[0]!;
    const { engine, market } = start(spec, 11);
    const returns = logReturns(midsPerSecond(engine, market, 3600));
    expect(excessKurtosis(returns)).toBeGreaterThan(0);
    const absolute = returns.map(Math.abs);
    const lags = [1, 2, 3, 4, 5].map((lag) => autocorrelation(absolute, lag));
    for (const acf of lags) expect(acf).toBeGreaterThan(0);
    expect(lags.reduce((s, x) => s + x, 0) / lags.length).toBeGreaterThan(0.05);
  });

  it('is deterministic for a seed and continues identically from a saved state', () => {
    const spec = SIM_INSTRUMENT_SPECS[1]!;
    const a = start(spec, 5);
    const b = start(spec, 5);
    expect(midsPerSecond(a.engine, a.market, 30)).toEqual(midsPerSecond(b.engine, b.market, 30));
    expect(a.engine.levels('buy')).toEqual(b.engine.levels('buy'));
    expect(a.engine.levels('sell')).toEqual(b.engine.levels('sell'));

    const different = start(spec, 6);
    expect(midsPerSecond(different.engine, different.market, 30)).not.toEqual(midsPerSecond(a.engine, a.market, 30));

    // Restarting from a saved state continues the fair value and the random stream, not the start.
    const saved = a.market.state();
    const resumed = new SyntheticMarket(new MatchingEngine(), spec.market, saved);
    expect(resumed.fairValue).toBeCloseTo(a.market.fairValue, 6);
    expect(resumed.state()).toEqual(saved);
  });
});

describe('SyntheticMarket activity (the load knob of bench/ui.ts, SQ_SIM_ACTIVITY)', () => {
  /** Trades and book level changes per simulated second over `seconds`, at `activity`. */
  function rates(activity: number, seconds: number): { tradesPerSec: number; changesPerSec: number; levels: number } {
    const engine = new MatchingEngine();
    const market = new SyntheticMarket(engine, SIM_INSTRUMENT_SPECS[0]!.market, { seed: 7 }, activity);
    market.seedBook();
    engine.drainChanges();
    let trades = 0;
    let changes = 0;
    for (let k = 0; k < seconds * STEPS_PER_SEC; k++) {
      trades += market.step().length;
      changes += engine.drainChanges().length;
    }
    return { tradesPerSec: trades / seconds, changesPerSec: changes / seconds, levels: engine.levels('buy').length + engine.levels('sell').length };
  }

  // Fills count each maker a taker hits; level changes are net per 50 ms step (what a book delta carries).
  it('x80 gives the UI benchmark its load (hundreds of fills and of net level changes a second) on a book of the same shape', () => {
    const normal = rates(1, 30);
    const busy = rates(80, 30);
    expect(busy.tradesPerSec).toBeGreaterThan(40 * normal.tradesPerSec);
    expect(busy.tradesPerSec).toBeGreaterThan(200);
    expect(busy.changesPerSec).toBeGreaterThan(5 * normal.changesPerSec);
    expect(busy.changesPerSec).toBeGreaterThan(500);
    // Quotes come and go faster, the standing book keeps its depth.
    expect(busy.levels).toBeGreaterThan(0.5 * normal.levels);
    expect(busy.levels).toBeLessThan(2 * normal.levels);
  });

  it('refuses an activity outside 1..1000', () => {
    expect(() => new SyntheticMarket(new MatchingEngine(), SIM_INSTRUMENT_SPECS[0]!.market, { seed: 1 }, 0)).toThrow(RangeError);
    expect(() => new SyntheticMarket(new MatchingEngine(), SIM_INSTRUMENT_SPECS[0]!.market, { seed: 1 }, 5000)).toThrow(RangeError);
  });
});
