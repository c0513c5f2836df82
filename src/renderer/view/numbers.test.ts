import { afterEach, describe, expect, it } from 'vitest';
import {
  amountText,
  avgPriceText,
  bpsText,
  countText,
  dateTimeText,
  decimalText,
  numberText,
  percentText,
  pnlText,
  priceNumber,
  priceText,
  qtyText,
  quoteText,
  setDisplayFormat,
  signedDecimalText,
  timeMsText,
  timeText,
  zoneText,
} from './numbers';
import { btc } from './testing';


describe('numbers', () => {
  it('shows quote amounts exactly, trimming zeros only down to cents', () => {
    expect(quoteText(btc, 19_000_000)).toBe('190.00');
    expect(quoteText(btc, 19_012_345)).toBe('190.12345');
    expect(quoteText(btc, 19_012_300)).toBe('190.123');
    expect(quoteText(btc, -150)).toBe('-0.0015');
  });

  it('signs gains explicitly and keeps every decimal so a column lines up', () => {
    expect(pnlText(btc, 100_000)).toBe('+1.00000');
    expect(pnlText(btc, -123_450)).toBe('-1.23450');
    expect(pnlText(btc, 0)).toBe('0.00000');
  });

  it('shows a whole-tick average like a price and a fractional one with two more decimals', () => {
    expect(avgPriceText(btc, 950_000)).toBe('95000.0');
    expect(avgPriceText(btc, 950_000.5)).toBe('95000.050');
  });

  it('converts ticks to a chart number', () => {
    expect(priceNumber(btc, 950_005)).toBeCloseTo(95000.5, 9);
  });

  it('shows engine time in UTC', () => {
    const t = Date.UTC(2025, 0, 2, 3, 4, 5, 67);
    expect(timeText(t)).toBe('03:04:05');
    expect(timeMsText(t)).toBe('03:04:05.067');
    expect(dateTimeText(t)).toBe('2025-01-02 03:04:05 UTC');
  });

  it('shows the spread in basis points of the mid', () => {
    expect(bpsText(10, 100_000)).toBe('1.00 bp');
  });
});

describe('numbers in the Settings format', () => {
  // The format is the display's own state (state/settings.ts sets it): each test sets it and puts it back.
  const plain = { thousands: false, decimalComma: false };
  const both = { thousands: true, decimalComma: true };
  afterEach(() => setDisplayFormat('utc', plain));

  it('writes prices, quantities and amounts with thousands and a decimal comma, every decimal kept', () => {
    setDisplayFormat('utc', both);
    expect(priceText(btc, 950_105)).toBe('95.010,5');
    expect(qtyText(btc, 12_345)).toBe('1,2345');
    expect(amountText(btc, 123_456_789_012)).toBe('1.234.567,89012');
    expect(quoteText(btc, 19_000_000)).toBe('190,00');
    expect(avgPriceText(btc, 950_000.5)).toBe('95.000,050');
  });

  it('groups with commas and keeps the dot when only thousands are on', () => {
    setDisplayFormat('utc', { thousands: true, decimalComma: false });
    expect(priceText(btc, 9_501_050)).toBe('950,105.0');
    expect(pnlText(btc, -123_456_789)).toBe('-1,234.56789');
    expect(countText(1_234_567)).toBe('1,234,567');
  });

  it('keeps the sign of negative numbers and the plus of gains', () => {
    setDisplayFormat('utc', both);
    expect(pnlText(btc, -123_450_000)).toBe('-1.234,50000');
    expect(pnlText(btc, 100_000)).toBe('+1,00000');
    expect(decimalText(-1234.5678, 2)).toBe('-1.234,57');
    expect(signedDecimalText(0.4213, 2)).toBe('+0,42');
    expect(signedDecimalText(-0.4213, 2)).toBe('-0,42');
  });

  it('writes many decimals without rounding them away or switching to exponent form', () => {
    setDisplayFormat('utc', both);
    expect(decimalText(0.00012345, 8)).toBe('0,00012345');
    expect(numberText('1234567.123456789')).toBe('1.234.567,123456789');
    expect(percentText(0.183125, 3)).toBe('18,313%');
  });

  it('writes zero as zero: no minus sign, no plus, its decimals kept', () => {
    setDisplayFormat('utc', both);
    expect(decimalText(-0.0001, 2)).toBe('0,00');
    expect(signedDecimalText(-0.0001, 2)).toBe('0,00');
    expect(pnlText(btc, 0)).toBe('0,00000');
    expect(priceText(btc, 0)).toBe('0,0');
    expect(countText(0)).toBe('0');
  });

  it('writes a currency mark, a unit and what is not a number as they are', () => {
    setDisplayFormat('utc', both);
    expect(numberText('₹-1250.50')).toBe('₹-1.250,50');
    expect(numberText('12345.5 USDT')).toBe('12.345,5 USDT');
    expect(numberText('—')).toBe('—');
    expect(numberText('MKT')).toBe('MKT');
    expect(decimalText(Number.NaN, 2)).toBe('—');
    expect(bpsText(10, 100_000)).toBe('1,00 bp');
  });

  it('shows times in the local zone when asked, with the zone named', () => {
    const t = Date.UTC(2025, 0, 2, 3, 4, 5, 67);
    setDisplayFormat('local', plain);
    const d = new Date(t);
    const hh = String(d.getHours()).padStart(2, '0');
    expect(timeText(t)).toBe(`${hh}:${String(d.getMinutes()).padStart(2, '0')}:05`);
    expect(timeMsText(t).endsWith('.067')).toBe(true);
    expect(dateTimeText(t)).toContain(zoneText(t));
  });
});
