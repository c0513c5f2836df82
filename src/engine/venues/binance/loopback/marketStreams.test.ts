import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import { BINANCE_DATA, keysOf, reader, recorded, spotVenue, usdmVenue } from './loopback.fixture';
import { bookFromFuturesCsv } from './recordedDepth';

type Levels = Map<string, string>;
/** Applies depthUpdate levels (absolute quantities, 0 deletes) to a side kept as price -> qty. */
function apply(side: Levels, levels: [string, string][]): void {
  for (const [p, q] of levels) {
    if (Number(q) === 0) side.delete(p);
    else side.set(p, q);
  }
}
const sideOf = (levels: [string, string][]): Levels => new Map(levels);

describe('loopback Binance spot: depth snapshot and diff stream', () => {
  it('continues the REST snapshot with U = lastUpdateId + 1, chains each event, and the diffs rebuild the venue book', async () => {
    const { venue, alice, bob } = await spotVenue();
    const stream = await reader(`${venue.wsUrl}/ws/btcusdt@depth@100ms`);
    const snap = (await alice.get('/api/v3/depth', { symbol: 'BTCUSDT', limit: 1000 })).body;
    expect(snap.lastUpdateId).toBe(1000);
    const bids = sideOf(snap.bids);
    const asks = sideOf(snap.asks);

    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19998', '4');
    await alice.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '20000.5', quantity: '0.3' });
    await bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '1' });
    venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '2');

    const events = await stream.waitFor(4);
    expect(events[0].U).toBe(snap.lastUpdateId + 1);
    for (let i = 1; i < events.length; i++) expect(events[i].U).toBe(events[i - 1].u + 1);
    for (const e of events) {
      expect(keysOf(e)).toEqual(['E', 'U', 'a', 'b', 'e', 's', 'u']);
      apply(bids, e.b);
      apply(asks, e.a);
    }
    const now = (await alice.get('/api/v3/depth', { symbol: 'BTCUSDT', limit: 1000 })).body;
    expect(now.lastUpdateId).toBe(events.at(-1).u);
    expect([...bids].sort()).toEqual([...sideOf(now.bids)].sort());
    expect([...asks].sort()).toEqual([...sideOf(now.asks)].sort());
  });

  it('loses one event when a gap is injected: the next event does not continue the previous one', async () => {
    const { venue } = await spotVenue();
    const stream = await reader(`${venue.wsUrl}/ws/btcusdt@depth`);
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19990', '1');
    venue.faults.skipNextDepthEvent('BTCUSDT');
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19991', '1');
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19992', '1');
    const [first, second] = await stream.waitFor(2);
    expect(first.u).toBe(1001);
    expect(second.U).toBe(1003);
    expect(second.b).toEqual([['19992.00000000', '1.00000000']]);
  });

  it('publishes trade and aggTrade events, and serves the combined form with stream names', async () => {
    const { venue, alice } = await spotVenue();
    const stream = await reader(`${venue.wsUrl}/stream?streams=btcusdt@trade/btcusdt@aggTrade`);
    await alice.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1.5' });
    const msgs = await stream.waitFor(4);
    expect(msgs.map((m) => m.stream)).toEqual(['btcusdt@trade', 'btcusdt@trade', 'btcusdt@aggTrade', 'btcusdt@aggTrade']);
    expect(msgs[0].data).toMatchObject({ e: 'trade', s: 'BTCUSDT', t: 1, p: '20001.00000000', q: '1.20000000', m: false });
    expect(msgs[2].data).toMatchObject({ e: 'aggTrade', a: 1, p: '20001.00000000', q: '1.20000000', f: 1, l: 1, m: false });
    expect(msgs[3].data).toMatchObject({ a: 2, p: '20002.00000000', q: '0.30000000', f: 2, l: 2 });
  });

  it('subscribes with JSON requests, and refuses to subscribe to a stream it does not serve', async () => {
    const { venue } = await spotVenue();
    const stream = await reader(`${venue.wsUrl}/ws`);
    expect(await stream.call('SUBSCRIBE', ['btcusdt@depth@100ms'], 1)).toEqual({ result: null, id: 1 });
    expect(await stream.call('LIST_SUBSCRIPTIONS', [], 2)).toEqual({ result: ['btcusdt@depth@100ms'], id: 2 });
    expect((await stream.call('SUBSCRIBE', ['dogeusdt@depth'], 3)).error).toMatchObject({ code: 2 });
    venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20010', '1');
    const msgs = await stream.waitFor(4);
    expect(msgs[3]).toMatchObject({ e: 'depthUpdate', a: [['20010.00000000', '1.00000000']] });
    // A name the venue does not serve in the path is accepted and gets nothing, as at Binance.
    const unknown = await reader(`${venue.wsUrl}/ws/dogeusdt@depth`);
    expect(await unknown.call('LIST_SUBSCRIPTIONS', [], 4)).toEqual({ result: [], id: 4 });
  });
});

describe('loopback Binance USD-M: depth, trades and mark price', () => {
  it('seeds the book from the recorded snapshot and chains events with pu = previous u', async () => {
    const book = bookFromFuturesCsv(resolve(BINANCE_DATA, 'futures/btcusdt-depth-snap.csv'), 'BTCUSDT');
    const { venue, alice } = await usdmVenue({
      symbols: [{ symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.10', minPrice: '556.80', maxPrice: '4529764', pricePrecision: 2, stepSize: '0.001', minQty: '0.001', maxQty: '1000', minNotional: '5', book }],
    });
    const stream = await reader(`${venue.wsUrl}/ws/btcusdt@depth@100ms`);
    const snap = (await alice.get('/fapi/v1/depth', { symbol: 'BTCUSDT', limit: 1000 })).body;
    expect(snap.lastUpdateId).toBe(2098021528332);
    expect(snap.bids[0]).toEqual(['20377.00', '1.770']);
    expect(snap.bids).toHaveLength(book.bids.length);

    await alice.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '2' });
    venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20400.00', '3');
    venue.faults.skipNextDepthEvent();
    venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20400.00', '1');
    venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20400.00', '0');
    const [a, b, c] = await stream.waitFor(3);
    expect(keysOf(a)).toEqual(keysOf(recorded('futures/market_data_json/depth_update_stream.json')));
    expect(a.U).toBe(snap.lastUpdateId + 1);
    expect(a.pu).toBe(snap.lastUpdateId);
    expect(b.pu).toBe(a.u);
    // The event after b was lost: c names it as its predecessor, which the client never saw.
    expect(c.pu).not.toBe(b.u);
    expect(c.pu).toBe(b.u + 1);
    expect(c.a).toEqual([['20400.00', '0.000']]);
  });

  it('publishes trades, aggregate trades and the mark price with the recorded fields', async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const { venue, alice } = await usdmVenue({ clock });
    const stream = await reader(`${venue.wsUrl}/stream?streams=btcusdt@trade/btcusdt@aggTrade/btcusdt@markPrice`);
    await alice.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' }, { timestamp: clock.now() });
    venue.exchange.setMarkPrice('BTCUSDT', '20050.5');
    const msgs = await stream.waitFor(3);
    expect(keysOf(msgs[0].data)).toEqual(keysOf(recorded('futures/market_data_json/trade_stream.json')));
    expect(keysOf(msgs[1].data)).toEqual(keysOf(recorded('futures/market_data_json/agg_trade_stream.json')));
    expect(keysOf(msgs[2].data)).toEqual(keysOf(recorded('futures/market_data_json/mark_price_stream.json')));
    expect(msgs[2]).toMatchObject({ stream: 'btcusdt@markPrice', data: { s: 'BTCUSDT', p: '20050.50000000' } });
    // Every third second the 3 s stream gets the mark price again.
    clock.advance(3000);
    expect((await stream.waitFor(4))[3]).toMatchObject({ stream: 'btcusdt@markPrice', data: { p: '20050.50000000' } });
    const premium = await alice.get('/fapi/v1/premiumIndex', { symbol: 'BTCUSDT' });
    expect(premium.body).toMatchObject({ symbol: 'BTCUSDT', markPrice: '20050.50000000' });
  });
});
