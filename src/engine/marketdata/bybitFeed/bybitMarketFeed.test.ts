/**
 * The live Bybit feed against the loopback Bybit v5 public server (real WebSockets): the books it
 * builds must be the venue's books, through gaps, restarts, dropped sockets, silence and malformed
 * messages. The server and the feed share one simulated clock, so pings and backoffs are passed by
 * advancing it, never by sleeping; waits on the sockets are bounded polls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bybitPublicUrl, bybitStreamUrl } from '.';
import { recordingLogger, Rng, SimulatedClock, type Symbol, type VenueEvent } from '../../core';
import type { FeedSymbol } from '../binanceFeed';
import { toLots, toTicks } from '../sync';
import { MapReplay, sortedSide } from '../sync/testSupport';
import { BybitMarketFeed } from './bybitMarketFeed';
import type { BybitCategory } from './endpoints';
import { startBybitLoopback, type BybitLoopback, type LoopbackBookInit } from './testSupport';

const BACKOFF = { initialMs: 500, maxMs: 4_000 };
const PING_MS = 20_000;

const BTC: FeedSymbol = { symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', scale: { priceDecimals: 2, qtyDecimals: 6, tickSize: 10, lotSize: 1 } };
const ETH: FeedSymbol = { symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', scale: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 } };

function bookAround(mid: number, levels: number): LoopbackBookInit {
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (let i = 0; i < levels; i++) {
    bids.push([(mid - 0.1 * (i + 1)).toFixed(2), (0.5 + i / 100).toFixed(6)]);
    asks.push([(mid + 0.1 * (i + 1)).toFixed(2), (0.7 + i / 100).toFixed(6)]);
  }
  return { bids, asks };
}

interface Harness {
  venue: BybitLoopback;
  clock: SimulatedClock;
  feed: BybitMarketFeed;
  logger: ReturnType<typeof recordingLogger>;
  events: VenueEvent[];
  books: Map<Symbol, MapReplay>;
  stale: { symbol: Symbol; reason: string }[];
}

const running: Harness[] = [];

afterEach(async () => {
  for (const h of running.splice(0)) {
    h.feed.stop();
    await h.venue.stop();
  }
});

interface More {
  /** Books the loopback has beyond BTC and ETH. */
  books?: Record<string, LoopbackBookInit>;
  /** Symbols the feed carries beyond BTC and ETH (the venue may not know them). */
  symbols?: FeedSymbol[];
}

async function start(watch: Symbol[], category: BybitCategory = 'spot', more: More = {}): Promise<Harness> {
  const clock = new SimulatedClock(1_700_000_000_000);
  // BTC deeper than the 50 levels streamed: a change below the top 50 must not reach the feed.
  const venue = await startBybitLoopback({ clock, books: { BTCUSDT: bookAround(40_000, 60), ETHUSDT: bookAround(2_000, 10), ...more.books } });
  const logger = recordingLogger();
  const rng = new Rng(11);
  const feed = new BybitMarketFeed({
    venue: 'bybit-main',
    category,
    symbols: [BTC, ETH, ...(more.symbols ?? [])],
    watch,
    streamUrl: venue.url(category),
    clock,
    random: () => rng.next(),
    logger,
    backoff: BACKOFF,
    pingIntervalMs: PING_MS,
  });
  const h: Harness = { venue, clock, feed, logger, events: [], books: new Map(), stale: [] };
  feed.onEvent((e) => {
    h.events.push(e);
    if (e.type !== 'bookSnapshot' && e.type !== 'bookDelta') return;
    let replay = h.books.get(e.symbol);
    if (!replay) h.books.set(e.symbol, (replay = new MapReplay()));
    replay.apply([{ kind: 'apply', event: e }]); // throws if the canonical seq ever jumps
  });
  feed.onStale((symbol, reason) => h.stale.push({ symbol, reason }));
  running.push(h);
  feed.start();
  return h;
}

/** Polls a condition on the event loop; fails with `what` if it does not hold within a generous bound. */
async function until(condition: () => boolean, what: string, boundMs = 5_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > boundMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const count = (h: Harness, type: VenueEvent['type'], symbol?: Symbol) => h.events.filter((e) => e.type === type && (symbol === undefined || ('symbol' in e && e.symbol === symbol))).length;
const ops = (h: Harness, op: string) => h.venue.received.filter((r) => r.op === op);

/** The venue's top 50 levels per side in the feed's ticks and lots. */
function venueTop(h: Harness, spec: FeedSymbol): { bid: [number, number][]; ask: [number, number][] } {
  const top = h.venue.top(spec.venueSymbol, 50);
  const conv = (levels: [string, string][]) =>
    levels.map(([p, q]): [number, number] => {
      const t = toTicks(spec.scale, p);
      const l = toLots(spec.scale, q);
      if (!t.ok || !l.ok) throw new Error(`venue level ${p} ${q} does not fit the scale`);
      return [t.value, l.value];
    });
  return { bid: conv(top.bids), ask: conv(top.asks) };
}

function feedTop(h: Harness, spec: FeedSymbol): { bid: [number, number][]; ask: [number, number][] } {
  const replay = h.books.get(spec.symbol);
  if (!replay) return { bid: [], ask: [] };
  return { bid: sortedSide(replay.book, 'bid'), ask: sortedSide(replay.book, 'ask') };
}

const inSync = (h: Harness, spec: FeedSymbol) => JSON.stringify(feedTop(h, spec)) === JSON.stringify(venueTop(h, spec));

async function live(h: Harness, spec: FeedSymbol, what: string): Promise<void> {
  await until(() => inSync(h, spec), what);
}

describe('Bybit market feed against the loopback Bybit', () => {
  it('streams a snapshot-anchored live book and the trades of a watched symbol', async () => {
    const h = await start([BTC.symbol]);
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 1, 'the first snapshot');
    expect(ops(h, 'subscribe')[0]!.args).toEqual(['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT']);
    expect(h.venue.received[0]!.path).toBe('/v5/public/spot');
    expect(inSync(h, BTC)).toBe(true);
    expect(feedTop(h, BTC).bid[0]).toEqual([399_999, 500_000]); // 39999.90 at a 0.10 tick, 0.500000

    h.venue.setLevel('BTCUSDT', 'Buy', '39999.90', '0'); // best bid gone: level 51 enters the top 50
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.10', '1.234567');
    h.venue.trade('BTCUSDT', 'Sell', '40000.00', '0.000123');
    h.venue.trade('BTCUSDT', 'Buy', '40000.10', '2');
    await until(() => count(h, 'trade') === 2, 'two trades');
    expect(count(h, 'bookDelta', BTC.symbol)).toBe(2); // sent before the trades on the same socket
    expect(inSync(h, BTC)).toBe(true);
    expect(h.stale).toEqual([]);
    expect(h.events.filter((e) => e.type === 'trade')).toEqual([
      { type: 'trade', venue: 'bybit-main', symbol: BTC.symbol, ts: h.clock.now(), price: 400_000, qty: 123, aggressor: 'sell', tradeId: 'loopback-1' },
      { type: 'trade', venue: 'bybit-main', symbol: BTC.symbol, ts: h.clock.now(), price: 400_001, qty: 2_000_000, aggressor: 'buy', tradeId: 'loopback-2' },
    ]);
  });

  it('follows the book through deltas, including levels entering the top 50', async () => {
    const h = await start([BTC.symbol]);
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 1, 'the first snapshot');
    for (let i = 0; i < 5; i++) h.venue.setLevel('BTCUSDT', 'Buy', (39999.9 - 0.1 * i).toFixed(2), '0');
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.10', '3.000000');
    h.venue.setLevel('BTCUSDT', 'Buy', '39994.00', '0.000001'); // below the top 50: no delta
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.20', '0.100000');
    await until(() => count(h, 'bookDelta', BTC.symbol) === 7, 'seven deltas');
    expect(inSync(h, BTC)).toBe(true);
    expect(h.stale).toEqual([]);
  });

  it('a gap in u makes the book stale until a fresh snapshot, brought by unsubscribe + subscribe', async () => {
    const h = await start([BTC.symbol, ETH.symbol]);
    await until(() => count(h, 'bookSnapshot') === 2, 'the first snapshots');
    h.venue.skipUpdateId('BTCUSDT');
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.10', '9.000000');
    await until(() => h.stale.length === 1, 'the gap reported');
    expect(h.stale[0]).toEqual({ symbol: BTC.symbol, reason: expect.stringMatching(/delta u=\d+ does not follow u=\d+/) });
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 2, 'a fresh snapshot');
    expect(ops(h, 'unsubscribe').map((r) => r.args)).toEqual([['orderbook.50.BTCUSDT']]);
    expect(ops(h, 'subscribe').at(-1)!.args).toEqual(['orderbook.50.BTCUSDT']);
    h.venue.setLevel('BTCUSDT', 'Buy', '39999.90', '1.000000');
    h.venue.setLevel('ETHUSDT', 'Buy', '1999.95', '1.00000');
    await live(h, BTC, 'BTC live again');
    await live(h, ETH, 'ETH live');
    expect(h.stale.map((s) => s.symbol)).toEqual([BTC.symbol]); // ETH never stopped
  });

  it('a snapshot with u = 1 after a Bybit restart replaces the book and the deltas go on from it', async () => {
    const h = await start([ETH.symbol], 'linear');
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 1, 'the first snapshot');
    h.venue.setLevel('ETHUSDT', 'Sell', '2000.10', '4.00000');
    await until(() => count(h, 'bookDelta', ETH.symbol) === 1, 'a delta');
    h.venue.restart('ETHUSDT', bookAround(2_100, 3));
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 2, 'the restart snapshot');
    expect(inSync(h, ETH)).toBe(true);
    h.venue.setLevel('ETHUSDT', 'Buy', '2099.95', '0.00001');
    await until(() => count(h, 'bookDelta', ETH.symbol) === 2, 'a delta after the restart');
    expect(inSync(h, ETH)).toBe(true);
    expect(h.stale).toEqual([]);
  });

  it('a dropped socket: books stale, reconnect after backoff, the current set subscribed again', async () => {
    const h = await start([BTC.symbol]);
    await until(() => count(h, 'bookSnapshot') === 1, 'the first snapshot');
    h.feed.watch([BTC.symbol, ETH.symbol]);
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 1, 'ETH added');
    h.venue.dropConnections();
    await until(() => h.feed.status === 'waitingToReconnect', 'the drop noticed');
    expect(h.stale.map((s) => s.symbol).sort()).toEqual([BTC.symbol, ETH.symbol].sort());
    expect(h.events.filter((e) => e.type === 'connection').at(-1)).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/reconnecting in \d+ ms/) });
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.10', '7.000000'); // missed while down
    h.clock.advance(BACKOFF.maxMs);
    await until(() => h.feed.status === 'connected' && count(h, 'bookSnapshot', BTC.symbol) === 2 && count(h, 'bookSnapshot', ETH.symbol) === 2, 'reconnected with fresh snapshots');
    expect(h.venue.connectionsOpened).toBe(2);
    expect(h.venue.subscriptions()).toEqual([['orderbook.50.BTCUSDT', 'orderbook.50.ETHUSDT', 'publicTrade.BTCUSDT', 'publicTrade.ETHUSDT']]);
    expect(inSync(h, BTC)).toBe(true);
    expect(inSync(h, ETH)).toBe(true);
  });

  it('the set watched while the socket is down is the one subscribed on reconnect; nothing watched, no reconnect', async () => {
    const h = await start([BTC.symbol]);
    await until(() => count(h, 'bookSnapshot') === 1, 'the first snapshot');
    h.venue.dropConnections();
    await until(() => h.feed.status === 'waitingToReconnect', 'the drop noticed');
    h.feed.watch([ETH.symbol]);
    h.clock.advance(BACKOFF.maxMs);
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 1, 'ETH anchored on the new socket');
    expect(h.venue.subscriptions()).toEqual([['orderbook.50.ETHUSDT', 'publicTrade.ETHUSDT']]);
    expect(count(h, 'bookSnapshot', BTC.symbol)).toBe(1);

    h.venue.dropConnections();
    await until(() => h.feed.status === 'waitingToReconnect', 'the second drop noticed');
    h.feed.watch([]);
    h.clock.advance(BACKOFF.maxMs);
    expect(h.feed.status).toBe('idle');
    expect(h.venue.connectionsOpened).toBe(2);
    h.feed.watch([BTC.symbol]); // something to stream again: the connection opens at once
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 2, 'BTC anchored on a third socket');
    expect(h.venue.connectionsOpened).toBe(3);
  });

  it('unwatching stops the symbol: unsubscribed, reported stale, no more events; watched again it continues its seq', async () => {
    const h = await start([BTC.symbol, ETH.symbol]);
    await until(() => count(h, 'bookSnapshot') === 2, 'the first snapshots');
    h.feed.watch([ETH.symbol]);
    expect(h.stale.map((s) => s.symbol)).toEqual([BTC.symbol]);
    await until(() => h.venue.subscriptions()[0]!.length === 2, 'BTC unsubscribed');
    expect(h.venue.subscriptions()).toEqual([['orderbook.50.ETHUSDT', 'publicTrade.ETHUSDT']]);
    const before = h.events.filter((e) => 'symbol' in e && e.symbol === BTC.symbol).length;
    h.venue.setLevel('BTCUSDT', 'Sell', '40000.10', '5.000000');
    h.venue.trade('BTCUSDT', 'Buy', '40000.10', '1');
    h.venue.setLevel('ETHUSDT', 'Sell', '2000.10', '5.00000'); // sent after BTC's on the same socket
    await until(() => count(h, 'bookDelta', ETH.symbol) === 1, 'the ETH delta');
    expect(h.events.filter((e) => 'symbol' in e && e.symbol === BTC.symbol).length).toBe(before);

    h.feed.watch([ETH.symbol, BTC.symbol]);
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 2, 'BTC anchored again');
    expect(inSync(h, BTC)).toBe(true); // MapReplay has checked the seq went on without a jump

    // Unwatched and watched again in one turn: the topic never stopped, so it is resubscribed for a snapshot.
    h.feed.watch([ETH.symbol]);
    h.feed.watch([ETH.symbol, BTC.symbol]);
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 3, 'BTC anchored after the quick unwatch/watch');
  });

  it('requestBookSnapshot resubscribes the orderbook topic and the book is anchored again', async () => {
    const h = await start([BTC.symbol]);
    await until(() => count(h, 'bookSnapshot') === 1, 'the first snapshot');
    h.feed.requestBookSnapshot(BTC.symbol);
    await until(() => count(h, 'bookSnapshot', BTC.symbol) === 2, 'the requested snapshot');
    expect(ops(h, 'unsubscribe').map((r) => r.args)).toEqual([['orderbook.50.BTCUSDT']]);
    h.feed.requestBookSnapshot('XRP-USDT');
    expect(h.logger.lines.some((l) => l.message === 'snapshot requested for a symbol this feed does not stream')).toBe(true);
  });

  it('malformed messages are logged and dropped; the feed stays up', async () => {
    const h = await start([ETH.symbol]);
    await until(() => count(h, 'bookSnapshot') === 1, 'the first snapshot');
    h.venue.sendRaw('not json {');
    h.venue.sendRaw('[1,2]');
    h.venue.sendRaw(JSON.stringify({ topic: 'publicTrade.ETHUSDT', type: 'snapshot', data: [{ T: 1, s: 'ETHUSDT', S: 'Up', v: '1', p: '2000.00', i: 'x' }] }));
    h.venue.sendRaw(JSON.stringify({ topic: 'tickers.ETHUSDT', type: 'snapshot', data: {} }));
    h.venue.sendRaw(JSON.stringify({ hello: 'world' }));
    h.venue.trade('ETHUSDT', 'Buy', '2000.10', '0.5');
    await until(() => count(h, 'trade') === 1, 'the good trade');
    const warnings = h.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'unparseable stream message dropped',
        'stream message that is not a JSON object dropped',
        'malformed trade message dropped',
        'message for a topic this feed did not subscribe dropped',
        'stream message without a topic dropped',
      ]),
    );
    expect(h.stale).toEqual([]); // none of these was a book message
    h.venue.setLevel('ETHUSDT', 'Buy', '1999.95', '1.00000');
    await live(h, ETH, 'the book still live');

    // An unreadable delta may have carried a change: the book is stale and anchored again.
    h.venue.sendRaw(JSON.stringify({ topic: 'orderbook.50.ETHUSDT', type: 'delta', ts: 1, data: { s: 'ETHUSDT', b: [['1999.955', '1.00000']], a: [], u: 999, seq: 1 } }));
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 2, 'a fresh snapshot after the unreadable delta');
    expect(h.stale).toEqual([{ symbol: ETH.symbol, reason: expect.stringMatching(/^unreadable orderbook message: .*1999\.955/) }]);
    expect(h.logger.lines.some((l) => l.message === 'malformed orderbook message dropped')).toBe(true);
    h.venue.setLevel('ETHUSDT', 'Sell', '2000.15', '1.00000');
    await live(h, ETH, 'the book live again');
  });

  it('a ping left unanswered is a dead socket: reconnected and resubscribed', async () => {
    const h = await start([ETH.symbol], 'inverse');
    await until(() => count(h, 'bookSnapshot') === 1, 'the first snapshot');
    h.clock.advance(PING_MS);
    await until(() => ops(h, 'ping').length === 1, 'the first ping');
    h.venue.silence(true);
    h.clock.advance(PING_MS); // the pong of the first ping came: a second ping goes out, unanswered
    await until(() => ops(h, 'ping').length === 2, 'the second ping');
    expect(h.feed.status).toBe('connected');
    h.clock.advance(PING_MS);
    expect(h.feed.status).toBe('waitingToReconnect');
    expect(h.stale.map((s) => s.symbol)).toEqual([ETH.symbol]);
    expect(h.events.filter((e) => e.type === 'connection').at(-1)).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/^no pong/) });
    h.venue.silence(false);
    h.clock.advance(BACKOFF.maxMs);
    await until(() => count(h, 'bookSnapshot', ETH.symbol) === 2, 'a fresh snapshot on the new socket');
    expect(h.venue.connectionsOpened).toBe(2);
    expect(inSync(h, ETH)).toBe(true);
  });

  it('subscribes many symbols in requests of at most 10 topics; a symbol the venue refuses is dropped and the rest stream', async () => {
    const alts = ['SOL', 'XRP', 'ADA', 'DOT', 'LTC', 'BCH'];
    const scale = { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 };
    const symbols: FeedSymbol[] = [...alts, 'NOPE'].map((base) => ({ symbol: `${base}-USDT`, venueSymbol: `${base}USDT`, scale }));
    const books = Object.fromEntries(alts.map((base) => [`${base}USDT`, bookAround(100, 3)]));
    const h = await start([], 'spot', { books, symbols });
    expect(h.feed.status).toBe('idle'); // nothing watched: no connection
    h.feed.watch([BTC.symbol, ETH.symbol, ...symbols.map((x) => x.symbol)]);
    await until(() => count(h, 'bookSnapshot') === 8, 'a snapshot per known symbol');
    const subscribes = ops(h, 'subscribe').map((r) => r.args as string[]);
    expect(subscribes.every((args) => args.length <= 10)).toBe(true);
    expect(subscribes.flat().sort()).toContain('orderbook.50.NOPEUSDT');
    await until(() => !h.feed.watched.includes('NOPE-USDT'), 'the refused symbol dropped');
    expect(h.logger.lines.some((l) => l.level === 'error' && l.message === "venue refused the symbol's topics: not watched" && JSON.stringify(l.fields).includes('NOPE-USDT'))).toBe(true);
    await until(() => h.venue.subscriptions()[0]!.length === 16, 'every known symbol subscribed once');
    expect(h.venue.subscriptions()[0]!.some((t) => t.includes('NOPE'))).toBe(false);
    // The request that named NOPE was refused whole; its topics were then asked for one by one.
    expect(ops(h, 'subscribe').map((r) => r.args)).toContainEqual(['orderbook.50.NOPEUSDT']);
    h.venue.setLevel('SOLUSDT', 'Buy', '99.95', '1.00000');
    await until(() => count(h, 'bookDelta', 'SOL-USDT') === 1, 'SOL streams');
  });

  it('says what is wrong with its configuration at once', () => {
    const base = { venue: 'bybit-main', category: 'spot' as const, symbols: [BTC], clock: new SimulatedClock(0), random: () => 0.5, logger: recordingLogger() };
    expect(() => new BybitMarketFeed({ ...base, streamUrl: 'https://stream.bybit.com' })).toThrow(/stream URL must be ws:\/\/ or wss:\/\//);
    expect(() => new BybitMarketFeed({ ...base, depth: 25 as never })).toThrow(/depth must be one of 50, 200, 1000/);
    expect(() => new BybitMarketFeed({ ...base, category: 'option' as never })).toThrow(/category must be spot, linear or inverse/);
    expect(bybitPublicUrl('linear', false)).toBe('wss://stream.bybit.com/v5/public/linear');
    expect(bybitPublicUrl('spot', true)).toBe('wss://stream-testnet.bybit.com/v5/public/spot');
    expect(bybitStreamUrl('inverse', true)).toBe('wss://stream-testnet.bybit.com/v5/public/inverse');
    expect(bybitStreamUrl('spot', false, 'ws://127.0.0.1:9443')).toBe('ws://127.0.0.1:9443/v5/public/spot');
    expect(() => bybitStreamUrl('spot', false, 'http://127.0.0.1:9443')).toThrow(/must be ws:\/\/ or wss:\/\//);
  });
});
