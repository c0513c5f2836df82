import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sviTotalVariance, sviVol, type SviParams } from '../svi';
import { fitSmile, type SmileFit } from './fitSmile';
import type { SmileQuote } from './quotes';
import { quotesFrom } from './testQuotes.fixture';

function fitted(fit: SmileFit): Extract<SmileFit, { ok: true }> {
  if (!fit.ok) throw new Error(`fit failed: ${fit.reason}`);
  return fit;
}

function expectArbitrageFreeWings(p: SviParams): void {
  expect(p.b).toBeGreaterThanOrEqual(0);
  expect(Math.abs(p.rho)).toBeLessThan(1);
  expect(p.s).toBeGreaterThan(0);
  expect(p.a + p.b * p.s * Math.sqrt(1 - p.rho * p.rho)).toBeGreaterThanOrEqual(-1e-15);
  expect(p.b * (1 + Math.abs(p.rho))).toBeLessThanOrEqual(2 + 1e-12);
}

/** Smiles an index or a coin shows: equity-like put skew, short-dated steep, long-dated flat, call skew. */
const KNOWN: [string, SviParams, number, number][] = [
  ['equity skew, 6 months', { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 }, 0.5, 0.5],
  ['steep short-dated, 3 weeks', { a: 0.001, b: 0.05, rho: -0.7, m: 0, s: 0.05 }, 0.06, 0.25],
  ['negative a, call skew, 2 years', { a: -0.02, b: 0.3, rho: 0.2, m: -0.1, s: 0.3 }, 2, 1],
  ['coin-like wide smile, 1 month', { a: 0.02, b: 0.2, rho: 0.1, m: 0.02, s: 0.1 }, 1 / 12, 0.6],
];

describe('fitSmile', () => {
  it.each(KNOWN)('recovers the SVI parameters of a %s smile from its own quotes', (_name, p, years, width) => {
    const fit = fitted(fitSmile(quotesFrom(p, years, { width })));
    expect(fit.params.a).toBeCloseTo(p.a, 5);
    expect(fit.params.b).toBeCloseTo(p.b, 4);
    expect(fit.params.rho).toBeCloseTo(p.rho, 4);
    expect(fit.params.m).toBeCloseTo(p.m, 4);
    expect(fit.params.s).toBeCloseTo(p.s, 4);
    expect(fit.rmseVolPoints).toBeLessThan(1e-3);
    expect(fit.years).toBe(years);
    expect(fit.forward).toBe(100);
    expect(fit.quotesUsed).toBe(15);
    expectArbitrageFreeWings(fit.params);
  });

  it('fits any valid smile to a small fraction of a vol point and keeps the constraints', () => {
    const smile = fc.record({
      b: fc.double({ min: 0.02, max: 0.6, noNaN: true }),
      rho: fc.double({ min: -0.85, max: 0.85, noNaN: true }),
      m: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
      s: fc.double({ min: 0.03, max: 0.4, noNaN: true }),
      level: fc.double({ min: -0.5, max: 2, noNaN: true }),
      years: fc.double({ min: 0.02, max: 3, noNaN: true }),
    });
    fc.assert(
      fc.property(smile, ({ b, rho, m, s, level, years }) => {
        // a from the smile's minimum variance, so the generated smile itself never has negative variance.
        const p = { a: level * b * s * Math.sqrt(1 - rho * rho) + 0.002, b, rho, m, s };
        const fit = fitted(fitSmile(quotesFrom(p, years, { width: 0.6 })));
        expect(fit.rmseVolPoints).toBeLessThan(0.01);
        expectArbitrageFreeWings(fit.params);
      }),
      { numRuns: 60 },
    );
  });

  it('with noisy quotes, stays within the noise and close to the true smile', () => {
    const p: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.005, max: 0.005, noNaN: true }), { minLength: 25, maxLength: 25 }), (noise) => {
        const years = 0.5;
        const fit = fitted(fitSmile(quotesFrom(p, years, { count: 25, noise })));
        // Half a vol point of noise at most: the fit's error is of that size, and its smile stays within
        // it of the truth inside the quoted range.
        expect(fit.rmseVolPoints).toBeLessThan(0.5);
        for (let k = -0.4; k <= 0.4; k += 0.05) {
          expect(Math.abs(sviVol(fit.params, k, years) - sviVol(p, k, years))).toBeLessThan(0.005);
        }
        expectArbitrageFreeWings(fit.params);
      }),
      { numRuns: 40 },
    );
  });

  it('weights: a heavily weighted quote is fitted more closely than when it carries no extra weight', () => {
    const p: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };
    const quotes = quotesFrom(p, 0.5);
    // One off-market quote at the money; weight every other quote by 1.
    const bumped = quotes.map((q, i) => (i === 7 ? { ...q, iv: (q.iv ?? 0) + 0.01 } : q));
    const plain = fitted(fitSmile(bumped));
    const trusted = fitted(fitSmile(bumped.map((q, i) => ({ ...q, weight: i === 7 ? 100 : 1 }))));
    const atm = bumped[7]!;
    const missOf = (fit: SmileFit & { ok: true }): number =>
      Math.abs(sviVol(fit.params, Math.log(atm.strike / atm.forward), 0.5) - (atm.iv ?? 0));
    expect(missOf(trusted)).toBeLessThan(missOf(plain) / 3);
  });

  it('uses the mid of bid and ask implied vols', () => {
    const p: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };
    const quotes = quotesFrom(p, 0.5).map(({ iv, ...q }) => ({ ...q, bidIv: (iv ?? 0) - 0.01, askIv: (iv ?? 0) + 0.01 }));
    const fit = fitted(fitSmile(quotes));
    expect(fit.rmseVolPoints).toBeLessThan(1e-3);
    expect(sviTotalVariance(fit.params, 0)).toBeCloseTo(sviTotalVariance(p, 0), 7);
  });
});

describe('fitSmile: bad input', () => {
  const p: SviParams = { a: 0.01, b: 0.1, rho: -0.4, m: 0.05, s: 0.15 };
  const good = quotesFrom(p, 0.5, { count: 6 });

  it('refuses fewer than 5 usable quotes and names each rejected quote', () => {
    const quotes: SmileQuote[] = [
      ...good.slice(0, 4),
      { ...good[4]!, iv: Number.NaN },
      { ...good[5]!, strike: -1 },
    ];
    const fit = fitSmile(quotes);
    expect(fit).toMatchObject({ ok: false, reason: '4 usable quotes, at least 5 are needed to fit a smile' });
    expect(fit.rejected).toEqual([
      { index: 4, reason: 'implied vol must be a positive number' },
      { index: 5, reason: 'strike must be a positive number' },
    ]);
  });

  it.each<[string, Partial<SmileQuote>, string]>([
    ['a zero forward', { forward: 0 }, 'forward must be a positive number'],
    ['an expired option', { years: 0 }, 'years to expiry must be a positive number'],
    ['a negative weight', { weight: -1 }, 'weight must be a positive number'],
    ['an infinite vol', { iv: Number.POSITIVE_INFINITY }, 'implied vol must be a positive number'],
    ['crossed bid/ask vols', { iv: undefined, bidIv: 0.3, askIv: 0.2 }, 'bid implied vol above ask implied vol'],
    ['a one-sided quote', { iv: undefined, bidIv: 0.3 }, 'needs an implied vol, or both bid and ask implied vols'],
  ])('sets aside a quote with %s and fits the rest', (_what, change, reason) => {
    const quotes = good.map((q, i) => (i === 2 ? { ...q, ...change } : q));
    const fit = fitSmile(quotes);
    expect(fit.rejected).toEqual([{ index: 2, reason }]);
    expect(fitted(fit).quotesUsed).toBe(5);
  });

  it('refuses quotes of different expiries in one smile', () => {
    const quotes = good.map((q, i) => (i === 0 ? { ...q, years: 0.25 } : q));
    expect(fitSmile(quotes)).toMatchObject({ ok: false, reason: 'quotes of different expiries in one smile' });
  });

  it('refuses five quotes on fewer than five strikes', () => {
    const same = Array.from({ length: 6 }, () => ({ ...good[0]! }));
    expect(fitSmile(same)).toMatchObject({ ok: false, reason: '1 distinct strikes, at least 5 are needed to fit a smile' });
  });

  it('never returns NaN, whatever the quotes', () => {
    const num = fc.oneof(fc.double(), fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY), fc.double({ min: 0.01, max: 3 }));
    const quote = fc.record({ strike: fc.oneof(num, fc.double({ min: 50, max: 150 })), forward: fc.constantFrom(100, Number.NaN, 0), years: fc.constantFrom(0.5, 0, -1), iv: num, weight: fc.option(num, { nil: undefined }) });
    fc.assert(
      // Alone, or mixed into a good smile so that the fit itself meets extreme but valid-looking quotes.
      fc.property(fc.array(quote, { maxLength: 12 }), fc.boolean(), (junk, withGood) => {
        const fit = fitSmile(withGood ? [...good, ...junk] : junk);
        if (withGood && junk.every((q) => q.years === 0.5)) expect(fit.ok).toBe(true);
        if (!fit.ok) {
          expect(fit.reason.length).toBeGreaterThan(0);
          return;
        }
        const { a, b, rho, m, s } = fit.params;
        for (const x of [a, b, rho, m, s, fit.rmseVolPoints, fit.maxErrorVolPoints]) expect(Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
