/**
 * The live Binance market-data feed against the loopback Binance venue (real HTTP, real WebSockets):
 * the books it builds must be the venue's books, through gaps, dropped sockets, rate limits and
 * snapshot requests. The venue and the feed share one simulated clock, so backoffs and Retry-After
 * waits are passed by advancing it, never by sleeping.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, Rng, SimulatedClock, type Symbol, type VenueEvent } from '../../core';
import { bookFromFuturesCsv, defaultSymbols, formatAmount, startBinanceLoopback, type BinanceLoopback, type LoopbackBook } from '../../venues/binance/testSupport';
import { toLots, toTicks, type BookScale } from '../sync';
import { MapReplay, sortedSide } from '../sync/testSupport';
import { BinanceMarketFeed } from './binanceMarketFeed';
import type { FeedSymbol } from './symbolBook';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FUTURES_SNAPSHOT = resolve(REPO_ROOT, '../shared/data/binance/futures/btcusdt-depth-snap.csv');
/** 30 s into a minute: a 429 from the venue then says Retry-After 30 (its windows end on the minute). */
const START = 28_333_333 * 60_000 + 30_000;
const BACKOFF = { initialMs: 500, maxMs: 4_000 };

/** A spot BTCUSDT book deeper than the 20 levels compared. */
function deepSpotBook(): LoopbackBook {
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (let i = 0; i < 30; i++) {
    bids.push([(20_000 - i).toFixed(2), (1 + i / 10).toFixed(5)]);
    asks.push([(20_001 + i).toFixed(2), (2 + i / 10).toFixed(5)]);
  }
  return { lastUpdateId: 1000, bids, asks };
}

const SCALES: Record<'spot' | 'usdm', Record<string, BookScale>> = {
  spot: { BTCUSDT: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 }, ETHUSDT: { priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1 } },
  usdm: { BTCUSDT: { priceDecimals: 2, qtyDecimals: 3, tickSize: 10, lotSize: 1 }, ETHUSDT: { priceDecimals: 2, qtyDecimals: 3, tickSize: 1, lotSize: 1 } },
};

interface Harness {
  market: 'spot' | 'usdm';
  venue: BinanceLoopback;
  clock: SimulatedClock;
  feed: BinanceMarketFeed;
  logger: ReturnType<typeof recordingLogger>;
  events: VenueEvent[];
  books: Map<Symbol, MapReplay>;
  stale: { symbol: Symbol; reason: string }[];
  btc: FeedSymbol;
  eth: FeedSymbol;
  /** Snapshots per symbol and stale reports once start() has the books live and moving. */
  base: { snapshots: Map<Symbol, number>; stale: number };
}

const running: Harness[] = [];

async function start(market: 'spot' | 'usdm', watchOnly?: 'BTC'): Promise<Harness> {
  const clock = new SimulatedClock(START);
  const symbols = defaultSymbols(market).map((s) =>
    s.symbol !== 'BTCUSDT' ? s : { ...s, book: market === 'spot' ? deepSpotBook() : bookFromFuturesCsv(FUTURES_SNAPSHOT, 'BTCUSDT') },
  );
  const venue = await startBinanceLoopback({ market, accounts: [], symbols, clock });
  const suffix = market === 'spot' ? '' : '-PERP';
  const feedSymbols: FeedSymbol[] = ['BTC', 'ETH'].map((base) => ({
    symbol: `${base}-USDT${suffix}`,
    venueSymbol: `${base}USDT`,
    scale: SCALES[market][`${base}USDT`]!,
  }));
  const logger = recordingLogger();
  const rng = new Rng(7);
  const feed = new BinanceMarketFeed({
    venue: market === 'spot' ? 'binance' : 'binance-usdm',
    market,
    symbols: feedSymbols,
    restUrl: venue.restUrl,
    streamUrl: venue.wsUrl,
    clock,
    random: () => rng.next(),
    logger,
    backoff: BACKOFF,
    ...(watchOnly ? { watch: [feedSymbols[0]!.symbol] } : {}),
  });
  const h: Harness = { market, venue, clock, feed, logger, events: [], books: new Map(), stale: [], btc: feedSymbols[0]!, eth: feedSymbols[1]!, base: { snapshots: new Map(), stale: 0 } };
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
  const watched = watchOnly ? [h.btc] : [h.btc, h.eth];
  await until(() => watched.every((s) => snapshots(h, s.symbol) === 1), 'the first snapshots');
  // One change per book, followed until the books are live on the stream. On USD-M this costs one more
  // snapshot each: the venue's first event after a quiet snapshot starts at lastUpdateId + 1 (pu =
  // lastUpdateId), which the documented rule "U <= lastUpdateId <= u" reads as a gap.
  h.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '15000.00', '1');
  h.venue.exchange.setLiquidity('ETHUSDT', 'BUY', '1000.00', '1');
  await until(() => watched.every((s) => inSync(h, s)) && h.feed.status === 'connected', 'the books live');
  h.base = { snapshots: new Map([h.btc, h.eth].map((s) => [s.symbol, snapshots(h, s.symbol)])), stale: h.stale.length };
  return h;
}

afterEach(async () => {
  for (const h of running.splice(0)) {
    h.feed.stop();
    await h.venue.stop();
  }
});

/** Polls a condition on the event loop; fails with `what` if it does not hold within a generous bound. */
async function until(condition: () => boolean, what: string, boundMs = 5_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > boundMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const snapshots = (h: Harness, symbol: Symbol) => h.events.filter((e) => e.type === 'bookSnapshot' && e.symbol === symbol).length;
/** Snapshots since start() finished. */
const newSnapshots = (h: Harness, spec: FeedSymbol) => snapshots(h, spec.symbol) - h.base.snapshots.get(spec.symbol)!;
const newStale = (h: Harness) => h.stale.slice(h.base.stale);
const connections = (h: Harness) => h.events.flatMap((e) => (e.type === 'connection' ? [e] : []));

/** The venue's top `n` levels per side in the feed's ticks and lots. */
function venueTop(h: Harness, spec: FeedSymbol, n = 20): { bid: [number, number][]; ask: [number, number][] } {
  const d = h.venue.exchange.depth(spec.venueSymbol, n);
  if ('code' in d) throw new Error(d.msg);
  const conv = (levels: [bigint, bigint][]) =>
    levels.map(([p, q]): [number, number] => {
      const t = toTicks(spec.scale, formatAmount(p));
      const l = toLots(spec.scale, formatAmount(q));
      if (!t.ok || !l.ok) throw new Error(`venue level ${formatAmount(p)} ${formatAmount(q)} does not fit the scale`);
      return [t.value, l.value];
    });
  return { bid: conv(d.bids), ask: conv(d.asks) };
}

function feedTop(h: Harness, spec: FeedSymbol, n = 20): { bid: [number, number][]; ask: [number, number][] } {
  const book = h.books.get(spec.symbol)?.book;
  if (!book) return { bid: [], ask: [] };
  return { bid: sortedSide(book, 'bid').slice(0, n), ask: sortedSide(book, 'ask').slice(0, n) };
}

const inSync = (h: Harness, spec = h.btc) => JSON.stringify(feedTop(h, spec)) === JSON.stringify(venueTop(h, spec));

async function expectInSync(h: Harness, what: string): Promise<void> {
  await until(() => inSync(h), what);
  expect(feedTop(h, h.btc)).toEqual(venueTop(h, h.btc));
  expect(feedTop(h, h.btc).bid.length).toBeGreaterThan(0);
}

/** Moves the venue's BTCUSDT book in ways that touch both sides. */
function moveMarket(h: Harness, price: string): void {
  const x = h.venue.exchange;
  x.setLiquidity('BTCUSDT', 'SELL', price, '2');
  x.takeLiquidity('BTCUSDT', 'SELL', '1');
}

describe.each(['spot', 'usdm'] as const)('Binance %s live market data feed', (market) => {
  const farAsk = '30000.00'; // on both markets' ticks

  it('builds every subscribed book from the snapshot and the diff stream, and passes trades on', async () => {
    const h = await start(market);
    expect(connections(h).map((c) => c.state)).toEqual(['connecting', 'connected']);
    expect(h.feed.status).toBe('connected');
    const bestBid = venueTop(h, h.btc).bid[0]![0];
    moveMarket(h, farAsk);
    h.venue.exchange.setLiquidity('ETHUSDT', 'BUY', '1499.00', '3');
    await expectInSync(h, 'BTC book in sync');
    await until(() => inSync(h, h.eth), 'ETH book in sync');
    expect(feedTop(h, h.eth)).toEqual(venueTop(h, h.eth));

    // takeLiquidity sold 1 into the best bid: a trade with the seller as aggressor, at the best bid's price.
    await until(() => h.events.some((e) => e.type === 'trade'), 'a trade');
    const trade = h.events.find((e) => e.type === 'trade')!;
    expect(trade).toMatchObject({ venue: market === 'spot' ? 'binance' : 'binance-usdm', symbol: h.btc.symbol, aggressor: 'sell', price: bestBid });
    expect(trade.type === 'trade' && trade.qty).toBeGreaterThan(0);
    expect(newStale(h)).toEqual([]);
    expect(newSnapshots(h, h.btc)).toBe(0);
  });

  it('a lost depth event is a gap: the book goes stale, is resynced from a new snapshot, and is whole again', async () => {
    const h = await start(market);
    h.venue.faults.skipNextDepthEvent('BTCUSDT');
    h.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19000.00', '5'); // lost
    h.venue.exchange.setLiquidity('BTCUSDT', 'SELL', farAsk, '1'); // breaks the chain
    await until(() => newStale(h).length === 1, 'the gap');
    expect(newStale(h)[0]!.symbol).toBe(h.btc.symbol);
    await until(() => newSnapshots(h, h.btc) === 1, 'the resync snapshot');
    await expectInSync(h, 'BTC book in sync after the resync');
    // The level carried by the lost event is in the book: it came with the new snapshot.
    expect(feedTop(h, h.btc, 1000).bid.some(([p]) => p === (market === 'spot' ? 1_900_000 : 190_000))).toBe(true);
  });

  it('reconnects after the sockets drop (backoff on the clock), resubscribes and resyncs every book', async () => {
    const h = await start(market);
    h.venue.faults.dropAllSockets();
    await until(() => connections(h).some((c) => c.state === 'disconnected'), 'the disconnect');
    expect(h.feed.status).toBe('waitingToReconnect');
    expect(connections(h).at(-1)!.reason).toMatch(/reconnecting in \d+ ms/);
    expect(newStale(h).map((s) => s.symbol).sort()).toEqual([h.btc.symbol, h.eth.symbol].sort());
    // The market moves while the feed is away: only a new snapshot can bring it back.
    moveMarket(h, farAsk);
    h.clock.advance(BACKOFF.initialMs); // the first retry waits between half and all of initialMs
    await until(() => h.feed.status === 'connected', 'the reconnect');
    expect(connections(h).map((c) => c.state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    await until(() => newSnapshots(h, h.btc) >= 1 && newSnapshots(h, h.eth) >= 1, 'every book resynced');
    await expectInSync(h, 'BTC book in sync after the reconnect');
    // And the stream is live again after it.
    h.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19500.00', '4');
    await expectInSync(h, 'BTC book follows the new stream');
  });

  it('keeps backing off while the venue is unreachable, never past the cap', async () => {
    const h = await start(market);
    await h.venue.stop(); // nothing listens any more
    await until(() => h.feed.status === 'waitingToReconnect', 'the disconnect');
    for (let i = 0; i < 5; i++) {
      const before = connections(h).length;
      h.clock.advance(BACKOFF.maxMs);
      await until(() => connections(h).length >= before + 2, `failed attempt ${i + 1}`);
    }
    const delays = connections(h)
      .flatMap((c) => (c.state === 'disconnected' ? [Number(/reconnecting in (\d+) ms/.exec(c.reason ?? '')?.[1])] : []));
    expect(delays.length).toBeGreaterThanOrEqual(5);
    for (const d of delays) expect(d).toBeLessThanOrEqual(BACKOFF.maxMs);
    expect(Math.max(...delays)).toBeGreaterThan(BACKOFF.initialMs); // it grew
  });

  it('on 429 waits the Retry-After on the clock before asking again, then recovers', async () => {
    const h = await start(market);
    const fetches = () => h.logger.lines.filter((l) => l.message === 'fetching depth snapshot').length;
    h.venue.faults.rejectNextRequests(1, 429);
    h.feed.requestBookSnapshot(h.btc.symbol);
    await until(() => h.logger.lines.some((l) => l.message?.includes('rate limited')), 'the 429');
    const warned = h.logger.lines.find((l) => l.message?.includes('rate limited'))!;
    expect(warned.fields).toMatchObject({ waitMs: 30_000 });
    moveMarket(h, farAsk); // the stream goes on; the book waits for its snapshot
    const asked = fetches();
    h.clock.advance(29_000);
    expect(fetches()).toBe(asked); // not before Retry-After: Binance bans a client that keeps sending
    h.clock.advance(1_000);
    expect(fetches()).toBe(asked + 1);
    await until(() => newSnapshots(h, h.btc) === 1, 'the snapshot after the wait');
    await expectInSync(h, 'BTC book in sync after the 429');
    expect(h.feed.status).toBe('connected');
  });

  it('on 418 stops and says why', async () => {
    const h = await start(market);
    h.venue.faults.rejectNextRequests(1, 418);
    h.feed.requestBookSnapshot(h.btc.symbol);
    await until(() => h.feed.status === 'banned', 'the ban');
    const last = connections(h).at(-1)!;
    expect(last.state).toBe('disconnected');
    expect(last.reason).toMatch(/banned.*HTTP 418/);
    // It stays down: no reconnect however long we wait, and start() repeats the reason.
    h.clock.advance(60_000);
    expect(h.feed.status).toBe('banned');
    h.feed.start();
    expect(connections(h).at(-1)!.reason).toBe(last.reason);
    expect(h.logger.lines.some((l) => l.level === 'error' && l.message?.includes('banned'))).toBe(true);
  });

  it('requestBookSnapshot answers with a fresh bookSnapshot that continues the seq', async () => {
    const h = await start(market);
    moveMarket(h, farAsk);
    await expectInSync(h, 'BTC book in sync');
    const lastSeq = h.events.filter((e) => e.type === 'bookDelta' || e.type === 'bookSnapshot').filter((e) => 'symbol' in e && e.symbol === h.btc.symbol).at(-1)!;
    h.feed.requestBookSnapshot(h.btc.symbol);
    h.feed.requestBookSnapshot(h.btc.symbol); // shares the fetch already on its way
    await until(() => newSnapshots(h, h.btc) === 1, 'the requested snapshot');
    const snap = h.events.filter((e) => e.type === 'bookSnapshot' && e.symbol === h.btc.symbol).at(-1)!;
    expect(snap.type === 'bookSnapshot' && snap.seq).toBe((lastSeq as { seq: number }).seq + 1);
    await expectInSync(h, 'BTC book in sync after the requested snapshot');
    const fetches = h.logger.lines.filter((l) => l.message === 'fetching depth snapshot' && (l.fields as { symbol?: string }).symbol === h.btc.symbol);
    expect(fetches.filter((l) => (l.fields as { why?: string }).why === 'requested by the book service')).toHaveLength(1);
  });
});

describe.each(['spot', 'usdm'] as const)('Binance %s feed: the watched set changes at run time', (market) => {
  const eventsFor = (h: Harness, spec: FeedSymbol, from = 0) => h.events.slice(from).filter((e) => 'symbol' in e && e.symbol === spec.symbol);

  it('a symbol watched mid-stream gets a snapshot-anchored live book; one no longer watched stops and is reported stale', async () => {
    const h = await start(market, 'BTC');
    expect(h.feed.watched).toEqual([h.btc.symbol]);
    expect(eventsFor(h, h.eth)).toEqual([]); // ETH moved in start(): not streamed

    h.feed.watch([h.btc.symbol, h.eth.symbol]);
    await until(() => snapshots(h, h.eth.symbol) === 1, 'the ETH snapshot');
    h.venue.exchange.setLiquidity('ETHUSDT', 'SELL', '3000.00', '2');
    await until(() => inSync(h, h.eth), 'ETH book live on the stream');
    expect(feedTop(h, h.eth)).toEqual(venueTop(h, h.eth));

    h.feed.watch([h.eth.symbol]);
    expect(h.feed.watched).toEqual([h.eth.symbol]);
    // (On USD-M a book's first change after a quiet snapshot costs one resync, see start(): only the unwatch is looked at.)
    expect(newStale(h).filter((s) => s.reason === 'no longer watched')).toEqual([{ symbol: h.btc.symbol, reason: 'no longer watched' }]);
    // Once the venue has the UNSUBSCRIBE, a BTC change sends nothing; the ETH change after it proves
    // the stream is flowing (one socket: in order).
    await until(() => h.logger.lines.some((l) => l.message === 'stream request answered' && (l.fields as { method?: string }).method === 'UNSUBSCRIBE'), 'the unsubscribe');
    const mark = h.events.length;
    moveMarket(h, '30000.00');
    h.venue.exchange.setLiquidity('ETHUSDT', 'BUY', '1200.00', '7');
    await until(() => inSync(h, h.eth), 'the ETH change');
    expect(eventsFor(h, h.btc, mark)).toEqual([]);
    expect(h.logger.lines.filter((l) => l.message?.includes('did not subscribe'))).toEqual([]);

    // Watched again: a fresh book from a new snapshot.
    const snapped = snapshots(h, h.btc.symbol);
    h.feed.watch([h.eth.symbol, h.btc.symbol]);
    await until(() => snapshots(h, h.btc.symbol) === snapped + 1, 'the new BTC snapshot');
    await expectInSync(h, 'BTC live again');
  });

  it('a symbol dropped and watched again in the same turn (its stream never stopped) is anchored on a new snapshot', async () => {
    const h = await start(market);
    const requestsBefore = h.logger.lines.filter((l) => l.message === 'stream request sent').length;
    h.feed.watch([h.eth.symbol]);
    h.feed.watch([h.eth.symbol, h.btc.symbol]);
    await until(() => newSnapshots(h, h.btc) === 1, 'the new BTC snapshot');
    moveMarket(h, '30000.00');
    await expectInSync(h, 'BTC live on the stream');
    expect(h.logger.lines.filter((l) => l.message === 'stream request sent').length).toBe(requestsBefore); // nothing to send
  });

  it('after a reconnect subscribes exactly the current set again and resyncs it', async () => {
    const h = await start(market);
    h.feed.watch([h.eth.symbol]);
    h.venue.faults.dropAllSockets();
    await until(() => h.feed.status === 'waitingToReconnect', 'the disconnect');
    h.venue.exchange.setLiquidity('ETHUSDT', 'BUY', '1300.00', '2'); // missed while away
    h.clock.advance(BACKOFF.initialMs);
    await until(() => h.feed.status === 'connected', 'the reconnect');
    await until(() => newSnapshots(h, h.eth) === 1, 'ETH resynced');
    await until(() => inSync(h, h.eth), 'ETH book whole again');
    const requests = h.logger.lines.filter((l) => l.message === 'stream request sent').map((l) => l.fields as { method: string; streams: string[] });
    const afterReconnect = requests.at(-1)!;
    expect(afterReconnect.method).toBe('SUBSCRIBE');
    expect(afterReconnect.streams.every((s) => s.startsWith('ethusdt@'))).toBe(true);
    expect(afterReconnect.streams.sort()).toEqual(market === 'spot' ? ['ethusdt@depth@100ms', 'ethusdt@trade'] : ['ethusdt@aggTrade', 'ethusdt@depth@100ms', 'ethusdt@markPrice@1s']);
    const mark = h.events.length;
    moveMarket(h, '30000.00');
    h.venue.exchange.setLiquidity('ETHUSDT', 'BUY', '1250.00', '3');
    await until(() => inSync(h, h.eth), 'the ETH change');
    expect(eventsFor(h, h.btc, mark)).toEqual([]);
  });

  it('with nothing watched opens no connection until a symbol is watched', async () => {
    const clock = new SimulatedClock(START);
    const venue = await startBinanceLoopback({ market, accounts: [], symbols: defaultSymbols(market), clock });
    const spec: FeedSymbol = { symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', scale: SCALES[market].ETHUSDT! };
    const logger = recordingLogger();
    const feed = new BinanceMarketFeed({ venue: 'binance', market, symbols: [spec], watch: [], restUrl: venue.restUrl, streamUrl: venue.wsUrl, clock, random: () => 0.5, logger });
    const events: VenueEvent[] = [];
    feed.onEvent((e) => events.push(e));
    running.push({ feed, venue } as Harness);
    feed.start();
    expect(feed.status).toBe('idle');
    expect(events).toEqual([]);
    feed.watch(['NOT-A-SYMBOL']);
    expect(feed.status).toBe('idle');
    expect(logger.lines.some((l) => l.message?.includes('does not carry'))).toBe(true);
    feed.watch([spec.symbol]);
    await until(() => events.some((e) => e.type === 'bookSnapshot'), 'the snapshot');
    expect(events.filter((e) => e.type === 'connection').map((e) => e.type === 'connection' && e.state)).toEqual(['connecting', 'connected']);
  });
});

describe('Binance USD-M feed: mark price and funding', () => {
  it('emits markPrice from <symbol>@markPrice@1s for the watched symbols, in ticks rounded to the nearest tick', async () => {
    const h = await start('usdm', 'BTC');
    const marks = () => h.events.flatMap((e) => (e.type === 'markPrice' ? [e] : []));
    h.venue.exchange.setMarkPrice('BTCUSDT', '20000.05'); // half a 0.10 tick: rounds up
    await until(() => marks().some((m) => m.markPrice === 200_001), 'the mark price');
    const m = marks().find((e) => e.markPrice === 200_001)!;
    expect(m).toEqual({
      type: 'markPrice',
      venue: 'binance-usdm',
      symbol: h.btc.symbol,
      ts: h.clock.now(),
      markPrice: 200_001,
      indexPrice: 200_001,
      fundingRate: '0.00000000',
      nextFundingTime: Math.ceil((h.clock.now() + 1) / 28_800_000) * 28_800_000,
    });
    // Every second the venue publishes every symbol's mark; only the watched one arrives.
    const before = marks().length;
    h.clock.advance(1_000);
    await until(() => marks().length > before, 'the 1 s mark price');
    expect(new Set(marks().map((e) => e.symbol))).toEqual(new Set([h.btc.symbol]));
  });
});
