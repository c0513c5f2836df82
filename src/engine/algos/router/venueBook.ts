import type { Lots, Ticks, VenueId } from '../../core';
import { bookKey, type BookReader } from '../../book';
import type { PriceGrid } from './priceGrid';

/** One price level as the book layer gives it: [price in the venue's ticks, quantity in its lots]. */
export type Level = readonly [Ticks, Lots];

/**
 * One venue's book of the instrument, best level first on each side, in the venue's own ticks and lots.
 * The book layer's TopOfBook (BookReader.readTop) has this shape; plain arrays from a caller work too.
 */
export interface VenueBook {
  bids: readonly Level[];
  asks: readonly Level[];
  /** True unless the book is LIVE (a sequence gap, never synced, or the worker gone): never traded on. */
  stale: boolean;
}

/**
 * Why a side cannot be used, or undefined when it is well formed: integer prices > 0 strictly
 * worsening from the best (bids falling, asks rising) and integer quantities > 0. A malformed book is
 * left out of the merge rather than trusted, since a plan built on it could send orders to prices that
 * are not there. `count` checks only the first levels (the router reads just the touch of the side it
 * does not take).
 */
export function sideProblem(levels: readonly Level[], side: 'bids' | 'asks', count = levels.length): string | undefined {
  let prev = side === 'bids' ? Infinity : -Infinity;
  const n = Math.min(count, levels.length);
  for (let i = 0; i < n; i++) {
    const level = levels[i]!;
    const price = level[0];
    const qty = level[1];
    if (!Number.isSafeInteger(price) || price <= 0) return `${side} level ${i}: price ${price} is not a positive integer of ticks`;
    if (!Number.isSafeInteger(qty) || qty <= 0) return `${side} level ${i}: quantity ${qty} is not a positive integer of lots`;
    if (side === 'bids' ? price >= prev : price <= prev) return `${side} level ${i}: price ${price} is out of order`;
    prev = price;
  }
  return undefined;
}

/**
 * sideProblem as a number, for the router's hot path (no text): -1 when the first `count` levels are
 * well formed, else level * 4 + what (MalformedWhat: 1 price, 2 quantity, 3 out of order).
 */
export function sideFault(levels: readonly Level[], bids: boolean, count = levels.length): number {
  let prev = bids ? Infinity : -Infinity;
  const n = Math.min(count, levels.length);
  for (let i = 0; i < n; i++) {
    const level = levels[i]!;
    const price = level[0];
    const qty = level[1];
    if (!Number.isSafeInteger(price) || price <= 0) return i * 4 + 1;
    if (!Number.isSafeInteger(qty) || qty <= 0) return i * 4 + 2;
    if (bids ? price >= prev : price <= prev) return i * 4 + 3;
    prev = price;
  }
  return -1;
}

/**
 * The venues' books of the grid's instrument read through the book layer, in grid order: up to
 * `depth` levels per side each. A venue whose book is unknown or unreadable (its writer died mid-write)
 * comes back as an empty stale book, so it is reported and never traded on.
 */
export function readVenueBooks(reader: BookReader, grid: PriceGrid, depth: number): VenueBook[] {
  return grid.venues.map(({ venue, instrument }) => readVenueBook(reader, venue, instrument.symbol, depth));
}

const EMPTY_STALE: VenueBook = Object.freeze({ bids: [], asks: [], stale: true });

export function readVenueBook(reader: BookReader, venue: VenueId, symbol: string, depth: number): VenueBook {
  return reader.readTop(bookKey(venue, symbol), depth) ?? EMPTY_STALE;
}
