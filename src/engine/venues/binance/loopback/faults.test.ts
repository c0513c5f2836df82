import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import { reader, spotVenue, usdmVenue, userStream } from './loopback.fixture';
import type { LoopbackClient } from './loopbackClient';
import { LISTEN_KEY_VALIDITY_MS } from './userStreams';

const T = 1_699_999_990_000; // 10 s into a minute
const buy = (c: LoopbackClient, clientId: string, timestamp?: number) =>
  c.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '19000', quantity: '0.01', newClientOrderId: clientId }, timestamp === undefined ? {} : { timestamp });

describe('loopback Binance: rate limits', () => {
  it('counts weight per minute, answers 429 with Retry-After over the limit, then 418 to a client that keeps going', async () => {
    const clock = new SimulatedClock(T);
    const { alice } = await spotVenue({ clock, limits: { weightPerMinute: 10, banMs: 120_000 } });
    for (let i = 1; i <= 10; i++) {
      const r = await alice.get('/api/v3/ping');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-mbx-used-weight-1m')).toBe(String(i));
    }
    const limited = await alice.get('/api/v3/ping');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: -1003,
      msg: 'Too many requests; current limit of IP(127.0.0.1) is 10 requests per minute. Please use WebSocket Streams for live updates to avoid bans.',
    });
    expect(limited.headers.get('retry-after')).toBe('50');
    const banned = await alice.get('/api/v3/ping');
    expect(banned.status).toBe(418);
    expect(banned.body.msg).toBe(`Way too many requests; IP(127.0.0.1) banned until ${T + 120_000}. Please use WebSocket Streams for live updates to avoid bans.`);
    expect(banned.headers.get('retry-after')).toBe('120');
    clock.advance(119_999);
    expect((await alice.get('/api/v3/ping')).status).toBe(418);
    clock.advance(1);
    const after = await alice.get('/api/v3/ping');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-mbx-used-weight-1m')).toBe('1');
  });

  it('a client that waits out Retry-After is not banned', async () => {
    const clock = new SimulatedClock(T);
    const { alice } = await spotVenue({ clock, limits: { weightPerMinute: 1 } });
    expect((await alice.get('/api/v3/ping')).status).toBe(200);
    expect((await alice.get('/api/v3/ping')).status).toBe(429);
    clock.advance(50_000);
    expect((await alice.get('/api/v3/ping')).status).toBe(200);
  });

  it('counts new orders per 10 seconds in X-MBX-ORDER-COUNT-10S and refuses the one over the limit with -1015', async () => {
    const clock = new SimulatedClock(T);
    const { venue, alice } = await spotVenue({ clock, limits: { ordersPer10s: 2 } });
    expect((await buy(alice, 'r-1', T)).headers.get('x-mbx-order-count-10s')).toBe('1');
    expect((await buy(alice, 'r-2', T)).headers.get('x-mbx-order-count-10s')).toBe('2');
    const third = await buy(alice, 'r-3', T);
    expect(third).toMatchObject({ status: 429, body: { code: -1015, msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.' } });
    expect(venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['r-1', 'r-2']);
  });

  it('answers the next requests 429 or 418 when a test forces it', async () => {
    const { venue } = await usdmVenue();
    venue.faults.rejectNextRequests(1, 418);
    const r = await fetch(`${venue.restUrl}/fapi/v1/time`);
    expect(r.status).toBe(418);
    expect(r.headers.get('retry-after')).toBe('120');
  });
});

describe('loopback Binance: acknowledgements', () => {
  it('holds an order acknowledgement while the order already rests at the venue', async () => {
    const { venue, alice } = await spotVenue();
    venue.faults.holdNextAck('order');
    let answered = false;
    const pending = buy(alice, 'held-1').then((r) => {
      answered = true;
      return r;
    });
    // The venue has the order even though its acknowledgement has not been written.
    const q = await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'held-1' });
    expect(q.body).toMatchObject({ clientOrderId: 'held-1', status: 'NEW' });
    expect(venue.faults.heldAcks).toBe(1);
    expect(answered).toBe(false);
    expect(venue.faults.releaseHeldAcks()).toBe(1);
    expect((await pending).body).toMatchObject({ clientOrderId: 'held-1', status: 'NEW' });
  });

  it('swallows an acknowledgement: the client sees the connection die, the order is live, a blind resend is refused', async () => {
    const { venue, alice } = await spotVenue();
    venue.faults.swallowNextAck('order');
    await expect(buy(alice, 'lost-1')).rejects.toThrow();
    expect((await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'lost-1' })).body.status).toBe('NEW');
    expect((await buy(alice, 'lost-1')).body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
  });

  it("delays an acknowledgement on the venue's clock", async () => {
    const clock = new SimulatedClock(T);
    const { venue, alice } = await spotVenue({ clock });
    venue.faults.delayNextAck(2000, 'cancel');
    await buy(alice, 'slow-1', T);
    let answered = false;
    const pending = alice.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'slow-1' }, { timestamp: T }).then((r) => {
      answered = true;
      return r;
    });
    const q = await alice.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'slow-1' }, { timestamp: T });
    expect(q.body.status).toBe('CANCELED');
    expect(answered).toBe(false);
    clock.advance(2000);
    expect((await pending).body).toMatchObject({ origClientOrderId: 'slow-1', status: 'CANCELED' });
  });
});

describe('loopback Binance: user data stream faults', () => {
  it('sends an execution report twice', async () => {
    const { venue, alice } = await spotVenue();
    const stream = await userStream(venue, alice);
    venue.faults.duplicateNextOrderEvent();
    await buy(alice, 'twice-1');
    const msgs = await stream.waitFor(3);
    expect(msgs.map((m) => m.e)).toEqual(['executionReport', 'executionReport', 'outboundAccountPosition']);
    expect(msgs[1]).toEqual(msgs[0]);
  });

  it('sends an execution report after the one that followed it', async () => {
    const { venue, alice, bob } = await usdmVenue();
    const stream = await userStream(venue, alice);
    venue.faults.swapNextOrderEvents();
    await alice.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', price: '20000.10', quantity: '1.3' });
    await bob.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1.5' });
    const msgs = await stream.waitFor(4);
    const updates = msgs.filter((m) => m.e === 'ORDER_TRADE_UPDATE').map((m) => m.o.x);
    expect(updates).toEqual(['TRADE', 'NEW']);
  });

  it('drops every socket; new connections work', async () => {
    const { venue, alice } = await spotVenue();
    const market = await reader(`${venue.wsUrl}/ws/btcusdt@trade`);
    const user = await userStream(venue, alice);
    venue.faults.dropAllSockets();
    await market.waitClosed();
    await user.waitClosed();
    expect(market.ws.readyState).toBe(market.ws.CLOSED);
    const again = await reader(`${venue.wsUrl}/ws/btcusdt@trade`);
    venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '0.1');
    expect((await again.waitFor(1))[0]).toMatchObject({ e: 'trade', q: '0.10000000' });
  });

  it('keeps a listen key alive for 60 minutes from its last keepalive, then answers -1125', async () => {
    const clock = new SimulatedClock(T);
    const { venue, alice } = await spotVenue({ clock });
    const key = (await alice.request('POST', '/api/v3/userDataStream')).body.listenKey;
    expect(key).toMatch(/^[A-Za-z0-9]{60}$/);
    // A second POST returns the live key.
    expect((await alice.request('POST', '/api/v3/userDataStream')).body.listenKey).toBe(key);
    clock.advance(LISTEN_KEY_VALIDITY_MS - 1);
    expect(await alice.request('PUT', '/api/v3/userDataStream', { listenKey: key })).toMatchObject({ status: 200, body: {} });
    clock.advance(LISTEN_KEY_VALIDITY_MS + 1);
    expect(await alice.request('PUT', '/api/v3/userDataStream', { listenKey: key })).toMatchObject({
      status: 400,
      body: { code: -1125, msg: 'This listenKey does not exist.' },
    });
    expect(venue.faults.expireListenKey(key)).toBe(false);
  });

  it('USD-M: an expiring listen key sends listenKeyExpired and ends the stream', async () => {
    const { venue, alice } = await usdmVenue();
    const key = (await alice.request('POST', '/fapi/v1/listenKey')).body.listenKey;
    const stream = await reader(`${venue.wsUrl}/ws/${key}`);
    expect(venue.faults.expireListenKey(key)).toBe(true);
    await stream.waitClosed();
    expect(stream.messages).toEqual([{ e: 'listenKeyExpired', E: expect.any(Number), listenKey: key }]);
    expect((await alice.request('PUT', '/fapi/v1/listenKey')).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
  });
});
