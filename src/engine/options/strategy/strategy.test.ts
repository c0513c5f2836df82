import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greeks, optionPrice, yearsBetween, type OptionRight } from '../pricing';
import {
  analyseExpiry,
  butterfly,
  calendar,
  ironCondor,
  legProblems,
  netGreeks,
  netPremium,
  pnlAt,
  straddle,
  strangle,
  summariseStrategy,
  vertical,
  type ChainView,
  type OptionLeg,
  type StrategyLeg,
  type StrategyMarket,
} from '.';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 5, 8);
const market: StrategyMarket = { model: 'bsm', rate: 0.03, dividend: 0 };
const SPOT = 100;

/** A chain quoted at a flat 30% vol by the pricing engine: strikes 80..120 step 5, expiries in 30 and 60 days. */
function chain(): ChainView {
  const strikes = [80, 85, 90, 95, 100, 105, 110, 115, 120];
  const expiries = [30, 60].map((days) => {
    const expiryMs = NOW + days * DAY;
    return {
      expiryMs,
      strikes,
      atmStrike: 100,
      quote: (right: OptionRight, strike: number) => ({
        price: optionPrice({ model: 'bsm', right, spot: SPOT, strike, years: yearsBetween(NOW, expiryMs), rate: 0.03, dividend: 0, sigma: 0.3 }),
        vol: 0.3,
      }),
    };
  });
  return { underlyingPrice: SPOT, multiplier: 10, expiries };
}

const premiumPerUnit = (legs: OptionLeg[]): number => legs.reduce((s, l) => s + l.quantity * l.entryPrice, 0);
const close = (a: number, b: number, tol = 1e-9): void => expect(Math.abs(a - b)).toBeLessThan(tol * Math.max(1, Math.abs(b)));

describe('strategy presets at expiry', () => {
  it('long straddle: breakevens at K ± premium, max loss = premium paid, unlimited profit', () => {
    const legs = straddle(chain());
    const prem = premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    expect(a.exact).toBe(true);
    expect(a.breakevens).toHaveLength(2);
    close(a.breakevens[0]!, 100 - prem);
    close(a.breakevens[1]!, 100 + prem);
    expect(a.maxProfit).toBe('unlimited');
    close(a.maxLoss as number, prem * 10);
    expect(netPremium(legs)).toEqual({ amount: prem * 10, kind: 'debit' });
  });

  it('short straddle: unlimited loss, max profit = credit', () => {
    const legs = straddle(chain(), { direction: 'short', quantity: 3 });
    const prem = -premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    expect(a.maxLoss).toBe('unlimited');
    close(a.maxProfit as number, prem * 10);
    expect(netPremium(legs).kind).toBe('credit');
  });

  it('long strangle: breakevens at put strike − premium and call strike + premium', () => {
    const legs = strangle(chain(), { width: 2 });
    expect(legs.map((l) => [l.right, l.strike])).toEqual([['put', 90], ['call', 110]]);
    const prem = premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    close(a.breakevens[0]!, 90 - prem);
    close(a.breakevens[1]!, 110 + prem);
    close(a.maxLoss as number, prem * 10);
  });

  it('bull call spread: breakeven K1 + debit, max profit = width − debit, max loss = debit', () => {
    const legs = vertical(chain(), { right: 'call', width: 2 });
    expect(legs.map((l) => [l.strike, l.quantity])).toEqual([[100, 1], [110, -1]]);
    const debit = premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    expect(a.breakevens).toHaveLength(1);
    close(a.breakevens[0]!, 100 + debit);
    close(a.maxProfit as number, (10 - debit) * 10);
    close(a.maxLoss as number, debit * 10);
  });

  it('bear put spread: breakeven K1 − debit, max profit at or below the lower strike', () => {
    const legs = vertical(chain(), { right: 'put', width: 1 });
    const debit = premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    close(a.breakevens[0]!, 100 - debit);
    close(a.maxProfit as number, (5 - debit) * 10);
    close(a.maxLoss as number, debit * 10);
    expect(pnlAt(legs, market, 0, a.atMs)).toBeCloseTo((5 - debit) * 10, 9);
  });

  it('long butterfly: max profit = wing − debit at the body, max loss = debit, breakevens body ± (wing − debit)', () => {
    const legs = butterfly(chain(), { right: 'call', width: 2 });
    expect(legs.map((l) => l.quantity)).toEqual([1, -2, 1]);
    const debit = premiumPerUnit(legs);
    const a = analyseExpiry(legs, market, SPOT);
    close(a.maxProfit as number, (10 - debit) * 10);
    close(a.maxLoss as number, debit * 10);
    close(a.breakevens[0]!, 90 + debit);
    close(a.breakevens[1]!, 110 - debit);
  });

  it('short iron condor: max profit = credit, max loss = wing width − credit', () => {
    const legs = ironCondor(chain(), { inner: 1, wing: 2 });
    expect(legs.map((l) => [l.right, l.strike, l.quantity])).toEqual([
      ['put', 85, 1],
      ['put', 95, -1],
      ['call', 105, -1],
      ['call', 115, 1],
    ]);
    const credit = -premiumPerUnit(legs);
    expect(credit).toBeGreaterThan(0);
    const a = analyseExpiry(legs, market, SPOT);
    close(a.maxProfit as number, credit * 10);
    close(a.maxLoss as number, (10 - credit) * 10);
    close(a.breakevens[0]!, 95 - credit);
    close(a.breakevens[1]!, 105 + credit);
    expect(netPremium(legs)).toEqual({ amount: credit * 10, kind: 'credit' });
  });

  it('a covered call (underlying + short call) has capped profit and a loss bounded by the stock going to zero', () => {
    const c = chain();
    const call = vertical(c, { right: 'call', width: 2 })[1]!; // the short 110 call
    const legs: StrategyLeg[] = [{ kind: 'underlying', quantity: 1, multiplier: 10, entryPrice: 100 }, call];
    const a = analyseExpiry(legs, market, SPOT);
    close(a.maxProfit as number, (10 + call.entryPrice) * 10);
    close(a.maxLoss as number, (100 - call.entryPrice) * 10);
    close(a.breakevens[0]!, 100 - call.entryPrice);
  });

  it('long calendar: the payoff at the near expiry values the far leg by BSM; profit peaks at the strike', () => {
    const c = chain();
    const legs = calendar(c, { right: 'call' });
    expect(legs.map((l) => [l.expiryMs, l.quantity])).toEqual([
      [c.expiries[0]!.expiryMs, -1],
      [c.expiries[1]!.expiryMs, 1],
    ]);
    const a = analyseExpiry(legs, market, SPOT);
    expect(a.exact).toBe(false);
    expect(a.atMs).toBe(c.expiries[0]!.expiryMs);
    const far = legs[1]!;
    const farValue = optionPrice({ ...market, right: 'call', spot: 100, strike: 100, years: 30 / 365, sigma: 0.3 });
    const atStrike = pnlAt(legs, market, 100, a.atMs);
    close(atStrike, 10 * (farValue - far.entryPrice + legs[0]!.entryPrice));
    expect(a.maxProfit as number).toBeGreaterThanOrEqual(atStrike - 1e-9);
    expect(a.maxProfit as number).toBeLessThan(atStrike * 1.01);
    // Debit paid is the most that can be lost (q = 0: the far call never loses to the near one).
    close(a.maxLoss as number, premiumPerUnit(legs) * 10, 1e-3);
    expect(a.breakevens).toHaveLength(2);
    for (const b of a.breakevens) expect(Math.abs(pnlAt(legs, market, b, a.atMs))).toBeLessThan(1e-6);
    expect(a.breakevens[0]!).toBeLessThan(100);
    expect(a.breakevens[1]!).toBeGreaterThan(100);
  });

  it('refuses a preset the chain cannot fill, naming what is missing', () => {
    expect(() => strangle(chain(), { width: 5 })).toThrow('no strike 5 below the ATM 100');
    expect(() => straddle(chain(), { expiry: 2 })).toThrow('no expiry #3');
    expect(() => calendar({ ...chain(), expiries: chain().expiries.slice(0, 1) }, { right: 'put' })).toThrow('no expiry #2');
  });
});

describe('leg validation', () => {
  const good: OptionLeg = { kind: 'option', right: 'call', strike: 100, expiryMs: NOW + DAY, quantity: 1, multiplier: 1, entryPrice: 2, vol: 0.2 };
  it('names each problem', () => {
    expect(legProblems([], NOW)).toEqual(['a strategy needs at least one leg']);
    expect(legProblems([{ ...good, quantity: 0 }], NOW)).toEqual(['leg 1: quantity must be a non-zero number of contracts']);
    expect(legProblems([good, { ...good, expiryMs: NOW }], NOW)[0]).toMatch(/^leg 2: the call 100 expired at /);
    expect(legProblems([{ ...good, vol: NaN, strike: -1 }], NOW)).toHaveLength(2);
    const r = summariseStrategy([{ ...good, multiplier: 0 }], market, 100, NOW);
    expect(r).toEqual({ ok: false, problems: ['leg 1: multiplier must be positive'] });
  });
  it('summarises valid legs: premium, Greeks, breakevens and both curves on the same grid', () => {
    const r = summariseStrategy(straddle(chain()), market, SPOT, NOW, 51);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.summary.today).toHaveLength(51);
    expect(r.summary.today.map((p) => p.spot)).toEqual(r.summary.atExpiry.map((p) => p.spot));
    // Today a straddle is worth its premium at the money (P&L ≈ 0), at expiry it has lost it.
    const mid = r.summary.today.reduce((a, b) => (Math.abs(b.spot - SPOT) < Math.abs(a.spot - SPOT) ? b : a));
    expect(mid.pnl).toBeGreaterThan(r.summary.atExpiry.find((p) => p.spot === mid.spot)!.pnl);
    expect(Math.abs(r.summary.greeks.delta)).toBeLessThan(2);
    expect(r.summary.greeks.gamma).toBeGreaterThan(0);
  });
});

const legArb = fc.record({
  right: fc.constantFrom<OptionRight>('call', 'put'),
  strike: fc.double({ min: 50, max: 150, noNaN: true }),
  days: fc.integer({ min: 1, max: 400 }),
  quantity: fc.integer({ min: -5, max: 5 }).filter((q) => q !== 0),
  multiplier: fc.constantFrom(1, 25, 100),
  entryPrice: fc.double({ min: 0, max: 30, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
});
const toLeg = (x: { right: OptionRight; strike: number; days: number; quantity: number; multiplier: number; entryPrice: number; vol: number }): OptionLeg => ({
  kind: 'option',
  right: x.right,
  strike: x.strike,
  expiryMs: NOW + x.days * DAY,
  quantity: x.quantity,
  multiplier: x.multiplier,
  entryPrice: x.entryPrice,
  vol: x.vol,
});

describe('strategy properties', () => {
  it('a leg bought and the same leg sold pay nothing at expiry, anywhere', () => {
    fc.assert(
      fc.property(legArb, fc.double({ min: 0, max: 400, noNaN: true }), (x, spot) => {
        const leg = toLeg(x);
        const legs = [leg, { ...leg, quantity: -leg.quantity }];
        expect(pnlAt(legs, market, spot, leg.expiryMs)).toBe(0);
        const a = analyseExpiry(legs, market, 100);
        expect(a).toMatchObject({ breakevens: [], maxProfit: 0, maxLoss: 0 });
      }),
    );
  });

  it('the payoff before expiry converges to the payoff at expiry as the time left goes to zero', () => {
    fc.assert(
      fc.property(fc.array(legArb, { minLength: 1, maxLength: 4 }), fc.double({ min: 1, max: 300, noNaN: true }), (xs, spot) => {
        const expiryMs = NOW + 30 * DAY;
        const legs = xs.map((x) => ({ ...toLeg(x), expiryMs }));
        const atExpiry = pnlAt(legs, market, spot, expiryMs);
        const size = legs.reduce((s, l) => s + Math.abs(l.quantity * l.multiplier), 0);
        // Time value shrinks like σ√τ·S: one second before expiry it is a few parts in 10^4 of S at most.
        const before = pnlAt(legs, market, spot, expiryMs - 1_000);
        expect(Math.abs(before - atExpiry)).toBeLessThan(size * spot * 1.5 * Math.sqrt(1 / (365 * 86_400)) + 1e-9);
        // ...and a millisecond before, 1/√1000 of that.
        const closer = pnlAt(legs, market, spot, expiryMs - 1);
        expect(Math.abs(closer - atExpiry)).toBeLessThan(size * spot * 1.5 * Math.sqrt(1 / (365 * 86_400_000)) + 1e-9);
      }),
    );
  });

  it('net Greeks are the sum of each leg’s Greeks × quantity × multiplier, and add up across strategies', () => {
    fc.assert(
      fc.property(fc.array(legArb, { minLength: 1, maxLength: 4 }), fc.array(legArb, { minLength: 1, maxLength: 3 }), (xs, ys) => {
        const a = xs.map(toLeg);
        const b = ys.map(toLeg);
        const na = netGreeks(a, market, SPOT, NOW);
        const nb = netGreeks(b, market, SPOT, NOW);
        const both = netGreeks([...a, ...b], market, SPOT, NOW);
        let delta = 0;
        let vega = 0;
        for (const l of a) {
          const g = greeks({ ...market, right: l.right, spot: SPOT, strike: l.strike, years: yearsBetween(NOW, l.expiryMs), sigma: l.vol });
          delta += g.delta * l.quantity * l.multiplier;
          vega += g.vega * l.quantity * l.multiplier;
        }
        close(na.delta, delta);
        close(na.vega, vega);
        for (const k of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const) close(both[k], na[k] + nb[k]);
      }),
    );
  });

  it('breakevens are zeros of the expiry payoff, and the bounds are its extremes on a dense grid', () => {
    fc.assert(
      fc.property(fc.array(legArb, { minLength: 1, maxLength: 5 }), (xs) => {
        const expiryMs = NOW + 30 * DAY;
        const legs = xs.map((x) => ({ ...toLeg(x), expiryMs }));
        const a = analyseExpiry(legs, market, SPOT);
        expect(a.exact).toBe(true);
        const size = legs.reduce((s, l) => s + Math.abs(l.quantity * l.multiplier) * (l.strike + l.entryPrice), 0);
        for (const b of a.breakevens) expect(Math.abs(pnlAt(legs, market, b, expiryMs))).toBeLessThan(size * 1e-9);
        let max = -Infinity;
        let min = Infinity;
        const samples = legs.map((l) => l.strike);
        for (let s = 0; s <= 200; s += 0.25) samples.push(s);
        for (const s of samples) {
          const v = pnlAt(legs, market, s, expiryMs);
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
        if (a.maxProfit !== 'unlimited') expect(a.maxProfit).toBeGreaterThanOrEqual(max - size * 1e-9);
        else expect(pnlAt(legs, market, 1e6, expiryMs)).toBeGreaterThan(max);
        if (a.maxLoss !== 'unlimited') expect(a.maxLoss).toBeGreaterThanOrEqual(-min - size * 1e-9);
        else expect(pnlAt(legs, market, 1e6, expiryMs)).toBeLessThan(min);
        // Strikes are at most 150 and sampled themselves: the bounds (taken at a node) are among the samples.
        if (a.maxProfit !== 'unlimited') expect(a.maxProfit).toBeLessThanOrEqual(max + size * 1e-9);
        if (a.maxLoss !== 'unlimited') expect(a.maxLoss).toBeLessThanOrEqual(-min + size * 1e-9);
      }),
    );
  });

  it('an underlying leg adds its size to delta and nothing else', () => {
    const legs: StrategyLeg[] = [{ kind: 'underlying', quantity: -3, multiplier: 10, entryPrice: 100 }];
    expect(netGreeks(legs, market, SPOT, NOW)).toMatchObject({ delta: -30, gamma: 0, vega: 0, price: -3000 });
  });
});
