import { describe, expect, it } from 'vitest';
import { keysOf, limitOrder as limit, recorded, spotVenue, userStream } from './loopback.fixture';
import type { LoopbackClient } from './loopbackClient';

const order = (c: LoopbackClient, params: Record<string, string>) => c.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params });
const balance = (v: Awaited<ReturnType<typeof spotVenue>>['venue'], account: string, asset: string) => {
  const b = v.exchange.ledger(account).balance(asset);
  return { free: b.free, locked: b.locked };
};
const E8 = 100_000_000n;

describe('loopback Binance spot: order validation', () => {
  it.each([
    ['a price off the tick', limit('BUY', '19000.005', '0.01'), 'Filter failure: PRICE_FILTER'],
    ['a price below minPrice', limit('BUY', '0.001', '0.01'), 'Filter failure: PRICE_FILTER'],
    ['a quantity off the step', limit('BUY', '19000', '0.000015'), 'Filter failure: LOT_SIZE'],
    ['a quantity below minQty', limit('BUY', '19000', '0.000001'), 'Filter failure: LOT_SIZE'],
    ['a quantity above maxQty', limit('BUY', '19000', '9001'), 'Filter failure: LOT_SIZE'],
    ['a notional below minNotional', limit('BUY', '19000', '0.0002'), 'Filter failure: NOTIONAL'],
    ['a market order worth less than minNotional', { side: 'BUY', type: 'MARKET', quantity: '0.0002' }, 'Filter failure: NOTIONAL'],
  ])('refuses %s with -1013', async (_what, params, msg) => {
    const { venue, alice } = await spotVenue();
    expect(await order(alice, params)).toMatchObject({ status: 400, body: { code: -1013, msg } });
    expect(venue.exchange.working('alice')).toEqual([]);
    expect(balance(venue, 'alice', 'USDT')).toEqual({ free: 100_000n * E8, locked: 0n });
  });

  it('names MIN_NOTIONAL where the symbol still has that filter', async () => {
    const { alice } = await spotVenue({
      symbols: [{ symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000', stepSize: '0.00001', minQty: '0.00001', maxQty: '9000', minNotional: '10', notionalFilter: 'MIN_NOTIONAL' }],
    });
    expect((await order(alice, limit('BUY', '19000', '0.0005'))).body).toEqual({ code: -1013, msg: 'Filter failure: MIN_NOTIONAL' });
  });

  it.each([
    ['no quantity', { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '19000' }, { code: -1102, msg: "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed." }],
    ['a LIMIT without timeInForce', { side: 'BUY', type: 'LIMIT', price: '19000', quantity: '0.01' }, { code: -1102, msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed." }],
    ['an unknown side', limit('HOLD' as 'BUY', '19000', '0.01'), { code: -1117, msg: 'Invalid side.' }],
    ['an unknown type', { side: 'BUY', type: 'STOP', quantity: '0.01' }, { code: -1116, msg: 'Invalid orderType.' }],
    ['an unknown timeInForce', limit('BUY', '19000', '0.01', { timeInForce: 'GTX' }), { code: -1115, msg: 'Invalid timeInForce.' }],
    ['a quantity that is not a number', limit('BUY', '19000', '1e-2'), { code: -1100, msg: "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'." }],
    ['more than 8 decimals', limit('BUY', '19000', '0.000000001'), { code: -1111, msg: "Parameter 'quantity' has too much precision." }],
    ['an unknown symbol', limit('BUY', '19000', '0.01', { symbol: 'DOGEUSDT' }), { code: -1121, msg: 'Invalid symbol.' }],
  ])('answers %s in Binance words', async (_what, params, body) => {
    const { alice } = await spotVenue();
    expect(await order(alice, params)).toMatchObject({ status: 400, body });
  });

  it('refuses an order the balance cannot cover with -2010 and changes nothing', async () => {
    const { venue, alice } = await spotVenue({ aliceBalances: { USDT: '100', BTC: '0.001' } });
    const insufficient = { code: -2010, msg: 'Account has insufficient balance for requested action.' };
    expect(await order(alice, limit('BUY', '19000', '0.01'))).toMatchObject({ status: 400, body: insufficient });
    expect(await order(alice, limit('SELL', '21000', '0.002'))).toMatchObject({ status: 400, body: insufficient });
    expect(await order(alice, { side: 'BUY', type: 'MARKET', quantity: '0.01' })).toMatchObject({ status: 400, body: insufficient });
    expect(balance(venue, 'alice', 'USDT')).toEqual({ free: 100n * E8, locked: 0n });
    expect(balance(venue, 'alice', 'BTC')).toEqual({ free: 100_000n, locked: 0n });
  });

  it('refuses a client order id already working with -2010 "Duplicate order sent."', async () => {
    const { alice } = await spotVenue();
    expect((await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'dup-1' }))).status).toBe(200);
    expect((await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'dup-1' }))).body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
  });

  it('refuses a LIMIT_MAKER that would take with -2010', async () => {
    const { alice } = await spotVenue();
    const r = await order(alice, { side: 'BUY', type: 'LIMIT_MAKER', price: '20001', quantity: '0.01' });
    expect(r.body).toEqual({ code: -2010, msg: 'Order would immediately match and take.' });
  });
});

describe('loopback Binance spot: orders', () => {
  it('rests a limit order, locks its quote, and answers FULL with the recorded fields', async () => {
    const { venue, alice } = await spotVenue();
    const r = await order(alice, limit('BUY', '20000.50', '0.5', { newClientOrderId: 'rest-1' }));
    expect(r.status).toBe(200);
    expect(keysOf(r.body)).toEqual(keysOf(recorded('spot/http_json/new_order_full_response.json')));
    expect(r.body).toMatchObject({ clientOrderId: 'rest-1', status: 'NEW', price: '20000.50000000', origQty: '0.50000000', executedQty: '0.00000000', fills: [] });
    expect(balance(venue, 'alice', 'USDT')).toEqual({ free: 8_999_975_000_000n, locked: 1_000_025_000_000n });
    const depth = await alice.get('/api/v3/depth', { symbol: 'BTCUSDT', limit: 5 });
    expect(depth.body.bids[0]).toEqual(['20000.50000000', '0.50000000']);
  });

  it('fills a resting order with a crossing one: both accounts get executionReports shaped like the recorded ones, and balances move', async () => {
    const { venue, alice, bob } = await spotVenue();
    const aliceStream = await userStream(venue, alice);
    const bobStream = await userStream(venue, bob);
    await order(alice, limit('BUY', '20000.50', '0.5', { newClientOrderId: 'maker-1' }));
    const taker = await order(bob, limit('SELL', '20000.50', '0.2', { newClientOrderId: 'taker-1' }));
    expect(taker.body).toMatchObject({ status: 'FILLED', executedQty: '0.20000000', cummulativeQuoteQty: '4000.10000000' });
    expect(taker.body.fills).toEqual([{ price: '20000.50000000', qty: '0.20000000', commission: '4.00010000', commissionAsset: 'USDT', tradeId: 1 }]);

    // alice: NEW + outboundAccountPosition (the lock), then TRADE + outboundAccountPosition;
    // bob's order filled in the request that placed it: NEW, TRADE, one outboundAccountPosition.
    const a = await aliceStream.waitFor(4);
    const b = await bobStream.waitFor(3);
    expect(a.map((m) => m.x ?? m.e)).toEqual(['NEW', 'outboundAccountPosition', 'TRADE', 'outboundAccountPosition']);
    expect(b.map((m) => m.x ?? m.e)).toEqual(['NEW', 'TRADE', 'outboundAccountPosition']);
    const reportKeys = keysOf(recorded('spot/user_data_json/execution_report_wrapped.json').event);
    const reports = [...a, ...b].filter((m) => m.e === 'executionReport');
    expect(reports).toHaveLength(4);
    for (const rep of reports) {
      expect(keysOf(rep)).toEqual(reportKeys);
      // Every field of the plain recorded trade report is there too.
      expect(keysOf(rep)).toEqual(expect.arrayContaining(keysOf(recorded('spot/user_data_json/execution_report_trade.json'))));
    }
    const makerTrade = a.find((m) => m.e === 'executionReport' && m.x === 'TRADE');
    expect(makerTrade).toMatchObject({ s: 'BTCUSDT', c: 'maker-1', S: 'BUY', X: 'PARTIALLY_FILLED', l: '0.20000000', z: '0.20000000', L: '20000.50000000', m: true, N: 'BTC', n: '0.00020000', t: 1, w: true });
    const takerTrade = b.find((m) => m.e === 'executionReport' && m.x === 'TRADE');
    expect(takerTrade).toMatchObject({ c: 'taker-1', S: 'SELL', X: 'FILLED', m: false, N: 'USDT', n: '4.00010000', t: 1, w: false });
    const positions = a.filter((m) => m.e === 'outboundAccountPosition');
    expect(keysOf(positions[0])).toEqual(keysOf(recorded('spot/user_data_json/account_position.json')));
    expect(positions.at(-1).B).toEqual([
      { a: 'USDT', f: '89999.75000000', l: '6000.15000000' },
      { a: 'BTC', f: '2.19980000', l: '0.00000000' },
    ]);
    expect(balance(venue, 'bob', 'USDT').free).toBe(50_000n * E8 + 400_010_000_000n - 400_010_000n);

    const trades = await alice.signed('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' });
    expect(trades.body).toHaveLength(1);
    expect(keysOf(trades.body[0])).toEqual(keysOf(recorded('spot/http_json/account_trades_response.json')[0]));
    expect(trades.body[0]).toMatchObject({ price: '20000.50000000', qty: '0.20000000', isBuyer: true, isMaker: true, commission: '0.00020000', commissionAsset: 'BTC' });
  });

  it('fills a market order across levels and gives back what a better price saved', async () => {
    const { venue, alice } = await spotVenue();
    const r = await order(alice, { side: 'BUY', type: 'MARKET', quantity: '2' });
    expect(r.body).toMatchObject({ status: 'FILLED', executedQty: '2.00000000', cummulativeQuoteQty: '40002.80000000' });
    expect(r.body.fills.map((f: any) => [f.price, f.qty])).toEqual([
      ['20001.00000000', '1.20000000'],
      ['20002.00000000', '0.80000000'],
    ]);
    expect(balance(venue, 'alice', 'USDT')).toEqual({ free: (100_000n - 40_002n) * E8 - 80_000_000n, locked: 0n });
    expect(balance(venue, 'alice', 'BTC').free).toBe(2n * E8 + 2n * E8 - 200_000n);
  });

  it('expires what an IOC order cannot fill and a FOK order that cannot fill wholly', async () => {
    const { venue, alice } = await spotVenue();
    const ioc = await order(alice, limit('BUY', '20001', '2', { timeInForce: 'IOC' }));
    expect(ioc.body).toMatchObject({ status: 'EXPIRED', executedQty: '1.20000000' });
    const fok = await order(alice, limit('BUY', '20002', '3.5', { timeInForce: 'FOK' }));
    expect(fok.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.00000000', fills: [] });
    expect(balance(venue, 'alice', 'USDT').locked).toBe(0n);
  });

  it('cancels by client order id, answers with the recorded fields, and refuses a second cancel with -2011', async () => {
    const { venue, alice } = await spotVenue();
    const stream = await userStream(venue, alice);
    await order(alice, limit('BUY', '19000', '0.1', { newClientOrderId: 'c-1' }));
    const cancel = await alice.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'c-1', newClientOrderId: 'cancel-c-1' });
    expect(cancel.status).toBe(200);
    expect(keysOf(cancel.body)).toEqual(keysOf(recorded('spot/http_json/cancel_order_response.json')));
    expect(cancel.body).toMatchObject({ origClientOrderId: 'c-1', clientOrderId: 'cancel-c-1', status: 'CANCELED' });
    expect(balance(venue, 'alice', 'USDT')).toEqual({ free: 100_000n * E8, locked: 0n });
    const events = await stream.waitFor(4);
    expect(events.find((m) => m.x === 'CANCELED')).toMatchObject({ c: 'cancel-c-1', C: 'c-1', X: 'CANCELED' });
    expect(await alice.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'c-1' })).toMatchObject({
      status: 400,
      body: { code: -2011, msg: 'Unknown order sent.' },
    });
  });

  it('finds an order by origClientOrderId or orderId, answers -2013 for one it does not have, and lists open orders', async () => {
    const { alice, bob } = await spotVenue();
    const placed = await order(alice, limit('SELL', '25000', '0.1', { newClientOrderId: 'q-1' }));
    const byClient = await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'q-1' });
    expect(keysOf(byClient.body)).toEqual(keysOf(recorded('spot/http_json/order_response.json')));
    expect(byClient.body).toMatchObject({ orderId: placed.body.orderId, clientOrderId: 'q-1', status: 'NEW', side: 'SELL' });
    expect((await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.body.orderId })).body.clientOrderId).toBe('q-1');
    const missing = { status: 400, body: { code: -2013, msg: 'Order does not exist.' } };
    expect(await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'nope' })).toMatchObject(missing);
    // Another account's order is not yours to see.
    expect(await bob.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'q-1' })).toMatchObject(missing);
    expect(await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT' })).toMatchObject({
      body: { code: -1102, msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!" },
    });
    const open = await alice.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(open.body.map((o: any) => o.clientOrderId)).toEqual(['q-1']);
    expect(keysOf(open.body[0])).toEqual(keysOf(recorded('spot/http_json/open_orders_response.json')[0]));
  });

  it('lets the rest of the market fill a resting order (an anonymous taker)', async () => {
    const { venue, alice } = await spotVenue();
    const stream = await userStream(venue, alice);
    await order(alice, limit('SELL', '20001', '0.5', { newClientOrderId: 'ask-1' }));
    // 1.2 of anonymous liquidity was at 20001 before ours: it fills first (price-time priority).
    venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '1.5');
    const events = await stream.waitFor(4);
    expect(events.find((m) => m.x === 'TRADE')).toMatchObject({ c: 'ask-1', l: '0.30000000', X: 'PARTIALLY_FILLED', m: true });
  });
});
