import { describe, expect, it } from 'vitest';
import { tickAndLot } from './exchangeFilters';

describe('Binance exchange filters', () => {
  it('takes the tick from PRICE_FILTER and the lot from LOT_SIZE, or says why not', () => {
    expect(tickAndLot([{ filterType: 'PRICE_FILTER', tickSize: '0.10' }, { filterType: 'LOT_SIZE', stepSize: '0.001' }])).toEqual({
      tick: { units: 1, decimals: 1 },
      lot: { units: 1, decimals: 3 },
    });
    expect(tickAndLot([{ filterType: 'LOT_SIZE', stepSize: '0.001' }])).toEqual({ reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' });
  });
});
