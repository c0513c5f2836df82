import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../core';
import type { Instrument } from '../../instruments';
import type { VenueOrderRequest } from '../types';
import { spotSetup, until, type Credentials, type SpotSetup } from './binanceClient.fixture';
import { BinanceSpotAdapter } from './binanceSpotAdapter';
import { BinanceSpotOrders, SPOT_PRICE_AMEND_REFUSED } from './spotOrders';

const USDT = 10_000_000;
const BTC_USDT: Instrument = { venue: 'binance-test', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 5 * USDT };

const limit = (clientOrderId: string, side: 'buy' | 'sell', price: number, qty: number): VenueOrderRequest => ({
  clientOrderId, symbol: 'BTC-USDT', side, type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price, qty,
});
const of = <T extends VenueEvent['type']>(events: VenueEvent[], type: T) => events.filter((e): e is Extract<VenueEvent, { type: T }> => e.type === type);
const venueOrder = (s: SpotSetup, clientOrderId: string) => s.venue.exchange.allOrders('alice', 'BTCUSDT').find((o) => o.clientOrderId === clientOrderId);

function trader(s: SpotSetup, who: Credentials, timeoutMs?: number) {
  const events: VenueEvent[] = [];
  const trading = new BinanceSpotOrders({ venue: 'binance-test', rest: s.client(who, timeoutMs), clock: s.clock, logger: s.logger, instruments: [BTC_USDT], emit: (e) => events.push(e) });
  return { trading, events };
}

function adapter(s: SpotSetup, who: Credentials) {
  const account = { name: 'my-binance', apiKey: who.apiKey, secret: who.secret, restUrl: s.venue.restUrl, wsApiUrl: `${s.venue.wsUrl}/ws-api/v3` };
  const venue = new BinanceSpotAdapter({ account, clock: s.clock, logger: s.logger, symbols: ['BTCUSDT'] });
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return { venue, events };
}

describe('Binance spot amend (Order Amend Keep Priority)', () => {
  it('lowers a working order\'s quantity in place, keeping its id and its place; the answer and the stream\'s REPLACED report say it once', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    venue.submit(limit('keep-1', 'buy', 2_000_000, 50_000)); // 0.5 BTC at 20000.00, behind the level's 1.5 anonymous
    await until(() => of(events, 'orderAccepted').length === 1, 'the order accepted');
    const bob = s.client(s.bob);
    await bob.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '20000.00', quantity: '0.3', newClientOrderId: 'bob-1' });

    venue.amend('BTC-USDT', 'keep-1', { qty: 20_000 });
    // The answer and the stream's REPLACED report both tell it: the second is dropped as a repeat.
    await until(() => of(events, 'orderAmended').length === 1 && s.logger.lines.some((l) => l.message === 'amendment already reported: repeat dropped'), 'the amendment, told twice');
    await until(() => of(events, 'balances').some((b) => !b.complete && b.balances.some((x) => x.asset === 'USDT' && x.locked === '4000.00000000')), 'the lock lowered to 0.2 BTC at 20000');
    expect(of(events, 'orderAmended')).toEqual([{ type: 'orderAmended', venue: 'my-binance', clientOrderId: 'keep-1', ts: s.clock.now(), qty: 20_000, price: 2_000_000 }]);
    expect(venueOrder(s, 'keep-1')).toMatchObject({ orderId: 1, origQty: 20_000_000n, leaves: 20_000_000n, amends: 1 });

    // Still ahead of Bob: a seller of 1.7 takes the anonymous 1.5 and our 0.2, none of Bob's 0.3.
    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '1.7');
    await until(() => of(events, 'orderFilled').length === 1, 'the fill');
    expect(of(events, 'orderFilled')[0]).toMatchObject({ clientOrderId: 'keep-1', qty: 20_000, price: 2_000_000, liquidity: 'maker' });
    expect(await bob.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'bob-1' })).toMatchObject({ ok: true, body: { status: 'NEW', executedQty: '0.00000000' } });
    expect(of(events, 'orderAmended')).toHaveLength(1);
    await venue.disconnect();
  });

  it('refuses a price change without sending an amend, and lets a quantity change that repeats the price through', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('px-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    trading.amend('BTC-USDT', 'px-1', { price: 1_900_100 });
    trading.amend('BTC-USDT', 'px-1', { price: 1_900_100, qty: 500 });
    trading.amend('BTC-USDT', 'px-1', { stopPrice: 1_800_000, qty: 500 });
    await trading.idle();
    // Sent together, answered in any order: two price changes and a stop price, each refused.
    expect(of(events, 'amendRejected').map((e) => e.reason).sort()).toEqual([SPOT_PRICE_AMEND_REFUSED, SPOT_PRICE_AMEND_REFUSED, 'this connector places no stop orders on Binance spot: there is no stop price to change'].sort());
    expect(venueOrder(s, 'px-1')).toMatchObject({ price: 1_900_000_000_000n, origQty: 1_000_000n, amends: 0 });

    trading.amend('BTC-USDT', 'px-1', { price: 1_900_000, qty: 600 });
    await trading.idle();
    expect(of(events, 'orderAmended')).toEqual([{ type: 'orderAmended', venue: 'binance-test', clientOrderId: 'px-1', ts: s.clock.now(), qty: 600, price: 1_900_000 }]);
    expect(venueOrder(s, 'px-1')).toMatchObject({ origQty: 600_000n, amends: 1 });
  });

  it('says why Binance refused, in its own words, and the order stays as it was', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('no-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    for (const [id, qty] of [['no-1', 2000], ['no-1', 1000], ['no-1', 20], ['gone-1', 500]] as const) {
      trading.amend('BTC-USDT', id, { qty });
      await trading.idle();
    }
    expect(of(events, 'amendRejected').map((e) => [e.clientOrderId, e.reason])).toEqual([
      ['no-1', 'Order amend (quantity increase) is not supported.'],
      ['no-1', 'Order amend (quantity increase) is not supported.'],
      ['no-1', 'Filter failure: NOTIONAL'],
      ['gone-1', 'Order does not exist.'],
    ]);
    expect(venueOrder(s, 'no-1')).toMatchObject({ origQty: 1_000_000n, amends: 0 });
  });

  it('never resends an amend whose answer was lost: asks Binance, and reports the amendment it finds', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('lost-1', 'sell', 2_100_000, 1000));
    await trading.idle();
    s.venue.faults.swallowNextAck('amend');
    trading.amend('BTC-USDT', 'lost-1', { qty: 400 });
    await trading.idle();
    expect(events.slice(1)).toEqual([{ type: 'orderAmended', venue: 'binance-test', clientOrderId: 'lost-1', ts: expect.any(Number), qty: 400, price: 2_100_000 }]);
    expect(venueOrder(s, 'lost-1')).toMatchObject({ origQty: 400_000n, amends: 1 });
    expect(s.logger.lines.map((l) => l.message)).toEqual(expect.arrayContaining(['amend answer never came: asking Binance for the order instead of sending it again', 'order with a lost amend answer found amended at Binance']));
  });

  it('waits for an answer that hangs until the timeout, then asks, and says the amendment once even when the answer arrives after all', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice, 5000);
    trading.submit(limit('slow-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    s.venue.faults.holdNextAck('amend');
    trading.amend('BTC-USDT', 'slow-1', { qty: 700 });
    while (s.venue.faults.heldAcks === 0) await new Promise((r) => setImmediate(r));
    expect(events.slice(1)).toEqual([]);
    s.clock.advance(5000);
    await trading.idle();
    s.venue.faults.releaseHeldAcks();
    await trading.idle();
    expect(of(events, 'orderAmended')).toEqual([expect.objectContaining({ clientOrderId: 'slow-1', qty: 700 })]);
  });

  it('reports an amend whose answer was lost as refused only once recvWindow has passed with the order at its former quantity', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('inc-1', 'buy', 1_900_000, 1000));
    await trading.idle();
    // Binance refuses the increase, but its answer is lost: the order is found at its former quantity.
    s.venue.faults.swallowNextAck('amend');
    trading.amend('BTC-USDT', 'inc-1', { qty: 1500 });
    const sentBy = s.clock.now();
    await until(() => s.logger.lines.some((l) => /amend answer never came/.test(l.message ?? '')), 'the lost answer');
    await until(() => of(events, 'amendRejected').length === 1, 'the refusal', { clock: s.clock, advanceMs: 500, maxPolls: 100 });
    await trading.idle();
    const refused = of(events, 'amendRejected')[0]!;
    expect(refused.reason).toMatch(/^the amend's answer was lost and \d+ ms later \(beyond recvWindow 5000 ms\) Binance still has the order at its former quantity: the amend did not take effect$/);
    expect(refused.ts - sentBy).toBeGreaterThanOrEqual(6000);
    expect(of(events, 'orderAmended')).toEqual([]);
  });

  it('reports the fills and end of an order that filled before an amend whose answer was lost, and the amend refused', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    trading.submit(limit('fill-1', 'sell', 2_000_050, 10_000)); // the best ask
    await trading.idle();
    s.venue.exchange.takeLiquidity('BTCUSDT', 'BUY', '0.1'); // someone buys it all
    s.venue.faults.swallowNextAck('amend');
    trading.amend('BTC-USDT', 'fill-1', { qty: 5000 }); // too late: -2013, and the answer is lost
    await trading.idle();
    expect(events.map((e) => e.type)).toEqual(['orderAccepted', 'orderFilled', 'amendRejected']);
    expect(events[1]).toMatchObject({ clientOrderId: 'fill-1', qty: 10_000, liquidity: 'maker' });
    expect(events[2]).toMatchObject({ clientOrderId: 'fill-1', reason: 'the amend\'s answer was lost and Binance has the order FILLED at its former quantity: the amend did not take effect' });
  });

  it('says an amend whose answer was lost is refused when Binance has no such order', async () => {
    const s = await spotSetup();
    const { trading, events } = trader(s, s.alice);
    s.venue.faults.swallowNextAck('amend');
    trading.amend('BTC-USDT', 'never-1', { qty: 500 });
    await trading.idle();
    expect(events).toEqual([{ type: 'amendRejected', venue: 'binance-test', clientOrderId: 'never-1', reason: 'the amend\'s answer was lost and Binance says "Order does not exist."', ts: expect.any(Number) }]);
  });

  it('still tells an order\'s reports as ours when an amend made elsewhere gave it another client order id, and says so', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    venue.submit(limit('ours-1', 'buy', 2_000_000, 50_000));
    await until(() => of(events, 'orderAccepted').length === 1, 'the order accepted');
    // Someone amends it with the same key elsewhere (Binance's site, a script) without newClientOrderId.
    const elsewhere = await s.client(s.alice).signed<{ amendedOrder: { clientOrderId: string } }>('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', origClientOrderId: 'ours-1', newQty: '0.2' });
    if (!elsewhere.ok) throw new Error(elsewhere.error.reason);
    const newName = elsewhere.body.amendedOrder.clientOrderId;
    expect(newName).not.toBe('ours-1');
    await until(() => of(events, 'orderAmended').length === 1, 'the amendment heard on the stream');
    expect(of(events, 'orderAmended')[0]).toMatchObject({ clientOrderId: 'ours-1', qty: 20_000 });
    expect(s.logger.lines.some((l) => l.level === 'error' && /another client order id/.test(l.message ?? '') && (l.fields as { nowCalled?: string }).nowCalled === newName)).toBe(true);

    s.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '1.7');
    await until(() => of(events, 'orderFilled').length === 1, 'the fill');
    expect(of(events, 'orderFilled')[0]).toMatchObject({ clientOrderId: 'ours-1', qty: 20_000 });
    expect(events.filter((e) => 'clientOrderId' in e && (e as { clientOrderId: string }).clientOrderId === newName)).toEqual([]);
    await venue.disconnect();
  });
});
