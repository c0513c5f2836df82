import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookView } from '../../contract/api';
import { axisMarks, buildDepth, depthAt, depthStairs } from './depth';

const book = (bids: [number, number][], asks: [number, number][], stale = false): BookView => ({
  venue: 'SIM',
  symbol: 'BTC-USDT',
  seq: 1,
  stale,
  bids,
  asks,
});

/** A random uncrossed book: distinct bid prices below distinct ask prices, in any order. */
const arbBook = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 60 }),
    fc.uniqueArray(fc.integer({ min: 1001, max: 2000 }), { maxLength: 60 }),
    fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 120, maxLength: 120 }),
  )
  .map(([bp, ap, qs]) =>
    book(
      bp.map((p, i) => [p, qs[i]!] as [number, number]),
      ap.map((p, i) => [p, qs[60 + i]!] as [number, number]),
    ),
  );

describe('buildDepth', () => {
  const b = book(
    [
      [99, 10],
      [100, 5],
      [97, 1],
    ],
    [
      [102, 4],
      [103, 6],
    ],
  );

  it('accumulates size outwards from the touch on each side', () => {
    const d = buildDepth(b)!;
    expect(d.bids.map((l) => [l.price, l.cum])).toEqual([
      [100, 5],
      [99, 15],
      [97, 16],
    ]);
    expect(d.asks.map((l) => [l.price, l.cum])).toEqual([
      [102, 4],
      [103, 10],
    ]);
    expect(d.maxCum).toBe(16);
    expect(d.mid).toBe(101);
  });

  it('centres the price window on the mid, wide enough for the deeper side', () => {
    const d = buildDepth(b)!;
    expect([d.lo, d.hi]).toEqual([97, 105]);
  });

  it('uses at most `levels` per side', () => {
    const d = buildDepth(b, 1)!;
    expect(d.bids).toHaveLength(1);
    expect(d.asks).toHaveLength(1);
    expect(d.maxCum).toBe(5);
  });

  it('has nothing to draw without a book or with an empty one', () => {
    expect(buildDepth(null)).toBeNull();
    expect(buildDepth(book([], []))).toBeNull();
  });

  it('draws a one-sided book without a mid', () => {
    const d = buildDepth(book([[50, 2]], []))!;
    expect(d.mid).toBeUndefined();
    expect(d.lo).toBeLessThan(50);
    expect(d.hi).toBeGreaterThan(50);
  });

  it('cumulative size never falls going away from the touch, and every level lies inside the window', () => {
    fc.assert(
      fc.property(arbBook, (bk) => {
        const d = buildDepth(bk);
        if (!d) return;
        for (const side of [d.bids, d.asks]) {
          side.forEach((l, i) => {
            expect(l.cum).toBeGreaterThanOrEqual(i > 0 ? side[i - 1]!.cum : 0);
            expect(l.price).toBeGreaterThanOrEqual(d.lo);
            expect(l.price).toBeLessThanOrEqual(d.hi);
          });
        }
      }),
    );
  });
});

describe('depthStairs', () => {
  it('rises at each level and runs flat to the edge', () => {
    const d = buildDepth(
      book(
        [
          [100, 5],
          [99, 10],
        ],
        [[101, 1]],
      ),
    )!;
    expect(depthStairs(d.bids, 90)).toEqual([
      [100, 0],
      [100, 5],
      [99, 5],
      [99, 15],
      [90, 15],
    ]);
    expect(depthStairs([], 90)).toEqual([]);
  });
});

describe('depthAt', () => {
  it('is the size a market order sweeping out to the cursor would take', () => {
    fc.assert(
      fc.property(arbBook, fc.double({ min: 0, max: 2100, noNaN: true }), (bk, x) => {
        const d = buildDepth(bk);
        if (!d) return;
        const hit = depthAt(d, x);
        const bestBid = d.bids[0]?.price;
        const bestAsk = d.asks[0]?.price;
        if (bestBid !== undefined && x <= bestBid) {
          const swept = d.bids.filter((l) => l.price >= x);
          expect(hit).toEqual({ side: 'bid', price: swept.at(-1)!.price, cum: swept.reduce((s, l) => s + l.qty, 0), levels: swept.length });
        } else if (bestAsk !== undefined && x >= bestAsk) {
          const swept = d.asks.filter((l) => l.price <= x);
          expect(hit).toEqual({ side: 'ask', price: swept.at(-1)!.price, cum: swept.reduce((s, l) => s + l.qty, 0), levels: swept.length });
        } else {
          expect(hit).toBeNull(); // inside the spread
        }
      }),
    );
  });
});

describe('axisMarks', () => {
  it('marks whole multiples of 1, 2 or 5 x 10^k units inside the range', () => {
    expect(axisMarks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisMarks(952_301, 952_399, 4)).toEqual([952_320, 952_340, 952_360, 952_380]);
    expect(axisMarks(1, 7, 1)).toEqual([2, 4, 6]); // one mark would not make an axis
  });

  it('never marks between whole ticks or lots, however narrow the range', () => {
    expect(axisMarks(10, 12, 8)).toEqual([10, 11, 12]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 12 }), (lo, w, n) => {
        const marks = axisMarks(lo, lo + w, n);
        expect(marks.length).toBeGreaterThanOrEqual(2);
        expect(marks.length).toBeLessThanOrEqual(2 * n + 4);
        for (const m of marks) {
          expect(Number.isInteger(m)).toBe(true);
          expect(m).toBeGreaterThanOrEqual(lo);
          expect(m).toBeLessThanOrEqual(lo + w);
        }
      }),
    );
  });

  it('marks nothing on an empty range', () => {
    expect(axisMarks(5, 5, 4)).toEqual([]);
  });
});
