import type { Fill, Lots, OrderType, Product, Side, Symbol, Ticks, TimeInForce, VenueEvent, VenueId } from '../core';
import type { Instrument } from '../instruments';

// The events themselves (VenueEvent, LevelChange, ConnectionState) live in core/venueEvents.ts, beneath
// the journal that records them; re-exported here unchanged.
export type { ConnectionState, LevelChange, VenueEvent } from '../core';

/**
 * The one interface every venue adapter implements (SIM, Binance, Kite, ccxt venues).
 * Requests are fire-and-forget; everything the venue says comes back as a VenueEvent, in order,
 * exactly as a real exchange reports over its sockets.
 */
export interface VenueAdapter {
  readonly id: VenueId;
  readonly fees: FeeSchedule;
  instruments(): Instrument[];
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  submit(order: VenueOrderRequest): void;
  cancel(symbol: Symbol, clientOrderId: string): void;
  /**
   * Changes a working order's price, stop price and/or total quantity (filled part included).
   * Answered by `orderAmended` or `amendRejected`. Queue rules: a price change or a size increase
   * loses time priority, a size decrease keeps it.
   */
  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void;
  /** The venue's view of our working orders (untriggered stops included), for reconciliation. */
  openOrders(): Promise<VenueOrderState[]>;
  /** One order as the venue knows it, working or closed; undefined if the venue never had it. */
  queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined>;
  /**
   * Our fills with ts >= sinceTs, oldest first (the venue's trade history), for reconciliation. With
   * `symbols`, only theirs: a venue whose history is per symbol (Binance: one request of weight 20 each)
   * then asks for those alone instead of every symbol it lists.
   */
  fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]>;
  /**
   * Asks for a fresh full snapshot of one instrument's book, because ours can no longer be trusted (a
   * sequence gap, or the book worker restarted empty). Fire-and-forget like every request: the answer
   * is the venue's normal `bookSnapshot` event, in order with its deltas: it holds everything up to
   * its seq, and the next `bookDelta` carries seq + 1. A request the venue cannot serve now
   * (disconnected, unknown symbol) is dropped; the book service asks again on its own timer (it
   * already spaces and retries requests per book, so an adapter must not add delays of its own), and a
   * (re)connect sends every snapshot anyway.
   *
   * A real adapter cannot just send what it has: its book is the venue's diff stream, which it must
   * re-anchor. Binance (next issue): keep buffering the diff stream, fetch the REST depth snapshot
   * (`GET /api/v3/depth`, `/fapi/v1/depth`), drop buffered diffs the snapshot already holds and apply
   * the rest only if they continue it under the feed's documented rule (spot: the first has
   * U <= lastUpdateId + 1 <= u; USD-M futures: U <= lastUpdateId <= u, then each pu = the previous u;
   * see src/engine/marketdata/sync), then emit `bookSnapshot` followed by `bookDelta`s with a contiguous
   * seq of its own; if the rule fails, fetch again. Concurrent requests for one symbol share one fetch.
   */
  requestBookSnapshot(symbol: Symbol): void;
  onEvent(listener: (event: VenueEvent) => void): () => void;
  /** The products an order may name (Kite: CNC, MIS, NRML); absent: none, and an order naming one is refused. */
  readonly products?: readonly Product[];
  /** Whether the venue queues after-market orders (Kite's AMO variety); absent: it does not. */
  readonly afterMarketOrders?: boolean;
  /** The last measured round trip to the venue (one request and its answer) in ms, for the status bar; none for SIM. */
  roundTripMs?(): number | undefined;
  /**
   * The symbols whose book and trades are wanted now (the ones on screen, with working orders or open
   * positions); the others' market data stops. A real venue lists thousands of symbols and cannot stream
   * them all; an adapter without this method (SIM) streams every symbol it has. Called again with the
   * whole set on each change.
   */
  watchMarket?(symbols: readonly Symbol[]): void;
  /**
   * The venue's own part of the kill switch, beyond the OMS canceling the orders it knows (Kite: every
   * open order at the venue including those placed elsewhere, its GTTs when the trader chose so, and a
   * square-off of intraday positions with `flatten`). Every call is tried; the report names each that failed.
   * `deleteGtts`: the trader's setting (venues with GTTs); absent, the adapter's own default.
   */
  killSwitch?(options: { flatten: boolean; deleteGtts?: boolean }): Promise<VenueKillReport>;
  /** Open interest of a derivative, in its lots, where the venue publishes it; undefined when unknown. */
  openInterest?(symbol: Symbol): Lots | undefined;
  /**
   * The last price the venue's market data stated for a streamed instrument, in ticks: what an index
   * (no book, no trades: Kite's NSE:NIFTY 50) is known by. Undefined when not streamed now or the stream is
   * down; a venue whose indices do not stream leaves it out.
   */
  lastPrice?(symbol: Symbol): Ticks | undefined;
}

/** What a venue's own kill switch did, and every call of it that failed, in the venue's words. */
export interface VenueKillReport {
  /** Venue order ids whose cancel the venue took. */
  canceled: string[];
  failed: { call: string; reason: string }[];
}

/** Maker/taker fees in basis points of notional. */
export interface FeeSchedule {
  makerBps: number;
  takerBps: number;
}

export interface VenueOrderRequest {
  clientOrderId: string;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  /** Only ever reduces the position at the venue; refused if it would open or flip one. */
  reduceOnly: boolean;
  price?: Ticks; // required for limit and stop_limit orders
  /** Required for stop orders: buy stops trigger when the best ask reaches it, sell stops when the best bid does. */
  stopPrice?: Ticks;
  /** Required for GTD: the venue expires the order at this time (ms since epoch). */
  expireAt?: number;
  /** Kite's product (CNC, MIS, NRML): required by Kite, refused by venues without products. */
  product?: Product;
  /** Kite's AMO variety: an order placed outside market hours, queued for the next session. */
  afterMarket?: boolean;
  qty: Lots;
}

/** Absent fields are unchanged. qty is the new total quantity, filled part included. */
export interface VenueAmend {
  price?: Ticks;
  stopPrice?: Ticks;
  qty?: Lots;
}

/** open = live in the book; untriggered = a stop waiting for its trigger. */
export type VenueOrderStatus = 'open' | 'untriggered' | 'filled' | 'canceled' | 'expired' | 'rejected';

export interface VenueOrderState {
  clientOrderId: string;
  venueOrderId: string;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  price?: Ticks;
  stopPrice?: Ticks;
  qty: Lots;
  filledQty: Lots;
  status: VenueOrderStatus;
  triggered: boolean;
  /** Why it ended, for canceled, expired and rejected orders. */
  reason?: string;
  /** When the venue took the order (from its order query); lets reconcile fetch the fills of an order it adopts. */
  createdAt?: number;
  reduceOnly?: boolean;
  postOnly?: boolean;
  product?: Product;
  afterMarket?: boolean;
  updatedAt: number;
}

/** One of our executions as the venue's trade history reports it (a Fill, which the venue does not name). */
export type VenueFill = Omit<Fill, 'venue'>;

/**
 * A venue's public market data as a component its adapter owns (Binance: marketdata's
 * BinanceMarketFeed, built by the layer that wires the adapter, since marketdata sits above venues).
 * It emits `connection`, `bookSnapshot`, `bookDelta` and `trade` events; `onStale` says a book can no
 * longer be trusted (a venue sequence gap, the socket down) until its next `bookSnapshot`, which the
 * owner passes to BookService.markStale.
 */
export interface VenueMarketFeed {
  start(): void;
  stop(): void;
  /** As VenueAdapter.watchMarket: the whole set of symbols to stream now (may be empty). */
  watch(symbols: readonly Symbol[]): void;
  /** As VenueAdapter.requestBookSnapshot: fire-and-forget, answered by a `bookSnapshot` event. */
  requestBookSnapshot(symbol: Symbol): void;
  onEvent(listener: (event: VenueEvent) => void): () => void;
  onStale(listener: (symbol: Symbol, reason: string) => void): () => void;
}
