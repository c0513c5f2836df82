import type { Lots, QuoteUnits, Side, Symbol, Ticks, VenueId } from '../core';
import { instrumentKey } from '../instruments';

/**
 * One instrument's identity as the checks pass it around: the same object for the same venue and
 * symbol everywhere in the process, with a small dense `id`. A provider can keep its per-instrument
 * state in an array indexed by `id` and answer without hashing a string on every check; a simple one
 * can just use venue and symbol.
 */
export interface InstrumentRef {
  readonly id: number;
  readonly venue: VenueId;
  readonly symbol: Symbol;
  /** instrumentKey: "SIM:BTC-USDT", the same as the book service's key. */
  readonly key: string;
}

const refs = new Map<string, InstrumentRef>();

/** The canonical ref of an instrument (created on first use, never forgotten: instruments are few). */
export function instrumentRef(venue: VenueId, symbol: Symbol): InstrumentRef {
  const key = instrumentKey(venue, symbol);
  let ref = refs.get(key);
  if (!ref) refs.set(key, (ref = Object.freeze({ id: refs.size, venue, symbol, key })));
  return ref;
}

/** A live count of working orders shared by many instruments: all of one venue's, or all of them. */
export interface OrderCounter {
  readonly count: number;
}

/** The account's working-order count, and a version that moves on every order, fill or position change anywhere. */
export interface AccountCounter extends OrderCounter {
  readonly version: number;
}

/**
 * Our position and working orders on one instrument, summed. A summary rather than the order list
 * because every check needs only these few numbers, and the provider can keep them up to date as
 * orders and fills happen instead of the check walking every order on every call. One object so that
 * one call gives a consistent picture.
 */
export interface InstrumentExposure {
  /** Signed position in lots (> 0 long, < 0 short, 0 flat or unknown). */
  readonly position: Lots;
  /** Working orders: every order not yet filled, canceled, rejected or expired. */
  readonly count: number;
  /** Unfilled lots of working buys / sells, reduce-only ones included... */
  readonly buyQty: Lots;
  readonly sellQty: Lots;
  /** ...of which reduce-only: they can only close a position, never open or extend one (see workingToward). */
  readonly reduceBuyQty: Lots;
  readonly reduceSellQty: Lots;
  /** Σ price * unfilled lots of working buys / sells, in ticks*lots: limit price, else stop price (market orders: none). */
  readonly buyValue: number;
  readonly sellValue: number;
  /** Our highest working buy price and lowest working sell price (NaN when none), with their order ids. */
  readonly highestBuy: Ticks;
  readonly highestBuyId: string;
  readonly lowestSell: Ticks;
  readonly lowestSellId: string;
  /**
   * The venue's and the account's counters, the same live objects for every instrument of the venue
   * (of the account): the check reads them through the one exposure() it makes. `account.version`
   * is what sums over every exposure are cached against, so it must never stay the same across a change.
   */
  readonly venue: OrderCounter;
  readonly account: AccountCounter;
}

export const NO_EXPOSURE: InstrumentExposure = Object.freeze({
  position: 0,
  count: 0,
  buyQty: 0,
  sellQty: 0,
  reduceBuyQty: 0,
  reduceSellQty: 0,
  buyValue: 0,
  sellValue: 0,
  highestBuy: NaN,
  highestBuyId: '',
  lowestSell: NaN,
  lowestSellId: '',
  venue: Object.freeze({ count: 0 }),
  account: Object.freeze({ count: 0, version: 0 }),
});

/**
 * How far the working orders on one side can take the position that way, in lots: every plain order in
 * full, reduce-only orders only as far as they close the opposite position (`against`: what is held on
 * the other side now, 0 when flat or already on this side). A reduce-only order is never let cross zero,
 * so a take-profit and a stop-loss both resting to close one long add nothing to the worst-case short.
 */
export const workingToward = (all: Lots, reduceOnly: Lots, against: Lots): Lots => all - reduceOnly + Math.min(reduceOnly, against > 0 ? against : 0);

/**
 * A reusable place for one instrument's prices, filled in by RiskContext.quote. NaN = not known: no
 * level on that side, or a book that is not live (a price from a stale book is exactly what risk must
 * not act on). Plain numbers so that filling it allocates nothing.
 */
export interface MarketQuote {
  bid: number;
  ask: number;
  /** Last trade price; NaN when none was seen. */
  last: number;
}

export const emptyQuote = (): MarketQuote => ({ bid: NaN, ask: NaN, last: NaN });

/**
 * What the checks read about the world, from memory and without allocating: risk does not import the
 * OMS, the portfolio or the book service, it is handed this. ExposureTracker and BookQuotes implement
 * the order, position and price parts for the wiring.
 */
export interface RiskContext {
  /**
   * Our position and working orders on the instrument, as a live view: one object per instrument that
   * stays current (the check holds it while it asks about other instruments).
   */
  exposure(i: InstrumentRef): InstrumentExposure;
  /** Our working orders everywhere (the same as any exposure's account.count). */
  accountOpenOrders(): number;
  /** Fills `into` with the instrument's best bid, best ask and last trade. */
  quote(i: InstrumentRef, into: MarketQuote): void;
  /**
   * Total P&L of the instrument in its QuoteUnits: realised - fees + unrealised at the current mark.
   * Read for the daily loss limit (not on the per-order path).
   */
  pnl(i: InstrumentRef): QuoteUnits;
}

/** The price a market order is expected to trade at: best ask for a buy, best bid for a sell. */
export type ReferencePrice = (venue: VenueId, symbol: Symbol, side: Side) => Ticks | undefined;

/**
 * For callers that only know a reference price (the first wiring, tests of single-order limits): no
 * positions, no working orders, no P&L. The position, open-order and exposure limits then see an
 * empty account, so configure them only with a real context.
 */
export function referencePriceContext(referencePrice: ReferencePrice): RiskContext {
  return {
    exposure: () => NO_EXPOSURE,
    accountOpenOrders: () => 0,
    quote: (i, into) => {
      into.bid = referencePrice(i.venue, i.symbol, 'sell') ?? NaN;
      into.ask = referencePrice(i.venue, i.symbol, 'buy') ?? NaN;
      into.last = NaN;
    },
    pnl: () => 0,
  };
}
