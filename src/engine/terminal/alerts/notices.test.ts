import { describe, expect, it } from 'vitest';
import { type AuditEntry, type Fill, type NumberFormat, type Order, PLAIN_NUMBERS, SimulatedClock } from '../../core';
import type { Instrument } from '../../instruments';
import type { BreakerTransitionRecord } from '../../risk';
import { type Notice, Notices } from './notices';

/**
 * Notices are written in the trader's number format as it is when each one is written: a change on the
 * Settings screen applies to the next notice, never rewrites one already shown. The venue's (or risk's)
 * words in a rejection or a breaker trip are passed on unchanged, whatever the format.
 */
const ETH: Instrument = { venue: 'SIM', symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', priceDecimals: 2, qtyDecimals: 1, tickSize: 1, lotSize: 1, minNotional: 0 };
const T0 = 1_800_000_000_000;
const COMMA_THOUSANDS: NumberFormat = { thousands: true, decimalComma: true };

function order(over: Partial<Order>): Order {
  return {
    clientOrderId: 'c1', venue: 'SIM', symbol: 'ETH-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false,
    price: 350_012, qty: 20_000, filledQty: 12_345, filledValue: 0, fees: 0, status: 'partially_filled', version: 1, source: 'ticket', createdAt: T0, updatedAt: T0,
    ...over,
  };
}

function rig(format: NumberFormat) {
  const notices: Notice[] = [];
  const orders = new Map<string, Order>();
  const settings = { format };
  const n = new Notices({
    clock: new SimulatedClock(T0),
    instrument: (venue, symbol) => (venue === ETH.venue && symbol === ETH.symbol ? ETH : undefined),
    order: (id) => orders.get(id),
    numberFormat: () => settings.format,
    emit: (notice) => notices.push(notice),
  });
  return { n, notices, orders, settings };
}

const fill = (over: Partial<Fill> = {}): Fill => ({
  fillId: 'f1', clientOrderId: 'c1', venue: 'SIM', symbol: 'ETH-USDT', side: 'buy', price: 350_012, qty: 12_345, liquidity: 'maker', fee: 0, ts: T0, ...over,
});

describe('notices in the trader number format', () => {
  it('a fill with decimal comma and thousands reads "Bought 1.234,5 ETH-USDT at 3.500,12", the quantity left too', () => {
    const r = rig(COMMA_THOUSANDS);
    r.orders.set('c1', order({}));
    r.n.onFill(fill());
    expect(r.notices[0]).toMatchObject({ kind: 'fill', title: 'Bought 1.234,5 ETH-USDT at 3.500,12', text: 'SIM, order c1 (maker); 765,5 left' });
  });

  it('writes each notice in the format of its moment: a change applies to the next one only', () => {
    const r = rig(PLAIN_NUMBERS);
    r.n.onFill(fill({ side: 'sell' }));
    r.settings.format = { thousands: true, decimalComma: false };
    r.n.onFill(fill({ fillId: 'f2', side: 'sell' }));
    r.settings.format = { thousands: false, decimalComma: true };
    r.n.onFill(fill({ fillId: 'f3', side: 'sell' }));
    expect(r.notices.map((x) => x.title)).toEqual(['Sold 1234.5 ETH-USDT at 3500.12', 'Sold 1,234.5 ETH-USDT at 3,500.12', 'Sold 1234,5 ETH-USDT at 3500,12']);
    expect(r.notices.map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it("a rejection's quantity follows the format; the venue's words stay exactly as the venue wrote them", () => {
    const r = rig(COMMA_THOUSANDS);
    r.orders.set('c1', order({ status: 'rejected', filledQty: 0 }));
    const state = { status: 'rejected' as const, price: 350_012, qty: 12_345, filledQty: 0, version: 1 };
    const words = 'Filter failure: PRICE_FILTER (price 3500.12 above 1234.56)';
    const entry: AuditEntry = { seq: 7, n: 0, ts: T0, clientOrderId: 'c1', venue: 'SIM', symbol: 'ETH-USDT', action: 'reject', source: 'ticket', before: { ...state, status: 'submitted' }, after: state, detail: words };
    r.n.onAudit(entry);
    expect(r.notices[0]).toMatchObject({ kind: 'rejected', title: 'Order rejected: buy 1.234,5 ETH-USDT', text: words });
  });

  it("a breaker's reason is risk's own text, unchanged", () => {
    const r = rig(COMMA_THOUSANDS);
    const record: BreakerTransitionRecord = { ts: T0, scope: 'instrument', venue: 'SIM', symbol: 'ETH-USDT', from: 'CLOSED', to: 'OPEN', trigger: 'trip', reason: '5 rejects in 10000 ms' };
    r.n.onBreaker(record);
    expect(r.notices[0]).toMatchObject({ kind: 'breaker', title: 'Circuit breaker open: SIM ETH-USDT', text: '5 rejects in 10000 ms' });
  });

  it('an instrument no longer listed still gets a notice, in ticks and lots', () => {
    const r = rig(COMMA_THOUSANDS);
    r.n.onFill(fill({ symbol: 'GONE-USDT' }));
    expect(r.notices[0]!.title).toBe('Bought 12345 lots GONE-USDT at 350012 ticks');
  });
});
