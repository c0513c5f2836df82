import { afterEach, describe, expect, it } from 'vitest';
import { priceField, qtyField, typedDecimal } from './fields';
import { setDisplayFormat } from './numbers';
import { btc } from './testing';

describe('typed numbers and the Settings format', () => {
  afterEach(() => setDisplayFormat('utc', { thousands: false, decimalComma: false }));

  it('takes "0,5" as a half when the decimal comma is on, and a dot still', () => {
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    expect(qtyField(btc, '0,5')).toEqual({ ok: true, value: 5_000 });
    expect(qtyField(btc, '0.5')).toEqual({ ok: true, value: 5_000 });
    expect(priceField(btc, ' 95010,5 ')).toEqual({ ok: true, value: 950_105 });
  });

  it('refuses grouping marks rather than guess one from a thousand', () => {
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    expect(priceField(btc, '95.010,5')).toEqual({ ok: false, error: 'one decimal mark only, no thousands separators' });
    expect(qtyField(btc, '1,000,5')).toEqual({ ok: false, error: 'one decimal mark only, no thousands separators' });
    setDisplayFormat('utc', { thousands: true, decimalComma: false });
    expect(qtyField(btc, '1,000')).toEqual({ ok: false, error: 'use a dot for decimals, no thousands separators (Settings: decimal comma is off)' });
  });

  it('says the tick in the format the trader reads', () => {
    setDisplayFormat('utc', { thousands: false, decimalComma: true });
    expect(priceField(btc, '95010,55')).toEqual({ ok: false, error: 'not a multiple of the tick size 0,1' });
  });

  it('leaves plain input as it was with the default format', () => {
    expect(typedDecimal(' 12.5 ')).toEqual({ ok: true, text: '12.5' });
    expect(priceField(btc, '95010.5')).toEqual({ ok: true, value: 950_105 });
  });
});
