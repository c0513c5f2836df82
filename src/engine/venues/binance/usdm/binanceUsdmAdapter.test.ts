import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../../core';
import { everythingSaid } from '../binanceClient.fixture';
import { is, said, START_MS, streamCaughtUp, usdmSetup, waitFor } from './usdmAdapter.fixture';

// BTC-USDT-PERP at the loopback: tick 0.10 (1 decimal), lot 0.001 (3 decimals): 20000.1 is 200_001 ticks, 0.010 is 10 lots.
const BTC = 'BTC-USDT-PERP';
const limit = (clientOrderId: string, side: 'buy' | 'sell', price: number, qty: number, extra = {}) =>
  ({ clientOrderId, symbol: BTC, side, type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price, qty, ...extra }) as const;
const market = (clientOrderId: string, side: 'buy' | 'sell', qty: number, extra = {}) =>
  ({ clientOrderId, symbol: BTC, side, type: 'market', tif: 'IOC', postOnly: false, reduceOnly: false, qty, ...extra }) as const;
const kinds = (events: VenueEvent[]) => events.map((e) => e.type);

describe('Binance USD-M account as a VenueAdapter: connecting', () => {
  it('loads the perpetuals, says the whole account (balances, positions), opens the user stream, and leaks no secret', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    expect(t.events).toEqual([
      { type: 'connection', venue: 'my-perp', state: 'connecting' },
      { type: 'balances', venue: 'my-perp', ts: START_MS, balances: [{ asset: 'USDT', free: '10000.00000000', locked: '0' }], complete: true },
      { type: 'venuePositions', venue: 'my-perp', ts: START_MS, positions: [], complete: true },
      { type: 'connection', venue: 'my-perp', state: 'connected' },
    ]);
    expect(t.adapter.instruments()).toEqual([
      { venue: 'my-perp', symbol: 'BTC-USDT-PERP', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 1, qtyDecimals: 3, tickSize: 1, lotSize: 1, minNotional: 100 * 10_000 },
      { venue: 'my-perp', symbol: 'ETH-USDT-PERP', venueSymbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', priceDecimals: 2, qtyDecimals: 3, tickSize: 1, lotSize: 1, minNotional: 20 * 100_000 },
    ]);
    expect(t.adapter.roundTripMs()).toBeGreaterThanOrEqual(0);
    expect(everythingSaid(t.events, s.logger.lines, t.adapter)).not.toContain(s.alice.secret);
  });

  it('stays disconnected with the venue\'s words when the key is refused, and when it may not trade', async () => {
    const s = await usdmSetup({ aliceCanTrade: false });
    const wrong = s.trader({ apiKey: s.alice.apiKey, secret: 'wrong-secret-0123456789' }, 'my-perp');
    await wrong.adapter.connect();
    expect(wrong.events.at(-1)).toEqual({ type: 'connection', venue: 'my-perp', state: 'disconnected', reason: 'account: Signature for this request is not valid.' });
    wrong.adapter.submit(limit('o-1', 'buy', 199_900, 10));
    expect(wrong.events.at(-1)).toMatchObject({ type: 'orderRejected', clientOrderId: 'o-1', reason: 'my-perp is not connected' });
    await expect(wrong.adapter.openOrders()).rejects.toThrow('my-perp is not connected');
    expect(everythingSaid(wrong.events, s.logger.lines, wrong.adapter)).not.toContain('wrong-secret-0123456789');

    const cannot = s.trader(s.alice, 'my-perp');
    await cannot.adapter.connect();
    expect(cannot.events.at(-1)).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('this API key may not trade') });
  });

  it('refuses to connect to a symbol that is not a perpetual there', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp', { symbols: ['ETHUSDT', 'DOGEUSDT'] });
    await t.adapter.connect();
    expect(t.events.at(-1)).toEqual({ type: 'connection', venue: 'my-perp', state: 'disconnected', reason: 'exchangeInfo: DOGEUSDT is not a perpetual trading on Binance USD-M' });
  });
});

describe('Binance USD-M account as a VenueAdapter: orders', () => {
  it('places a limit order that rests (our clientOrderId at the venue) and cancels it, each said once', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    t.adapter.submit(limit('o-1', 'buy', 199_900, 10));
    await said(t.events, is('orderAccepted', 'o-1'), 'o-1 accepted');
    expect(s.venue.exchange.working('alice').map((o) => [o.clientOrderId, o.side, o.price, o.origQty])).toEqual([['o-1', 'BUY', 19_990n * 10n ** 8n, 10n ** 6n]]);
    expect(await t.adapter.openOrders()).toMatchObject([{ clientOrderId: 'o-1', symbol: BTC, side: 'buy', type: 'limit', tif: 'GTC', price: 199_900, qty: 10, filledQty: 0, status: 'open' }]);
    t.adapter.cancel(BTC, 'o-1');
    await said(t.events, is('orderCanceled', 'o-1'), 'o-1 canceled');
    await streamCaughtUp(s, t, 'mk-1');
    expect(t.about('o-1')).toEqual(['orderAccepted', 'orderCanceled']);
    expect(t.about('mk-1')).toEqual(['orderAccepted', 'orderCanceled']);
    expect(await t.adapter.queryOrder(BTC, 'o-1')).toMatchObject({ status: 'canceled', qty: 10 });
    expect(await t.adapter.queryOrder(BTC, 'never-sent')).toBeUndefined();
    expect(s.venue.exchange.working('alice')).toEqual([]);
  });

  it('refuses in the venue\'s words: a reduce-only order that would open, a post-only that would take; and what USD-M has not without sending it', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    t.adapter.submit(limit('r-1', 'sell', 200_001, 10, { reduceOnly: true }));
    t.adapter.submit(limit('r-2', 'buy', 200_001, 10, { postOnly: true }));
    t.adapter.submit(limit('r-3', 'buy', 199_900, 1));
    await t.adapter.idle();
    expect(t.events.filter((e) => e.type === 'orderRejected').map((e) => [e.clientOrderId, 'reason' in e ? e.reason : ''])).toEqual([
      ['r-1', 'ReduceOnly Order is rejected.'],
      ['r-2', 'Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history'],
      ['r-3', "Order's notional must be no smaller than 100 (unless you choose reduce only)."],
    ]);
    const before = s.venue.exchange.allOrders('alice', 'BTCUSDT').length;
    t.adapter.submit({ ...limit('x-1', 'buy', 199_900, 10), type: 'stop_limit', stopPrice: 199_950 });
    await t.adapter.idle();
    expect(t.events.at(-1)).toMatchObject({ type: 'orderRejected', clientOrderId: 'x-1', reason: expect.stringContaining('Algo Order API') });
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT').length).toBe(before);
    expect(s.venue.exchange.working('alice')).toEqual([]);
  });

  it('amends price and quantity (the venue\'s terms said back), and says why an amend is refused in the venue\'s words', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    t.adapter.submit(limit('a-1', 'buy', 199_900, 10));
    await said(t.events, is('orderAccepted', 'a-1'), 'a-1 accepted');
    t.adapter.amend(BTC, 'a-1', { price: 199_950, qty: 20 });
    await said(t.events, is('orderAmended', 'a-1'), 'a-1 amended');
    expect(t.events.filter(is('orderAmended', 'a-1'))).toEqual([{ type: 'orderAmended', venue: 'my-perp', clientOrderId: 'a-1', ts: START_MS, price: 199_950, qty: 20 }]);
    expect(s.venue.exchange.working('alice').map((o) => [o.price, o.origQty])).toEqual([[19_995n * 10n ** 8n, 2n * 10n ** 6n]]);
    t.adapter.amend(BTC, 'a-1', { qty: 15 });
    await waitFor(() => t.events.filter(is('orderAmended', 'a-1')).length === 2, 'a-1 amended again');
    expect(t.events.filter(is('orderAmended', 'a-1')).at(-1)).toMatchObject({ price: 199_950, qty: 15 });
    t.adapter.amend(BTC, 'a-1', { qty: 15 });
    t.adapter.amend(BTC, 'a-1', { price: 45_297_650 });
    await t.adapter.idle();
    expect(t.events.filter((e) => e.type === 'amendRejected').map((e) => ('reason' in e ? e.reason : ''))).toEqual([
      'No need to modify the order.',
      "Limit price can't be higher than 4529764.",
    ]);
    await streamCaughtUp(s, t, 'mk-1');
    // The stream's AMENDMENT reports said nothing more: each amendment once.
    expect(t.about('a-1')).toEqual(['orderAccepted', 'orderAmended', 'orderAmended', 'amendRejected', 'amendRejected']);
    expect(await t.adapter.queryOrder(BTC, 'a-1')).toMatchObject({ price: 199_950, qty: 15, status: 'open' });
  });
});

describe('Binance USD-M account as a VenueAdapter: what the stream says about changes made elsewhere', () => {
  it('says an amendment made by another client of the account, also to a connector that never knew the old terms', async () => {
    const s = await usdmSetup();
    const first = s.trader(s.alice, 'my-perp');
    await first.adapter.connect();
    first.adapter.submit(limit('x-1', 'buy', 199_900, 10));
    await said(first.events, is('orderAccepted', 'x-1'), 'x-1 accepted');
    const amendElsewhere = (price: string, quantity: string) =>
      s.aliceClient.signed('PUT', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'x-1', side: 'BUY', price, quantity }, { timestamp: s.clock.now() });
    expect((await amendElsewhere('19980.0', '0.012')).status).toBe(200);
    await said(first.events, is('orderAmended', 'x-1'), 'x-1 amended on the stream');
    expect(first.events.find(is('orderAmended', 'x-1'))).toMatchObject({ price: 199_800, qty: 12 });
    await first.adapter.disconnect();

    // A connector started afterwards (the terminal restarted) hears of the order first through an amendment.
    const second = s.trader(s.alice, 'my-perp');
    await second.adapter.connect();
    expect((await amendElsewhere('19970.0', '0.015')).status).toBe(200);
    await said(second.events, is('orderAmended', 'x-1'), 'x-1 amended, heard by the new connector');
    expect(second.about('x-1')).toEqual(['orderAccepted', 'orderAmended']);
    expect(second.events.find(is('orderAmended', 'x-1'))).toMatchObject({ price: 199_700, qty: 15 });
  });
});

describe('Binance USD-M account as a VenueAdapter: fills from the user stream', () => {
  it('a crossing order from another account fills ours, and each fill is said once even when the venue sends the reports twice', async () => {
    const s = await usdmSetup();
    const alice = s.trader(s.alice, 'alice-perp');
    const bob = s.trader(s.bob, 'bob-perp');
    await alice.adapter.connect();
    await bob.adapter.connect();
    // Only alice's order on the ask side, so bob's buy meets it.
    s.venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20000.10', '0');
    s.venue.exchange.setLiquidity('BTCUSDT', 'SELL', '20000.20', '0');
    alice.adapter.submit(limit('m-1', 'sell', 200_001, 10));
    await said(alice.events, is('orderAccepted', 'm-1'), 'm-1 accepted');
    // Bob's NEW and alice's TRADE each come twice; bob's TRADE once.
    s.venue.faults.duplicateNextOrderEvent();
    s.venue.faults.duplicateNextOrderEvent();
    bob.adapter.submit(limit('t-1', 'buy', 200_001, 10));
    await said(alice.events, is('orderFilled', 'm-1'), 'm-1 filled');
    await said(bob.events, is('orderFilled', 't-1'), 't-1 filled');
    await streamCaughtUp(s, alice, 'mk-a');
    await streamCaughtUp(s, bob, 'mk-b');

    expect(alice.about('m-1')).toEqual(['orderAccepted', 'orderFilled']);
    expect(bob.about('t-1')).toEqual(['orderAccepted', 'orderFilled']);
    // Commission in USDT, the quote: 0.02 % of 200.001 = 0.0400002 USDT = 400 quote units of 10^-4 (rounded); taker 0.05 %: 1000.
    expect(alice.events.find(is('orderFilled', 'm-1'))).toEqual({ type: 'orderFilled', venue: 'alice-perp', clientOrderId: 'm-1', fillId: 'BTCUSDT-1', ts: START_MS, price: 200_001, qty: 10, liquidity: 'maker', fee: 400 });
    expect(bob.events.find(is('orderFilled', 't-1'))).toMatchObject({ fillId: 'BTCUSDT-1', price: 200_001, qty: 10, liquidity: 'taker', fee: 1000 });
    // The account's changes: the wallet less the commission, and the new short position.
    expect(alice.events.filter((e) => e.type === 'balances' && !e.complete).at(-1)).toMatchObject({ balances: [{ asset: 'USDT', free: '9999.95999980', locked: '0' }] });
    expect(alice.events.filter((e) => e.type === 'venuePositions' && !e.complete).at(-1)).toMatchObject({ positions: [{ symbol: BTC, qty: -10, entryPrice: 200_001 }] });
    // The trade history says the same fill, under our clientOrderId.
    expect(await alice.adapter.fillsSince(START_MS)).toEqual([{ fillId: 'BTCUSDT-1', clientOrderId: 'm-1', symbol: BTC, side: 'sell', price: 200_001, qty: 10, liquidity: 'maker', fee: 400, ts: START_MS }]);

    // Now short: a reduce-only buy reduces, so the venue takes it.
    alice.adapter.submit(limit('r-1', 'buy', 199_000, 10, { reduceOnly: true }));
    await said(alice.events, is('orderAccepted', 'r-1'), 'r-1 accepted');
  });

  it('an IOC remainder and a market order\'s unfilled rest end as orderExpired with why, after their fills', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    t.adapter.submit(limit('i-1', 'buy', 199_900, 10, { tif: 'IOC' }));
    // The book offers 1.2 at 20000.10 and 3.0 at 20000.20: a market buy of 5 takes both and the rest expires.
    t.adapter.submit(market('mx-1', 'buy', 5000));
    await said(t.events, is('orderExpired', 'i-1'), 'i-1 expired');
    await said(t.events, is('orderExpired', 'mx-1'), 'mx-1 expired');
    await streamCaughtUp(s, t, 'mk-1');
    expect(t.about('i-1')).toEqual(['orderAccepted', 'orderExpired']);
    expect(t.events.find(is('orderExpired', 'i-1'))).toMatchObject({ reason: 'the unfilled rest expired (IOC)' });
    expect(t.about('mx-1')).toEqual(['orderAccepted', 'orderFilled', 'orderFilled', 'orderExpired']);
    expect(t.events.filter(is('orderFilled', 'mx-1')).map((e) => ('qty' in e ? [e.price, e.qty] : []))).toEqual([[200_001, 1200], [200_002, 3000]]);
    expect(t.events.find(is('orderExpired', 'mx-1'))).toMatchObject({ reason: 'the unfilled rest of the market order expired (not enough in the book)' });
  });

  it('a fill overtaken by its order\'s end is said before the end, and nothing is said twice', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    s.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20000.00', '0');
    s.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19999.90', '0');
    t.adapter.submit(limit('p-1', 'buy', 199_900, 20));
    await said(t.events, is('orderAccepted', 'p-1'), 'p-1 accepted');
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.005');
    await said(t.events, is('orderFilled', 'p-1'), 'first fill');
    // The second execution's report is held back until after the next one: the cancel's.
    s.venue.faults.swapNextOrderEvents();
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.005');
    t.adapter.cancel(BTC, 'p-1');
    await said(t.events, is('orderCanceled', 'p-1'), 'p-1 canceled');
    await streamCaughtUp(s, t, 'mk-1');
    expect(t.about('p-1')).toEqual(['orderAccepted', 'orderFilled', 'orderFilled', 'orderCanceled']);
    expect(t.events.filter(is('orderFilled', 'p-1')).map((e) => ('fillId' in e ? [e.fillId, e.qty] : []))).toEqual([['BTCUSDT-1', 5], ['BTCUSDT-2', 5]]);
  });
});

describe('Binance USD-M account as a VenueAdapter: the user data stream kept alive', () => {
  /** Alice's order resting at 19990.0 with nothing else bid, for an anonymous seller to fill at will. */
  async function resting(t: ReturnType<Awaited<ReturnType<typeof usdmSetup>>['trader']>, s: Awaited<ReturnType<typeof usdmSetup>>, id: string) {
    s.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '20000.00', '0');
    s.venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19999.90', '0');
    t.adapter.submit(limit(id, 'buy', 199_900, 10));
    await said(t.events, is('orderAccepted', id), `${id} accepted`);
  }
  const connections = (events: VenueEvent[]) => events.filter((e) => e.type === 'connection').map((e) => ('state' in e ? e.state : ''));

  it('keeps the listen key alive on the clock: past its 60 minutes the stream still brings fills', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    await resting(t, s, 'k-1');
    for (let keepalive = 1; keepalive <= 2; keepalive++) {
      s.clock.advance(30 * 60_000);
      // The keepalive's answer carries the weight header: read at the clock's new time once it came.
      await waitFor(() => t.adapter.rateLimitUse().updatedAt === s.clock.now(), `keepalive ${keepalive} answered`);
    }
    s.clock.advance(10 * 60_000); // 70 minutes after the key was made: without the keepalives it would be gone
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.010');
    await said(t.events, is('orderFilled', 'k-1'), 'fill after 70 minutes');
    expect(connections(t.events)).toEqual(['connecting', 'connected']);
  });

  it('replaces an expired listen key: disconnected, then a new key and connected, and fills flow again', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    await resting(t, s, 'e-1');
    const old = (await s.aliceClient.request('POST', '/fapi/v1/listenKey')).body.listenKey as string;
    expect(s.venue.faults.expireListenKey(old)).toBe(true);
    await said(t.events, (e) => e.type === 'connection' && e.state === 'disconnected', 'disconnected');
    expect(t.events.find((e) => e.type === 'connection' && e.state === 'disconnected')).toEqual({ type: 'connection', venue: 'my-perp', state: 'disconnected', reason: 'the listen key expired (listenKeyExpired)' });
    s.clock.advance(1000); // the jittered backoff: 375 ms for the first attempt at random 0.5
    await waitFor(() => connections(t.events).length === 4, 'connected again');
    expect(connections(t.events)).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
    const renewed = (await s.aliceClient.request('POST', '/fapi/v1/listenKey')).body.listenKey as string;
    expect(renewed).not.toBe(old);
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.010');
    await said(t.events, is('orderFilled', 'e-1'), 'fill on the new stream');
  });

  it('reconnects a dropped stream with backoff; what filled meanwhile is in the trade history for reconciliation', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    await resting(t, s, 'd-1');
    s.venue.faults.dropAllSockets();
    await said(t.events, (e) => e.type === 'connection' && e.state === 'disconnected', 'disconnected');
    // Filled while nobody listened: no report reaches the connector.
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '0.010');
    s.clock.advance(1000);
    await waitFor(() => connections(t.events).at(-1) === 'connected' && connections(t.events).length === 4, 'connected again');
    expect(t.about('d-1')).toEqual(['orderAccepted']);
    expect(await t.adapter.fillsSince(START_MS)).toMatchObject([{ clientOrderId: 'd-1', fillId: 'BTCUSDT-1', price: 199_900, qty: 10, liquidity: 'maker' }]);
    expect(await t.adapter.queryOrder(BTC, 'd-1')).toMatchObject({ status: 'filled', filledQty: 10 });
  });
});

describe('Binance USD-M account as a VenueAdapter: limits and lost answers', () => {
  it('backs off on a 429 for its Retry-After on the clock, sending nothing meanwhile, and reads the weight and order-count headers', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    s.venue.faults.rejectNextRequests(1, 429);
    t.adapter.submit(limit('l-1', 'buy', 199_900, 10));
    await t.adapter.idle();
    // Sent only once the 429 is known (a request already on its way would reach the venue during its back-off, which bans).
    t.adapter.submit(limit('l-2', 'buy', 199_900, 10));
    await t.adapter.idle();
    const reasons = t.events.filter((e) => e.type === 'orderRejected').map((e) => ('reason' in e ? e.reason : ''));
    expect(reasons).toEqual([
      expect.stringMatching(/^Binance rate limit hit \(HTTP 429 -1003 Too many requests.*\): waiting 20 s \(Retry-After\) before sending again$/),
      "not sent: waiting out Binance's 429 for 20 s more",
    ]);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
    s.clock.advance(20_000);
    t.adapter.submit(limit('l-3', 'buy', 199_900, 10));
    await said(t.events, is('orderAccepted', 'l-3'), 'l-3 accepted after the back-off');
    expect(t.adapter.rateLimitUse()).toMatchObject({ usedWeight1m: 0, orderCount10s: 1, orderCount1m: 1 });
  });

  it('learns the venue\'s clock again from /fapi/v1/time when it answers -1021, and the order goes through once', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    s.venue.faults.shiftClock(10_000); // beyond the 5 s recvWindow
    t.adapter.submit(limit('c-1', 'buy', 199_900, 10));
    await said(t.events, is('orderAccepted', 'c-1'), 'c-1 accepted');
    expect(s.logger.lines.some((l) => JSON.stringify(l).includes('Binance refused our timestamp'))).toBe(true);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT').map((o) => o.clientOrderId)).toEqual(['c-1']);
  });

  it('stops sending on a 418 and says why, on the order and on the account', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    s.venue.faults.rejectNextRequests(1, 418);
    t.adapter.submit(limit('b-1', 'buy', 199_900, 10));
    await t.adapter.idle();
    const ban = expect.stringMatching(/^Binance banned this IP: HTTP 418 -1003 Way too many requests.*Nothing more is sent\.$/);
    expect(t.events.slice(-2)).toEqual([
      { type: 'connection', venue: 'my-perp', state: 'disconnected', reason: ban },
      { type: 'orderRejected', venue: 'my-perp', clientOrderId: 'b-1', reason: ban, ts: START_MS },
    ]);
    t.adapter.submit(limit('b-2', 'buy', 199_900, 10));
    t.adapter.cancel(BTC, 'b-2');
    await t.adapter.idle();
    expect(t.events.slice(-2)).toMatchObject([
      { type: 'orderRejected', clientOrderId: 'b-2', reason: ban },
      { type: 'cancelRejected', clientOrderId: 'b-2', reason: ban },
    ]);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
  });

  it('asks for an order whose acknowledgement was lost, never sends it again, and says it once', async () => {
    const s = await usdmSetup();
    const t = s.trader(s.alice, 'my-perp');
    await t.adapter.connect();
    s.venue.faults.swallowNextAck('order');
    t.adapter.submit(limit('la-1', 'buy', 199_900, 10));
    s.venue.faults.swallowNextAck('order');
    t.adapter.submit(market('lm-1', 'buy', 10));
    await t.adapter.idle();
    await streamCaughtUp(s, t, 'mk-1');
    expect(t.about('la-1')).toEqual(['orderAccepted']);
    expect(t.about('lm-1')).toEqual(['orderAccepted', 'orderFilled']);
    expect(t.events.find(is('orderFilled', 'lm-1'))).toMatchObject({ price: 200_001, qty: 10, liquidity: 'taker' });
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT').map((o) => o.clientOrderId)).toEqual(['la-1', 'lm-1', 'mk-1']);
    expect(s.logger.lines.some((l) => JSON.stringify(l).includes('order answer never came'))).toBe(true);
  });
});
