import { describe, expect, it } from 'vitest';
import { limitOrder as limit, spotVenue, userStream } from './loopback.fixture';
import type { LoopbackClient } from './loopbackClient';

const order = (c: LoopbackClient, params: Record<string, string>) => c.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params });
const amend = (c: LoopbackClient, params: Record<string, string>) => c.signed('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', ...params });
const query = (c: LoopbackClient, origClientOrderId: string) => c.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId });
const E8 = 100_000_000n;

describe('loopback Binance spot: Order Amend Keep Priority (PUT /api/v3/order/amend/keepPriority)', () => {
  it('lowers a resting order\'s quantity where it stands in the queue, frees what it locked, and reports REPLACED', async () => {
    const { venue, alice, bob } = await spotVenue();
    const stream = await userStream(venue, alice);
    // The level at 20000.00 holds 1.5 anonymous, then alice's 0.5, then bob's 0.3.
    await order(alice, limit('BUY', '20000.00', '0.5', { newClientOrderId: 'keep-1' }));
    await order(bob, limit('BUY', '20000.00', '0.3', { newClientOrderId: 'bob-1' }));
    expect(venue.exchange.ledger('alice').balance('USDT').locked).toBe(10_000n * E8);

    const r = await amend(alice, { origClientOrderId: 'keep-1', newClientOrderId: 'keep-1', newQty: '0.2' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['transactTime', 'executionId', 'amendedOrder']);
    expect(r.body.amendedOrder).toEqual({
      symbol: 'BTCUSDT', orderId: 1, orderListId: -1, origClientOrderId: 'keep-1', clientOrderId: 'keep-1',
      price: '20000.00000000', qty: '0.20000000', executedQty: '0.00000000', preventedQty: '0.00000000', quoteOrderQty: '0.00000000',
      cumulativeQuoteQty: '0.00000000', status: 'NEW', timeInForce: 'GTC', type: 'LIMIT', side: 'BUY',
      workingTime: expect.any(Number), selfTradePreventionMode: 'NONE',
    });
    expect(venue.exchange.ledger('alice').balance('USDT')).toEqual({ free: 96_000n * E8, locked: 4_000n * E8 });
    expect(venue.exchange.depth('BTCUSDT', 1)).toMatchObject({ bids: [[20_000n * E8, 2n * E8]] });

    const events = (await stream.waitFor(4)).filter((m) => m.e === 'executionReport');
    expect(events.map((m) => m.x)).toEqual(['NEW', 'REPLACED']);
    expect(events[1]).toMatchObject({ c: 'keep-1', C: 'keep-1', X: 'NEW', q: '0.20000000', z: '0.00000000', i: 1, I: r.body.executionId });

    // A seller of 1.7 takes the anonymous 1.5, then alice's 0.2 (still ahead of bob), and bob nothing.
    venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '1.7');
    expect((await query(alice, 'keep-1')).body).toMatchObject({ status: 'FILLED', origQty: '0.20000000', executedQty: '0.20000000' });
    expect((await query(bob, 'bob-1')).body).toMatchObject({ status: 'NEW', executedQty: '0.00000000' });
    expect(venue.exchange.ledger('alice').balance('USDT')).toEqual({ free: 96_000n * E8, locked: 0n });
  });

  it('amends a partly filled order to a total above what filled; the rest is what is left', async () => {
    const { venue, alice } = await spotVenue();
    venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20001.00', '0');
    await order(alice, limit('SELL', '20001.00', '1', { newClientOrderId: 'part-1' }));
    venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '0.4');
    const r = await amend(alice, { origClientOrderId: 'part-1', newClientOrderId: 'part-1', newQty: '0.7' });
    expect(r.body.amendedOrder).toMatchObject({ status: 'PARTIALLY_FILLED', qty: '0.70000000', executedQty: '0.40000000' });
    expect(venue.exchange.depth('BTCUSDT', 1)).toMatchObject({ asks: [[20_001n * E8, 30_000_000n]] });
    expect(venue.exchange.ledger('alice').balance('BTC').locked).toBe(30_000_000n);
  });

  it('gives the order a client order id of Binance\'s making when none is sent', async () => {
    const { alice } = await spotVenue();
    await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'named-1' }));
    const r = await amend(alice, { origClientOrderId: 'named-1', newQty: '0.005' });
    expect(r.body.amendedOrder.origClientOrderId).toBe('named-1');
    expect(r.body.amendedOrder.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect((await query(alice, r.body.amendedOrder.clientOrderId)).body).toMatchObject({ orderId: 1, origQty: '0.00500000' });
    expect((await query(alice, 'named-1')).body).toEqual({ code: -2013, msg: 'Order does not exist.' });
  });

  it('answers in Binance\'s words and leaves the order as it was', async () => {
    const { venue, alice } = await spotVenue({
      symbols: [
        { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000', stepSize: '0.00001', minQty: '0.00001', maxQty: '9000', minNotional: '5', maxNumOrderAmends: 1 },
        { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000', stepSize: '0.0001', minQty: '0.0001', maxQty: '9000', minNotional: '5', amendAllowed: false },
      ],
      aliceBalances: { USDT: '100000' },
    });
    await order(alice, limit('BUY', '19000', '0.01', { newClientOrderId: 'no-1' }));
    await alice.signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', ...limit('BUY', '1000', '0.1', { newClientOrderId: 'eth-1' }) });
    const cases: [Record<string, string>, object][] = [
      [{ origClientOrderId: 'no-1', newQty: '0.02' }, { code: -2038, msg: 'Order amend (quantity increase) is not supported.' }],
      [{ origClientOrderId: 'no-1', newQty: '0.01' }, { code: -2038, msg: 'Order amend (quantity increase) is not supported.' }],
      [{ origClientOrderId: 'no-1', newQty: '0.000015' }, { code: -1013, msg: 'Filter failure: LOT_SIZE' }],
      [{ origClientOrderId: 'no-1', newQty: '0.0002' }, { code: -1013, msg: 'Filter failure: NOTIONAL' }],
      [{ origClientOrderId: 'no-1' }, { code: -1102, msg: "Mandatory parameter 'newQty' was not sent, was empty/null, or malformed." }],
      [{ newQty: '0.005' }, { code: -1102, msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!" }],
      [{ origClientOrderId: 'nope', newQty: '0.005' }, { code: -2013, msg: 'Order does not exist.' }],
      [{ symbol: 'ETHUSDT', origClientOrderId: 'eth-1', newQty: '0.05' }, { code: -2038, msg: 'Order amend is not supported for this symbol.' }],
    ];
    for (const [params, body] of cases) expect((await amend(alice, params)).body).toEqual(body);
    expect((await query(alice, 'no-1')).body).toMatchObject({ status: 'NEW', origQty: '0.01000000' });
    expect(venue.exchange.ledger('alice').balance('USDT').locked).toBe(190n * E8 + 100n * E8);

    // MAX_NUM_ORDER_AMENDS is 1 here: the second amend of the same order is refused.
    expect((await amend(alice, { origClientOrderId: 'no-1', newClientOrderId: 'no-1', newQty: '0.008' })).status).toBe(200);
    expect((await amend(alice, { origClientOrderId: 'no-1', newClientOrderId: 'no-1', newQty: '0.006' })).body).toEqual({ code: -2038, msg: 'Filter failure: MAX_NUM_ORDER_AMENDS' });
    expect((await query(alice, 'no-1')).body).toMatchObject({ origQty: '0.00800000' });
  });

  it('lists amendAllowed and MAX_NUM_ORDER_AMENDS in exchangeInfo', async () => {
    const { alice } = await spotVenue();
    const info = await alice.get('/api/v3/exchangeInfo', { symbol: 'BTCUSDT' });
    expect(info.body.symbols[0].amendAllowed).toBe(true);
    expect(info.body.symbols[0].filters).toContainEqual({ filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: 10 });
  });
});
