import type { Lots, Side, Symbol, Ticks, VenueId } from '../core';
import type { Instrument } from '../instruments';
import type { LeftOut } from './router/leftOut';
import type { VenueBook } from './router/venueBook';

/** The best level of each side of a book, as an algorithm sees it. Absent side: price NaN, qty 0. */
export interface AlgoQuote {
  bid: Ticks;
  bidQty: Lots;
  ask: Ticks;
  askQty: Lots;
  /** Not LIVE (a sequence gap, never synced): nothing may be decided on it. */
  stale: boolean;
}

/** Where algorithms read books: the terminal's shared-memory reader, or a venue's own book in tests. */
export interface BookSource {
  quote(venue: VenueId, symbol: Symbol): AlgoQuote | undefined;
}

/** What an algorithm is told at each decision: the parent's progress and the market now. */
export interface DecisionInput {
  now: number;
  side: Side;
  total: Lots;
  /** Filled by the children so far. */
  done: Lots;
  /** Lots in working children, not filled yet. */
  open: Lots;
  quote: AlgoQuote;
  limit: Ticks | undefined;
  /** Lots traded on the instrument (every print seen) since the parent started. */
  marketVolume: Lots;
  startAt: number;
  endAt: number;
}

/**
 * One child an algorithm wants now. IOC takes what is there and ends; GTC rests until filled or
 * replaced. The runtime caps qty by what is left and the participation cap, and the price by the limit.
 */
export interface ChildIntent {
  qty: Lots;
  price: Ticks;
  tif: 'IOC' | 'GTC';
}

/** A venue's units on the parent's grid: grid ticks per venue tick, grid lots per venue lot, grid QuoteUnits per venue QuoteUnit. */
export interface VenueUnits {
  priceFactor: number;
  qtyFactor: number;
  quoteFactor?: number;
}

/** One child of a routed sweep: an IOC at `venue`, price and quantity in that venue's ticks and lots. */
export interface RoutedIntent {
  venue: VenueId;
  qty: Lots;
  price: Ticks;
}

/** What a routing algorithm reads of the venues quoting its instrument, besides the touch. */
export interface RouteMarket {
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  /** Up to `depth` levels per side, in the venue's ticks and lots; undefined when unknown. */
  book(venue: VenueId, symbol: Symbol, depth: number): VenueBook | undefined;
  /** Clock time of the venue feed's last message (the book is current up to then); undefined: none yet. */
  bookAt(venue: VenueId): number | undefined;
  /** The venue's taker fee in bps; undefined when unknown (the venue is then not routed to). */
  takerBps(venue: VenueId): number | undefined;
  /** Expected time for an order to reach the venue (its last measured round trip), ms. */
  latencyMs(venue: VenueId): number;
  /** Whether an order can be sent to the venue now (connected to the OMS); absent: always. */
  connected?(venue: VenueId): boolean;
  /**
   * Why no new order may go to `symbol` at `venue` now (its circuit breaker's reason, an existing
   * string), or undefined when one may; absent: never halted.
   */
  halted?(venue: VenueId, symbol: Symbol): string | undefined;
}

/**
 * An execution algorithm: a pure schedule over the injected clock's time and the book it is shown,
 * with no I/O, timers or wall time of its own, so that it runs the same live, in a backtest and after a
 * restart (its random draws come from the parent's journaled seed). The runtime (parentRunner.ts) asks
 * `decide` at every market event and clock tick while nothing is working; while a GTC child rests it
 * asks `keep` whether that child still stands where the algorithm wants it.
 */
export interface Algorithm {
  /**
   * The child wanted now, or undefined. The intent returned may be the algorithm's own scratch object
   * (see IntentSlot), overwritten by its next decide(): read it before asking again, never keep it.
   */
  decide(input: DecisionInput): ChildIntent | undefined;
  /**
   * A routed sweep (smart routing): several IOC children at once, each at its own venue, in that venue's
   * ticks and lots. When present the runtime asks this instead of decide() and sends the whole sweep
   * in one decision (its caps applied child by child); the next sweep waits until every child has ended.
   * With `out` (the runtime's scratch) the intents may be written into it as the algorithm's own reused
   * objects, overwritten by its next route(): read them before asking again, never keep them.
   */
  route?(input: DecisionInput, out?: RoutedIntent[]): RoutedIntent[];
  /**
   * A routing algorithm: why each venue got nothing in the last route() (codes and figures, the
   * algorithm's own reused objects: read them before asking again, never keep them).
   */
  leftOut?(): readonly LeftOut[];
  /** Grid ticks per venue tick and grid lots per venue lot (the parent's units); absent: 1 and 1. */
  units?(venue: VenueId): VenueUnits | undefined;
  /** A resting child at `price` for `qty`: keep it (true) or have it canceled so decide() can place anew. */
  keep?(input: DecisionInput, price: Ticks, qty: Lots): boolean;
}

/**
 * One reusable ChildIntent: an algorithm fills and returns it instead of allocating one per decision,
 * since decide() runs on every market event and a fresh object each time is young-generation garbage
 * at the feed's rate (its scavenges were a part of the decision cost's tail).
 */
export class IntentSlot {
  private readonly intent: ChildIntent = { qty: 0, price: 0, tif: 'IOC' };

  set(qty: Lots, price: Ticks, tif: ChildIntent['tif']): ChildIntent {
    const i = this.intent;
    i.qty = qty;
    i.price = price;
    i.tif = tif;
    return i;
  }
}

/** The touch a buyer takes (the ask) or a seller hits (the bid). */
export const farTouch = (q: AlgoQuote, side: Side): Ticks => (side === 'buy' ? q.ask : q.bid);
/** The touch a buyer joins (the bid) or a seller joins (the ask). */
export const nearTouch = (q: AlgoQuote, side: Side): Ticks => (side === 'buy' ? q.bid : q.ask);
export const farQty = (q: AlgoQuote, side: Side): Lots => (side === 'buy' ? q.askQty : q.bidQty);

/** The fraction (0..1) of the window elapsed at `now`. */
export const elapsed = (now: number, startAt: number, endAt: number): number =>
  endAt <= startAt ? 1 : Math.min(1, Math.max(0, (now - startAt) / (endAt - startAt)));
