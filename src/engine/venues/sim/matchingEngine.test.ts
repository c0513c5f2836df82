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
});
