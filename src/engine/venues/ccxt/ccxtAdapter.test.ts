import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock, recordingLogger, Rng, type VenueEvent } from '../../core';
import { CcxtAdapter } from './ccxtAdapter';
import { ccxtBinanceLoopback, waitUntil, type CcxtLoopback } from './testSupport';

const clocks: LiveClock[] = [];
const adapters: CcxtAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.disconnect();
  for (const c of clocks.splice(0)) c.clearAll();
});

// ccxt signs with the wall clock and the loopback checks it against its own: both run live here.
function adapter(l: CcxtLoopback, extra: Partial<ConstructorParameters<typeof CcxtAdapter>[0]> = {}) {
  const clock = new LiveClock();
  clocks.push(clock);
  const logger = recordingLogger();
  const venue = new CcxtAdapter({
    account: l.account,
    clock,
    logger,
    random: () => new Rng(7).next(),
    exchangeOptions: l.exchangeOptions,
    backoff: { initialMs: 20, maxMs: 200 },
    ...extra,
  });
  adapters.push(venue);
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return { venue, events, logger };
}

const buy = { clientOrderId: 'o-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 1_900_000, qty: 1000 } as const;
const of = <T extends VenueEvent['type']>(events: VenueEvent[], type: T, clientOrderId?: string) =>
  events.filter((e): e is Extract<VenueEvent, { type: T }> => e.type === type && (clientOrderId === undefined || (e as { clientOrderId?: string }).clientOrderId === clientOrderId));

describe('ccxt account (ccxt:binance at the loopback Binance spot venue) as a VenueAdapter', () => {
  it('connects: markets become instruments with integer ticks and lots, and the balances are reported complete', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    expect(events.slice(0, 2)).toEqual([
      { type: 'connection', venue: 'my-ccxt', state: 'connecting' },
      { type: 'connection', venue: 'my-ccxt', state: 'connected' },
    ]);
    expect(venue.instruments()).toEqual([
      { venue: 'my-ccxt', symbol: 'BTC-USDT', venueSymbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 50_000_000 },
      { venue: 'my-ccxt', symbol: 'ETH-USDT', venueSymbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 5_000_000 },
    ]);
    expect(venue.fees).toEqual({ makerBps: 10, takerBps: 10 });
    expect(of(events, 'balances')).toEqual([
      { type: 'balances', venue: 'my-ccxt', ts: expect.any(Number), complete: true, balances: [{ asset: 'BTC', free: '2', locked: '0' }, { asset: 'USDT', free: '100000', locked: '0' }] },
    ]);
  });

  it('loads only the symbols asked for, and says which one the venue does not list', async () => {
    const l = await ccxtBinanceLoopback();
    const some = adapter(l, { symbols: ['ETH/USDT'] });
    await some.venue.connect();
    expect(some.venue.instruments().map((i) => i.symbol)).toEqual(['ETH-USDT']);
    const wrong = adapter(l, { symbols: ['DOGE/USDT'] });
    await wrong.venue.connect();
    expect(wrong.events.at(-1)).toEqual({ type: 'connection', venue: 'my-ccxt', state: 'disconnected', reason: 'markets: DOGE/USDT is not a tradable spot market at binance' });
  });

  it("stays disconnected with the venue's words when the key is refused, and the secret is in nothing it says", async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events, logger } = adapter(l, {});
    const bad = new CcxtAdapter({ account: { ...l.account, secret: 'wrong-secret-0123456789' }, clock: new LiveClock(), logger, random: () => 0.5, exchangeOptions: l.exchangeOptions });
    const badEvents: VenueEvent[] = [];
    bad.onEvent((e) => badEvents.push(e));
    await bad.connect();
    expect(badEvents.at(-1)).toEqual({ type: 'connection', venue: 'my-ccxt', state: 'disconnected', reason: 'balance: Signature for this request is not valid.' });
    bad.submit(buy);
    expect(badEvents.at(-1)).toMatchObject({ type: 'orderRejected', reason: 'my-ccxt is not connected' });
    await venue.connect();
    const said = JSON.stringify([events, badEvents, logger.lines]);
    expect(said).not.toContain('wrong-secret-0123456789');
    expect(said).not.toContain(l.account.secret);
  });

  it('places a limit order under our clientOrderId, finds it open, and cancels it: each reported once', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    venue.submit(buy);
    await waitUntil(() => of(events, 'orderAccepted', 'o-1').length > 0, 'order accepted');
    expect(l.venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['o-1']);
    expect(await venue.openOrders()).toEqual([expect.objectContaining({ clientOrderId: 'o-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 1_900_000, qty: 1000, filledQty: 0, status: 'open' })]);
    expect(await venue.queryOrder('BTC-USDT', 'o-1')).toMatchObject({ clientOrderId: 'o-1', status: 'open' });
    expect(await venue.queryOrder('BTC-USDT', 'never-sent')).toBeUndefined();

    venue.cancel('BTC-USDT', 'o-1');
    await waitUntil(() => of(events, 'orderCanceled', 'o-1').length > 0, 'order canceled');
    expect(l.venue.exchange.working('alice')).toEqual([]);
    expect(await venue.queryOrder('BTC-USDT', 'o-1')).toMatchObject({ clientOrderId: 'o-1', status: 'canceled' });
    // The stream's updates of the same order (new, canceled) arrive too; a later event proves they were heard.
    venue.submit({ ...buy, clientOrderId: 'o-later' });
    await waitUntil(() => of(events, 'orderAccepted', 'o-later').length > 0, 'later order accepted');
    await waitUntil(() => of(events, 'balances').some((e) => !e.complete), 'a balance update from the stream');
    expect(of(events, 'orderAccepted', 'o-1')).toHaveLength(1);
    expect(of(events, 'orderCanceled', 'o-1')).toHaveLength(1);
    expect(venue.roundTripMs()).toEqual(expect.any(Number));
    // The venue's cancel report carries a new id of its own for the cancel: it is still o-1's, not a new order.
    expect(new Set(events.flatMap((e) => ('clientOrderId' in e ? [e.clientOrderId] : [])))).toEqual(new Set(['o-1', 'o-later']));
  });

  it('connects again after a disconnect, with a fresh client and the same key', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await Promise.all([venue.connect(), venue.connect()]);
    expect(events.filter((e) => e.type === 'connection').map((e) => (e as { state: string }).state)).toEqual(['connecting', 'connected']);
    await venue.disconnect();
    await venue.connect();
    expect(events.filter((e) => e.type === 'connection').map((e) => (e as { state: string }).state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    venue.submit(buy);
    await waitUntil(() => of(events, 'orderAccepted', 'o-1').length > 0, 'order accepted after reconnecting');
  });

  it("refuses an order in the venue's own words", async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    venue.submit({ ...buy, clientOrderId: 'too-big', qty: 900_000_000 }); // 9000 BTC at 19000: far beyond the balance
    await waitUntil(() => of(events, 'orderRejected', 'too-big').length > 0, 'order rejected');
    expect(of(events, 'orderRejected', 'too-big')[0]!.reason).toBe('Account has insufficient balance for requested action.');
    venue.submit({ ...buy, clientOrderId: 'gtd', tif: 'GTD', expireAt: 1 });
    await waitUntil(() => of(events, 'orderRejected', 'gtd').length > 0, 'GTD refused');
    expect(l.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
  });

  it('hears a fill from a crossing order of another account once, even when the venue repeats the report, and finds it in the trade history', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    const userStream = l.venue.nextUserStreamReader('alice');
    venue.submit({ ...buy, clientOrderId: 'maker-1', side: 'sell', price: 2_000_050 });
    await waitUntil(() => of(events, 'orderAccepted', 'maker-1').length > 0, 'resting sell accepted');
    await userStream;
    l.venue.faults.duplicateNextOrderEvent();
    const crossed = await l.bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '20000.50', quantity: '0.01' });
    expect(crossed.status).toBe(200);
    await waitUntil(() => of(events, 'orderFilled', 'maker-1').length > 0, 'fill heard');
    await waitUntil(() => of(events, 'balances').some((e) => !e.complete && e.balances.some((b) => b.asset === 'BTC' && b.free === '1.99')), 'balance after the fill');
    const fills = of(events, 'orderFilled', 'maker-1');
    // 0.01 BTC at 20000.50; maker fee 0.1 % of 200.005 USDT = 0.200005 USDT in units of 10^-7.
    expect(fills).toEqual([{ type: 'orderFilled', venue: 'my-ccxt', clientOrderId: 'maker-1', fillId: expect.any(String), ts: expect.any(Number), price: 2_000_050, qty: 1000, liquidity: 'maker', fee: 2_000_050 }]);
    const history = await venue.fillsSince(0);
    expect(history).toEqual([{ fillId: fills[0]!.fillId, clientOrderId: 'maker-1', symbol: 'BTC-USDT', side: 'sell', price: 2_000_050, qty: 1000, liquidity: 'maker', fee: 2_000_050, ts: fills[0]!.ts }]);
    expect(await venue.queryOrder('BTC-USDT', 'maker-1')).toMatchObject({ status: 'filled', filledQty: 1000 });
  });

  it("reports an IOC order's fills once (from its answer and from the stream) and then the expiry of its rest", async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    await l.venue.nextUserStreamReader('alice');
    // 2 BTC at up to 20001.00: the 1.2 BTC offered there fills, the rest expires.
    venue.submit({ ...buy, clientOrderId: 'ioc-1', tif: 'IOC', price: 2_000_100, qty: 200_000 });
    await waitUntil(() => of(events, 'orderExpired', 'ioc-1').length > 0, 'IOC expired');
    await waitUntil(() => of(events, 'balances').some((e) => !e.complete && e.balances.some((b) => b.asset === 'BTC' && b.free !== '2')), 'balance update from the stream');
    const mine = events.filter((e) => 'clientOrderId' in e && e.clientOrderId === 'ioc-1').map((e) => e.type);
    expect(mine).toEqual(['orderAccepted', 'orderFilled', 'orderExpired']);
    expect(of(events, 'orderFilled', 'ioc-1')).toEqual([expect.objectContaining({ price: 2_000_100, qty: 120_000, liquidity: 'taker' })]);
    expect((await venue.fillsSince(0)).map((f) => [f.clientOrderId, f.qty])).toEqual([['ioc-1', 120_000]]);
  });

  it('amends where the venue can, and otherwise says why (loopback Binance spot has no cancel-replace)', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    venue.submit(buy);
    await waitUntil(() => of(events, 'orderAccepted', 'o-1').length > 0, 'order accepted');
    venue.amend('BTC-USDT', 'o-1', { qty: 500 });
    await waitUntil(() => of(events, 'amendRejected', 'o-1').length > 0, 'amend answered');
    // Binance answers an unknown path with -1000, its code for "unknown error": the amend's outcome is unknown to us.
    expect(of(events, 'amendRejected', 'o-1')[0]!.reason).toBe(
      "no answer from the venue to the amend (No such endpoint: POST /api/v3/order/cancelReplace); the order's terms are unknown until it is queried",
    );
    expect(of(events, 'orderAmended')).toEqual([]);
    expect(l.venue.exchange.working('alice').map((o) => [o.clientOrderId, o.origQty])).toEqual([['o-1', 1_000_000n]]);
  });

  it('resolves a lost createOrder answer by asking for the order by its clientOrderId, never by sending it again', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events, logger } = adapter(l);
    await venue.connect();
    l.venue.faults.swallowNextAck('order');
    venue.submit({ ...buy, clientOrderId: 'lost-1' });
    await waitUntil(() => of(events, 'orderAccepted', 'lost-1').length > 0, 'order found by query');
    expect(logger.lines.some((line) => line.message?.includes('asking the venue for the order instead of sending it again'))).toBe(true);
    expect(l.venue.exchange.allOrders('alice', 'BTCUSDT').filter((o) => o.clientOrderId === 'lost-1')).toHaveLength(1);
    expect(of(events, 'orderRejected', 'lost-1')).toEqual([]);
  });

  it('reports a dropped stream as disconnected with its reason, then connected when the sockets are back', async () => {
    const l = await ccxtBinanceLoopback();
    const { venue, events } = adapter(l);
    await venue.connect();
    await l.venue.nextUserStreamReader('alice');
    const before = events.length;
    l.venue.faults.dropAllSockets();
    await waitUntil(() => events.slice(before).some((e) => e.type === 'connection' && e.state === 'connected'), 'connected again');
    const connection = events.slice(before).filter((e) => e.type === 'connection');
    expect(connection[0]).toMatchObject({ type: 'connection', state: 'disconnected', reason: expect.stringMatching(/^watch\w+: .+/) });
    expect(connection.map((e) => (e as { state: string }).state)).toEqual(['disconnected', 'connected']);
    // After the reconnect the account is read again in full, and orders still work.
    await waitUntil(() => of(events.slice(before), 'balances').some((e) => e.complete), 'balances re-read');
    venue.submit(buy);
    await waitUntil(() => of(events, 'orderAccepted', 'o-1').length > 0, 'order accepted after the reconnect');
  });
});
