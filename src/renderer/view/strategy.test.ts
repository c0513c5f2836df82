import { describe, expect, it } from 'vitest';
import { setDisplayFormat } from './numbers';
import type { StrategyQuoteView, StrategySummaryView } from '../../contract/api';
import { addLeg, boundText, breakevensText, confirmLines, greeksRows, outcomeText, payoffChart, premiumText, presetInput, sendableLegs } from './strategy';

// A long 100 straddle paid 10: loses 10 at 100, breakevens 90 and 110.
const summary: StrategySummaryView = {
  premium: { amount: 10, kind: 'debit' },
  greeks: { delta: 0.02, deltaLots: 2, deltaNotional: 2, gamma: 0.001, vega: 0.4, theta: -0.25, rho: 0, value: 9.5 },
  expiry: Date.UTC(2026, 11, 11, 8),
  exact: true,
  breakevens: [90, 110],
  maxProfit: 'unlimited',
  maxLoss: 10,
  atExpiry: [80, 90, 100, 110, 120].map((s) => ({ spot: s, pnl: Math.abs(s - 100) - 10 })),
  today: [80, 90, 100, 110, 120].map((s) => ({ spot: s, pnl: Math.abs(s - 100) - 8 })),
};

const quote = (over: Partial<StrategyQuoteView> = {}): StrategyQuoteView => ({
  venue: 'SIM',
  underlying: 'BTC-USDT',
  underlyingPrice: 100,
  currency: 'USDT',
  legs: [
    { symbol: 'P', displayName: 'BTC 100 P', right: 'put', strike: 100, expiry: 1, side: 'sell', lots: 1, qty: '0.01', multiplier: 0.01, price: '4' },
    { symbol: 'C', displayName: 'BTC 100 C', right: 'call', strike: 100, expiry: 1, side: 'buy', lots: 2, qty: '0.02', multiplier: 0.01, price: '6' },
  ],
  problems: [],
  asOf: 0,
  summary,
  ...over,
});

describe('strategy builder view', () => {
  it('asks for each preset with its own parameters, and refuses what the engine would', () => {
    const c = { name: 'straddle' as const, direction: 'long' as const, right: 'call' as const, width: 1, wing: 2, lots: 3 };
    expect(presetInput(c, 5)).toEqual({ ok: true, preset: { name: 'straddle', direction: 'long', lots: 3, expiry: 5 } });
    expect(presetInput({ ...c, name: 'vertical', right: 'put' }, undefined)).toEqual({ ok: true, preset: { name: 'vertical', right: 'put', width: 1, direction: 'long', lots: 3 } });
    expect(presetInput({ ...c, name: 'ironCondor', direction: 'short' }, 5)).toMatchObject({ ok: true, preset: { name: 'ironCondor', inner: 1, wing: 2, direction: 'short' } });
    expect(presetInput({ ...c, name: 'calendar', farExpiry: 9 }, 5)).toMatchObject({ ok: true, preset: { name: 'calendar', right: 'call', farExpiry: 9, expiry: 5 } });
    expect(presetInput({ ...c, name: 'calendar', farExpiry: 5 }, 5)).toMatchObject({ ok: false });
    expect(presetInput({ ...c, name: 'calendar' }, 5)).toMatchObject({ ok: false });
    expect(presetInput({ ...c, lots: 0 }, 5)).toMatchObject({ ok: false, error: expect.stringMatching(/lots/) });
    expect(presetInput({ ...c, lots: 1.5 }, 5)).toMatchObject({ ok: false });
    expect(presetInput({ ...c, name: 'strangle', width: 0 }, 5)).toMatchObject({ ok: false, error: expect.stringMatching(/width/) });
  });

  it('adds a lot to an existing leg of the same option and side, else a new leg', () => {
    const legs = addLeg([], { symbol: 'C', side: 'buy', lots: 1 });
    expect(addLeg(legs, { symbol: 'C', side: 'buy', lots: 1 })).toEqual([{ symbol: 'C', side: 'buy', lots: 2 }]);
    expect(addLeg(legs, { symbol: 'C', side: 'sell', lots: 1 })).toHaveLength(2);
  });

  it('sends only fully priced legs with no problem, and confirms them buys first', () => {
    const q = quote();
    const s = sendableLegs(q);
    expect(s).toEqual({ ok: true, legs: [{ symbol: 'P', side: 'sell', lots: 1, price: '4' }, { symbol: 'C', side: 'buy', lots: 2, price: '6' }] });
    if (!s.ok) throw new Error();
    const names = new Map(q.legs.map((l) => [l.symbol, l.displayName]));
    expect(confirmLines(s.legs, names)).toEqual(['1. Buy 2 × BTC 100 C limit 6 IOC', '2. Sell 1 × BTC 100 P limit 4 IOC']);
    expect(sendableLegs(quote({ problems: ['BTC 100 C: no ask to buy at'] }))).toEqual({ ok: false, error: 'BTC 100 C: no ask to buy at' });
    expect(sendableLegs(undefined)).toMatchObject({ ok: false });
  });

  it('writes the summary with its units', () => {
    expect(premiumText(summary.premium, 'USDT')).toBe('10.00 USDT debit (paid)');
    expect(premiumText({ amount: 3.5, kind: 'credit' }, 'USDT')).toBe('3.50 USDT credit (received)');
    expect(boundText('unlimited', 'USDT')).toBe('Unlimited');
    expect(boundText(1234.5, 'USDT')).toBe('1234.50 USDT');
    setDisplayFormat('utc', { thousands: true, decimalComma: false });
    try {
      expect(boundText(1234.5, 'USDT')).toBe('1,234.50 USDT');
    } finally {
      setDisplayFormat('utc', { thousands: false, decimalComma: false });
    }
    expect(breakevensText([90, 110.123])).toBe('90 · 110.12');
    expect(breakevensText([])).toBe('none');
    const rows = greeksRows(summary, 'BTC', 'USDT');
    expect(rows.map((r) => r.label)).toEqual(['Delta', 'Gamma', 'Vega', 'Theta']);
    expect(rows[0]).toEqual({ label: 'Delta', value: '0.0200', unit: 'BTC (2.00 lots, 2.00 USDT)' });
    expect(rows[3]).toEqual({ label: 'Theta', value: '-0.25', unit: 'USDT per day' });
  });

  it('says what happened to each leg', () => {
    expect(outcomeText({ symbol: 'C', side: 'buy', lots: 1, price: '6', status: 'filled', filledLots: 1 })).toBe('Buy 1 × C @ 6: filled');
    expect(outcomeText({ symbol: 'C', side: 'buy', lots: 2, price: '6', status: 'expired', filledLots: 1 })).toBe('Buy 2 × C @ 6: expired (1 filled)');
    expect(outcomeText({ symbol: 'P', side: 'sell', lots: 1, price: '4', status: 'not_sent', filledLots: 0 })).toBe('Sell 1 × P @ 4: not sent');
    expect(outcomeText({ symbol: 'P', side: 'sell', lots: 1, price: '4', status: 'refused', filledLots: 0, reason: 'kill switch engaged' })).toBe('Sell 1 × P @ 4: refused — kill switch engaged');
  });

  it('draws the payoff with zero, the spot and the breakevens where the prices are', () => {
    const c = payoffChart(summary, 100, 400, 200);
    const { left, right, top, bottom } = c.plot;
    const xAt = (v: number) => left + ((v - 80) / 40) * (right - left);
    expect(c.spotX).toBeCloseTo(xAt(100), 9);
    expect(c.breakevenXs.map((x) => x.toFixed(6))).toEqual([xAt(90), xAt(110)].map((x) => x.toFixed(6)));
    // Zero sits between the lowest P&L (-10) and the highest (12) once padded.
    expect(c.zeroY).toBeGreaterThan(top);
    expect(c.zeroY).toBeLessThan(bottom);
    expect(c.expiryPath.startsWith(`M${left.toFixed(1)},`)).toBe(true);
    expect(c.expiryPath.split('L')).toHaveLength(5);
    // The vertex of the expiry V (at 100, P&L -10) is the lowest point drawn: the largest y.
    const ys = c.expiryPath.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[1]));
    expect(Math.max(...ys)).toBe(ys[2]);
    expect(payoffChart(summary, 500, 400, 200).spotX).toBeUndefined();
    expect(c.xTicks[0]!.label).toBe('80.00');
  });
});
