import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { freezeNote, freezeNoteForText } from './brokerTerms';
import { requestTerms } from './confirmTerms';
import { btc } from './testing';
import { checkTicket, type TicketFields } from './ticket';

/** NIFTY's December future as the Kite account's instruments carry it: lots of 75, frozen at 1800 units (24 lots). */
const NOW = Date.UTC(2026, 11, 7, 4, 30);
const nifty: Instrument = {
  ...btc,
  venue: 'zerodha',
  symbol: 'NFO:NIFTY26DECFUT',
  venueSymbol: 'NIFTY26DECFUT',
  base: 'NIFTY',
  quote: 'INR',
  priceDecimals: 1,
  tickSize: 1,
  qtyDecimals: 0,
  lotSize: 75,
  minNotional: 0,
  exchange: 'NFO',
  contract: { kind: 'future', expiry: NOW + 86_400_000 },
  freezeLots: 24,
};
const ctx = { touch: { bid: 241_000, ask: 241_010 }, now: NOW };
const fields = (qty: string, autoSlice: boolean): TicketFields => ({
  mode: 'single',
  type: 'limit',
  price: '24100',
  stopPrice: '',
  stopLimitPrice: '',
  takeProfit: '',
  stopLoss: '',
  stopLossLimit: '',
  qty,
  tif: 'DAY',
  expires: '',
  postOnly: false,
  reduceOnly: false,
  product: 'NRML',
  afterMarket: false,
  autoSlice,
});

describe('the ticket above the freeze quantity (Kite)', () => {
  it('says nothing at or under the freeze quantity, and sends one order', () => {
    expect(freezeNote(nifty, 24, false)).toBeUndefined();
    expect(freezeNoteForText(nifty, '1800', false)).toBeUndefined();
    expect(freezeNote({ ...nifty, freezeLots: undefined }, 1000, false)).toBeUndefined();
    expect(checkTicket(nifty, 'buy', fields('1800', false), ctx).request?.call).toBe('orders.submit');
  });

  it('says how many orders it goes as, and with Auto-slice off refuses before sending, with the reason', () => {
    expect(freezeNoteForText(nifty, '2250', false)?.line).toBe('Above the freeze quantity (1800 = 24 lots): sent as 2 orders');
    // A quantity that is not yet a valid number of lots has its own error: no line about freezing.
    expect(freezeNoteForText(nifty, '2260', false)).toBeUndefined();
    const off = checkTicket(nifty, 'buy', fields('2250', false), ctx);
    expect(off.request).toBeUndefined();
    expect(off.errors).toEqual({ qty: 'above the freeze quantity of 1800 (24 lots) per order: tick Auto-slice to send it as 2 orders, or enter at most 1800' });
  });

  it('with Auto-slice on sends the same terms as one sliced call; the confirm dialog says so', () => {
    const on = checkTicket(nifty, 'buy', fields('2250', true), ctx);
    expect(on.errors).toEqual({});
    expect(on.request).toEqual({
      call: 'orders.submitSliced',
      input: { venue: 'zerodha', symbol: 'NFO:NIFTY26DECFUT', side: 'buy', type: 'limit', tif: 'DAY', price: '24100.0', qty: '2250', product: 'NRML', source: 'ticket' },
    });
    expect(requestTerms(nifty, on.request!)).toEqual(['Buy 2250 NIFTY NFO:NIFTY26DECFUT · Limit · at 24100.0 INR · DAY · sliced at the freeze quantity']);
  });

  it('refuses more than 10 slices whatever Auto-slice says', () => {
    // 11 x 1800 + 75 = 19875 units: 12 orders.
    const many = checkTicket(nifty, 'buy', fields('19875', true), ctx);
    expect(many.request).toBeUndefined();
    expect(many.errors.qty).toBe('12 orders needed: at most 10 slices are allowed per order; enter at most 18000');
    expect(freezeNoteForText(nifty, '18000', true)).toEqual({ line: 'Above the freeze quantity (1800 = 24 lots): sent as 10 orders', orders: 10 });
  });
});
