import { describe, expect, it } from 'vitest';
import type { AnalyticsView, Instrument } from '../../contract/api';
import {
  appendHistory,
  emptyHistory,
  fractionalPriceText,
  isNewer,
  lambdaPerUnit,
  percentText,
  sigText,
  signedQtyText,
  signedText,
  spreadBps,
  ticksText,
} from './analytics';
import { ringValues } from './ring';
import { btc } from './testing';


/** Ticks of 0.05 at two decimals, lots of 0.01 at two decimals. */
const sol: Instrument = { ...btc, symbol: 'SOL-USDT', base: 'SOL', priceDecimals: 2, qtyDecimals: 2, tickSize: 5, lotSize: 1 };

const view = (ts: number, over: Partial<AnalyticsView> = {}): AnalyticsView => ({
  venue: 'SIM',
  symbol: 'BTC-USDT',
  ts,
  imbalanceLevels: 5,
  ...over,
});

describe('prices between ticks', () => {
  it('shows a half-tick mid with one decimal more than the instrument', () => {
    expect(fractionalPriceText(btc, 952_368.5)).toBe('95236.85');
    expect(fractionalPriceText(btc, 952_368)).toBe('95236.80');
    // SOL ticks are 0.05: 2970.5 ticks is 148.525
    expect(fractionalPriceText(sol, 2970.5)).toBe('148.525');
  });

  it('rounds a microprice to that extra decimal', () => {
    expect(fractionalPriceText(btc, 952_368.26)).toBe('95236.83');
  });
});

describe('measure text', () => {
  it('writes a spread in ticks', () => {
    expect(ticksText(1)).toBe('1 tick');
    expect(ticksText(3)).toBe('3 ticks');
    expect(ticksText(0.5)).toBe('0.5 ticks');
  });

  it('signs flows explicitly and never shows a negative zero', () => {
    expect(signedText(0.234, 2)).toBe('+0.23');
    expect(signedText(-0.234, 2)).toBe('-0.23');
    expect(signedText(-0.001, 2)).toBe('0.00');
  });

  it('keeps three significant digits in plain notation', () => {
    expect(sigText(48.234)).toBe('48.2');
    expect(sigText(0.0012345)).toBe('0.00123');
    expect(sigText(1234.5)).toBe('1235');
    expect(sigText(-0.5)).toBe('-0.5');
    expect(sigText(0)).toBe('0');
    expect(sigText(1.5e-7)).toBe('1.50e-7');
  });

  it('writes a fraction as a percentage', () => {
    expect(percentText(0.4821)).toBe('48.2%');
  });

  it('writes an order-flow imbalance in lots as a signed base quantity', () => {
    expect(signedQtyText(btc, 1234)).toBe('+0.1234');
    expect(signedQtyText(btc, -50)).toBe('-0.0050');
    expect(signedQtyText(btc, 0.2)).toBe('0.0000');
  });

  it("turns Kyle's lambda from ticks per lot into quote per unit of base", () => {
    // 0.5 tick (0.05 USDT) per lot (0.0001 BTC) = 500 USDT per BTC
    expect(lambdaPerUnit(btc, 0.5)).toBeCloseTo(500, 9);
  });

  it('gives the spread in basis points of the mid, and nothing without a mid', () => {
    expect(spreadBps(1, 10_000)).toBeCloseTo(1, 12);
    expect(spreadBps(1, 0)).toBeUndefined();
  });
});

describe('sparkline history', () => {
  it('adds each update to every series, a measure not yet computed as a gap', () => {
    let h = emptyHistory(3);
    h = appendHistory(h, view(1, { spread: 2, vpin: 0.3 }));
    h = appendHistory(h, view(2, { spread: 1 }));
    expect(ringValues(h.spread)).toEqual([2, 1]);
    expect(ringValues(h.vpin)).toEqual([0.3, Number.NaN]);
    expect(ringValues(h.pin)).toEqual([Number.NaN, Number.NaN]);
  });

  it('keeps only the last samples', () => {
    let h = emptyHistory(2);
    for (let i = 1; i <= 5; i++) h = appendHistory(h, view(i, { mid: i }));
    expect(ringValues(h.mid)).toEqual([4, 5]);
  });

  it('takes an update once, even when the snapshot and an event carry it both', () => {
    expect(isNewer(view(5), null)).toBe(true);
    expect(isNewer(view(5), view(5))).toBe(false);
    expect(isNewer(view(4), view(5))).toBe(false);
    expect(isNewer(view(6), view(5))).toBe(true);
    expect(isNewer(view(1, { symbol: 'ETH-USDT' }), view(5))).toBe(true);
  });
});
