import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core';
import { midMoves, type OrderFlowDataset } from './dataset';
import { FEATURE_COUNT } from './features';
import { sigmoid } from './logistic';
import { walkForward, walkForwardFolds } from './walkForward';

/** Ascending times with irregular gaps (some long), as a feed with outages produces. */
const timesArb = fc
  .array(fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 120_000 })), { minLength: 1, maxLength: 400 })
  .map((gaps) => {
    let t = 1_700_000_000_000;
    return gaps.map((g) => (t += g));
  });

describe('walkForwardFolds', () => {
  it('never trains on a test sample or on one within the embargo before the test block', () => {
    fc.assert(
      fc.property(
        timesArb,
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.option(fc.integer({ min: 1, max: 600_000 }), { nil: undefined }),
        (times, folds, initialTrainFraction, embargoMs, rollingMs) => {
          const out = walkForwardFolds(times, {
            folds,
            initialTrainFraction,
            embargoMs,
            ...(rollingMs ? { window: 'rolling' as const, rollingMs } : {}),
          });
          let prevTestEnd = -1;
          for (const f of out) {
            expect(f.trainStart).toBeGreaterThanOrEqual(0);
            expect(f.trainStart).toBeLessThan(f.trainEnd);
            expect(f.trainEnd).toBeLessThanOrEqual(f.testStart);
            expect(f.testStart).toBeLessThan(f.testEnd);
            expect(f.testEnd).toBeLessThanOrEqual(times.length);
            // Test blocks advance and do not overlap.
            expect(f.testStart).toBeGreaterThanOrEqual(prevTestEnd);
            prevTestEnd = f.testEnd;
            const firstTest = times[f.testStart]!;
            for (let i = f.trainStart; i < f.trainEnd; i++) {
              // Strictly more than the embargo before every test sample (the first is the earliest).
              expect(firstTest - times[i]!).toBeGreaterThan(embargoMs);
              if (rollingMs) expect(firstTest - embargoMs - times[i]!).toBeLessThanOrEqual(rollingMs);
            }
            // Expanding: everything eligible is used.
            if (!rollingMs) {
              expect(f.trainStart).toBe(0);
              if (f.trainEnd < f.testStart) expect(firstTest - times[f.trainEnd]!).toBeLessThanOrEqual(embargoMs);
            }
          }
        },
      ),
    );
  });

  it('refuses bad options with a clear error', () => {
    expect(() => walkForwardFolds([1, 2, 3], { embargoMs: -1 })).toThrow(/embargoMs/);
    expect(() => walkForwardFolds([1, 2, 3], { embargoMs: 0, folds: 0 })).toThrow(/folds/);
    expect(() => walkForwardFolds([1, 2, 3], { embargoMs: 0, window: 'rolling' })).toThrow(/rollingMs/);
  });
});

/** A regular 1 s dataset whose feature 0 drives the next 5 s mid move through a known logistic link. */
function plantedDataset(n: number, strength: number, seed: number): OrderFlowDataset {
  const rng = new Rng(seed);
  const times = new Float64Array(n);
  const mids = new Float64Array(n);
  const features = new Float64Array(n * FEATURE_COUNT);
  let mid = 100_000;
  for (let i = 0; i < n; i++) times[i] = 1_700_000_000_000 + i * 1_000;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < FEATURE_COUNT; k++) features[i * FEATURE_COUNT + k] = rng.normal();
    mids[i] = mid;
    mid += rng.int(-1, 1); // noise: small steps every second
  }
  // The planted signal: over the next 5 s the mid drifts 3 ticks in the direction drawn from feature 0.
  for (let i = 0; i + 5 < n; i += 5) {
    const up = rng.next() < sigmoid(strength * features[i * FEATURE_COUNT]!);
    for (let j = i + 1; j <= i + 5; j++) mids[j] = mids[j]! + (up ? 3 : -3) * (j - i) / 5;
    for (let j = i + 6; j < n; j++) mids[j] = mids[j]! + (up ? 3 : -3);
  }
  return { n, sampleMs: 1_000, times, mids, features };
}

describe('midMoves', () => {
  it('reads the mid as of t + horizon, and nothing when the data ends or has a gap', () => {
    const data: OrderFlowDataset = {
      n: 5,
      sampleMs: 1_000,
      times: Float64Array.from([0, 1_000, 2_000, 5_000, 6_000]),
      mids: Float64Array.from([10, 11, 9.5, 12, 12]),
      features: new Float64Array(5 * FEATURE_COUNT),
    };
    const m = Array.from(midMoves(data, 1_000));
    // t=0 → 1000: +1; 1000 → 2000: -1.5; 2000 → 3000 falls in the gap (last sample at 2000 is 1 s old); 5000 → 6000: 0; 6000: no data.
    expect(m.slice(0, 2)).toEqual([1, -1.5]);
    expect(Number.isNaN(m[2]!)).toBe(true);
    expect(m[3]).toBe(0);
    expect(Number.isNaN(m[4]!)).toBe(true);
  });
});

describe('walkForward', () => {
  it('finds a planted signal out of sample and reports finite, consistent stats', () => {
    const data = plantedDataset(6_000, 2, 4);
    const r = walkForward(data, { horizonMs: 5_000, folds: 5 });
    expect(r.folds.length).toBe(5);
    expect(r.embargoMs).toBe(5_000);
    // Only the samples at the start of a planted 5 s block carry the signal (a fifth of them), so the
    // edge is diluted; it must still stand well clear of a coin (3 standard errors).
    expect(r.hit.rate).toBeGreaterThan(0.5 + 3 * r.hit.se);
    expect(r.ic).toBeGreaterThan(0.05);
    for (const f of r.folds) expect(Number.isFinite(f.ic)).toBe(true);
    expect(r.hit.n).toBe(r.folds.reduce((s, f) => s + f.hit.n, 0));
    expect(r.testSamples).toBeLessThanOrEqual(data.n - Math.floor(data.n * 0.4));
    // The fitted weight of the planted feature dominates.
    const w = Array.from(r.final.weights, Math.abs);
    expect(w.indexOf(Math.max(...w))).toBe(0);
  });

  it('finds nothing in noise: the hit rate is within a few standard errors of 1/2', () => {
    const data = plantedDataset(6_000, 0, 8);
    const r = walkForward(data, { horizonMs: 5_000 });
    expect(Math.abs(r.hit.rate - 0.5)).toBeLessThan(4 * r.hit.se + 0.02);
    expect(Math.abs(r.ic)).toBeLessThan(0.1);
  });

  it('fits each fold without looking at its test block: rewriting every mid from the block on changes none of its models', () => {
    const data = plantedDataset(3_000, 1.5, 12);
    const before = walkForward(data, { horizonMs: 5_000, folds: 4 });
    const rng = new Rng(99);
    for (const [k, fold] of before.folds.entries()) {
      const mids = data.mids.slice();
      for (let i = fold.testStart; i < data.n; i++) mids[i] = 100_000 + rng.int(-500, 500);
      const after = walkForward({ ...data, mids }, { horizonMs: 5_000, folds: 4 });
      for (let j = 0; j <= k; j++) {
        expect(Array.from(after.folds[j]!.model.weights)).toEqual(Array.from(before.folds[j]!.model.weights));
        expect(after.folds[j]!.model.intercept).toBe(before.folds[j]!.model.intercept);
      }
      // ...while a later fold, which may train on that data, does see it.
      if (k + 1 < before.folds.length) expect(after.folds[k + 1]!.model.intercept).not.toBe(before.folds[k + 1]!.model.intercept);
    }
  });

  it('refuses an embargo shorter than the horizon (overlapping labels would leak)', () => {
    const data = plantedDataset(500, 1, 1);
    expect(() => walkForward(data, { horizonMs: 5_000, embargoMs: 1_000 })).toThrow(/embargo/);
  });
});
