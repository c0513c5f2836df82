import { describe, expect, it } from 'vitest';
import type { BookView, Order } from '../../contract/api';
import { buildLadder, depthCapNote, touch } from './ladder';

const book = (bids: [number, number][], asks: [number, number][]): BookView => ({
  venue: 'SIM',
  symbol: 'BTC-USDT',
  seq: 1,
  stale: false,
  bids,
  asks,
});

const working = (side: Order['side'], price: number, qty: number, filledQty = 0): Order => ({
  clientOrderId: `${side}-${price}-${qty}`,
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side,
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  price,
  qty,
  filledQty,
  filledValue: 0,
  fees: 0,
  status: filledQty > 0 ? 'partially_filled' : 'accepted',
  version: 1,
  source: 'ticket',
  createdAt: 0,
  updatedAt: 0,
});

describe('buildLadder', () => {
  const b = book(
    [
      [100, 5],
      [99, 10],
      [98, 5],
    ],
    [
      [101, 4],
      [102, 6],
    ],
  );

  it('puts asks above the spread with the best (lowest) ask last, bids below with the best bid first', () => {
    const l = buildLadder(b, []);
    expect(l.asks.map((r) => r.price)).toEqual([102, 101]);
    expect(l.bids.map((r) => r.price)).toEqual([100, 99, 98]);
    expect(l.spread).toBe(1);
    expect(l.mid).toBe(100.5);
    expect(l.asks[1]?.best).toBe(true);
    expect(l.bids[0]?.best).toBe(true);
  });

  it('accumulates depth away from the touch and scales bars to the deeper side', () => {
    const l = buildLadder(b, []);
    expect(l.bids.map((r) => r.cum)).toEqual([5, 15, 20]);
    expect(l.asks.map((r) => r.cum)).toEqual([10, 4]);
    expect(l.bids.map((r) => r.depth)).toEqual([0.25, 0.75, 1]);
    expect(l.asks.map((r) => r.depth)).toEqual([0.5, 0.2]);
  });

  it('sorts levels itself and shows at most `levels` per side', () => {
    const l = buildLadder(book([[98, 1], [100, 1], [99, 1]], [[103, 1], [101, 1], [102, 1]]), [], 2);
    expect(l.bids.map((r) => r.price)).toEqual([100, 99]);
    expect(l.asks.map((r) => r.price)).toEqual([102, 101]);
  });

  it('marks our remaining working quantity on its price and side only', () => {
    const l = buildLadder(b, [working('buy', 99, 3), working('buy', 99, 4, 1), working('sell', 102, 2), working('sell', 99, 7)]);
    expect(l.bids.find((r) => r.price === 99)?.own).toBe(6);
    expect(l.asks.find((r) => r.price === 102)?.own).toBe(2);
    expect(l.bids.find((r) => r.price === 100)?.own).toBe(0);
    // The sell at 99 is below the best bid: not on any ask row, so counted as off the ladder.
    expect(l.ownOutside).toBe(1);
  });

  it('counts our orders deeper than the levels shown, so none is out of sight unannounced', () => {
    const l = buildLadder(b, [working('buy', 98, 1), working('buy', 100, 1)], 2);
    expect(l.ownOutside).toBe(1);
  });

  it('has no spread when one side is empty and no rows without a book', () => {
    expect(buildLadder(book([[100, 1]], []), []).spread).toBeUndefined();
    expect(buildLadder(null, [])).toEqual({ asks: [], bids: [], ownOutside: 0 });
  });
});

describe('touch', () => {
  it('finds the best bid and ask', () => {
    expect(touch(book([[99, 1], [100, 1]], [[102, 1], [101, 1]]))).toEqual({ bid: 100, ask: 101 });
    expect(touch(undefined)).toEqual({});
  });
});

describe('depthCapNote', () => {
  it('says a Kite book (an instrument that names its exchange) has five levels', () => {
    const note = depthCapNote({ exchange: 'NFO' });
    expect(note?.levels).toBe(5);
    expect(note?.text).toBe('5 levels (Kite)');
    expect(note?.title).toMatch(/best 5 bids and asks/);
  });

  it('says nothing for a full-depth book or no instrument', () => {
    expect(depthCapNote({})).toBeUndefined();
    expect(depthCapNote(undefined)).toBeUndefined();
    expect(depthCapNote(null)).toBeUndefined();
  });
});
