import { describe, expect, it } from 'vitest';
import { setDisplayFormat } from './numbers';
import { deltaText, gammaText, moneyText, positionLabel, unitsText, unpricedText } from './portfolioGreeks';

describe('portfolio Greeks text', () => {
  it('rounds for reading, keeps the sign, and says when a number is missing', () => {
    expect(deltaText(0.015312345)).toBe('0.0153');
    expect(deltaText(-1.2)).toBe('-1.2');
    expect(deltaText(-0.00001)).toBe('0');
    expect(deltaText(undefined)).toBe('—');
    expect(deltaText(NaN)).toBe('—');
    expect(moneyText(-1234.567)).toBe('-1234.57');
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    try {
      expect(moneyText(-1234.567)).toBe('-1.234,57');
    } finally {
      setDisplayFormat('utc', { thousands: false, decimalComma: false });
    }
    expect(moneyText(-0.001)).toBe('0.00');
    expect(gammaText(0.0000123456)).toBe('1.23e-5');
    expect(gammaText(0.5)).toBe('0.5');
    expect(gammaText(0)).toBe('0');
    expect(unitsText(0.03)).toBe('+0.03');
    expect(unitsText(0.1 + 0.2)).toBe('+0.3');
    expect(unitsText(-75)).toBe('-75');
  });

  it('names each position by kind, strike and expiry', () => {
    const expiry = Date.UTC(2026, 11, 11, 8);
    expect(positionLabel({ venue: 'SIM', symbol: 'X', displayName: 'X', kind: 'call', units: 1, strike: 95000, expiry })).toBe('Call 95000 · 11 Dec');
    expect(positionLabel({ venue: 'SIM', symbol: 'X', displayName: 'X', kind: 'spot', units: 1 })).toBe('Spot');
    expect(unpricedText({ unpriced: 2 } as never)).toBe('2 positions not priced now (left out of the sums)');
    expect(unpricedText({ unpriced: 0 } as never)).toBeUndefined();
  });
});
