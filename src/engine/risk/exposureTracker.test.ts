import { describe, expect, it } from 'vitest';
import type { Order } from '../core';
import { ExposureTracker } from './exposureTracker';
import { instrumentRef } from './riskContext';

const BTC_A = instrumentRef('SIM-A', 'BTC-USDT');
const ETH_A = instrumentRef('SIM-A', 'ETH-USDT');
const BTC_B = instrumentRef('SIM-B', 'BTC-USDT');

let n = 0;
function order(over: Partial<Order>): Order {
  return {
    clientOrderId: `o${++n}`,
    venue: 'SIM-A',
    symbol: 'BTC-USDT',
    side: 'buy',
    type: 'limit',
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
    price: 100,
    qty: 10,
    filledQty: 0,
    filledValue: 0,
    fees: 0,
    status: 'submitted',
    version: 1,
    source: 'ticket',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

describe('ExposureTracker', () => {
  it('sums working orders per side with their best prices, and forgets them when done', () => {
    const t = new ExposureTracker();
    const b1 = order({ price: 100, qty: 10 });
    const b2 = order({ price: 105, qty: 4, status: 'accepted' });
    const s1 = order({ side: 'sell', price: 110, qty: 3 });
    const s2 = order({ side: 'sell', price: 108, qty: 2, filledQty: 1, status: 'partially_filled' });
    const mkt = order({ side: 'sell', type: 'market', price: undefined, qty: 5 });
    for (const o of [b1, b2, s1, s2, mkt]) t.applyOrder(o);
    t.applyOrder({ ...b1, status: 'accepted' }); // a later snapshot of the same order
    expect(t.exposure(BTC_A)).toMatchObject({
      position: 0,
      count: 5,
      buyQty: 14,
      sellQty: 3 + 1 + 5,
      buyValue: 100 * 10 + 105 * 4,
      sellValue: 110 * 3 + 108 * 1,
      highestBuy: 105,
      highestBuyId: b2.clientOrderId,
      lowestSell: 108,
      lowestSellId: s2.clientOrderId,
    });
    t.applyOrder({ ...b2, status: 'canceled' });
    t.applyOrder({ ...s2, status: 'filled', filledQty: 2 });
    t.applyOrder({ ...mkt, status: 'filled', filledQty: 5 });
    expect(t.exposure(BTC_A)).toMatchObject({ count: 2, buyQty: 10, highestBuy: 100, lowestSell: 110, lowestSellId: s1.clientOrderId });
    t.applyOrder({ ...b2, status: 'canceled' }); // a repeated terminal snapshot changes nothing
    expect(t.accountOpenOrders()).toBe(2);
  });

  it('counts every order that is not done as working, stop orders at their stop price', () => {
    const t = new ExposureTracker();
    const stopSell = order({ side: 'sell', type: 'stop_market', price: undefined, stopPrice: 95, qty: 6, status: 'accepted' });
    const stopLimitBuy = order({ type: 'stop_limit', price: 120, stopPrice: 118, qty: 2, status: 'triggered' });
    const amending = order({ price: 99, qty: 3, status: 'pending_update' });
    const canceling = order({ side: 'sell', price: 130, qty: 1, status: 'pending_cancel' });
    const waiting = order({ price: 90, qty: 4, status: 'initialized' });
    for (const o of [stopSell, stopLimitBuy, amending, canceling, waiting]) t.applyOrder(o);
    expect(t.exposure(BTC_A)).toMatchObject({
      count: 5,
      buyQty: 2 + 3 + 4,
      sellQty: 6 + 1,
      buyValue: 120 * 2 + 99 * 3 + 90 * 4, // a stop-limit at its limit price
      sellValue: 95 * 6 + 130 * 1, // a stop-market at its stop price
      highestBuy: 120,
      lowestSell: 130, // a stop-market has no price on the book to cross
    });
    expect(t.exposure(BTC_A)).toMatchObject({ reduceBuyQty: 0, reduceSellQty: 0 });
    t.applyOrder({ ...canceling, reduceOnly: true });
    t.applyOrder({ ...stopLimitBuy, reduceOnly: true });
    expect(t.exposure(BTC_A)).toMatchObject({ buyQty: 9, reduceBuyQty: 2, sellQty: 7, reduceSellQty: 1 });
    t.applyOrder({ ...stopSell, status: 'expired' });
    t.applyOrder({ ...canceling, status: 'canceled' });
    expect(t.exposure(BTC_A)).toMatchObject({ count: 3, sellQty: 0, reduceSellQty: 0, sellValue: 0, lowestSell: NaN });
  });

  it('moves its version on every change, and shares the venue and account counters', () => {
    const t = new ExposureTracker();
    const seen = [t.version()];
    const o = order({});
    t.applyOrder(o);
    seen.push(t.version());
    t.applyFill({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: 1 });
    seen.push(t.version());
    t.setPosition('SIM-B', 'BTC-USDT', 3);
    seen.push(t.version());
    t.applyOrder({ ...o, status: 'canceled' });
    seen.push(t.version());
    expect(new Set(seen).size).toBe(seen.length);
    expect(t.exposure(BTC_A).account).toBe(t.exposure(BTC_B).account);
    expect(t.exposure(BTC_A).venue).toBe(t.exposure(ETH_A).venue);
    expect(t.exposure(BTC_A).venue).not.toBe(t.exposure(BTC_B).venue);
    expect(t.exposure(BTC_A).account.version).toBe(t.version());
  });

  it('counts working orders per venue and in total', () => {
    const t = new ExposureTracker();
    t.applyOrder(order({}));
    t.applyOrder(order({ symbol: 'ETH-USDT' }));
    const onB = order({ venue: 'SIM-B' });
    t.applyOrder(onB);
    expect([t.venueOpenOrders(BTC_A), t.venueOpenOrders(ETH_A), t.venueOpenOrders(BTC_B), t.accountOpenOrders()]).toEqual([2, 2, 1, 3]);
    t.applyOrder({ ...onB, status: 'rejected' });
    expect([t.venueOpenOrders(BTC_B), t.accountOpenOrders()]).toEqual([0, 2]);
  });

  it('keeps signed positions from fills, and can be seeded', () => {
    const t = new ExposureTracker();
    t.setPosition('SIM-B', 'BTC-USDT', -30);
    t.applyFill({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', qty: 7 });
    t.applyFill({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'sell', qty: 2 });
    t.applyFill({ venue: 'SIM-A', symbol: 'ETH-USDT', side: 'buy', qty: 3 });
    t.applyFill({ venue: 'SIM-A', symbol: 'ETH-USDT', side: 'sell', qty: 3 });
    expect([t.exposure(BTC_A).position, t.exposure(BTC_B).position, t.exposure(ETH_A).position]).toEqual([5, -30, 0]);
    expect(t.positions()).toEqual(
      expect.arrayContaining([
        { venue: 'SIM-A', symbol: 'BTC-USDT', qty: 5 },
        { venue: 'SIM-B', symbol: 'BTC-USDT', qty: -30 },
      ]),
    );
    expect(t.positions()).toHaveLength(2);
  });

  it('answers for an instrument it never saw: flat, nothing working', () => {
    expect(new ExposureTracker().exposure(instrumentRef('SIM-Q', 'X-Y'))).toMatchObject({ position: 0, count: 0, highestBuy: NaN });
  });
});
