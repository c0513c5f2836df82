import { describe, expect, it } from 'vitest';
import type { Instrument, KillState, Position } from '../../contract/api';
import { venueKillLines } from './killReport';
import { conversionChoices, convertQty, dayText, m2mText, productsText, venueColumnsShown } from './venuePositions';

const base = { venue: 'zerodha', base: '', quote: 'INR', priceDecimals: 2, qtyDecimals: 0, tickSize: 5, minNotional: 0 };
const nifty: Instrument = { ...base, symbol: 'NFO:NIFTY26DECFUT', venueSymbol: 'NIFTY26DECFUT', lotSize: 75, exchange: 'NFO', contract: { kind: 'future', expiry: 0 } };
const infy: Instrument = { ...base, symbol: 'NSE:INFY', venueSymbol: 'INFY', lotSize: 1, exchange: 'NSE' };
const parts = [
  { product: 'NRML' as const, netQty: 1, dayQty: 0, overnightQty: 1, m2m: '-300.00' },
  { product: 'MIS' as const, netQty: -1, dayQty: -1, overnightQty: 0, m2m: '120.00' },
];

describe('a Kite position in the Positions panel', () => {
  it('reads each product in units ("NRML 75 · MIS -75"), today\'s part and the M2M', () => {
    expect(productsText(nifty, parts)).toBe('NRML 75 · MIS -75');
    expect(dayText(nifty, parts)).toBe('MIS -75');
    expect(productsText(nifty, undefined)).toBe('—');
    expect(m2mText('-180.00')).toBe('₹-180.00');
    expect(m2mText(undefined)).toBe('—');
  });

  it('adds the product and M2M columns only when a row has them', () => {
    const binance = { venue: 'bn', symbol: 'BTC-USDT-PERP', qty: 1, realisedPnl: 0, fees: 0, venueQty: 1 } as Position;
    expect(venueColumnsShown([binance])).toEqual({ products: false, m2m: false });
    expect(venueColumnsShown([binance, { ...binance, venueProducts: parts, venueM2m: '1.00' }])).toEqual({ products: true, m2m: true });
  });

  it('offers MIS <-> NRML for F&O and MIS <-> CNC for equity, today\'s and carried apart, and checks the quantity', () => {
    expect(conversionChoices(nifty, parts).map((c) => c.label)).toEqual(['NRML → MIS (carried 75)', "MIS → NRML (today's -75)"]);
    const equity = conversionChoices(infy, [{ product: 'MIS', netQty: 3, dayQty: 3, overnightQty: 0, m2m: '0' }, { product: 'CNC', netQty: 2, dayQty: 0, overnightQty: 2, m2m: '0' }]);
    expect(equity.map((c) => [c.from, c.to, c.positionType, c.max])).toEqual([
      ['MIS', 'CNC', 'day', 3],
      ['CNC', 'MIS', 'overnight', 2],
    ]);
    const choice = conversionChoices(nifty, parts)[1]!;
    expect(convertQty(nifty, '75', choice)).toEqual({ ok: true, lots: 1 });
    expect(convertQty(nifty, '150', choice)).toEqual({ ok: false, reason: 'Quantity: at most 75 can be converted' });
    expect(convertQty(nifty, '50', choice)).toEqual({ ok: false, reason: 'Quantity not a multiple of the lot size 75' });
  });
});

describe('the kill banner\'s venue lines', () => {
  it('names each failed call in the venue\'s words, and says when all went through', () => {
    const kill: Pick<KillState, 'venueKill'> = {
      venueKill: [
        { venue: 'kite-main', state: 'done', canceled: 1, failures: [{ action: 'cancel 2412', reason: 'Order cannot be cancelled as it is being processed. Try later.' }] },
        { venue: 'kite-alt', state: 'done', canceled: 3, failures: [] },
        { venue: 'kite-new', state: 'running', canceled: 0, failures: [] },
      ],
    };
    expect(venueKillLines(kill)).toEqual([
      { text: 'kite-main: cancel 2412 failed: Order cannot be cancelled as it is being processed. Try later.', bad: true },
      { text: 'kite-alt: every call went through (3 canceled at the venue)', bad: false },
      { text: 'kite-new: canceling at the venue…', bad: false },
    ]);
    expect(venueKillLines(null)).toEqual([]);
  });
});
