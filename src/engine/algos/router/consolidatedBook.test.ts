import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../instruments';
import { BookService } from '../../book';
import { SimulatedClock } from '../../core';
import { consolidate } from './consolidatedBook';
import { buildPriceGrid, type PriceGrid } from './priceGrid';
import { readVenueBooks, type VenueBook } from './venueBook';

const inst = (venue: string, o: Partial<Instrument> = {}): Instrument => ({
  venue, symbol: 'X-USD', venueSymbol: 'XUSD', base: 'X', quote: 'USD', priceDecimals: 2, qtyDecimals: 0, tickSize: 1, lotSize: 1, minNotional: 0, ...o,
});
const gridOf = (...insts: Instrument[]): PriceGrid => {
  const g = buildPriceGrid(insts);
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
};
const live = (bids: [number, number][], asks: [number, number][]): VenueBook => ({ bids, asks, stale: false });

describe('consolidate', () => {
  it('merges equal prices into one level that says which venue holds how much', () => {
    const grid = gridOf(inst('A'), inst('B'));
    const book = consolidate(grid, [
      live([[99, 3], [97, 2]], [[100, 5], [102, 1]]),
      live([[99, 1], [98, 6]], [[100, 2], [101, 4]]),
    ]);
    expect(book.asks).toEqual([
      { price: 100, qty: 7, venues: [{ venue: 'A', qty: 5 }, { venue: 'B', qty: 2 }] },
      { price: 101, qty: 4, venues: [{ venue: 'B', qty: 4 }] },
      { price: 102, qty: 1, venues: [{ venue: 'A', qty: 1 }] },
    ]);
    expect(book.bids.map((l) => [l.price, l.qty, l.venues.map((s) => s.venue).join('+')])).toEqual([
      [99, 4, 'A+B'],
      [98, 6, 'B'],
      [97, 2, 'A'],
    ]);
    expect(book.excluded).toEqual([]);
    expect(consolidate(grid, [live([], [[100, 5]]), live([], [[101, 4]])], 1).asks).toHaveLength(1);
  });

  it('converts each venue onto the grid: a 0.1 tick venue and a 0.05 tick venue meet at 100.00', () => {
    // A: ticks of 0.10 (10 at 2 decimals), lots of 1; B: ticks of 0.05, lots of 0.1 (1 at 1 decimal).
    const grid = gridOf(inst('A', { tickSize: 10 }), inst('B', { tickSize: 5, qtyDecimals: 1 }));
    expect(grid).toMatchObject({ tickSize: 5, lotSize: 1, qtyDecimals: 1 });
    // A's 1000 ticks of 0.10 = 100.00 = 2000 grid ticks; B's 2000 and 2001 ticks of 0.05.
    const book = consolidate(grid, [live([], [[1000, 3]]), live([], [[2000, 7], [2001, 4]])]);
    expect(book.asks).toEqual([
      { price: 2000, qty: 37, venues: [{ venue: 'A', qty: 30 }, { venue: 'B', qty: 7 }] },
      { price: 2001, qty: 4, venues: [{ venue: 'B', qty: 4 }] },
    ]);
  });

  it('leaves a stale book and a malformed one out, and says why', () => {
    const grid = gridOf(inst('A'), inst('B'), inst('C'));
    const book = consolidate(grid, [
      live([[99, 1]], [[100, 1]]),
      { bids: [[99, 5]], asks: [[100, 5]], stale: true },
      live([[99, 1]], [[101, 1], [100, 1]]),
    ]);
    expect(book.asks).toEqual([{ price: 100, qty: 1, venues: [{ venue: 'A', qty: 1 }] }]);
    expect(book.excluded).toEqual([
      { venue: 'B', reason: 'book is not live' },
      { venue: 'C', reason: 'asks level 1: price 100 is out of order' },
    ]);
  });

  it('reads the venues through the book layer (the worker and its shared buffer)', async () => {
    const grid = gridOf(inst('A'), inst('B'));
    const books = new BookService({ clock: new SimulatedClock(0), capacity: 4, depth: 10 });
    try {
      books.onVenueEvent({ type: 'bookSnapshot', venue: 'A', symbol: 'X-USD', seq: 1, bids: [[99, 3]], asks: [[100, 5], [101, 2]] });
      books.onVenueEvent({ type: 'bookSnapshot', venue: 'B', symbol: 'X-USD', seq: 1, bids: [[98, 4]], asks: [[101, 1]] });
      await books.whenApplied();
      const reader = books.reader;
      expect(readVenueBooks(reader, grid, 10).map((b) => b.stale)).toEqual([false, false]);
      const merged = consolidate(grid, readVenueBooks(reader, grid, 10));
      expect(merged.asks).toEqual([
        { price: 100, qty: 5, venues: [{ venue: 'A', qty: 5 }] },
        { price: 101, qty: 3, venues: [{ venue: 'A', qty: 2 }, { venue: 'B', qty: 1 }] },
      ]);
      // A venue the book service has never seen is an empty stale book, never liquidity.
      const unknown = gridOf(inst('A'), inst('Z'));
      expect(consolidate(unknown, readVenueBooks(reader, unknown, 10)).excluded).toEqual([{ venue: 'Z', reason: 'book is not live' }]);
    } finally {
      await books.close();
    }
  });
});
