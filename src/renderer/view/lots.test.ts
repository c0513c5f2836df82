import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { lotsHint, tradesInLots } from './lots';
import { btc } from './testing';

const niftyOption: Instrument = { ...btc, venue: 'kite', symbol: 'NFO:NIFTY26DEC24000CE', venueSymbol: 'NIFTY26DEC24000CE', base: 'NIFTY', quote: 'INR', priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 75 };
const reliance: Instrument = { ...niftyOption, symbol: 'NSE:RELIANCE', venueSymbol: 'RELIANCE', base: 'RELIANCE', lotSize: 1 };

describe('F&O quantities as lots and units', () => {
  it('reads a whole number of lots as lots and units', () => {
    expect(lotsHint(niftyOption, '150')).toBe('2 lots = 150');
    expect(lotsHint(niftyOption, '75')).toBe('1 lot = 75');
  });

  it('names the lot size when nothing or no whole lot is typed', () => {
    expect(lotsHint(niftyOption, '')).toBe('lot size 75');
    expect(lotsHint(niftyOption, '80')).toBe('lot size 75');
    expect(lotsHint(niftyOption, 'x')).toBe('lot size 75');
  });

  it('says nothing for shares and for crypto steps', () => {
    expect(tradesInLots(reliance)).toBe(false);
    expect(lotsHint(reliance, '10')).toBeUndefined();
    expect(tradesInLots(btc)).toBe(false);
    expect(lotsHint({ ...btc, qtyDecimals: 2, lotSize: 5 }, '0.10')).toBeUndefined();
  });
});
