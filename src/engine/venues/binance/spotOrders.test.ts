import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../core';
import type { Instrument } from '../../instruments';
import type { VenueOrderRequest } from '../types';
import { everythingSaid, spotSetup, type Credentials, type SpotSetup } from './binanceClient.fixture';
import { BinanceSpotOrders } from './spotOrders';

// Quote units of BTC-USDT have 2 + 5 = 7 decimals: 1 USDT = 10^7.
const USDT = 10_000_000;
const BTC_USDT: Instrument = { venue: 'binance-test', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 5 * USDT };
const ETH_USDT: Instrument = { venue: 'binance-test', symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 5 * 1_000_000 };

function trader(s: SpotSetup, who: Credentials, timeoutMs?: number) {
  const events: VenueEvent[] = [];
  const trading = new BinanceSpotOrders({ venue: 'binance-test', rest: s.client(who, timeoutMs), clock: s.clock, logger: s.logger, instruments: [BTC_USDT, ETH_USDT], emit: (e) => events.push(e) });
  return { trading, events };
}

const limit = (clientOrderId: string, side: 'buy' | 'sell', price: number, qty: number, extra: Partial<VenueOrderRequest> = {}): VenueOrderRequest => ({
  clientOrderId, symbol: 'BTC-USDT', side, type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price, qty, ...extra,
});
const market = (clientOrderId: string, side: 'buy' | 'sell', qty: number): VenueOrderRequest => ({ clientOrderId, symbol: 'BTC-USDT', side, type: 'market', tif: 'IOC', postOnly: false, reduceOnly: false, qty });
const kinds = (events: VenueEvent[]) => events.map((e) => e.type);

/**
 * Moves the shared clock in steps until the venue's answer is said (anything but `orderUnknown`), or
 * `maxMs` has passed: the connector waits on the clock between queries, and each step lets their HTTP
 * round trips run first.
 */
async function advanceUntilSaid(s: SpotSetup, events: VenueEvent[], stepMs: number, maxMs: number): Promise<void> {
  const answered = () => events.some((e) => e.type !== 'orderUnknown');
  for (let advanced = 0; !answered() && advanced < maxMs; advanced += stepMs) {
    await new Promise((r) => setTimeout(r, 5));
    s.clock.advance(stepMs);
  }
}

describe('Binance spot orders: refusals in the venue\'s words', () => {
  it.each([
    ['a quantity above maxQty', limit('r-1', 'buy', 1_900_000, 900_100_000), 'Filter failure: LOT_SIZE'],
    ['a price above maxPrice', limit('r-2', 'buy', 100_000_001, 1000), 'Filter failure: PRICE_FILTER'],
    ['a notional below minNotional', limit('r-3', 'buy', 1_900_000, 20), 'Filter failure: NOTIONAL'],
    ['an order the balance cannot cover', limit('r-4', 'buy', 1_900_000, 1_000_000), 'Account has insufficient balance for requested action.'],
    ['a post-only order that would take', limit('r-5', 'buy', 2_000_100, 1000, { postOnly: true }), 'Order would immediately match and take.'],
  ])('reports %s as orderRejected with Binance\'s msg, and nothing rests', async (_what, req, reason) => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(req);
    await trading.idle();
    expect(events).toEqual([{ type: 'orderRejected', venue: 'binance-test', clientOrderId: req.clientOrderId, reason, ts: s.clock.now() }]);
    expect(s.venue.exchange.working('alice')).toEqual([]);
  });

  it('refuses what Binance spot does not have without sending it', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit({ ...limit('x-1', 'buy', 1_900_000, 1000), type: 'stop_limit', stopPrice: 1_950_000 });
    trading.submit(limit('x-2', 'sell', 2_100_000, 1000, { reduceOnly: true }));
    trading.submit(limit('x-3', 'buy', 1_900_000, 1000, { tif: 'GTD', expireAt: s.clock.now() + 60_000 }));
    trading.submit(limit('x-4', 'buy', 1_900_000, 1000, { symbol: 'DOGE-USDT' }));
    await trading.idle();
    expect(events.map((e) => [e.type, 'reason' in e ? e.reason : ''])).toEqual([
      ['orderRejected', 'stop_limit orders are not supported on Binance spot by this connector yet'],
      ['orderRejected', 'reduce-only orders do not exist on Binance spot'],
      ['orderRejected', 'time in force GTD does not exist on Binance spot (GTC, IOC or FOK)'],
      ['orderRejected', 'DOGE-USDT is not traded on binance-test'],
    ]);
    expect(s.client(s.alice).rateLimitUse()).toEqual({});
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
  });

  it('rejects an order during a 429 back-off or after a 418 with the reason, sending nothing more', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    s.venue.faults.rejectNextRequests(1, 429);
    trading.submit(limit('l-1', 'buy', 1_900_000, 1000)); // learns the time: that request gets the 429
    await trading.idle();
    expect(events.at(-1)).toMatchObject({ type: 'orderRejected', clientOrderId: 'l-1', reason: expect.stringContaining('Binance rate limit hit (HTTP 429') });
    s.clock.advance(20_000);
    s.venue.faults.rejectNextRequests(1, 418);
    trading.submit(limit('l-2', 'buy', 1_900_000, 1000));
    trading.submit(limit('l-3', 'buy', 1_900_000, 1000));
    await trading.idle();
    expect(events.slice(1).map((e) => [e.type, 'reason' in e ? (e.reason ?? '').slice(0, 29) : ''])).toEqual([
      ['orderRejected', 'Binance banned this IP: HTTP '],
      ['orderRejected', 'Binance banned this IP: HTTP '],
    ]);
  });
});

describe('Binance spot orders: placing, filling, cancelling', () => {
  it('rests a limit order, then a crossing one fills it: ticks, lots, liquidity and fees as the venue charged them', async () => {
    const s = await spotSetup();
    const alice = trader(s, s.alice);
    const bob = trader(s, s.bob);
    alice.trading.submit(limit('maker-1', 'buy', 2_000_050, 50_000)); // 0.5 BTC at 20000.50
    await alice.trading.idle();
    expect(alice.events).toEqual([{ type: 'orderAccepted', venue: 'binance-test', clientOrderId: 'maker-1', venueOrderId: expect.stringMatching(/^\d+$/), ts: s.clock.now() }]);

    s.clock.advance(1000);
    bob.trading.submit(limit('taker-1', 'sell', 2_000_050, 20_000)); // 0.2 BTC
    await bob.trading.idle();
    expect(kinds(bob.events)).toEqual(['orderAccepted', 'orderFilled']);
    // Bob sold: commission 4.0001 USDT (0.1 %).
    expect(bob.events[1]).toEqual({ type: 'orderFilled', venue: 'binance-test', clientOrderId: 'taker-1', fillId: 'BTCUSDT-1', ts: s.clock.now(), price: 2_000_050, qty: 20_000, liquidity: 'taker', fee: 40_001_000 });

    // Alice's maker fill from the trade history: commission 0.0002 BTC, valued at the fill price. A fresh
    // connector (after a restart) learns the fill's clientOrderId from the venue's order record.
    const restarted = trader(s, s.alice).trading;
    expect(await restarted.fillsSince(s.clock.now())).toEqual([
      { fillId: 'BTCUSDT-1', clientOrderId: 'maker-1', symbol: 'BTC-USDT', side: 'buy', price: 2_000_050, qty: 20_000, liquidity: 'maker', fee: 40_001_000, ts: s.clock.now() },
    ]);
    expect(await alice.trading.fillsSince(s.clock.now() + 1)).toEqual([]);
    // Asked about one symbol (reconcile names those of its working orders), only that one's history is read.
    expect((await restarted.fillsSince(s.clock.now(), ['BTC-USDT'])).map((f) => f.fillId)).toEqual(['BTCUSDT-1']);
    expect(await restarted.fillsSince(s.clock.now(), ['ETH-USDT'])).toEqual([]);
  });

  it('fills a market order across levels, fee in the base asset valued at each fill\'s price', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(market('m-1', 'buy', 200_000)); // 2 BTC
    await trading.idle();
    expect(kinds(events)).toEqual(['orderAccepted', 'orderFilled', 'orderFilled']);
    expect(events.slice(1).map((e) => e.type === 'orderFilled' && [e.price, e.qty, e.liquidity, e.fee])).toEqual([
      [2_000_100, 120_000, 'taker', 240_012_000], // 0.0012 BTC at 20001 = 24.0012 USDT
      [2_000_200, 80_000, 'taker', 160_016_000], // 0.0008 BTC at 20002 = 16.0016 USDT
    ]);
  });

  it('reports the unfilled rest of an IOC order as expired', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('ioc-1', 'buy', 2_000_100, 200_000, { tif: 'IOC' }));
    await trading.idle();
    expect(kinds(events)).toEqual(['orderAccepted', 'orderFilled', 'orderExpired']);
    expect(events[2]).toMatchObject({ clientOrderId: 'ioc-1', reason: 'the unfilled rest expired (IOC)' });
  });

  it('cancels by client order id, and reports a second cancel as cancelRejected with -2011\'s words', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('c-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    trading.cancel('BTC-USDT', 'c-1');
    await trading.idle();
    trading.cancel('BTC-USDT', 'c-1');
    await trading.idle();
    expect(events.slice(1)).toEqual([
      { type: 'orderCanceled', venue: 'binance-test', clientOrderId: 'c-1', ts: s.clock.now() },
      { type: 'cancelRejected', venue: 'binance-test', clientOrderId: 'c-1', reason: 'Unknown order sent.', ts: s.clock.now() },
    ]);
    expect(s.venue.exchange.working('alice')).toEqual([]);
  });

  it('answers queryOrder with the venue\'s state (undefined for -2013) and lists open orders', async () => {
    const s = await spotSetup();
    const { trading } = trader(s, s.alice);
    trading.submit(limit('q-1', 'sell', 2_500_000, 10_000, { postOnly: true }));
    trading.submit({ ...limit('q-2', 'buy', 150_000, 5000), symbol: 'ETH-USDT' }); // 0.5 ETH at 1500.00
    await trading.idle();
    const q1 = await trading.queryOrder('BTC-USDT', 'q-1');
    expect(q1).toEqual({
      clientOrderId: 'q-1', venueOrderId: expect.stringMatching(/^\d+$/), symbol: 'BTC-USDT', side: 'sell', type: 'limit', tif: 'GTC', price: 2_500_000, qty: 10_000,
      filledQty: 0, status: 'open', triggered: true, createdAt: s.clock.now(), postOnly: true, reduceOnly: false, updatedAt: s.clock.now(),
    });
    expect(await trading.queryOrder('BTC-USDT', 'never-sent')).toBeUndefined();
    const open = await trading.openOrders();
    expect(open.map((o) => [o.clientOrderId, o.symbol, o.price, o.qty])).toEqual(expect.arrayContaining([['q-1', 'BTC-USDT', 2_500_000, 10_000], ['q-2', 'ETH-USDT', 150_000, 5000]]));
    expect(open).toHaveLength(2);
  });
});

describe('Binance spot orders: an answer that never comes', () => {
  it('never resends a submit whose answer was swallowed: the order is queried, and its fills read from the trade history', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    await s.client(s.alice).syncServerTime();
    s.venue.faults.swallowNextAck('order');
    trading.submit(limit('lost-1', 'buy', 2_000_100, 200_000)); // 2 BTC at 20001: takes 1.2, rests 0.8
    await trading.idle();
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT').map((o) => o.clientOrderId)).toEqual(['lost-1']);
    expect(kinds(events)).toEqual(['orderUnknown', 'orderAccepted', 'orderFilled']);
    expect(events[0]).toMatchObject({ clientOrderId: 'lost-1', reason: expect.stringMatching(/^no answer from Binance to the order .*never sending it again$/) });
    expect(events[2]).toMatchObject({ clientOrderId: 'lost-1', fillId: expect.stringMatching(/^BTCUSDT-\d+$/), price: 2_000_100, qty: 120_000, liquidity: 'taker', fee: 240_012_000 });
    expect(await trading.queryOrder('BTC-USDT', 'lost-1')).toMatchObject({ status: 'open', filledQty: 120_000, qty: 200_000 });
    expect(s.logger.lines.some((l) => l.level === 'warn' && /never came/.test(l.message ?? ''))).toBe(true);
  });

  it('says nothing about an order whose answer hangs until the timeout, then reports it unknown, then what the venue has', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice, 5000);
    s.venue.faults.holdNextAck('order');
    trading.submit(limit('slow-1', 'buy', 1_900_000, 1000));
    while (s.venue.faults.heldAcks === 0) await new Promise((r) => setImmediate(r));
    expect(events).toEqual([]); // still waiting for the answer: nothing said yet
    s.clock.advance(5000);
    await trading.idle();
    expect(kinds(events)).toEqual(['orderUnknown', 'orderAccepted']);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toHaveLength(1);
  });

  it('waits out a 429 met while looking for a lost order, and still finds it without resending', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice, 5000);
    s.venue.faults.holdNextAck('order');
    trading.submit(limit('busy-1', 'buy', 1_900_000, 1000));
    while (s.venue.faults.heldAcks === 0) await new Promise((r) => setImmediate(r));
    // The order rests; its answer is held. The first query after the timeout meets a 429.
    s.venue.faults.rejectNextRequests(1, 429);
    s.clock.advance(5000);
    // A query sent during the back-off would earn a ban (418) and the order would stay unknown.
    await advanceUntilSaid(s, events, 1000, 120_000);
    await trading.idle();
    expect(kinds(events)).toEqual(['orderUnknown', 'orderAccepted']);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT').map((o) => o.clientOrderId)).toEqual(['busy-1']);
    expect(s.logger.lines.some((l) => l.level === 'warn' && /HTTP 429/.test(String((l.fields as { reason?: string }).reason)))).toBe(true);
  });

  it('reports an order the venue does not have as rejected only once recvWindow has passed since it was sent', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    // The venue refuses the order (LOT_SIZE) but the answer is lost: the query says -2013.
    s.venue.faults.swallowNextAck('order');
    trading.submit(limit('gone-1', 'buy', 1_900_000, 900_100_000));
    const lostAt = s.clock.now();
    const lost = () => s.logger.lines.some((l) => /never came/.test(l.message ?? ''));
    while (!lost()) await new Promise((r) => setImmediate(r));
    await advanceUntilSaid(s, events, 500, 20_000);
    await trading.idle();
    expect(events).toEqual([
      { type: 'orderUnknown', venue: 'binance-test', clientOrderId: 'gone-1', reason: expect.any(String), ts: lostAt },
      { type: 'orderRejected', venue: 'binance-test', clientOrderId: 'gone-1', reason: expect.stringMatching(/^the order is not at Binance: its answer was lost, and \d+ ms later \(beyond recvWindow 5000 ms\) Binance says "Order does not exist."$/), ts: expect.any(Number) },
    ]);
    const rejected = events[1] as { ts: number; reason: string };
    expect(rejected.ts - lostAt).toBeGreaterThanOrEqual(6000);
    expect(Number(/(\d+) ms later/.exec(rejected.reason)?.[1])).toBeGreaterThanOrEqual(6000);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
  });

  it('asks Binance about a cancel whose answer was swallowed, and reports the cancel it made (never assumed, never refused)', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('cx-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    s.venue.faults.swallowNextAck('cancel');
    trading.cancel('BTC-USDT', 'cx-1');
    await trading.idle();
    expect(events.slice(1)).toEqual([{ type: 'orderCanceled', venue: 'binance-test', clientOrderId: 'cx-1', ts: expect.any(Number) }]);
    expect(s.logger.lines.some((l) => l.message === 'cancel answer never came: asking Binance for the order')).toBe(true);
    expect(s.logger.lines.some((l) => l.message === 'order with a lost cancel answer found ended at Binance')).toBe(true);
  });

  it('says nothing about a cancel whose answer hangs until the timeout, then asks Binance and reports what it did', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice, 5000);
    trading.submit(limit('cs-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    s.venue.faults.holdNextAck('cancel');
    trading.cancel('BTC-USDT', 'cs-1');
    while (s.venue.faults.heldAcks === 0) await new Promise((r) => setImmediate(r));
    // The venue canceled it, but its answer is held: the order's fate is not ours to assume.
    expect(s.venue.exchange.working('alice')).toEqual([]);
    expect(kinds(events)).toEqual(['orderAccepted']);
    s.clock.advance(5000);
    await trading.idle();
    expect(kinds(events)).toEqual(['orderAccepted', 'orderCanceled']);
    s.venue.faults.releaseHeldAcks(); // too late: the request was given up, nothing more is said
    await trading.idle();
    expect(kinds(events)).toEqual(['orderAccepted', 'orderCanceled']);
  });

  it('reports the fills of an order that filled before a cancel whose answer was lost, and no cancel', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('cf-1', 'sell', 2_000_050, 10_000)); // rests as the best ask
    await trading.idle();
    s.venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '0.1'); // someone buys it all
    s.venue.faults.swallowNextAck('cancel');
    trading.cancel('BTC-USDT', 'cf-1'); // too late: Binance answers -2011, and the answer is lost
    await trading.idle();
    expect(kinds(events)).toEqual(['orderAccepted', 'orderFilled']);
    expect(events[1]).toMatchObject({ clientOrderId: 'cf-1', price: 2_000_050, qty: 10_000, liquidity: 'maker' });
  });

  it('never lets the secret into an event, a log line or an error', async () => {
    const s = await spotSetup();
    for (const who of [s.alice, s.bob]) {
      const { trading, events } = trader(s, who);
      // One at a time: the swallowed answer must be the third order's.
      trading.submit(limit(`ok-${who.apiKey.slice(0, 6)}`, 'buy', 1_900_000, 1000));
      await trading.idle();
      trading.submit(limit(`bad-${who.apiKey.slice(0, 6)}`, 'buy', 1_900_000, 900_100_000));
      await trading.idle();
      s.venue.faults.swallowNextAck('order');
      trading.submit(limit(`lost-${who.apiKey.slice(0, 6)}`, 'buy', 1_900_000, 1000));
      await trading.idle();
      const failure = await trading.queryOrder('DOGE-USDT', 'x').catch((e: unknown) => e);
      const said = everythingSaid(events, s.logger.lines, failure, trading);
      expect(events.length).toBeGreaterThanOrEqual(3);
      for (const part of [who.secret, ...who.secret.split('\n').filter((l) => l.length > 20)]) expect(said).not.toContain(part);
    }
  });
});
