import { describe, expect, it } from 'vitest';
import { MatchingEngine, POST_ONLY_WOULD_CROSS, type EngineOrderRequest, type EngineSubmitResult } from './matchingEngine';

const limit = (side: 'buy' | 'sell', price: number, qty: number, extra: Partial<EngineOrderRequest> = {}): EngineOrderRequest => ({
  owner: 0,
  side,
  type: 'limit',
  tif: 'GTC',
  price,
  qty,
  ...extra,
});
const market = (side: 'buy' | 'sell', qty: number): EngineOrderRequest => ({ owner: 0, side, type: 'market', tif: 'IOC', qty });

function accepted(r: EngineSubmitResult): Extract<EngineSubmitResult, { ok: true }> {
  if (!r.ok) throw new Error(`unexpected rejection: ${r.reason}`);
  return r;
}

describe('MatchingEngine', () => {
  it('fills two orders at one price in arrival order', () => {
    const e = new MatchingEngine();
    const first = accepted(e.submit(limit('sell', 100, 3)));
    const second = accepted(e.submit(limit('sell', 100, 5)));
    const r = accepted(e.submit(market('buy', 4)));
    expect(r.fills.map((f) => [f.makerId, f.qty])).toEqual([
      [first.id, 3],
      [second.id, 1],
    ]);
    expect(e.order(first.id)).toBeUndefined();
    expect(e.order(second.id)?.remaining).toBe(4);
  });

  it('fills the better price first, whatever the arrival order', () => {
    const e = new MatchingEngine();
    e.submit(limit('buy', 99, 2));
    const better = accepted(e.submit(limit('buy', 100, 2)));
    const r = accepted(e.submit(market('sell', 2)));
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ makerId: better.id, price: 100, qty: 2, takerSide: 'sell' });
    expect(e.bestBid()).toBe(99);
  });

  it('rests the remainder of a partially filled limit order at its price', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 100, 4));
    const r = accepted(e.submit(limit('buy', 101, 10)));
    expect(r).toMatchObject({ filled: 4, resting: 6, canceled: 0 });
    expect(r.fills[0]).toMatchObject({ price: 100, qty: 4, makerRemaining: 0 });
    expect(e.bestBid()).toBe(101);
    expect(e.bestAsk()).toBeUndefined();
    expect(e.order(r.id)).toMatchObject({ side: 'buy', price: 101, remaining: 6 });
  });

  it('cancels the unfilled remainder of an IOC order instead of resting it', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 100, 4));
    e.submit(limit('sell', 102, 4));
    const r = accepted(e.submit(limit('buy', 101, 10, { tif: 'IOC' })));
    expect(r).toMatchObject({ filled: 4, resting: 0, canceled: 6 });
    expect(e.bestBid()).toBeUndefined();
    expect(e.order(r.id)).toBeUndefined();
    expect(e.levels('sell')).toEqual([[102, 4]]);
  });

  it('rejects a post-only order that would take liquidity, and rests one that would not', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 100, 4));
    expect(e.submit(limit('buy', 100, 1, { postOnly: true }))).toEqual({ ok: false, reason: POST_ONLY_WOULD_CROSS });
    expect(POST_ONLY_WOULD_CROSS).toBe('post-only order would cross');
    expect(e.levels('sell')).toEqual([[100, 4]]);
    const rested = accepted(e.submit(limit('buy', 99, 1, { postOnly: true })));
    expect(rested).toMatchObject({ filled: 0, resting: 1 });
  });

  it('sweeps several levels with a market order and reports fills and level changes', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 100, 2));
    e.submit(limit('sell', 101, 3));
    e.submit(limit('sell', 102, 5));
    e.submit(limit('buy', 98, 7));
    e.drainChanges();
    const r = accepted(e.submit(market('buy', 6)));
    expect(r.fills.map((f) => [f.price, f.qty])).toEqual([
      [100, 2],
      [101, 3],
      [102, 1],
    ]);
    expect(r).toMatchObject({ filled: 6, resting: 0, canceled: 0 });
    const changes = e.drainChanges();
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        { side: 'sell', price: 100, qty: 0 },
        { side: 'sell', price: 101, qty: 0 },
        { side: 'sell', price: 102, qty: 4 },
      ]),
    );
    expect(e.drainChanges()).toEqual([]);
  });

  it('cancels the remainder of a market order that exhausts the book; it never rests', () => {
    const e = new MatchingEngine();
    e.submit(limit('buy', 50, 3));
    const r = accepted(e.submit(market('sell', 10)));
    expect(r).toMatchObject({ filled: 3, resting: 0, canceled: 7 });
    expect(e.bestAsk()).toBeUndefined();
    expect(e.orderCount).toBe(0);
  });

  it('cancels a resting order once; an unknown or already removed order is reported as such', () => {
    const e = new MatchingEngine();
    const o = accepted(e.submit(limit('buy', 100, 5)));
    e.drainChanges();
    expect(e.cancel(o.id)).toBe(5);
    expect(e.drainChanges()).toEqual([{ side: 'buy', price: 100, qty: 0 }]);
    expect(e.cancel(o.id)).toBeUndefined();
    expect(e.cancel(12345)).toBeUndefined();
    expect(e.depth('buy')).toBe(0);
  });

  it('reports only net level changes between drains', () => {
    const e = new MatchingEngine();
    const a = accepted(e.submit(limit('buy', 100, 5)));
    e.drainChanges();
    const b = accepted(e.submit(limit('buy', 100, 2)));
    e.cancel(b.id);
    expect(e.drainChanges()).toEqual([]);
    e.cancel(a.id);
    e.submit(limit('buy', 100, 7));
    expect(e.drainChanges()).toEqual([{ side: 'buy', price: 100, qty: 7 }]);
  });

  it('rejects malformed orders with a reason', () => {
    const e = new MatchingEngine();
    expect(e.submit(limit('buy', 100, 0))).toMatchObject({ ok: false });
    expect(e.submit(limit('buy', 100, 1.5))).toMatchObject({ ok: false });
    expect(e.submit({ owner: 0, side: 'buy', type: 'limit', tif: 'GTC', qty: 1 })).toEqual({ ok: false, reason: 'a limit order needs a price' });
    expect(e.submit(limit('buy', 0, 1))).toMatchObject({ ok: false });
    expect(e.submit({ ...market('buy', 1), postOnly: true })).toMatchObject({ ok: false });
    expect(e.orderCount).toBe(0);
  });

  it('lists orders at a level front of the queue first and levels best first', () => {
    const e = new MatchingEngine();
    const a = accepted(e.submit(limit('sell', 105, 1)));
    const b = accepted(e.submit(limit('sell', 105, 2)));
    e.submit(limit('sell', 103, 4));
    e.submit(limit('sell', 110, 1));
    expect(e.ordersAt('sell', 105).map((o) => o.id)).toEqual([a.id, b.id]);
    expect(e.levels('sell')).toEqual([
      [103, 4],
      [105, 3],
      [110, 1],
    ]);
    expect(e.levels('sell', 2)).toHaveLength(2);
    expect(e.priceAt('sell', 0)).toBe(103);
    expect(e.priceAt('sell', 2)).toBe(110);
    expect(e.priceAt('sell', 3)).toBeUndefined();
  });

  it('fills a FOK order only when the whole quantity is there within its limit, else trades nothing', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 100, 4));
    e.submit(limit('sell', 101, 3));
    e.submit(limit('sell', 103, 50));
    e.drainChanges();
    // 7 lots within 101: one lot short leaves the book untouched.
    const short = accepted(e.submit(limit('buy', 101, 8, { tif: 'FOK' })));
    expect(short).toMatchObject({ filled: 0, resting: 0, canceled: 8 });
    expect(short.fills).toEqual([]);
    expect(e.drainChanges()).toEqual([]);
    // Exactly enough fills entirely, across both levels.
    const exact = accepted(e.submit(limit('buy', 101, 7, { tif: 'FOK' })));
    expect(exact).toMatchObject({ filled: 7, resting: 0, canceled: 0 });
    expect(e.levels('sell')).toEqual([[103, 50]]);
    // A FOK market order is bounded by the whole side.
    expect(accepted(e.submit({ ...market('buy', 51), tif: 'FOK' }))).toMatchObject({ filled: 0, canceled: 51 });
    expect(accepted(e.submit({ ...market('buy', 50), tif: 'FOK' }))).toMatchObject({ filled: 50, canceled: 0 });
  });

  it('rests GTD and DAY remainders like GTC (the venue ends them), never IOC or FOK ones', () => {
    const e = new MatchingEngine();
    expect(accepted(e.submit(limit('buy', 100, 5, { tif: 'GTD' })))).toMatchObject({ resting: 5 });
    expect(accepted(e.submit(limit('buy', 99, 5, { tif: 'DAY' })))).toMatchObject({ resting: 5 });
    expect(accepted(e.submit(limit('buy', 98, 5, { tif: 'IOC' })))).toMatchObject({ resting: 0, canceled: 5 });
    expect(e.levels('buy')).toEqual([
      [100, 5],
      [99, 5],
    ]);
  });

  it('keeps time priority when an order is reduced in place', () => {
    const e = new MatchingEngine();
    const first = accepted(e.submit(limit('sell', 100, 10)));
    const second = accepted(e.submit(limit('sell', 100, 10)));
    e.drainChanges();
    expect(e.reduce(first.id, 4)).toBe(true);
    expect(e.drainChanges()).toEqual([{ side: 'sell', price: 100, qty: 14 }]);
    expect(e.ordersAt('sell', 100).map((o) => [o.id, o.remaining])).toEqual([
      [first.id, 4],
      [second.id, 10],
    ]);
    // Still first in line: the next buyer trades with it before the second order.
    const r = accepted(e.submit(market('buy', 5)));
    expect(r.fills.map((f) => [f.makerId, f.qty])).toEqual([
      [first.id, 4],
      [second.id, 1],
    ]);
    // Not a decrease, or not in the book: refused, nothing changes.
    expect(e.reduce(second.id, 8)).toBe(true);
    expect(e.reduce(second.id, 8)).toBe(false);
    expect(e.reduce(second.id, 0)).toBe(false);
    expect(e.reduce(first.id, 1)).toBe(false);
    expect(e.qtyAt('sell', 100)).toBe(8);
  });

  it('sends a replaced order to the back of the queue, at a new price or with a larger size', () => {
    const e = new MatchingEngine();
    const a = accepted(e.submit(limit('buy', 100, 5)));
    const b = accepted(e.submit(limit('buy', 100, 5)));
    // Larger size at the same price: behind b now.
    expect(accepted(e.replace(a.id, 100, 8))).toMatchObject({ id: a.id, filled: 0, resting: 8 });
    expect(e.ordersAt('buy', 100).map((o) => o.id)).toEqual([b.id, a.id]);
    // A new price, then back: it joins behind b again, b keeps the front.
    accepted(e.replace(b.id, 99, 5));
    accepted(e.replace(b.id, 100, 5));
    expect(e.ordersAt('buy', 100).map((o) => o.id)).toEqual([a.id, b.id]);
    expect(e.levels('buy')).toEqual([[100, 13]]);
  });

  it('trades a replaced order as a taker when its new price crosses, then rests the rest', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 102, 3));
    const bid = accepted(e.submit(limit('buy', 100, 10)));
    const r = accepted(e.replace(bid.id, 102, 10));
    expect(r.fills).toEqual([expect.objectContaining({ takerId: bid.id, takerSide: 'buy', price: 102, qty: 3, makerRemaining: 0 })]);
    expect(r).toMatchObject({ filled: 3, resting: 7 });
    expect(e.levels('buy')).toEqual([[102, 7]]);
    expect(e.bestAsk()).toBeUndefined();
  });

  it('refuses a post-only replace that would cross and leaves the order where it was', () => {
    const e = new MatchingEngine();
    e.submit(limit('sell', 102, 3));
    const bid = accepted(e.submit(limit('buy', 100, 10)));
    const behind = accepted(e.submit(limit('buy', 100, 1)));
    expect(e.replace(bid.id, 102, 10, true)).toEqual({ ok: false, reason: POST_ONLY_WOULD_CROSS });
    expect(e.replace(bid.id, 100, 0)).toMatchObject({ ok: false });
    expect(e.replace(12345, 100, 1)).toMatchObject({ ok: false });
    expect(e.ordersAt('buy', 100).map((o) => [o.id, o.remaining])).toEqual([
      [bid.id, 10],
      [behind.id, 1],
    ]);
  });

  it('lets a maker cap stop a resting order mid-match and take it out of the book', () => {
    const e = new MatchingEngine();
    const capped = accepted(e.submit(limit('sell', 100, 10, { owner: 1 })));
    const next = accepted(e.submit(limit('sell', 101, 10)));
    const asked: [number, number][] = [];
    e.setMakerCap((makerId, _owner, wanted) => {
      asked.push([makerId, wanted]);
      return makerId === capped.id ? 4 : wanted;
    });
    const r = accepted(e.submit(market('buy', 12)));
    expect(asked).toEqual([
      [capped.id, 10],
      [next.id, 8],
    ]);
    expect(r.fills.map((f) => [f.makerId, f.qty, f.makerRemaining])).toEqual([
      [capped.id, 4, 0],
      [next.id, 8, 2],
    ]);
    expect(e.order(capped.id)).toBeUndefined();
    expect(e.levels('sell')).toEqual([[101, 2]]);
    // A cap of zero removes the maker without a fill.
    e.setMakerCap(() => 0);
    expect(accepted(e.submit(market('buy', 1))).fills).toEqual([]);
    expect(e.orderCount).toBe(0);
    e.setMakerCap(undefined);
  });
});
