/**
 * A venue that misbehaves in ways the loopback Binance venue never does, played by a small real server
 * (HTTP + WebSocket on 127.0.0.1): garbage on the stream must be logged and dropped without taking the
 * feed down, and a stream that goes silent (a half-open connection: no messages, no pongs) must be
 * seen as dropped and reconnected.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { levelChangesOf, recordingLogger, SimulatedClock, type VenueEvent } from '../../core';
import { BinanceMarketFeed } from './binanceMarketFeed';

interface Venue {
  server: Server;
  wss: WebSocketServer;
  sockets: WebSocket[];
  /** Every message the clients sent on the stream sockets, in order. */
  requests: string[];
  /** Streams whose SUBSCRIBE is answered with an error. */
  refuse: Set<string>;
  /** Control messages get no answer at all. */
  silent: boolean;
  depthRequests: number;
  /** The update id the REST snapshot claims. */
  lastUpdateId: number;
  url: string;
}

async function startVenue(options: { autoPong?: boolean } = {}): Promise<Venue> {
  const v = { sockets: [] as WebSocket[], requests: [] as string[], refuse: new Set<string>(), silent: false, depthRequests: 0, lastUpdateId: 10 } as Venue;
  v.server = createServer((req, res) => {
    if (!/^\/api\/v3\/depth\?symbol=[A-Z0-9]+&limit=1000$/.test(req.url ?? '')) return void res.writeHead(404).end();
    v.depthRequests++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ lastUpdateId: v.lastUpdateId, bids: [['100.00', '1.00000']], asks: [['101.00', '2.00000']] }));
  });
  v.wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  v.server.on('upgrade', (req, socket, head) =>
    v.wss.handleUpgrade(req, socket, head, (ws) => {
      v.sockets.push(ws);
      // Like Binance, it confirms every subscription (whatever it then sends is the test's choice),
      // unless told to refuse a stream or to stop answering.
      ws.on('message', (data) => {
        v.requests.push(data.toString());
        const req = JSON.parse(data.toString()) as { id: number; params: string[] };
        if (v.silent) return;
        const refused = req.params.find((p) => v.refuse.has(p));
        ws.send(JSON.stringify(refused ? { code: 2, msg: `Invalid request: unknown stream '${refused}'`, id: req.id } : { result: null, id: req.id }));
      });
    }),
  );
  await new Promise<void>((r) => v.server.listen(0, '127.0.0.1', () => r()));
  v.url = `127.0.0.1:${(v.server.address() as AddressInfo).port}`;
  return v;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A spot feed for BTCUSDT on `venue`, started, with what it says recorded. */
async function startFeed(venue: Venue, others = 0) {
  const logger = recordingLogger();
  const clock = new SimulatedClock(0);
  const feed = new BinanceMarketFeed({
    venue: 'binance',
    market: 'spot',
    symbols: [
      { symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', scale: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 } },
      ...Array.from({ length: others }, (_, i) => ({ symbol: `S${i}-USDT`, venueSymbol: `S${i}USDT`, scale: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 } })),
    ],
    watch: ['BTC-USDT'],
    restUrl: `http://${venue.url}`,
    streamUrl: `ws://${venue.url}`,
    clock,
    random: () => 0.5,
    logger,
    heartbeatMs: HEARTBEAT_MS,
  });
  stops.push(async () => {
    feed.stop();
    for (const s of venue.sockets) s.terminate();
    await new Promise<void>((r) => venue.wss.close(() => r()));
    await new Promise<void>((r) => venue.server.close(() => r()));
  });
  const events: VenueEvent[] = [];
  const stale: string[] = [];
  feed.onEvent((e) => events.push(e));
  feed.onStale((_, reason) => stale.push(reason));
  feed.start();
  await until(() => events.some((e) => e.type === 'bookSnapshot'), 'the first snapshot');
  return { feed, logger, clock, events, stale };
}

const depthUpdate = (U: number, u: number) =>
  JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, b: [['100.00', '3.00000']], a: [] } });

const HEARTBEAT_MS = 30_000;

describe('Binance market data feed against a misbehaving venue', () => {
  it('logs and drops each malformed message, stays connected, resyncs the book a bad depth message touched, and goes on', async () => {
    const venue = await startVenue();
    const { feed, logger, events, stale } = await startFeed(venue);
    const ws = venue.sockets[0]!;

    ws.send('not json {');
    ws.send(JSON.stringify([1, 2]));
    ws.send(JSON.stringify({ stream: 'xrpusdt@trade', data: {} }));
    ws.send(JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', s: 'BTCUSDT', U: 'eleven', u: 11, b: [], a: [] } }));
    ws.send(JSON.stringify({ stream: 'btcusdt@trade', data: { e: 'trade', t: 1, p: 'abc', q: '1', T: 1, m: false } }));
    ws.send(JSON.stringify({ stream: 'btcusdt@trade', data: { e: 'trade', E: 1, s: 'BTCUSDT', t: 7, p: '100.50', q: '0.50000', T: 5, m: false } }));

    await until(() => events.some((e) => e.type === 'trade'), 'the good trade after the bad messages');
    expect(events.filter((e) => e.type === 'trade')).toEqual([
      { type: 'trade', venue: 'binance', symbol: 'BTC-USDT', ts: 5, price: 10_050, qty: 50_000, aggressor: 'buy', tradeId: '7' },
    ]);
    const dropped = logger.lines.filter((l) => l.level === 'warn' && l.message?.includes('dropped'));
    expect(dropped.map((l) => l.message)).toEqual([
      'unparseable stream message dropped',
      'stream message without a stream name dropped',
      'message for a stream this feed did not subscribe dropped',
      'malformed depth message dropped',
      'malformed trade dropped',
    ]);
    expect(feed.status).toBe('connected');
    // The unreadable depth message may have carried a change: the live book became stale and was resynced.
    expect(stale).toEqual([expect.stringMatching(/unreadable depth message: field "U" must be an integer/)]);
    await until(() => events.filter((e) => e.type === 'bookSnapshot').length === 2, 'the resync snapshot');
    expect(venue.depthRequests).toBe(2);
  });

  it('treats a stream that answers no ping as dropped, and reconnects', async () => {
    const venue = await startVenue({ autoPong: false });
    const { feed, clock, events, stale } = await startFeed(venue);
    let pinged = 0;
    venue.sockets[0]!.on('ping', () => pinged++);
    clock.advance(HEARTBEAT_MS); // the socket opened since the last check: it is pinged
    await until(() => pinged === 1, 'the ping');
    expect(feed.status).toBe('connected');
    clock.advance(HEARTBEAT_MS); // no pong, no message: dead
    const down = events.filter((e) => e.type === 'connection' && e.state === 'disconnected');
    expect(down).toEqual([expect.objectContaining({ reason: expect.stringMatching(/stream silent for 30000 ms.*reconnecting in \d+ ms/) })]);
    expect(stale).toHaveLength(1);
    clock.advance(30_000); // past any first backoff
    await until(() => feed.status === 'connected' && venue.sockets.length === 2, 'the reconnect');
    await until(() => events.filter((e) => e.type === 'bookSnapshot').length === 2, 'the resync after the reconnect');
  });

  it('refuses a configuration it could only fail on later', () => {
    const base = { venue: 'binance', market: 'spot' as const, clock: new SimulatedClock(0), random: () => 0.5, logger: recordingLogger() };
    const symbols = [{ symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', scale: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 } }];
    expect(() => new BinanceMarketFeed({ ...base, symbols, streamUrl: 'https://stream.binance.com' })).toThrow(/stream URL must be ws:\/\/ or wss:\/\//);
    expect(() => new BinanceMarketFeed({ ...base, symbols, restUrl: 'api.binance.com' })).toThrow(/REST URL must be http/);

  });

  it('spaces snapshot requests that keep failing to bridge the stream, so depth cannot eat the request weight orders need', async () => {
    const venue = await startVenue();
    const { feed, logger, clock, events } = await startFeed(venue);
    expect(venue.depthRequests).toBe(1);
    // The venue's REST snapshot lags its stream: it stays at update 10 while the stream is at 20.
    venue.sockets[0]!.send(depthUpdate(20, 21));
    await until(() => logger.lines.some((l) => l.message?.includes('retrying after a pause')), 'the backoff');
    // The gap refetched at once, and the first snapshot that did not bridge once more; then it waits.
    expect(venue.depthRequests).toBe(3);
    const pause = logger.lines.find((l) => l.message?.includes('retrying after a pause'))!.fields as { waitMs: number };
    clock.advance(pause.waitMs - 1);
    expect(venue.depthRequests).toBe(3);
    venue.lastUpdateId = 20; // the venue catches up: the next snapshot bridges U=20 <= 21 <= u=21
    clock.advance(1);
    await until(() => feed.status === 'connected' && events.at(-1)?.type === 'bookDelta', 'the book live again');
    expect(venue.depthRequests).toBe(4);
    const last = events.at(-1)!;
    expect(last.type === 'bookDelta' && levelChangesOf(last)).toEqual([{ side: 'buy', price: 10_000, qty: 300_000 }]);
  });

  it('batches subscription changes and stays within Binance\'s 5 messages per second and 1024 streams per connection', async () => {
    const venue = await startVenue();
    const { feed, clock, logger } = await startFeed(venue, 600);
    const requests = () => venue.requests.map((r) => JSON.parse(r) as { method: string; params: string[]; id: number });
    expect(requests()).toEqual([{ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@trade'], id: 1 }]);

    // Ten changes in one turn of the event loop: one message.
    const names = Array.from({ length: 600 }, (_, i) => `S${i}-USDT`);
    for (let n = 1; n <= 10; n++) feed.watch(['BTC-USDT', ...names.slice(0, n)]);
    await until(() => requests().length === 2, 'the batched SUBSCRIBE');
    expect(requests()[1]).toMatchObject({ method: 'SUBSCRIBE' });
    expect(requests()[1]!.params).toHaveLength(20);

    // Far more than one connection may carry: 512 symbols of 2 streams are kept, the rest refused.
    feed.watch(['BTC-USDT', ...names]);
    expect(feed.watched).toHaveLength(512);
    expect(logger.lines.some((l) => l.level === 'error' && l.message?.includes('more symbols than one connection may stream'))).toBe(true);
    // 1004 new streams in messages of at most 200: two more fit in this second (4 a second, one of
    // Binance's 5 left for ping/pong), the rest wait for the clock.
    await until(() => requests().length === 4, 'the first two batches');
    await new Promise((r) => setTimeout(r, 50));
    expect(requests()).toHaveLength(4);
    clock.advance(999);
    await new Promise((r) => setTimeout(r, 20));
    expect(requests()).toHaveLength(4);
    clock.advance(1);
    await until(() => requests().length === 8, 'the rest'); // 1004 streams: 6 messages, 4 of them now
    const subscribed = new Set(requests().flatMap((r) => r.params));
    expect(subscribed.size).toBe(1024);
    expect(requests().every((r) => r.params.length <= 200)).toBe(true);

    // Unwatching sends UNSUBSCRIBE (before any SUBSCRIBE of the same batch) for exactly those streams.
    feed.watch(['BTC-USDT']);
    clock.advance(1_000);
    await until(() => requests().some((r) => r.method === 'UNSUBSCRIBE'), 'the UNSUBSCRIBE');
    clock.advance(1_000);
    await until(() => new Set(requests().filter((r) => r.method === 'UNSUBSCRIBE').flatMap((r) => r.params)).size === 1022, 'every UNSUBSCRIBE');
    expect(feed.status).toBe('connected');
  });

  it('a subscription the venue refuses: the symbol is dropped with the venue\'s words, the rest goes on', async () => {
    const venue = await startVenue();
    const { feed, logger, events } = await startFeed(venue, 2);
    venue.refuse.add('s1usdt@depth@100ms');
    feed.watch(['BTC-USDT', 'S1-USDT']);
    await until(() => logger.lines.some((l) => l.message === 'venue refused a stream request'), 'the refusal');
    expect(logger.lines.find((l) => l.message?.includes('not watched'))).toMatchObject({ level: 'error', fields: { symbol: 'S1-USDT', reason: "2 Invalid request: unknown stream 's1usdt@depth@100ms'" } });
    expect(feed.watched).toEqual(['BTC-USDT']);
    expect(feed.status).toBe('connected');
    venue.sockets[0]!.send(depthUpdate(11, 12));
    await until(() => events.at(-1)?.type === 'bookDelta', 'BTC goes on');
  });

  it('a venue that stops answering control messages is treated as a dead connection, and reconnected', async () => {
    const venue = await startVenue();
    const { feed, clock, events } = await startFeed(venue, 1);
    venue.silent = true;
    feed.watch(['BTC-USDT', 'S0-USDT']);
    await until(() => venue.requests.length === 2, 'the SUBSCRIBE');
    clock.advance(9_999);
    expect(feed.status).toBe('connected');
    clock.advance(1);
    expect(events.filter((e) => e.type === 'connection').at(-1)).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/^no answer to SUBSCRIBE \(id 2\) within 10000 ms; reconnecting/) });
    venue.silent = false;
    clock.advance(30_000);
    await until(() => feed.status === 'connected' && venue.sockets.length === 2, 'the reconnect');
    // The new connection subscribes the whole current set in one message.
    await until(() => venue.requests.length === 3, 'the resubscription');
    expect((JSON.parse(venue.requests[2]!) as { params: string[] }).params.sort()).toEqual(['btcusdt@depth@100ms', 'btcusdt@trade', 's0usdt@depth@100ms', 's0usdt@trade']);
  });
});