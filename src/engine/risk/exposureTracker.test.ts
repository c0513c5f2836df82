import { describe, expect, it } from 'vitest';
import type { Order } from '../oms';
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
    price: 100,
    qty: 10,
    filledQty: 0,
    filledValue: 0,
    fees: 0,
    status: 'submitted',
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
    expect(t.exposure(BTC_A)).toEqual({
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
