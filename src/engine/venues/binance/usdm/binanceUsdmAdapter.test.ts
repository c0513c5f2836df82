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
