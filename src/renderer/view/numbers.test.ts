import { describe, expect, it } from 'vitest';
import { avgPriceText, bpsText, dateTimeText, pnlText, priceNumber, quoteText, timeMsText, timeText } from './numbers';
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
