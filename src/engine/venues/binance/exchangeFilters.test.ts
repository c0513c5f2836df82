import { describe, expect, it } from 'vitest';
import { decimalStep, scaledUp, tickAndLot } from './exchangeFilters';

describe('Binance exchange filters', () => {
  it('reads a step as integer units of its significant decimals', () => {
    expect(decimalStep('0.01000000')).toEqual({ units: 1, decimals: 2 });
    expect(decimalStep('0.50')).toEqual({ units: 5, decimals: 1 });
    expect(decimalStep('1.00')).toEqual({ units: 1, decimals: 0 });
    expect(decimalStep('0.00000000')).toBeUndefined();
    expect(decimalStep('-1')).toBeUndefined();
    expect(decimalStep(undefined)).toBeUndefined();
  });

  it('scales a minimum up, never understating it, and refuses what does not fit a safe integer', () => {
    expect(scaledUp('10.0000001', 3)).toBe(10_001);
    expect(scaledUp('5', 2)).toBe(500);
    expect(scaledUp('1e3', 2)).toBeUndefined();
    expect(scaledUp('99999999999999999', 2)).toBeUndefined();
  });

  it('takes the tick from PRICE_FILTER and the lot from LOT_SIZE, or says why not', () => {
    expect(tickAndLot([{ filterType: 'PRICE_FILTER', tickSize: '0.10' }, { filterType: 'LOT_SIZE', stepSize: '0.001' }])).toEqual({
      tick: { units: 1, decimals: 1 },
      lot: { units: 1, decimals: 3 },
    });
    expect(tickAndLot([{ filterType: 'LOT_SIZE', stepSize: '0.001' }])).toEqual({ reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' });
  });
});
