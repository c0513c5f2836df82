import { describe, expect, it } from 'vitest';
import { amendProblem, orderRequestProblem } from './orderRules';
import { testOrder } from './testSupport';
import type { Order, OrderRequest } from './types';

const NOW = 1_700_000_000_000;
const req = (over: Partial<OrderRequest>): OrderRequest => ({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 100, qty: 1, ...over });

describe('orderRequestProblem', () => {
  it.each<[string, Partial<OrderRequest>, RegExp | undefined]>([
    ['a plain limit', {}, undefined],
    ['a limit without price', { price: undefined }, /needs a price/],
    ['a market with a price', { type: 'market' }, /takes no price/],
    ['a market', { type: 'market', price: undefined }, undefined],
    ['a stop-market', { type: 'stop_market', price: undefined, stopPrice: 110 }, undefined],
    ['a stop-market without stop', { type: 'stop_market', price: undefined }, /needs a stop price/],
    ['a stop-limit', { type: 'stop_limit', stopPrice: 110 }, undefined],
    ['a limit with a stop', { stopPrice: 110 }, /only a stop order/],
    ['GTD without expiry', { tif: 'GTD' }, /GTD needs an expiry/],
    ['an expiry without GTD', { expireAt: NOW + 1 }, /only GTD/],
    ['GTD in the past', { tif: 'GTD', expireAt: NOW }, /already past/],
    ['GTD in the future', { tif: 'GTD', expireAt: NOW + 1 }, undefined],
    ['post-only market', { type: 'market', price: undefined, postOnly: true }, /only a limit/],
    ['post-only IOC', { postOnly: true, tif: 'IOC' }, /never rest/],
    ['market GTC', { type: 'market', price: undefined, tif: 'GTC' }, /cannot be GTC/],
    ['market FOK', { type: 'market', price: undefined, tif: 'FOK' }, undefined],
    ['zero quantity', { qty: 0 }, /positive whole number of lots/],
    ['fractional price', { price: 1.5 }, /whole number of ticks/],
  ])('%s', (_, over, expected) => {
    const problem = orderRequestProblem(req(over), NOW);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });
});

describe('amendProblem', () => {
  const order = (over: Partial<Order> = {}): Order =>
    testOrder({ clientOrderId: 'o', price: 100, filledQty: 4, filledValue: 400, status: 'partially_filled', ...over });
  it('refuses a quantity at or below what is filled, allows one above', () => {
    expect(amendProblem(order(), { qty: 4 })).toMatch(/more than the 4 lots already filled/);
    expect(amendProblem(order(), { qty: 5 })).toBeUndefined();
  });
  it('refuses while another amend or a cancel is in flight, and on ended orders', () => {
    expect(amendProblem(order({ status: 'pending_update' }), { qty: 8 })).toMatch(/already being amended/);
    expect(amendProblem(order({ status: 'pending_cancel' }), { qty: 8 })).toMatch(/being canceled/);
    expect(amendProblem(order({ status: 'filled' }), { qty: 8 })).toMatch(/only a working order/);
  });
  it('refuses fields the order type does not have, and an amend that changes nothing', () => {
    expect(amendProblem(order({ type: 'market', price: undefined }), { price: 90 })).toMatch(/no limit price/);
    expect(amendProblem(order(), { stopPrice: 90 })).toMatch(/only a stop order/);
    expect(amendProblem(order({ type: 'stop_market', price: undefined, stopPrice: 90, triggeredAt: 1 }), { stopPrice: 91 })).toMatch(/already triggered/);
    expect(amendProblem(order(), { price: 100, qty: 10 })).toMatch(/changes nothing/);
  });
});
