import type { Lots, Ticks, VenueId } from '../../core';
import type { PriceGrid } from './priceGrid';
import { sideProblem, type Level, type VenueBook } from './venueBook';

/** How much one venue shows at a consolidated level, in grid lots. */
export interface VenueShare {
  venue: VenueId;
  qty: Lots;
}

/** One price of the consolidated book: the total over the venues and who holds what. */
export interface ConsolidatedLevel {
  /** Grid ticks. */
  price: Ticks;
  /** Grid lots, the sum of `venues`. */
  qty: Lots;
  /** Venues quoting this price, in grid order. */
  venues: VenueShare[];
}

export interface ConsolidatedBook {
  /** Best (highest) first. */
  bids: ConsolidatedLevel[];
  /** Best (lowest) first. */
  asks: ConsolidatedLevel[];
  /** Venues left out, and why: a stale book or a malformed one is shown to nobody as liquidity. */
  excluded: { venue: VenueId; reason: string }[];
}

/**
 * Merges the venues' books (`books[i]` is `grid.venues[i]`'s) into one book on the grid: each venue's
 * prices and quantities are multiplied onto the grid exactly (see PriceGrid), equal grid prices are
 * combined into one level that lists every venue holding size there. `depth` caps the consolidated
 * levels per side. Stale and malformed books are left out and listed in `excluded`.
 */
export function consolidate(grid: PriceGrid, books: readonly VenueBook[], depth = Infinity): ConsolidatedBook {
  if (books.length !== grid.venues.length) throw new RangeError(`consolidate: ${books.length} books for ${grid.venues.length} venues`);
  const excluded: ConsolidatedBook['excluded'] = [];
  const usable: boolean[] = [];
  for (let v = 0; v < books.length; v++) {
    const book = books[v]!;
    const venue = grid.venues[v]!.venue;
    const problem = book.stale ? 'book is not live' : (sideProblem(book.bids, 'bids') ?? sideProblem(book.asks, 'asks'));
    if (problem) excluded.push({ venue, reason: problem });
    usable.push(problem === undefined);
  }
  return {
    bids: mergeSide(grid, books, usable, 'bids', depth),
    asks: mergeSide(grid, books, usable, 'asks', depth),
    excluded,
  };
}

/** A k-way merge of the venues' sorted sides (k is a handful of venues, so a linear scan per step). */
function mergeSide(grid: PriceGrid, books: readonly VenueBook[], usable: boolean[], side: 'bids' | 'asks', depth: number): ConsolidatedLevel[] {
  const better = side === 'bids' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const cursor = new Array<number>(books.length).fill(0);
  const out: ConsolidatedLevel[] = [];
  while (out.length < depth) {
    let best: number | undefined;
    for (let v = 0; v < books.length; v++) {
      const level: Level | undefined = usable[v] ? books[v]![side][cursor[v]!] : undefined;
      if (!level) continue;
      const price = level[0] * grid.venues[v]!.priceFactor;
      if (best === undefined || better(price, best)) best = price;
    }
    if (best === undefined) break;
    const level: ConsolidatedLevel = { price: best, qty: 0, venues: [] };
    for (let v = 0; v < books.length; v++) {
      const at: Level | undefined = usable[v] ? books[v]![side][cursor[v]!] : undefined;
      const gv = grid.venues[v]!;
      if (!at || at[0] * gv.priceFactor !== best) continue;
      const qty = at[1] * gv.qtyFactor;
      level.qty += qty;
      level.venues.push({ venue: gv.venue, qty });
      cursor[v] = cursor[v]! + 1;
    }
    out.push(level);
  }
  return out;
}
