import { describe, expect, it } from 'vitest';
import { keysOf, limitOrder as limit, recorded, usdmVenue, userStream } from './loopback.fixture';
import type { LoopbackClient } from './loopbackClient';

const order = (c: LoopbackClient, params: Record<string, string>) => c.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', ...params });

describe('loopback Binance USD-M: order validation', () => {
  it.each([
    ['a price off the tick', limit('BUY', '19000.05', '0.01'), { code: -4014, msg: 'Price not increased by tick size.' }],
    ['a price with more decimals than pricePrecision', limit('BUY', '19000.123', '0.01'), { code: -1111, msg: 'Precision is over the maximum defined for this asset.' }],
    ['a price below minPrice', limit('BUY', '100', '1'), { code: -4013, msg: 'Price less than min price.' }],
    ['a quantity with more decimals than quantityPrecision', limit('BUY', '19000', '0.0011'), { code: -1111, msg: 'Precision is over the maximum defined for this asset.' }],
    ['a zero quantity', limit('BUY', '19000', '0'), { code: -4003, msg: 'Quantity less than or equal to zero.' }],
    ['a quantity above maxQty', limit('BUY', '19000', '1001'), { code: -4005, msg: 'Quantity greater than max quantity.' }],
    ['a notional below MIN_NOTIONAL', limit('BUY', '19000', '0.001'), { code: -4164, msg: "Order's notional must be no smaller than 100 (unless you choose reduce only)." }],
    ['a market order below MIN_NOTIONAL', { side: 'BUY', type: 'MARKET', quantity: '0.001' }, { code: -4164 }],
    ['a post-only (GTX) order that would take', limit('BUY', '20000.10', '0.01', { timeInForce: 'GTX' }), { code: -5022 }],
    ['a hedge-mode position side on a one-way account', limit('BUY', '19000', '0.01', { positionSide: 'LONG' }), { code: -4061, msg: "Order's position side does not match user's setting." }],
  ])('refuses %s', async (_what, params, body) => {
    const { venue, alice } = await usdmVenue();
    expect(await order(alice, params)).toMatchObject({ status: 400, body });
    expect(venue.exchange.working('alice')).toEqual([]);
  });

  it('refuses an order whose margin the account cannot post with -2019', async () => {
    const { alice } = await usdmVenue({ aliceBalances: { USDT: '100' } });
    // 0.2 BTC at 19 000 is 3 800 notional: 190 margin at 20x, more than the 100 in the wallet.
    expect(await order(alice, limit('BUY', '19000', '0.2'))).toMatchObject({ status: 400, body: { code: -2019, msg: 'Margin is insufficient.' } });
    expect((await order(alice, limit('BUY', '19000', '0.1'))).status).toBe(200);
    // The first order's 95 of margin is taken: a second one does not fit.
    expect((await order(alice, limit('BUY', '19000', '0.01'))).body.code).toBe(-2019);
  });

  it('refuses a reduce-only order that would not reduce with -2022', async () => {
    const { alice } = await usdmVenue();
    expect(await order(alice, { side: 'SELL', type: 'MARKET', quantity: '0.01', reduceOnly: 'true' })).toMatchObject({
      body: { code: -2022, msg: 'ReduceOnly Order is rejected.' },
    });
  });

  it('refuses a client order id already working with -4116', async () => {
    const { alice } = await usdmVenue();
    await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'f-dup' }));
    expect((await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'f-dup' }))).body).toEqual({ code: -4116, msg: 'ClientOrderId is duplicated.' });
  });
});

describe('loopback Binance USD-M: orders, positions and the user stream', () => {
  it('fills a resting order with a crossing one: ORDER_TRADE_UPDATE, TRADE_LITE and ACCOUNT_UPDATE shaped like the recorded ones', async () => {
    const { venue, alice, bob } = await usdmVenue();
    const aliceStream = await userStream(venue, alice);
    const bobStream = await userStream(venue, bob);
    const maker = await order(alice, limit('BUY', '20000.00', '0.1', { newClientOrderId: 'fm-1' }));
    expect(maker.status).toBe(200);
    expect(keysOf(maker.body)).toEqual(keysOf(recorded('futures/http_json/order_response.json')));
    expect(maker.body).toMatchObject({ clientOrderId: 'fm-1', status: 'NEW', price: '20000.00', origQty: '0.100', positionSide: 'BOTH' });

    // 1.5 of anonymous bids were at 20000.00 first: bob's sell of 1.55 reaches alice's order for 0.05.
    const taker = await order(bob, { side: 'SELL', type: 'MARKET', quantity: '1.55', newClientOrderId: 'ft-1', newOrderRespType: 'RESULT' });
    expect(taker.body).toMatchObject({ status: 'FILLED', executedQty: '1.550', avgPrice: '20000.00' });

    const a = await aliceStream.waitFor(4);
    const kinds = a.map((m) => (m.e === 'ORDER_TRADE_UPDATE' ? `${m.e}:${m.o.x}` : m.e));
    expect(kinds).toEqual(['ORDER_TRADE_UPDATE:NEW', 'TRADE_LITE', 'ORDER_TRADE_UPDATE:TRADE', 'ACCOUNT_UPDATE']);
    const recordedUpdate = recorded('futures/user_data_json/order_update_trade.json');
    for (const m of a.filter((x) => x.e === 'ORDER_TRADE_UPDATE')) {
      expect(keysOf(m)).toEqual(keysOf(recordedUpdate));
      expect(keysOf(m.o)).toEqual(keysOf(recordedUpdate.o));
    }
    expect(a[2].o).toMatchObject({ s: 'BTCUSDT', c: 'fm-1', S: 'BUY', x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.050', z: '0.050', L: '20000.00', m: true, N: 'USDT', n: '0.20000000', ps: 'BOTH' });
    expect(keysOf(a[1])).toEqual(keysOf(recorded('futures/user_data_json/trade_lite.json')));
    const recordedAccount = recorded('futures/user_data_json/account_update.json');
    expect(keysOf(a[3])).toEqual(keysOf(recordedAccount));
    expect(keysOf(a[3].a)).toEqual(keysOf(recordedAccount.a));
    expect(keysOf(a[3].a.B[0])).toEqual(keysOf(recordedAccount.a.B[0]));
    expect(keysOf(a[3].a.P[0])).toEqual(keysOf(recordedAccount.a.P[0]));
    expect(a[3].a.B).toEqual([{ a: 'USDT', wb: '9999.80000000', cw: '9999.80000000', bc: '0' }]);
    expect(a[3].a.P).toEqual([expect.objectContaining({ s: 'BTCUSDT', pa: '0.050', ep: '20000.00000', ps: 'BOTH', mt: 'cross' })]);

    const b = await bobStream.waitFor(1);
    expect(b[0]).toMatchObject({ e: 'ORDER_TRADE_UPDATE', o: { c: 'ft-1', x: 'NEW', o: 'MARKET' } });
  });

  it('answers ACK by default: the order as accepted, before it executed', async () => {
    const { alice } = await usdmVenue();
    const r = await order(alice, { side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: 'ack-1' });
    expect(r.body).toMatchObject({ status: 'NEW', executedQty: '0.000', avgPrice: '0.00' });
    const q = await alice.signed('GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'ack-1' });
    expect(q.body).toMatchObject({ status: 'FILLED', executedQty: '0.010', avgPrice: '20000.10' });
  });

  it('reports positions, balances and the account with the recorded fields, and realises PnL on a close', async () => {
    const { venue, alice } = await usdmVenue();
    await order(alice, { side: 'BUY', type: 'MARKET', quantity: '1' });
    const risk = await alice.signed('GET', '/fapi/v2/positionRisk', { symbol: 'BTCUSDT' });
    expect(keysOf(risk.body[0])).toEqual(keysOf(recorded('futures/http_json/position_risk.json')[0]));
    expect(risk.body[0]).toMatchObject({ symbol: 'BTCUSDT', positionAmt: '1.000', entryPrice: '20000.1', leverage: '20', positionSide: 'BOTH' });
    const balance = await alice.signed('GET', '/fapi/v2/balance');
    expect(keysOf(balance.body[0])).toEqual(keysOf(recorded('futures/http_json/balance.json')[0]));
    // 10 000 - 0.05 % of 20 000.1 in taker commission.
    expect(balance.body[0]).toMatchObject({ asset: 'USDT', balance: '9989.99995000' });
    const account = await alice.signed('GET', '/fapi/v2/account');
    const recordedAccount = recorded('futures/http_json/account_info_v2.json');
    expect(keysOf(account.body)).toEqual(keysOf(recordedAccount));
    expect(keysOf(account.body.assets[0])).toEqual(keysOf(recordedAccount.assets[0]));
    expect(keysOf(account.body.positions[0])).toEqual(keysOf(recordedAccount.positions[0]));

    // The book moves up, then the position is sold into it at 20 100: 99.9 of profit.
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20100.0', '5');
    await order(alice, { side: 'SELL', type: 'MARKET', quantity: '1', reduceOnly: 'true' });
    const trades = await alice.signed('GET', '/fapi/v1/userTrades', { symbol: 'BTCUSDT' });
    expect(trades.body.map((t: any) => [t.side, t.price, t.realizedPnl])).toEqual([
      ['BUY', '20000.10', '0.00000000'],
      ['SELL', '20100.00', '99.90000000'],
    ]);
    const v3 = await alice.signed('GET', '/fapi/v3/positionRisk');
    expect(v3.body).toEqual([]);
  });

  it('cancels, then answers -2011 to a second cancel and -2013 to a query for an unknown order', async () => {
    const { alice } = await usdmVenue();
    await order(alice, limit('SELL', '21000', '0.01', { newClientOrderId: 'fc-1' }));
    const c = await alice.signed('DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'fc-1' });
    expect(c.body).toMatchObject({ clientOrderId: 'fc-1', status: 'CANCELED' });
    expect((await alice.signed('DELETE', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'fc-1' })).body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    expect((await alice.signed('GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'zz' })).body).toEqual({ code: -2013, msg: 'Order does not exist.' });
  });
});
