import { describe, expect, it } from 'vitest';
import { limitOrder as limit, usdmVenue, userStream } from './loopback.fixture';
import type { LoopbackClient } from './loopbackClient';

const order = (c: LoopbackClient, params: Record<string, string>) => c.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', ...params });
const modify = (c: LoopbackClient, params: Record<string, string>) => c.signed('PUT', '/fapi/v1/order', { symbol: 'BTCUSDT', ...params });

describe('loopback Binance USD-M: Modify Order (PUT /fapi/v1/order)', () => {
  it('changes a resting order\'s price and quantity, puts it at the back of its level, and reports AMENDMENT', async () => {
    const { venue, alice } = await usdmVenue();
    const stream = await userStream(venue, alice);
    await order(alice, limit('BUY', '19990.0', '0.010', { newClientOrderId: 'am-1' }));
    const r = await modify(alice, { origClientOrderId: 'am-1', side: 'BUY', quantity: '0.020', price: '19995.0' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ clientOrderId: 'am-1', status: 'NEW', price: '19995.00', origQty: '0.020', executedQty: '0.000' });
    expect(venue.exchange.depth('BTCUSDT', 5)).toMatchObject({ bids: expect.arrayContaining([[19_995n * 10n ** 8n, 2n * 10n ** 6n]]) });
    const msgs = await stream.waitFor(2);
    expect(msgs.map((m) => m.o?.x)).toEqual(['NEW', 'AMENDMENT']);
    expect(msgs[1].o).toMatchObject({ c: 'am-1', X: 'NEW', p: '19995.00', q: '0.020' });
  });

  it('answers in Binance\'s words: nothing to change, a filter failure, a missing parameter, an unknown order, the wrong side', async () => {
    const { alice } = await usdmVenue();
    await order(alice, limit('BUY', '19990.0', '0.010', { newClientOrderId: 'am-2' }));
    const cases: [Record<string, string>, object][] = [
      [{ origClientOrderId: 'am-2', side: 'BUY', quantity: '0.010', price: '19990.0' }, { code: -5027, msg: 'No need to modify the order.' }],
      [{ origClientOrderId: 'am-2', side: 'BUY', quantity: '0.010', price: '19990.05' }, { code: -4014, msg: 'Price not increased by tick size.' }],
      [{ origClientOrderId: 'am-2', side: 'BUY', quantity: '0.010' }, { code: -1102, msg: "Mandatory parameter 'price' was not sent, was empty/null, or malformed." }],
      [{ origClientOrderId: 'nope', side: 'BUY', quantity: '0.010', price: '19991.0' }, { code: -2013, msg: 'Order does not exist.' }],
      [{ origClientOrderId: 'am-2', side: 'SELL', quantity: '0.010', price: '19991.0' }, { code: -1117, msg: 'Invalid side.' }],
    ];
    for (const [params, body] of cases) expect((await modify(alice, params)).body).toEqual(body);
    expect((await alice.signed('GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'am-2' })).body).toMatchObject({ price: '19990.00', origQty: '0.010' });
  });

  it('trades at once when the new price crosses, and cancels when the new quantity is not above what filled or a GTX order would take', async () => {
    const { venue, alice } = await usdmVenue();
    await order(alice, limit('BUY', '19990.0', '0.010', { newClientOrderId: 'am-3' }));
    // Across the anonymous ask at 20000.10: fills as a taker.
    expect((await modify(alice, { origClientOrderId: 'am-3', side: 'BUY', quantity: '0.010', price: '20000.1' })).body).toMatchObject({ status: 'FILLED', executedQty: '0.010' });

    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20000.00', '0');
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19999.90', '0');
    await order(alice, limit('BUY', '19990.0', '0.020', { newClientOrderId: 'am-4' }));
    venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.010');
    expect((await modify(alice, { origClientOrderId: 'am-4', side: 'BUY', quantity: '0.010', price: '19990.0' })).body).toMatchObject({ status: 'CANCELED', executedQty: '0.010' });

    await order(alice, limit('BUY', '19990.0', '0.010', { newClientOrderId: 'am-5', timeInForce: 'GTX' }));
    expect((await modify(alice, { origClientOrderId: 'am-5', side: 'BUY', quantity: '0.010', price: '20000.1' })).body).toMatchObject({ status: 'CANCELED', executedQty: '0.000' });
    expect(venue.exchange.working('alice')).toEqual([]);
  });
});
