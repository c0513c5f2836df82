import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core';
import { estimatePin } from './pinEstimation';
import { PinEstimator } from './pinEstimator';
import { pinLogLikelihood, pinOf, type PinParams } from './pinLikelihood';

/** Poisson count in one unit of time: arrivals of a process with exponential gaps (core Rng). */
function poisson(rng: Rng, rate: number): number {
  if (rate <= 0) return 0;
  let n = 0;
  for (let t = rng.exponential(1 / rate); t < 1; t += rng.exponential(1 / rate)) n++;
  return n;
}

/** Buy and sell counts for `periods` periods drawn from the EKOP model itself. */
function simulateEkop(p: PinParams, periods: number, seed: number): { buys: number[]; sells: number[] } {
  const rng = new Rng(seed);
  const buys: number[] = [];
  const sells: number[] = [];
  for (let i = 0; i < periods; i++) {
    const event = rng.next() < p.alpha;
    const bad = rng.next() < p.delta;
    buys.push(poisson(rng, p.epsB + (event && !bad ? p.mu : 0)));
    sells.push(poisson(rng, p.epsS + (event && bad ? p.mu : 0)));
  }
  return { buys, sells };
}

const lnFactorial = (k: number): number => {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
};

/** The textbook EKOP likelihood, term by term: fine for small counts, overflows for large ones. */
function naiveLogLikelihood(p: PinParams, buys: number[], sells: number[]): number {
  const pois = (k: number, lam: number) => (Math.exp(-lam) * lam ** k) / Math.exp(lnFactorial(k));
  let ll = 0;
  buys.forEach((b, i) => {
    const s = sells[i]!;
    ll += Math.log(
      (1 - p.alpha) * pois(b, p.epsB) * pois(s, p.epsS) +
        p.alpha * (1 - p.delta) * pois(b, p.mu + p.epsB) * pois(s, p.epsS) +
        p.alpha * p.delta * pois(b, p.epsB) * pois(s, p.mu + p.epsS),
    );
  });
  return ll;
}

const constant = (buys: number[], sells: number[]) => buys.reduce((a, b, i) => a + lnFactorial(b) + lnFactorial(sells[i]!), 0);

describe('EKOP log-likelihood (Lin & Ke factorisation)', () => {
  it('equals the textbook mixture of Poisson pairs, up to the dropped factorial constant', () => {
    const params = fc.record({
      alpha: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      delta: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      mu: fc.double({ min: 0.1, max: 30, noNaN: true }),
      epsB: fc.double({ min: 0.1, max: 30, noNaN: true }),
      epsS: fc.double({ min: 0.1, max: 30, noNaN: true }),
    });
    const counts = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(params, counts, (p, c) => {
        const buys = c.map(([b]) => b);
        const sells = c.map(([, s]) => s);
        const want = naiveLogLikelihood(p, buys, sells);
        const got = pinLogLikelihood(p, buys, sells) - constant(buys, sells);
        expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
      }),
    );
  });

  it('stays finite for large counts, where the textbook form overflows', () => {
    const p = { alpha: 0.3, delta: 0.4, mu: 3_000, epsB: 5_000, epsS: 4_000 };
    const buys = [5_100, 8_050, 4_900];
    const sells = [3_950, 4_020, 7_100];
    expect(Number.isFinite(naiveLogLikelihood(p, buys, sells))).toBe(false); // λ^k overflows
    expect(Number.isFinite(pinLogLikelihood(p, buys, sells))).toBe(true);
  });

  it('reduces to independent Poisson counts when α = 0', () => {
    const p = { alpha: 0, delta: 0.5, mu: 7, epsB: 3, epsS: 2 };
    const buys = [0, 4, 2];
    const sells = [1, 0, 5];
    const want = buys.reduce((a, b, i) => a + b * Math.log(3) - 3 + sells[i]! * Math.log(2) - 2, 0);
    expect(pinLogLikelihood(p, buys, sells)).toBeCloseTo(want, 12);
  });

  it('handles zero rates at their limits instead of producing NaN', () => {
    // No uninformed sellers, never any sells: probability 1 for the sell side.
    const p = { alpha: 0.5, delta: 0, mu: 4, epsB: 2, epsS: 0 };
    expect(Number.isFinite(pinLogLikelihood(p, [3, 5], [0, 0]))).toBe(true);
    // A sell with no possible seller is impossible: −∞, not NaN.
    expect(pinLogLikelihood(p, [3], [1])).toBe(-Infinity);
    expect(pinLogLikelihood({ ...p, mu: 0, epsB: 0 }, [0], [0])).toBe(0);
  });

  it('PIN = αμ/(αμ + ε_b + ε_s)', () => {
    expect(pinOf({ alpha: 0.4, delta: 0.5, mu: 50, epsB: 40, epsS: 40 })).toBeCloseTo(20 / 100, 15);
  });
});

describe('estimatePin (maximum likelihood)', () => {
  // Tolerances are about three standard errors of the MLE for these sample sizes, not tuned to seeds.
  const cases: [string, PinParams, number][] = [
    ['moderate activity', { alpha: 0.35, delta: 0.4, mu: 60, epsB: 40, epsS: 35 }, 250],
    ['heavy flow, mostly bad news', { alpha: 0.2, delta: 0.7, mu: 300, epsB: 900, epsS: 850 }, 250],
    ['thin trading', { alpha: 0.6, delta: 0.5, mu: 20, epsB: 10, epsS: 12 }, 250],
  ];
  it.each(cases)('recovers the parameters of simulated EKOP counts (%s)', (_, truth, periods) => {
    for (const seed of [11, 12]) {
      const { buys, sells } = simulateEkop(truth, periods, seed);
      const e = estimatePin(buys, sells)!;
      expect(Math.abs(e.alpha - truth.alpha)).toBeLessThan(0.1);
      expect(Math.abs(e.delta - truth.delta)).toBeLessThan(0.2);
      expect(Math.abs(e.mu / truth.mu - 1)).toBeLessThan(0.12);
      expect(Math.abs(e.epsB / truth.epsB - 1)).toBeLessThan(0.08);
      expect(Math.abs(e.epsS / truth.epsS - 1)).toBeLessThan(0.08);
      expect(Math.abs(e.pin - pinOf(truth))).toBeLessThan(0.04);
      // It is a maximum: at least as likely as the true parameters.
      expect(e.logLikelihood).toBeGreaterThanOrEqual(pinLogLikelihood(truth, buys, sells) - 1e-6);
      expect(e.periods).toBe(periods);
    }
  });

  it('with no information, PIN stays small and the fit is at least the nested no-news model', () => {
    const { buys, sells } = simulateEkop({ alpha: 0, delta: 0.5, mu: 0, epsB: 50, epsS: 50 }, 200, 5);
    const e = estimatePin(buys, sells)!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const noNews = pinLogLikelihood({ alpha: 0, delta: 0.5, mu: 0, epsB: mean(buys), epsS: mean(sells) }, buys, sells);
    expect(e.logLikelihood).toBeGreaterThanOrEqual(noNews - 1e-6);
    // Not ~0: EKOP's MLE is biased upwards without information (sampling noise in the buy/sell rate
    // gap is fitted as α ≈ 1, δ ≈ 1, small μ). A known property of PIN, not of this optimiser.
    expect(e.pin).toBeLessThan(0.15);
  });

  it('is deterministic', () => {
    const { buys, sells } = simulateEkop({ alpha: 0.35, delta: 0.4, mu: 60, epsB: 40, epsS: 35 }, 60, 9);
    expect(estimatePin(buys, sells)).toEqual(estimatePin(buys, sells));
  });

  it('has nothing to say without trades, and copes with one-sided flow', () => {
    expect(estimatePin([], [])).toBeUndefined();
    expect(estimatePin([0, 0, 0], [0, 0, 0])).toBeUndefined();
    const e = estimatePin([5, 9, 4, 30, 6], [0, 0, 0, 0, 0])!;
    expect(e.pin).toBeGreaterThanOrEqual(0);
    expect(e.pin).toBeLessThanOrEqual(1);
    expect(Number.isFinite(e.logLikelihood)).toBe(true);
  });
});

describe('PinEstimator (rolling periods)', () => {
  it('counts trades per period, drops the partial first period and adds quiet periods as zeros', () => {
    const p = new PinEstimator({ periodMs: 1_000, periods: 4, minPeriods: 2 });
    p.onTrade('buy', 500); //                 period 0: partial, discarded
    p.onTrade('buy', 1_100);
    p.onTrade('sell', 1_200);
    p.onTrade('buy', 1_900); //               period 1: B = 2, S = 1
    p.onTrade('sell', 4_500); //              closes 1; periods 2, 3 had no trade
    expect(p.counts()).toEqual({ buys: [2, 0, 0], sells: [1, 0, 0] });
    p.advance(9_000); //                      closes 4 (S = 1) and 5..8 quiet: window keeps the last 4
    expect(p.counts()).toEqual({ buys: [0, 0, 0, 0], sells: [0, 0, 0, 0] });
  });

  it('estimates only when a period closes, never per trade', () => {
    const truth = { alpha: 0.4, delta: 0.5, mu: 30, epsB: 20, epsS: 20 };
    const { buys, sells } = simulateEkop(truth, 41, 3);
    const p = new PinEstimator({ periodMs: 1_000, periods: 40, minPeriods: 20 });
    // Trades of period i spread evenly inside [i s, (i+1) s).
    const feed = (i: number) => {
      const n = buys[i]! + sells[i]!;
      for (let k = 0; k < n; k++) p.onTrade(k < buys[i]! ? 'buy' : 'sell', i * 1_000 + Math.floor((k * 1_000) / n));
    };
    for (let i = 0; i <= 20; i++) feed(i); // period 0 is the partial one; 1..19 closed = 19 periods
    expect(p.estimate()).toBeUndefined();
    feed(21); //                             its first trade closes period 20: 20 periods, first estimate
    const first = p.estimate();
    expect(first?.periods).toBe(20);
    p.onTrade('buy', 21_999); //             more trades inside the open period change nothing
    expect(p.estimate()).toBe(first);
    for (let i = 22; i <= 40; i++) feed(i);
    p.advance(41_000);
    const last = p.estimate()!;
    expect(last.periods).toBe(40);
    expect(p.value()).toBe(last.pin);
    expect(Math.abs(last.pin - pinOf(truth))).toBeLessThan(0.1);
  });

  it('reset() forgets the history', () => {
    const p = new PinEstimator({ periodMs: 1_000, periods: 4, minPeriods: 2 });
    for (let t = 0; t < 5_000; t += 100) p.onTrade(t % 300 ? 'buy' : 'sell', t);
    expect(p.value()).toBeDefined();
    p.reset();
    expect(p.value()).toBeUndefined();
    expect(p.counts()).toEqual({ buys: [], sells: [] });
  });
});
