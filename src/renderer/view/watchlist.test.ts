import { describe, expect, it } from 'vitest';
import type { Instrument, QuoteView } from '../../contract/api';
import { changeText, watchedInstruments, watchRows } from './watchlist';

const inst = { venue: 'SIM', symbol: 'BTC-USDT', tickSize: 1, priceDecimals: 2, lotSize: 1, qtyDecimals: 4 } as Instrument;
const index = new Map([['SIM:BTC-USDT', inst]]);

describe('watchlist rows', () => {
  it("lists the focused account's stars first, each account in starring order", () => {
    expect(watchedInstruments({ A: ['X'], SIM: ['B', 'A'] }, 'SIM')).toEqual([
      { venue: 'SIM', symbol: 'B' },
      { venue: 'SIM', symbol: 'A' },
      { venue: 'A', symbol: 'X' },
    ]);
  });

  it('formats last, change since the open, spread and volume in the instrument\'s decimals', () => {
    const q: QuoteView = { venue: 'SIM', symbol: 'BTC-USDT', last: 6_050_000, bid: 6_049_990, ask: 6_050_010, open: 6_000_000, volume: 12_500, closes: [1, 2], stale: false };
    const [row] = watchRows([{ venue: 'SIM', symbol: 'BTC-USDT' }], [q], index);
    expect(row).toMatchObject({ last: '60500.00', change: '+0.83%', changeSign: 1, spread: '0.20', volume: '1.2500', closes: [1, 2], stale: false });
  });

  it('shows a dash for what the engine has not seen, and an unknown instrument by name', () => {
    const [seen, unknown] = watchRows(
      [{ venue: 'SIM', symbol: 'BTC-USDT' }, { venue: 'SIM', symbol: 'GONE' }],
      [{ venue: 'SIM', symbol: 'BTC-USDT', volume: 0, closes: [], stale: true }],
      index,
    );
    expect(seen).toMatchObject({ last: '—', change: '—', spread: '—', volume: '—' });
    expect(unknown).toMatchObject({ label: 'GONE · SIM', last: '—' });
  });

  it('computes the change exactly on integers, rounding to hundredths of a percent', () => {
    expect(changeText(1234, 1200)).toEqual({ text: '+2.83%', sign: 1 });
    expect(changeText(995, 1000)).toEqual({ text: '-0.50%', sign: -1 });
    expect(changeText(1000, 1000)).toEqual({ text: '0.00%', sign: 0 });
    expect(changeText(1000, 0)).toEqual({ text: '—', sign: 0 });
  });
});
