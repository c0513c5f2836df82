import type { Liquidity, Lots, Product, QuoteUnits, Side, Symbol, Ticks, VenueId } from './types';

// What a venue says, as every adapter reports it. It lives in core because the journal (storage)
// records these events and sits beneath the venues; venues/types.ts re-exports it.

/** One price level change; qty is the absolute new size (0 deletes the level). */
export interface LevelChange {
  side: Side; // 'buy' = bid, 'sell' = ask
  price: Ticks;
  qty: Lots;
}

/** Side codes of FlatLevelChanges (the book worker's batches use the same two). */
export const FLAT_BID = 0;
export const FLAT_ASK = 1;

/**
 * Level changes as one flat array of (side, price, qty) triples, side FLAT_BID or FLAT_ASK, qty the
 * absolute new size as in LevelChange. The form a feed that reads levels straight off the wire emits:
 * no object per level (which cost the Binance depth path more than its sequencing), and the layout the
 * book worker's batches already use, so the book service copies it as it is. Plain numbers rather than
 * a typed array: a Float64Array per event would be an ArrayBuffer allocation each, and a plain array
 * clones and serialises like the rest of the event.
 */
export type FlatLevelChanges = number[];

/** A book delta carries its levels in one of two forms: `changes` (one object per level) or `flat`. */
export type BookDelta = { type: 'bookDelta'; venue: VenueId; symbol: Symbol; seq: number } & (
  | { changes: LevelChange[]; flat?: undefined }
  | { flat: FlatLevelChanges; changes?: undefined }
);

/** A delta's level changes as objects, whichever form it carries (for consumers off the hot path). */
export function levelChangesOf(delta: BookDelta): LevelChange[] {
  if (delta.flat === undefined) return delta.changes;
  const flat = delta.flat;
  const out: LevelChange[] = new Array(flat.length / 3);
  for (let i = 0, c = 0; c < flat.length; i++, c += 3) {
    out[i] = { side: flat[c] === FLAT_BID ? 'buy' : 'sell', price: flat[c + 1]!, qty: flat[c + 2]! };
  }
  return out;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * One asset of an account as the venue states it. Decimal text exactly as the venue wrote it: balances
 * are shown and compared, never used in float arithmetic (a value in quote goes through core/decimal).
 */
export interface VenueBalance {
  asset: string;
  free: string;
  locked: string;
  /** Kite holdings: shares bought and not yet delivered (T+1), beside `free`. */
  t1?: string;
  /** Kite holdings: shares pledged as collateral for margin; Kite margins: the collateral's value in rupees. */
  collateral?: string;
  /**
   * Kite: a segment's margin ("INR equity", "INR commodity") rather than an asset held: `free` is what
   * is available to trade with, `locked` what positions and orders use.
   */
  margin?: boolean;
}

/**
 * A derivatives position as the venue reports it (Binance USD-M), for the Positions panel's venue
 * column and reconciliation; the terminal's own positions are still built from fills.
 */
export interface VenuePosition {
  symbol: Symbol;
  /** Signed lots: > 0 long, < 0 short. */
  qty: Lots;
  entryPrice?: Ticks;
  /** Decimal text in the margin asset, as the venue states it. */
  unrealisedPnl?: string;
  /** Kite: the day's mark-to-market of the position (decimal text in rupees). */
  m2m?: string;
  /** Kite: the position per product (the symbol's `qty` is their sum). */
  products?: VenueProductPosition[];
}

/** One product's part of a Kite position: net (carried + today) and today's alone. */
export interface VenueProductPosition {
  product: Product;
  /** Signed lots, net of everything carried and traded today. */
  netQty: Lots;
  /** Signed lots traded today (Kite's day position). */
  dayQty: Lots;
  /** Signed lots carried from earlier days. */
  overnightQty: Lots;
  averagePrice?: Ticks;
  /** Decimal text in rupees. */
  m2m: string;
  pnl: string;
  realised: string;
  unrealised: string;
}

export type VenueEvent =
  | { type: 'connection'; venue: VenueId; state: ConnectionState; reason?: string }
  | { type: 'bookSnapshot'; venue: VenueId; symbol: Symbol; seq: number; bids: [Ticks, Lots][]; asks: [Ticks, Lots][] }
  | BookDelta
  | { type: 'trade'; venue: VenueId; symbol: Symbol; ts: number; price: Ticks; qty: Lots; aggressor: Side; tradeId: string }
  | { type: 'orderAccepted'; venue: VenueId; clientOrderId: string; venueOrderId: string; ts: number }
  | { type: 'orderRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  | {
      type: 'orderFilled';
      venue: VenueId;
      clientOrderId: string;
      fillId: string;
      ts: number;
      price: Ticks;
      qty: Lots;
      liquidity: Liquidity;
      fee: QuoteUnits;
    }
  | { type: 'orderCanceled'; venue: VenueId; clientOrderId: string; ts: number; reason?: string }
  | { type: 'cancelRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  /** A stop reached its trigger and is now a live market or limit order. */
  | { type: 'orderTriggered'; venue: VenueId; clientOrderId: string; ts: number }
  /** An amend took effect: the order's price, stop price and total quantity now. */
  | { type: 'orderAmended'; venue: VenueId; clientOrderId: string; ts: number; price?: Ticks; stopPrice?: Ticks; qty: Lots }
  | { type: 'amendRejected'; venue: VenueId; clientOrderId: string; reason: string; ts: number }
  /**
   * The venue's answer to a request about this order never came (a lost submit acknowledgement): the
   * order may or may not be at the venue. The adapter is finding out (it queries, it never resends);
   * until its next word about the order, the order shows as unknown.
   */
  | { type: 'orderUnknown'; venue: VenueId; clientOrderId: string; ts: number; reason: string }
  /** Ended by time in force: an IOC/FOK/market remainder, a GTD or DAY order reaching its end. */
  | { type: 'orderExpired'; venue: VenueId; clientOrderId: string; ts: number; reason: string }
  /** An account's balances: every asset when `complete`, otherwise only those that changed. */
  | { type: 'balances'; venue: VenueId; ts: number; balances: VenueBalance[]; complete: boolean }
  /** A derivatives account's positions: all of them when `complete`, otherwise only those that changed. */
  | { type: 'venuePositions'; venue: VenueId; ts: number; positions: VenuePosition[]; complete: boolean }
  /**
   * The venue closed a position itself: a derivative reached its expiry and was settled in cash at
   * `price` (ticks; 0 = expired worthless). No order of ours asked for it, so it carries what an order
   * would: the venue's ids for the closing trade, its side and size. The OMS books it as an order of
   * source 'settlement' with one fill, journaled like any other.
   */
  | {
      type: 'positionSettled';
      venue: VenueId;
      symbol: Symbol;
      clientOrderId: string;
      venueOrderId: string;
      fillId: string;
      side: Side;
      qty: Lots;
      price: Ticks;
      ts: number;
    }
  /** A perpetual's mark price and funding (Binance USD-M `markPriceUpdate`). */
  | { type: 'markPrice'; venue: VenueId; symbol: Symbol; ts: number; markPrice: Ticks; indexPrice?: Ticks; fundingRate?: string; nextFundingTime?: number };
