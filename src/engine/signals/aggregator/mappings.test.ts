import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mapFearGreed, mapFundingRate, mapLongShortRatio, mapMacdHistogram, mapOpenInterestChange, mapOrderFlow, mapPercentB, mapRsi,
} from './mappings';

const anyNumber = fc.double({ noNaN: true, min: -1e12, max: 1e12 });
const inUnit = (x: number) => x >= -1 && x <= 1;

describe('component mappings', () => {
  it('every mapping stays in [-1, 1] for any finite input', () => {
    fc.assert(fc.property(anyNumber, anyNumber, (a, b) => {
      const s = Math.abs(b) + 1e-9;
      return [
        mapFundingRate(a, s), mapLongShortRatio(Math.abs(a), s), mapOpenInterestChange(a, b, s), mapFearGreed(a),
        mapRsi(a), mapMacdHistogram(a, Math.abs(b)), mapPercentB(a), mapOrderFlow(a),
      ].every(inUnit);
    }));
  });

  it('funding is contrarian: longs paying (positive funding) is bearish, scale maps to −tanh(1)', () => {
    expect(mapFundingRate(0.0005, 0.0005)).toBeCloseTo(-Math.tanh(1), 12);
    expect(mapFundingRate(-0.0005, 0.0005)).toBeCloseTo(Math.tanh(1), 12);
    expect(mapFundingRate(0, 0.0005)).toBe(-0);
    fc.assert(fc.property(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.double({ min: -0.01, max: 0.01, noNaN: true }), (a, b) =>
      a < b ? mapFundingRate(a, 0.0005) >= mapFundingRate(b, 0.0005) : true));
  });

  it('long/short ratio is contrarian and symmetric in log space', () => {
    expect(mapLongShortRatio(2, Math.LN2)).toBeCloseTo(-Math.tanh(1), 12);
    expect(mapLongShortRatio(0.5, Math.LN2)).toBeCloseTo(Math.tanh(1), 12);
    expect(mapLongShortRatio(1, Math.LN2)).toBeCloseTo(0, 15);
    expect(mapLongShortRatio(0, Math.LN2)).toBe(0); // not a ratio: neutral, never NaN
  });

  it('open interest confirms the price move: OI up with price up is bullish, with price down bearish', () => {
    expect(mapOpenInterestChange(0.05, 10, 0.05)).toBeCloseTo(Math.tanh(1), 12);
    expect(mapOpenInterestChange(0.05, -10, 0.05)).toBeCloseTo(-Math.tanh(1), 12);
    expect(mapOpenInterestChange(-0.05, 10, 0.05)).toBeCloseTo(-Math.tanh(1), 12); // a rally on closing shorts: weak
    expect(mapOpenInterestChange(0.05, 0, 0.05)).toBe(0);
  });

  it('fear & greed, RSI and %B are contrarian with the documented anchor points', () => {
    expect([mapFearGreed(0), mapFearGreed(50), mapFearGreed(100), mapFearGreed(25)]).toEqual([1, 0, -1, 0.5]);
    expect([mapRsi(0), mapRsi(50), mapRsi(100), mapRsi(70)]).toEqual([1, 0, -1, expect.closeTo(-0.4, 12)]);
    expect([mapPercentB(0), mapPercentB(0.5), mapPercentB(1), mapPercentB(1.7), mapPercentB(-3)]).toEqual([1, 0, -1, -1, 1]);
  });

  it('MACD is trend-following, scaled by volatility, and neutral on a flat series', () => {
    expect(mapMacdHistogram(2, 2)).toBeCloseTo(Math.tanh(1), 12);
    expect(mapMacdHistogram(-2, 2)).toBeCloseTo(-Math.tanh(1), 12);
    expect(mapMacdHistogram(5, 0)).toBe(0);
    // scale-free: the same series in ticks (×100) maps to the same value
    expect(mapMacdHistogram(0.3 * 100, 0.7 * 100)).toBeCloseTo(mapMacdHistogram(0.3, 0.7), 12);
  });

  it('order flow passes the predictor signal through', () => {
    expect(mapOrderFlow(0.42)).toBe(0.42);
    expect(mapOrderFlow(1 + 1e-16)).toBe(1);
  });
});
