import { describe, expect, it } from 'vitest';
import { levelChangesOf, SimulatedClock } from '../../core';
import type { VenueOrderRequest } from '../types';
import { advanceUntil, expectedFee, forOrder, harness, ofType, settle, T0 } from './testSupport';

const BTC = 'BTC-USDT';
const order = (o: Partial<VenueOrderRequest> & Pick<VenueOrderRequest, 'clientOrderId'>): VenueOrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  qty: 100,
  ...o,
});

describe('SimVenue market data', () => {
  it('connects, publishes a full-depth snapshot per instrument, then sequenced deltas and trades', async () => {
    const h = harness();
    expect(h.venue.id).toBe('SIM');
    expect(h.venue.instruments().map((i) => [i.symbol, i.venueSymbol])).toEqual([
      ['BTC-USDT', 'BTCUSDT'],
      ['ETH-USDT', 'ETHUSDT'],
      ['SOL-USDT', 'SOLUSDT'],
    ]);
    await h.venue.connect();
    expect(h.events[0]).toEqual({ type: 'connection', venue: 'SIM', state: 'connected' });
    const snapshots = ofType(h.events, 'bookSnapshot');
    expect(snapshots.map((s) => s.symbol)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    for (const s of snapshots) {
      expect(s.bids.length).toBeGreaterThanOrEqual(400);
      expect(s.asks.length).toBeGreaterThanOrEqual(400);
      expect(s.bids[0]![0]).toBeLessThan(s.asks[0]![0]);
      expect(s.bids.every((l, i) => i === 0 || l[0] < s.bids[i - 1]![0])).toBe(true);
      expect(s.asks.every((l, i) => i === 0 || l[0] > s.asks[i - 1]![0])).toBe(true);
    }

    h.clock.advance(5_000);
    await settle();
    for (const snap of snapshots) {
      const deltas = ofType(h.events, 'bookDelta').filter((d) => d.symbol === snap.symbol);
      // One delta per matching step at most (100 steps in 5 s), each carrying all its level changes.
      expect(deltas.length).toBeGreaterThan(10);
      expect(deltas.length).toBeLessThanOrEqual(100);
      expect(deltas.some((d) => levelChangesOf(d).length > 1)).toBe(true);
      deltas.forEach((d, i) => expect(d.seq).toBe(snap.seq + 1 + i));
      // A consumer applying the deltas to the snapshot has exactly the venue's book.
      const bids = new Map(snap.bids);
      const asks = new Map(snap.asks);
      for (const d of deltas) {
        for (const c of levelChangesOf(d)) {
          const side = c.side === 'buy' ? bids : asks;
          if (c.qty === 0) side.delete(c.price);
          else side.set(c.price, c.qty);
        }
      }
      const book = h.venue.book(snap.symbol)!;
      expect(bids).toEqual(new Map(book.bids));
      expect(asks).toEqual(new Map(book.asks));
    }
    const trades = ofType(h.events, 'trade');
    expect(trades.length).toBeGreaterThan(5);
    expect(new Set(trades.map((t) => t.tradeId)).size).toBe(trades.length);
    for (const t of trades) {
      expect(t.ts).toBeGreaterThan(T0);
      expect(t.ts).toBeLessThanOrEqual(T0 + 5_000);
      expect(t.qty).toBeGreaterThan(0);
    }
  });

  it('stops publishing after disconnect', async () => {
    const h = harness();
    await h.venue.connect();
    h.clock.advance(1_000);
    await h.venue.disconnect();
    await settle();
    expect(h.events.at(-1)).toEqual({ type: 'connection', venue: 'SIM', state: 'disconnected' });
    const count = h.events.length;
    h.clock.advance(10_000);
    await settle();
    expect(h.events.length).toBe(count);
  });

  it('warms up by emitting only past trades, then continues live from there', async () => {
    const h = harness();
    h.venue.warmUp(30 * 60_000);
    await settle();
    expect(h.events.length).toBeGreaterThan(1000);
    expect(h.events.every((e) => e.type === 'trade')).toBe(true);
    const trades = ofType(h.events, 'trade');
    const inWindow = trades.every((t) => t.ts > T0 - 30 * 60_000 && t.ts <= T0);
    const inOrder = trades.every((t, i) => i === 0 || t.ts >= trades[i - 1]!.ts);
    expect({ inWindow, inOrder }).toEqual({ inWindow: true, inOrder: true });
    // Spread over the whole window, not bunched at one end.
    expect(trades[0]!.ts).toBeLessThan(T0 - 29 * 60_000);
    expect(trades.at(-1)!.ts).toBeGreaterThan(T0 - 60_000);
    // Every instrument has a history.
    expect(new Set(trades.map((t) => t.symbol)).size).toBe(3);

    await h.venue.connect();
    const snap = ofType(h.events, 'bookSnapshot')[0]!;
    const lastBtcTrade = trades.filter((t) => t.symbol === BTC).at(-1)!;
    // The live book continues where the warm-up's tape ended.
    expect(Math.abs(snap.bids[0]![0] / lastBtcTrade.price - 1)).toBeLessThan(0.001);
    expect(() => h.venue.warmUp(1_000)).toThrow();
  });

  it('warms up at the normal pace whatever activity the live market runs at (SQ_SIM_ACTIVITY), then runs at that activity', async () => {
    const normal = harness();
    const busy = harness({ activity: 80 });
    normal.venue.warmUp(5 * 60_000);
    busy.venue.warmUp(5 * 60_000);
    await settle();
    // The same seed at the same pace: the very same history.
    expect(JSON.stringify(busy.events)).toBe(JSON.stringify(normal.events));
    const liveTrades = async (h: ReturnType<typeof harness>) => {
      const before = ofType(h.events, 'trade').length;
      await h.venue.connect();
      for (let s = 0; s < 10; s++) h.clock.advance(1_000);
      await settle();
      return ofType(h.events, 'trade').length - before;
    };
    expect(await liveTrades(busy)).toBeGreaterThan(20 * (await liveTrades(normal)));
  });

  it('emits the same event stream for the same seed, and a different one for another seed', async () => {
    const run = async (seed: number): Promise<string> => {
      const h = harness({ seed }, new SimulatedClock(T0));
      await h.venue.connect();
      h.clock.advance(10_000);
      const book = h.venue.book(BTC)!;
      h.venue.submit(order({ clientOrderId: 'u1', price: book.bids[0]![0], qty: 20 }));
      h.venue.submit(order({ clientOrderId: 'u2', side: 'sell', type: 'market', tif: 'IOC', qty: 50 }));
      for (let s = 0; s < 50; s++) h.clock.advance(1_000);
      await settle();
      return JSON.stringify(h.events);
    };
    const a = await run(42);
    expect(a.length).toBeGreaterThan(10_000);
    expect(await run(42)).toBe(a);
    expect(await run(43)).not.toBe(a);
  });
});

describe('SimVenue orders', () => {
  it('rejects invalid orders with a clear reason', async () => {
    const h = harness();
    h.venue.submit(order({ clientOrderId: 'early', price: 900_000 }));
    await h.venue.connect();
    h.venue.submit(order({ clientOrderId: 'sym', symbol: 'DOGE-USDT', price: 1 }));
    h.venue.submit(order({ clientOrderId: 'zero', price: 900_000, qty: 0 }));
    h.venue.submit(order({ clientOrderId: 'frac', price: 900_000, qty: 1.5 }));
    h.venue.submit(order({ clientOrderId: 'noprice' }));
    h.venue.submit(order({ clientOrderId: 'tiny', price: 900_000, qty: 1 })); // 0.0001 BTC at 90000.0 = 9 USDT: enough
    h.venue.submit(order({ clientOrderId: 'cheap', price: 10_000, qty: 4 })); // 0.0004 BTC at 1000.0 = 0.4 USDT
    h.venue.submit(order({ clientOrderId: 'mkt-po', type: 'market', tif: 'IOC', postOnly: true }));
    h.venue.submit(order({ clientOrderId: 'dup', price: 900_000 }));
    h.venue.submit(order({ clientOrderId: 'dup', price: 900_000 }));
    await settle();
    const reason = (id: string): string | undefined => ofType(h.events, 'orderRejected').find((e) => e.clientOrderId === id)?.reason;
    expect(reason('early')).toBe('venue not connected');
    expect(reason('sym')).toBe('unknown symbol DOGE-USDT');
    expect(reason('zero')).toBe('quantity must be a positive whole number of lots');
    expect(reason('frac')).toBe('quantity must be a positive whole number of lots');
    expect(reason('noprice')).toBe('a limit order needs a price');
    expect(reason('tiny')).toBeUndefined();
    expect(reason('cheap')).toBe('order value below the minimum notional of 5.00000 USDT');
    expect(reason('mkt-po')).toBe('a market order cannot be post-only');
    expect(reason('dup')).toBe('duplicate clientOrderId: an order with this id is still working');
    expect(ofType(h.events, 'orderAccepted').map((e) => e.clientOrderId)).toEqual(['tiny', 'dup']);
  });

  it('sweeps several levels with a market order: taker fills level by level, taker fees, book deltas', async () => {
    const h = harness();
    await h.venue.connect();
    const asks = h.venue.book(BTC)!.asks;
    const qty = asks[0]![1] + asks[1]![1] + asks[2]![1] + 1;
    h.events.length = 0;
    h.venue.submit(order({ clientOrderId: 'sweep', type: 'market', tif: 'IOC', qty }));
    await settle();

    const mine = forOrder(h.events, 'sweep');
    expect(mine[0]).toMatchObject({ type: 'orderAccepted', venueOrderId: expect.stringMatching(/^SIM-\d+$/) });
    const fills = ofType(mine, 'orderFilled');
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(qty);
    const perLevel = new Map<number, number>();
    for (const f of fills) perLevel.set(f.price, (perLevel.get(f.price) ?? 0) + f.qty);
    expect([...perLevel]).toEqual([asks[0], asks[1], asks[2], [asks[3]![0], 1]]);
    for (const f of fills) {
      expect(f.liquidity).toBe('taker');
      expect(f.fee).toBe(expectedFee(f.price * f.qty, 5));
    }
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(fills.length);
    // Filled entirely: nothing was left to expire.
    expect(ofType(mine, 'orderExpired')).toEqual([]);

    const delta = ofType(h.events, 'bookDelta').find((d) => d.symbol === BTC)!;
    expect(delta.changes).toEqual(
      expect.arrayContaining([
        { side: 'sell', price: asks[0]![0], qty: 0 },
        { side: 'sell', price: asks[1]![0], qty: 0 },
        { side: 'sell', price: asks[2]![0], qty: 0 },
        { side: 'sell', price: asks[3]![0], qty: asks[3]![1] - 1 },
      ]),
    );
    // The public tape shows one trade per level swept.
    expect(ofType(h.events, 'trade').map((t) => [t.price, t.qty, t.aggressor])).toEqual([
      [asks[0]![0], asks[0]![1], 'buy'],
      [asks[1]![0], asks[1]![1], 'buy'],
      [asks[2]![0], asks[2]![1], 'buy'],
      [asks[3]![0], 1, 'buy'],
    ]);
    expect(await h.venue.openOrders()).toEqual([]);
  });

  it('fills a limit order partially and rests the remainder as a working order', async () => {
    const h = harness();
    await h.venue.connect();
    const [askPrice, askQty] = h.venue.book(BTC)!.asks[0]!;
    h.venue.submit(order({ clientOrderId: 'part', price: askPrice, qty: askQty + 30 }));
    await settle();
    const fills = ofType(forOrder(h.events, 'part'), 'orderFilled');
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(askQty);
    const open = await h.venue.openOrders();
    expect(open).toEqual([
      expect.objectContaining({ clientOrderId: 'part', side: 'buy', price: askPrice, qty: askQty + 30, filledQty: askQty }),
    ]);
    expect(h.venue.book(BTC)!.bids[0]).toEqual([askPrice, 30]);
  });

  it('expires the unfilled remainder of an IOC order', async () => {
    const h = harness();
    await h.venue.connect();
    const [askPrice, askQty] = h.venue.book(BTC)!.asks[0]!;
    h.venue.submit(order({ clientOrderId: 'ioc', tif: 'IOC', price: askPrice, qty: askQty + 25 }));
    await settle();
    const mine = forOrder(h.events, 'ioc');
    expect(mine.map((e) => e.type)).toEqual(['orderAccepted', ...ofType(mine, 'orderFilled').map(() => 'orderFilled'), 'orderExpired']);
    expect(ofType(mine, 'orderFilled').reduce((s, f) => s + f.qty, 0)).toBe(askQty);
    expect(ofType(mine, 'orderExpired')[0]!.reason).toBe('IOC remainder');
    expect(await h.venue.queryOrder(BTC, 'ioc')).toMatchObject({ status: 'expired', reason: 'IOC remainder', filledQty: askQty, qty: askQty + 25 });
    expect(await h.venue.openOrders()).toEqual([]);
    expect(h.venue.book(BTC)!.bids[0]![0]).toBeLessThan(askPrice);
  });

  it('rejects a post-only order that would cross, without accepting it', async () => {
    const h = harness();
    await h.venue.connect();
    const askPrice = h.venue.book(BTC)!.asks[0]![0];
    h.venue.submit(order({ clientOrderId: 'po', postOnly: true, price: askPrice }));
    await settle();
    expect(forOrder(h.events, 'po')).toEqual([
      { type: 'orderRejected', venue: 'SIM', clientOrderId: 'po', reason: 'post-only order would cross', ts: T0 },
    ]);
  });

  it('pays the maker fee when synthetic flow trades against a resting order', async () => {
    const h = harness({ fees: { makerBps: 2, takerBps: 7 } });
    await h.venue.connect();
    h.clock.advance(2_000);
    const { bids, asks } = h.venue.book(BTC)!;
    const price = Math.max(bids[0]![0], asks[0]![0] - 1);
    h.venue.submit(order({ clientOrderId: 'maker', price, qty: 30 }));
    await settle();
    expect((await h.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['maker']);
    const filled = (): number => ofType(forOrder(h.events, 'maker'), 'orderFilled').reduce((s, f) => s + f.qty, 0);
    await advanceUntil(h, () => filled() === 30, 300);
    const fills = ofType(forOrder(h.events, 'maker'), 'orderFilled');
    expect(filled()).toBe(30);
    for (const f of fills) {
      expect(f).toMatchObject({ liquidity: 'maker', price });
      expect(f.fee).toBe(expectedFee(f.price * f.qty, 2));
    }
    expect(await h.venue.openOrders()).toEqual([]);
    h.venue.cancel(BTC, 'maker');
    await settle();
    expect(ofType(h.events, 'cancelRejected').at(-1)).toMatchObject({ clientOrderId: 'maker', reason: 'already closed' });
  });

  it('cancels a working order once, and says why it cannot cancel unknown or closed ones', async () => {
    const h = harness();
    await h.venue.connect();
    const deep = h.venue.book(BTC)!.bids[0]![0] - 500;
    h.venue.submit(order({ clientOrderId: 'c1', price: deep, qty: 70 }));
    await settle();
    const before = h.venue.book(BTC)!.bids.find(([p]) => p === deep)![1];
    h.events.length = 0;
    h.venue.cancel(BTC, 'c1');
    await settle();
    expect(forOrder(h.events, 'c1')).toEqual([{ type: 'orderCanceled', venue: 'SIM', clientOrderId: 'c1', ts: T0 }]);
    const delta = ofType(h.events, 'bookDelta')[0]!;
    expect(delta.changes).toEqual([{ side: 'buy', price: deep, qty: before - 70 }]);
    expect(await h.venue.openOrders()).toEqual([]);

    h.venue.cancel(BTC, 'c1');
    h.venue.cancel(BTC, 'never-sent');
    h.venue.cancel('ETH-USDT', 'c1-elsewhere');
    await settle();
    expect(ofType(h.events, 'cancelRejected').map((e) => [e.clientOrderId, e.reason])).toEqual([
      ['c1', 'already closed'],
      ['never-sent', 'unknown order'],
      ['c1-elsewhere', 'unknown order'],
    ]);
  });

  it('delivers events asynchronously, never inside submit()', async () => {
    const h = harness();
    await h.venue.connect();
    const count = h.events.length;
    h.venue.submit(order({ clientOrderId: 'async', price: 900_000 }));
    expect(h.events.length).toBe(count);
    await settle();
    expect(forOrder(h.events, 'async').map((e) => e.type)).toEqual(['orderAccepted']);
  });
});
