import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../core';
import { everythingSaid, spotSetup, until, type Credentials, type SpotSetup } from './binanceClient.fixture';
import { BinanceSpotAdapter } from './binanceSpotAdapter';

const HEARTBEAT_MS = 15_000;

function adapter(s: SpotSetup, who: Credentials) {
  const account = { name: 'acct', apiKey: who.apiKey, secret: who.secret, restUrl: s.venue.restUrl, wsApiUrl: `${s.venue.wsUrl}/ws-api/v3` };
  // A fixed jitter source: the test does not depend on it, but it need not vary either.
  const venue = new BinanceSpotAdapter({ account, clock: s.clock, logger: s.logger, heartbeatMs: HEARTBEAT_MS, random: () => 0.5 });
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return { venue, events };
}

const limitBuy = (clientOrderId: string, price: number, qty: number) =>
  ({ clientOrderId, symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price, qty }) as const;

const of = <T extends VenueEvent['type']>(events: VenueEvent[], type: T) => events.filter((e): e is Extract<VenueEvent, { type: T }> => e.type === type);
const connections = (events: VenueEvent[]) => of(events, 'connection').map((e) => e.state);
const repeatsDropped = (s: SpotSetup) => s.logger.lines.filter((l) => l.message === 'fill already reported: repeat dropped').map((l) => (l.fields as { fillId: string }).fillId);

/** Bob, another account at the same venue, sells `qty` BTC at market: he takes the best bids. */
const bobSells = (s: SpotSetup, qty: string) => s.client(s.bob).signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: qty });

describe('Binance spot account stream (WebSocket API user data)', () => {
  it('reports a resting order filled by another account exactly once, though Binance sends the report twice, and the balances it moved', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    expect(connections(events)).toEqual(['connecting', 'connected']);
    expect(of(events, 'balances')).toEqual([{ type: 'balances', venue: 'acct', ts: s.clock.now(), complete: true, balances: [{ asset: 'USDT', free: '100000.00000000', locked: '0.00000000' }, { asset: 'BTC', free: '2.00000000', locked: '0.00000000' }] }]);

    venue.submit(limitBuy('rest-1', 2_000_050, 10_000)); // 0.1 BTC at 20000.50: the best bid, resting
    await until(() => of(events, 'orderAccepted').length === 1, 'the order accepted');
    // Every execution report of what follows (Bob's NEW, Alice's fill as maker, Bob's fill) is sent twice.
    for (let i = 0; i < 3; i++) s.venue.faults.duplicateNextOrderEvent();
    const answer = await bobSells(s, '0.1');
    expect(answer.ok).toBe(true);

    await until(() => of(events, 'orderFilled').length > 0 && repeatsDropped(s).length > 0 && of(events, 'balances').some((b) => !b.complete), 'the fill, its repeat and the balance change');
    expect(of(events, 'orderFilled')).toEqual([
      // Alice bought 0.1 BTC at 20000.50 as maker; her 0.1 % commission is 0.0001 BTC, worth 2.00005 USDT at that price (10^7 units per USDT).
      { type: 'orderFilled', venue: 'acct', clientOrderId: 'rest-1', fillId: expect.stringMatching(/^BTCUSDT-\d+$/), ts: s.clock.now(), price: 2_000_050, qty: 10_000, liquidity: 'maker', fee: 20_000_500 },
    ]);
    expect(repeatsDropped(s)).toEqual([of(events, 'orderFilled')[0]!.fillId]);
    // Bob's orders are his account's business: nothing about them reaches Alice's adapter.
    expect(events.filter((e) => 'clientOrderId' in e).every((e) => (e as { clientOrderId: string }).clientOrderId === 'rest-1')).toBe(true);
    const moved = of(events, 'balances').filter((b) => !b.complete).at(-1)!;
    expect(moved.balances).toEqual(expect.arrayContaining([{ asset: 'BTC', free: '2.09990000', locked: '0.00000000' }]));
    expect(moved.balances.find((b) => b.asset === 'USDT')).toMatchObject({ locked: '0.00000000' });
    await venue.disconnect();
    expect(everythingSaid(events, s.logger.lines, venue)).not.toContain(s.alice.secret);
  });

  it('tells each fill once when the REST answer and the stream both carry it, reports arriving late and out of order included', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    // Alice's market buy takes 1.2 BTC at 20001 and 0.3 at 20002: NEW, TRADE, TRADE (FILLED). The NEW
    // is sent twice, and the first TRADE held back until after the second.
    s.venue.faults.duplicateNextOrderEvent();
    s.venue.faults.swapNextOrderEvents();
    venue.submit({ clientOrderId: 'mkt-1', symbol: 'BTC-USDT', side: 'buy', type: 'market', tif: 'IOC', postOnly: false, reduceOnly: false, qty: 150_000 });
    await until(() => new Set(repeatsDropped(s)).size === 2, 'both fills told by both sources');
    await venue.disconnect();
    const about = events.filter((e) => 'clientOrderId' in e);
    expect(about.map((e) => e.type)).toEqual(['orderAccepted', 'orderFilled', 'orderFilled']);
    const fills = of(events, 'orderFilled');
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(2);
    expect(fills.map((f) => [f.price, f.qty, f.liquidity]).sort()).toEqual([[2_000_100, 120_000, 'taker'], [2_000_200, 30_000, 'taker']]);
  });

  it('reconnects a dropped socket after a delay on the clock, subscribes again, says disconnected then connected, and reads the balances again', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.bob);
    await venue.connect();
    const resubscribed = s.venue.nextUserStreamReader('bob');
    s.venue.faults.dropAllSockets();
    await until(() => connections(events).length === 3, 'the loss reported');
    expect(of(events, 'connection')[2]).toEqual({ type: 'connection', venue: 'acct', state: 'disconnected', reason: expect.stringMatching(/^account stream closed \(code 1006\); reconnecting in \d+ ms$/) });
    // Nothing until the delay has passed on the clock; then the stream is back.
    await until(() => connections(events).length === 4, 'the stream back', { clock: s.clock, advanceMs: 100 });
    await resubscribed;
    expect(connections(events)).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
    await until(() => of(events, 'balances').filter((b) => b.complete).length === 2, 'the balances read again');

    // The new subscription carries the account's events: a resting order filled after the reconnect is heard.
    venue.submit({ ...limitBuy('after-1', 2_000_050, 10_000), clientOrderId: 'after-1' });
    await until(() => of(events, 'orderAccepted').length === 1, 'the order accepted');
    expect((await bobSellsAs(s)).ok).toBe(true);
    await until(() => of(events, 'orderFilled').length === 1, 'the fill after the reconnect');
    expect(of(events, 'orderFilled')[0]).toMatchObject({ clientOrderId: 'after-1', qty: 10_000, liquidity: 'maker' });
    await venue.disconnect();
    const said = everythingSaid(events, s.logger.lines, venue);
    for (const line of s.bob.secret.split('\n').filter((l) => l.length > 20)) expect(said).not.toContain(line);
  });

  it('does not reconnect once Binance has banned the IP (418): it says so and sends nothing more', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    s.venue.faults.rejectNextRequests(1, 418);
    await expect(venue.openOrders()).rejects.toThrow(/HTTP 418/);
    let readers = 0;
    void s.venue.nextUserStreamReader('alice').then(() => readers++);
    s.venue.faults.dropAllSockets();
    await until(() => connections(events).length === 3, 'the loss reported');
    // The reconnect is tried on the clock; it finds the ban and stops for good.
    await until(() => connections(events).length === 4, 'the ban reported', { clock: s.clock, advanceMs: 100 });
    expect(of(events, 'connection')[3]).toEqual({ type: 'connection', venue: 'acct', state: 'disconnected', reason: expect.stringMatching(/^Binance banned this IP: HTTP 418.*; not reconnecting$/) });
    for (let i = 0; i < 20; i++) {
      s.clock.advance(60_000);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(connections(events)).toEqual(['connecting', 'connected', 'disconnected', 'disconnected']);
    expect(readers).toBe(0);
    await venue.disconnect();
  });

  it('takes a socket that answers nothing for a whole heartbeat for dead, and replaces it', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    expect(venue.roundTripMs()).toBeUndefined();
    await venue.connect();
    expect(venue.roundTripMs()).toEqual(expect.any(Number));
    // The first beat asks for a ping; the clock reaches the second before any answer could be read.
    s.clock.advance(HEARTBEAT_MS);
    s.clock.advance(HEARTBEAT_MS);
    expect(of(events, 'connection').at(-1)).toEqual({ type: 'connection', venue: 'acct', state: 'disconnected', reason: expect.stringMatching(/^account stream silent for 15000 ms \(no answer to ping\); reconnecting in \d+ ms$/) });
    await until(() => connections(events).at(-1) === 'connected', 'the stream back', { clock: s.clock, advanceMs: 100 });
    await until(() => of(events, 'balances').length === 2, 'the balances read again');
    // A beat with time for the answer: the ping's round trip is measured on the clock (7 ms, as the
    // clock moved while it was on its way; every REST round trip here took 0 ms on it).
    s.clock.advance(HEARTBEAT_MS);
    s.clock.advance(7);
    await until(() => venue.roundTripMs() === 7, 'the ping answered');
    expect(connections(events).at(-1)).toBe('connected');
    await venue.disconnect();
  });

  it('gives up a connect whose WebSocket API accepts the connection and then says nothing, after a bound on the clock', async () => {
    const s = await spotSetup();
    // A peer that takes the TCP connection and never answers the WebSocket handshake.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const account = { name: 'acct', apiKey: s.alice.apiKey, secret: s.alice.secret, restUrl: s.venue.restUrl, wsApiUrl: `ws://127.0.0.1:${port}/ws-api/v3` };
      const venue = new BinanceSpotAdapter({ account, clock: s.clock, logger: s.logger });
      const events: VenueEvent[] = [];
      venue.onEvent((e) => events.push(e));
      const connecting = venue.connect();
      await until(() => sockets.length === 1, 'the socket opened');
      expect(connections(events)).toEqual(['connecting']);
      s.clock.advance(10_000);
      await connecting;
      expect(events.at(-1)).toEqual({ type: 'connection', venue: 'acct', state: 'disconnected', reason: 'account stream not subscribed within 10000 ms' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('does not connect when the account stream cannot be subscribed, and says why', async () => {
    const s = await spotSetup();
    const account = { name: 'acct', apiKey: s.alice.apiKey, secret: s.alice.secret, restUrl: s.venue.restUrl, wsApiUrl: `${s.venue.wsUrl}/not-the-ws-api` };
    const venue = new BinanceSpotAdapter({ account, clock: s.clock, logger: s.logger });
    const events: VenueEvent[] = [];
    venue.onEvent((e) => events.push(e));
    await venue.connect();
    expect(events.at(-1)).toEqual({ type: 'connection', venue: 'acct', state: 'disconnected', reason: expect.stringMatching(/^account stream error: Unexpected server response: 404$/) });
    venue.submit(limitBuy('no-1', 2_000_050, 10_000));
    expect(events.at(-1)).toMatchObject({ type: 'orderRejected', reason: 'acct is not connected' });
  });
});

const bobSellsAs = (s: SpotSetup) => bobSells(s, '0.1');
