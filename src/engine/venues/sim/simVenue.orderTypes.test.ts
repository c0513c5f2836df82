import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { REDUCE_ONLY_REDUCED, REDUCE_ONLY_WOULD_INCREASE, STOP_ALREADY_REACHED } from './orderRules';
import { advanceUntil, BTC, filledQty, forOrder, harness, ofType, req, settle, T0 } from './testSupport';
import { endOfDayUtc, EXPIRY_REASON } from './timeInForce';

const types = (events: ReturnType<typeof harness>['events'], id: string): string[] => forOrder(events, id).map((e) => e.type);

describe('SimVenue time in force', () => {
  it('expires what a market order cannot fill when it exhausts the book', async () => {
    const h = harness();
    await h.venue.connect();
    const all = h.venue.book('SOL-USDT')!.asks.reduce((s, [, q]) => s + q, 0);
    h.venue.submit(req({ clientOrderId: 'm', symbol: 'SOL-USDT', type: 'market', tif: 'IOC', qty: all + 7 }));
    await settle();
    expect(filledQty(h.events, 'm')).toBe(all);
    expect(ofType(forOrder(h.events, 'm'), 'orderExpired')).toEqual([
      { type: 'orderExpired', venue: 'SIM', clientOrderId: 'm', ts: T0, reason: EXPIRY_REASON.market },
    ]);
    expect(types(h.events, 'm').at(-1)).toBe('orderExpired');
    expect(await h.venue.queryOrder('SOL-USDT', 'm')).toMatchObject({ status: 'expired', filledQty: all, reason: 'market order remainder: no more liquidity' });
  });

  it('fills a FOK order entirely when exactly enough is offered, and trades nothing when one lot short', async () => {
    const h = harness();
    await h.venue.connect();
    const asks = h.venue.book(BTC)!.asks;
    const enough = asks[0]![1] + asks[1]![1];
    const limit = asks[1]![0];

    h.venue.submit(req({ clientOrderId: 'short', tif: 'FOK', price: limit, qty: enough + 1 }));
    await settle();
    expect(types(h.events, 'short')).toEqual(['orderAccepted', 'orderExpired']);
    expect(ofType(forOrder(h.events, 'short'), 'orderExpired')[0]!.reason).toBe('FOK: not enough liquidity to fill entirely');
    expect(h.venue.book(BTC)!.asks.slice(0, 2)).toEqual(asks.slice(0, 2));
    expect(ofType(h.events, 'trade')).toEqual([]);

    h.venue.submit(req({ clientOrderId: 'exact', tif: 'FOK', price: limit, qty: enough }));
    await settle();
    expect(filledQty(h.events, 'exact')).toBe(enough);
    expect(types(h.events, 'exact').filter((t) => t !== 'orderFilled')).toEqual(['orderAccepted']);
    expect(h.venue.book(BTC)!.asks[0]).toEqual(asks[2]);
    expect(await h.venue.queryOrder(BTC, 'exact')).toMatchObject({ status: 'filled', filledQty: enough });
  });

  it('ends a GTD order exactly at its expiry time, not a millisecond before', async () => {
    const h = harness();
    await h.venue.connect();
    const deep = h.venue.book(BTC)!.bids[0]![0] - 400;
    const expireAt = T0 + 1_234;
    h.venue.submit(req({ clientOrderId: 'late', tif: 'GTD', price: deep, expireAt: T0 }));
    h.venue.submit(req({ clientOrderId: 'none', tif: 'GTD', price: deep }));
    h.venue.submit(req({ clientOrderId: 'gtc-exp', price: deep, expireAt }));
    h.venue.submit(req({ clientOrderId: 'gtd', tif: 'GTD', price: deep, qty: 40, expireAt }));
    await settle();
    const reason = (id: string): string | undefined => ofType(forOrder(h.events, id), 'orderRejected')[0]?.reason;
    expect(reason('late')).toBe('the expiry time of a GTD order must be in the future');
    expect(reason('none')).toBe('a GTD order needs an expiry time');
    expect(reason('gtc-exp')).toBe('an expiry time is only for GTD orders');

    h.clock.advance(expireAt - 1 - T0);
    await settle();
    expect(await h.venue.queryOrder(BTC, 'gtd')).toMatchObject({ status: 'open', tif: 'GTD' });
    // No market step falls on expireAt (steps are every 50 ms), so only the expiry moves the level.
    const level = h.venue.book(BTC)!.bids.find(([p]) => p === deep)![1];
    h.clock.advance(1);
    await settle();
    expect(ofType(forOrder(h.events, 'gtd'), 'orderExpired')).toEqual([
      { type: 'orderExpired', venue: 'SIM', clientOrderId: 'gtd', ts: expireAt, reason: 'GTD expiry' },
    ]);
    expect(await h.venue.queryOrder(BTC, 'gtd')).toMatchObject({ status: 'expired', reason: 'GTD expiry', updatedAt: expireAt });
    expect(await h.venue.openOrders()).toEqual([]);
    expect(ofType(h.events, 'bookDelta').at(-1)!.changes).toContainEqual({ side: 'buy', price: deep, qty: level - 40 });
    h.venue.cancel(BTC, 'gtd');
    await settle();
    expect(ofType(h.events, 'cancelRejected').at(-1)).toMatchObject({ clientOrderId: 'gtd', reason: 'already closed' });
  });

  it('ends DAY orders at the next 00:00 UTC; GTC orders go on', async () => {
    const midnight = Date.UTC(2023, 10, 15);
    expect(endOfDayUtc(midnight - 1)).toBe(midnight);
    expect(endOfDayUtc(midnight)).toBe(midnight + 86_400_000);
    const h = harness({}, new SimulatedClock(midnight - 2_000));
    await h.venue.connect();
    const deep = h.venue.book(BTC)!.bids[0]![0] - 400;
    h.venue.submit(req({ clientOrderId: 'day', tif: 'DAY', price: deep, qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'gtc', price: deep, qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'mkt-day', type: 'market', tif: 'DAY', qty: 30 }));
    await settle();
    expect(ofType(forOrder(h.events, 'mkt-day'), 'orderRejected')[0]!.reason).toBe('a market order cannot be DAY: it never rests');

    h.clock.advance(1_999);
    await settle();
    expect((await h.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['day', 'gtc']);
    h.clock.advance(1);
    await settle();
    expect(ofType(forOrder(h.events, 'day'), 'orderExpired')).toEqual([
      { type: 'orderExpired', venue: 'SIM', clientOrderId: 'day', ts: midnight, reason: 'end of day (00:00 UTC)' },
    ]);
    expect((await h.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['gtc']);
    // One accepted right after midnight lives until the next one.
    h.venue.submit(req({ clientOrderId: 'day2', tif: 'DAY', price: deep, qty: 30 }));
    h.clock.advance(5_000);
    await settle();
    expect(await h.venue.queryOrder(BTC, 'day2')).toMatchObject({ status: 'open' });
  });

  it('refuses terms that do not fit the order type, with a reason', async () => {
    const h = harness();
    await h.venue.connect();
    const bid = h.venue.book(BTC)!.bids[0]![0];
    const cases: [string, Parameters<typeof req>[0], string][] = [
      ['a', { clientOrderId: 'a', type: 'market', tif: 'IOC', price: bid }, 'a market order takes no limit price'],
      ['b', { clientOrderId: 'b', price: bid, stopPrice: bid }, 'only stop orders take a stop price'],
      ['c', { clientOrderId: 'c', type: 'stop_market', tif: 'GTC' }, 'a stop-market order needs a stop price'],
      ['d', { clientOrderId: 'd', type: 'stop_limit', tif: 'GTC', stopPrice: bid - 5 }, 'a stop-limit order needs a price'],
      ['e', { clientOrderId: 'e', type: 'stop_market', tif: 'GTC', stopPrice: bid - 5, postOnly: true }, 'a stop-market order cannot be post-only'],
      ['f', { clientOrderId: 'f', price: bid - 5, tif: 'IOC', postOnly: true }, 'a post-only order must be able to rest: use GTC, GTD or DAY'],
      ['g', { clientOrderId: 'g', type: 'stop_market', tif: 'GTC', stopPrice: 1.5 }, 'stop price must be a positive whole number of ticks'],
      ['h', { clientOrderId: 'h', price: bid - 5, tif: 'NEVER' as never }, 'unknown time in force NEVER'],
    ];
    for (const [, r] of cases) h.venue.submit(req(r));
    await settle();
    for (const [id, , reason] of cases) {
      expect(ofType(forOrder(h.events, id), 'orderRejected')).toEqual([{ type: 'orderRejected', venue: 'SIM', clientOrderId: id, reason, ts: T0 }]);
      expect(await h.venue.queryOrder(BTC, id)).toMatchObject({ status: 'rejected', reason, venueOrderId: '' });
    }
    expect(ofType(h.events, 'orderAccepted')).toEqual([]);
    expect(await h.venue.queryOrder(BTC, 'never-sent')).toBeUndefined();
    expect(await h.venue.queryOrder('ETH-USDT', 'a')).toBeUndefined();
  });
});

describe('SimVenue stop orders', () => {
  it('holds a stop outside the book, untriggered, and refuses one whose price is already reached', async () => {
    const h = harness();
    await h.venue.connect();
    const before = h.venue.book(BTC)!;
    const [ask] = before.asks[0]!;
    const [bid] = before.bids[0]!;
    h.venue.submit(req({ clientOrderId: 'reached-buy', type: 'stop_market', tif: 'GTC', stopPrice: ask, qty: 20 }));
    h.venue.submit(req({ clientOrderId: 'reached-sell', side: 'sell', type: 'stop_market', tif: 'GTC', stopPrice: bid, qty: 20 }));
    h.venue.submit(req({ clientOrderId: 'held', type: 'stop_limit', tif: 'GTC', stopPrice: ask + 50, price: ask + 60, qty: 20 }));
    await settle();
    expect(ofType(h.events, 'orderRejected').map((e) => [e.clientOrderId, e.reason])).toEqual([
      ['reached-buy', STOP_ALREADY_REACHED],
      ['reached-sell', STOP_ALREADY_REACHED],
    ]);
    expect(types(h.events, 'held')).toEqual(['orderAccepted']);
    expect(h.venue.book(BTC)).toEqual(before);
    expect(ofType(h.events, 'bookDelta')).toEqual([]);
    expect(await h.venue.openOrders()).toEqual([
      expect.objectContaining({ clientOrderId: 'held', type: 'stop_limit', status: 'untriggered', triggered: false, stopPrice: ask + 50, price: ask + 60 }),
    ]);
    h.venue.cancel(BTC, 'held');
    await settle();
    expect(types(h.events, 'held')).toEqual(['orderAccepted', 'orderCanceled']);
    expect(await h.venue.queryOrder(BTC, 'held')).toMatchObject({ status: 'canceled', triggered: false });
  });

  it('triggers a buy stop-market when the best ask reaches its stop price, then fills it as a market order', async () => {
    const h = harness();
    await h.venue.connect();
    const asks = h.venue.book(BTC)!.asks;
    const stopPrice = asks[0]![0] + 1;
    expect(asks[1]![0]).toBeGreaterThanOrEqual(stopPrice);
    h.venue.submit(req({ clientOrderId: 'stop', type: 'stop_market', tif: 'GTC', stopPrice, qty: 10 }));
    // Taking out the best ask moves the touch to asks[1] >= stopPrice.
    h.venue.submit(req({ clientOrderId: 'lift', type: 'market', tif: 'IOC', qty: asks[0]![1] }));
    await settle();
    const stop = forOrder(h.events, 'stop');
    expect(stop.map((e) => e.type)).toEqual(['orderAccepted', 'orderTriggered', ...ofType(stop, 'orderFilled').map(() => 'orderFilled')]);
    // Triggered after the order that moved the book.
    const triggerAt = h.events.findIndex((e) => e.type === 'orderTriggered');
    expect(h.events.findIndex((e) => e.type === 'orderFilled' && e.clientOrderId === 'lift')).toBeLessThan(triggerAt);
    const fills = ofType(stop, 'orderFilled');
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(10);
    expect(fills.every((f) => f.liquidity === 'taker' && f.price >= stopPrice)).toBe(true);
    expect(await h.venue.queryOrder(BTC, 'stop')).toMatchObject({ status: 'filled', triggered: true, filledQty: 10 });
  });

  it('triggers a sell stop-limit on the best bid and rests it when its limit does not cross', async () => {
    const h = harness();
    await h.venue.connect();
    const { bids, asks } = h.venue.book(BTC)!;
    const [b0, b0Qty] = bids[0]!;
    // Limit at the old best bid: above the new best bid, below the best ask, so it rests as the new best ask.
    h.venue.submit(req({ clientOrderId: 'sl', side: 'sell', type: 'stop_limit', tif: 'GTC', stopPrice: b0 - 1, price: b0, qty: 25 }));
    h.venue.submit(req({ clientOrderId: 'hit', side: 'sell', type: 'market', tif: 'IOC', qty: b0Qty }));
    await settle();
    expect(types(h.events, 'sl')).toEqual(['orderAccepted', 'orderTriggered']);
    expect(await h.venue.openOrders()).toEqual([
      expect.objectContaining({ clientOrderId: 'sl', status: 'open', triggered: true, price: b0, stopPrice: b0 - 1, filledQty: 0 }),
    ]);
    expect(h.venue.book(BTC)!.asks[0]).toEqual([b0, 25]);
    expect(b0).toBeLessThan(asks[0]![0]);
    // A resting triggered stop-limit can be canceled like any limit order.
    h.venue.cancel(BTC, 'sl');
    await settle();
    expect(h.venue.book(BTC)!.asks[0]).toEqual(asks[0]);
  });

  it('triggers on the moving synthetic market, on the right side of the stop price', async () => {
    const h = harness({ seed: 11 });
    await h.venue.connect();
    const { bids, asks } = h.venue.book(BTC)!;
    h.venue.submit(req({ clientOrderId: 'up', type: 'stop_market', tif: 'GTC', stopPrice: asks[0]![0] + 2, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'down', side: 'sell', type: 'stop_market', tif: 'GTC', stopPrice: bids[0]![0] - 2, qty: 10 }));
    await settle();
    const triggered = (): number => ofType(h.events, 'orderTriggered').length;
    await advanceUntil(h, () => triggered() > 0, 300);
    expect(triggered()).toBeGreaterThan(0);
    for (const t of ofType(h.events, 'orderTriggered')) {
      const fills = ofType(forOrder(h.events, t.clientOrderId), 'orderFilled');
      expect(fills.length).toBeGreaterThan(0);
      expect(fills.every((f) => f.ts === t.ts)).toBe(true);
      if (t.clientOrderId === 'up') expect(fills.every((f) => f.price >= asks[0]![0] + 2)).toBe(true);
      else expect(fills.every((f) => f.price <= bids[0]![0] - 2)).toBe(true);
    }
  });
});

describe('SimVenue reduce-only', () => {
  it('refuses a reduce-only order that would open, increase or flip the position', async () => {
    const h = harness();
    await h.venue.connect();
    const bid = h.venue.book(BTC)!.bids[0]![0];
    h.venue.submit(req({ clientOrderId: 'flat', side: 'sell', type: 'market', tif: 'IOC', reduceOnly: true, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'more', type: 'market', tif: 'IOC', reduceOnly: true, qty: 5 }));
    h.venue.submit(req({ clientOrderId: 'flip', side: 'sell', price: bid + 300, reduceOnly: true, qty: 31 }));
    h.venue.submit(req({ clientOrderId: 'ok', side: 'sell', price: bid + 300, reduceOnly: true, qty: 30 }));
    await settle();
    expect(ofType(h.events, 'orderRejected').map((e) => [e.clientOrderId, e.reason])).toEqual([
      ['flat', REDUCE_ONLY_WOULD_INCREASE],
      ['more', REDUCE_ONLY_WOULD_INCREASE],
      ['flip', REDUCE_ONLY_WOULD_INCREASE],
    ]);
    expect(h.venue.positions()).toEqual({ [BTC]: 30 });
    expect(types(h.events, 'ok')).toEqual(['orderAccepted']);
  });

  it('cancels resting reduce-only orders the position no longer covers after a fill', async () => {
    const h = harness();
    await h.venue.connect();
    const ask = h.venue.book(BTC)!.asks[0]![0];
    h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'tp30', side: 'sell', price: ask + 300, reduceOnly: true, qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'tp20', side: 'sell', price: ask + 301, reduceOnly: true, qty: 20 }));
    const levelWithTp = h.venue.book(BTC)!.asks.find(([p]) => p === ask + 300)![1];
    h.venue.submit(req({ clientOrderId: 'cut', side: 'sell', type: 'market', tif: 'IOC', qty: 10 }));
    await settle();
    expect(h.venue.positions()).toEqual({ [BTC]: 20 });
    expect(ofType(forOrder(h.events, 'tp30'), 'orderCanceled')).toEqual([
      { type: 'orderCanceled', venue: 'SIM', clientOrderId: 'tp30', ts: T0, reason: REDUCE_ONLY_REDUCED },
    ]);
    expect((await h.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['tp20']);
    expect(ofType(h.events, 'bookDelta').at(-1)!.changes).toContainEqual({ side: 'sell', price: ask + 300, qty: levelWithTp - 30 });
    // Flat: nothing is left to reduce.
    h.venue.submit(req({ clientOrderId: 'close', side: 'sell', type: 'market', tif: 'IOC', qty: 20 }));
    await settle();
    expect(h.venue.positions()).toEqual({});
    expect(ofType(forOrder(h.events, 'tp20'), 'orderCanceled')[0]!.reason).toBe(REDUCE_ONLY_REDUCED);
    expect(await h.venue.openOrders()).toEqual([]);
  });

  it('checks a reduce-only stop again when it triggers', async () => {
    const h = harness();
    await h.venue.connect();
    const [b0, b0Qty] = h.venue.book(BTC)!.bids[0]!;
    h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 30 }));
    h.venue.submit(req({ clientOrderId: 'sl', side: 'sell', type: 'stop_market', tif: 'GTC', stopPrice: b0 - 1, reduceOnly: true, qty: 30 }));
    // Selling out the best bid both shrinks the position below 30 and reaches the stop.
    h.venue.submit(req({ clientOrderId: 'dump', side: 'sell', type: 'market', tif: 'IOC', qty: Math.max(b0Qty, 1) }));
    await settle();
    expect(types(h.events, 'sl')).toEqual(['orderAccepted', 'orderTriggered', 'orderCanceled']);
    expect(ofType(forOrder(h.events, 'sl'), 'orderCanceled')[0]!.reason).toBe(REDUCE_ONLY_WOULD_INCREASE);
    expect(filledQty(h.events, 'sl')).toBe(0);
  });

  it('lets a covered reduce-only order close the position as a maker, then cancels the other', async () => {
    const h = harness({ seed: 5 });
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 40 }));
    await settle();
    const { bids, asks } = h.venue.book(BTC)!;
    const near = Math.max(bids[0]![0] + 1, asks[0]![0] - 1);
    h.venue.submit(req({ clientOrderId: 'tp-near', side: 'sell', price: near, reduceOnly: true, qty: 40 }));
    h.venue.submit(req({ clientOrderId: 'tp-far', side: 'sell', price: asks[0]![0] + 500, reduceOnly: true, qty: 40 }));
    await settle();
    await advanceUntil(h, () => filledQty(h.events, 'tp-near') === 40, 300);
    expect(filledQty(h.events, 'tp-near')).toBe(40);
    expect(h.venue.positions()).toEqual({});
    expect(ofType(forOrder(h.events, 'tp-far'), 'orderCanceled')[0]!.reason).toBe(REDUCE_ONLY_REDUCED);
    expect(filledQty(h.events, 'tp-far')).toBe(0);
    expect(await h.venue.openOrders()).toEqual([]);
  });
});

describe('SimVenue history', () => {
  it('returns the user fills since a time, oldest first, as the orderFilled events reported them', async () => {
    const h = harness();
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'first', type: 'market', tif: 'IOC', qty: 30 }));
    h.clock.advance(1_000);
    h.venue.submit(req({ clientOrderId: 'second', side: 'sell', type: 'market', tif: 'IOC', qty: 50 }));
    await settle();
    const reported = ofType(h.events, 'orderFilled').map(({ type: _, venue: __, ...f }) => f);
    const all = await h.venue.fillsSince(0);
    expect(all.map(({ symbol: _, side: __, ...f }) => f)).toEqual(reported);
    expect(all.every((f) => f.symbol === BTC)).toBe(true);
    expect(all.filter((f) => f.clientOrderId === 'second').every((f) => f.side === 'sell')).toBe(true);
    expect((await h.venue.fillsSince(T0 + 1_000)).map((f) => f.clientOrderId)).toEqual(all.filter((f) => f.ts >= T0 + 1_000).map((f) => f.clientOrderId));
    expect((await h.venue.fillsSince(T0 + 1_000)).every((f) => f.clientOrderId === 'second')).toBe(true);
    expect(await h.venue.fillsSince(T0 + 1_001)).toEqual([]);
    expect(h.venue.positions()).toEqual({ [BTC]: -20 });
  });
});

describe('SimVenue reduce-only within one match', () => {
  it('never lets one sweep fill reduce-only orders past the position (the second is taken out unfilled)', async () => {
    // Synthetic buyers usually take both 5-lot orders in one sweep: without the engine's maker cap
    // the position would end 5 short here with every one of these seeds.
    for (const seed of [1, 2, 3]) {
      const h = harness({ seed });
      await h.venue.connect();
      h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 5 }));
      await settle();
      const { bids, asks } = h.venue.book(BTC)!;
      const near = Math.max(bids[0]![0] + 1, asks[0]![0] - 1);
      // Each covers the whole position on its own; both filling would flip it.
      h.venue.submit(req({ clientOrderId: 'r1', side: 'sell', price: near, reduceOnly: true, qty: 5 }));
      h.venue.submit(req({ clientOrderId: 'r2', side: 'sell', price: near, reduceOnly: true, qty: 5 }));
      await settle();
      const canceled = (id: string) => ofType(forOrder(h.events, id), 'orderCanceled');
      await advanceUntil(h, () => filledQty(h.events, 'r1') === 5, 120);
      expect(filledQty(h.events, 'r1')).toBe(5);
      expect(filledQty(h.events, 'r2')).toBe(0);
      expect(canceled('r2')).toEqual([expect.objectContaining({ reason: REDUCE_ONLY_REDUCED })]);
      // Taken out in the same step that closed the position, not a step later.
      expect(canceled('r2')[0]!.ts).toBe(ofType(forOrder(h.events, 'r1'), 'orderFilled').at(-1)!.ts);
      expect(h.venue.positions()).toEqual({});
      expect(await h.venue.openOrders()).toEqual([]);
    }
  });
});
