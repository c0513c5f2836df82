import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import { OrderFlowPredictor } from './predictor';
import { simulateOrderFlow } from './simMarket';
import { walkForward } from './walkForward';

// 15 simulated minutes of BTC-USDT after a 3-minute warm-up: about a second of CPU.
const run = () => simulateOrderFlow({ seed: 21, durationMs: 15 * 60_000, warmUpMs: 180_000 });

describe('order-flow model on the SIM market, end to end', () => {
  it('samples every feature from the analytics, fits walk-forward and gives finite stats and a live signal', async () => {
    const data = await run();
    expect(data.n).toBe(900);
    // After the warm-up every feature is known at every sample (the SIM book is always two-sided).
    for (let i = 0; i < data.n; i++) {
      expect(Number.isFinite(data.mids[i]!)).toBe(true);
      for (let k = 0; k < FEATURE_COUNT; k++) expect(Number.isFinite(data.features[i * FEATURE_COUNT + k]!), `${FEATURE_NAMES[k]} at ${i}`).toBe(true);
    }
    for (const horizonMs of [5_000, 30_000]) {
      const r = walkForward(data, { horizonMs, folds: 4 });
      expect(r.folds.length).toBe(4);
      expect(r.hit.n).toBeGreaterThan(100);
      for (const v of [r.hit.rate, r.hit.se, r.ic, r.baseRateUp, r.majorityHit.rate]) expect(Number.isFinite(v)).toBe(true);
      expect(r.hit.rate).toBeGreaterThanOrEqual(0);
      expect(r.hit.rate).toBeLessThanOrEqual(1);
      expect(Math.abs(r.ic)).toBeLessThanOrEqual(1);
      const predictor = OrderFlowPredictor.fromWalkForward(r);
      const last = data.features.subarray((data.n - 1) * FEATURE_COUNT, data.n * FEATURE_COUNT);
      const p = predictor.predict(last);
      expect(p.pUp).toBeGreaterThan(0);
      expect(p.pUp).toBeLessThan(1);
      expect(p.signal).toBeCloseTo(2 * p.pUp - 1, 15);
      expect(p.stats.horizonMs).toBe(horizonMs);
      expect(p.stats.hitRate).toBe(r.hit.rate);
      expect(p.stats.foldIc).toHaveLength(4);
      // Unknown features fall back to the training means: a signal, not a crash.
      expect(Number.isFinite(predictor.predict(new Float64Array(FEATURE_COUNT).fill(NaN)).signal)).toBe(true);
      expect(() => predictor.predict([1, 2])).toThrow(/features/);
    }
  });

  it('gives the same numbers for the same seed, and different ones for another seed', async () => {
    const a = await run();
    const b = await run();
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    expect(Array.from(b.mids)).toEqual(Array.from(a.mids));
    const ra = walkForward(a, { horizonMs: 5_000 });
    const rb = walkForward(b, { horizonMs: 5_000 });
    expect(rb.hit).toEqual(ra.hit);
    expect(rb.ic).toBe(ra.ic);
    expect(Array.from(rb.final.weights)).toEqual(Array.from(ra.final.weights));
    const other = await simulateOrderFlow({ seed: 22, durationMs: 15 * 60_000, warmUpMs: 180_000 });
    expect(Array.from(other.mids)).not.toEqual(Array.from(a.mids));
  });
});
