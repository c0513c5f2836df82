import type { Lots, Product, QuoteUnits, Side, Source, Ticks } from '../core';
import type { BreakerTransitionRecord, BreakerView, CancelAllOutcome, RiskLimitsConfig, RiskUtilisation } from '../risk';
import type { AccountEnvironment, AccountVenue } from '../secrets';
import type { ConnectionState } from '../venues';
import type { AnalyticsView } from './analyticsView';

/**
 * What the engine publishes to views (the bridge contract re-exports these). Prices are ticks,
 * quantities lots, money QuoteUnits: the view formats them with the instrument.
 */
export interface BookView {
  venue: string;
  symbol: string;
  seq: number;
  stale: boolean;
  bids: [Ticks, Lots][];
  asks: [Ticks, Lots][];
}

export interface Candle {
  time: number; // bar open, seconds since epoch
  open: Ticks;
  high: Ticks;
  low: Ticks;
  close: Ticks;
  volume: Lots;
}

export interface Trade {
  ts: number;
  price: Ticks;
  qty: Lots;
  aggressor: Side;
}

export interface PositionView {
  venue: string;
  symbol: string;
  /** Signed lots: > 0 long, < 0 short. */
  qty: Lots;
  /** Average entry price rounded to a whole tick; absent when flat. */
  avgPrice?: Ticks;
  realisedPnl: QuoteUnits;
  /** Marked to mid; absent when an open position has no mark yet. */
  unrealisedPnl?: QuoteUnits;
  fees: QuoteUnits;
  mark?: Ticks;
  /**
   * The position as the venue itself holds it (derivatives accounts: Binance USD-M), signed lots; absent
   * where the venue reports none (spot, SIM). A difference from `qty` means a position opened outside
   * the terminal or a fill not booked yet.
   */
  venueQty?: Lots;
  /** Kite: the venue's position per product (net, today's, carried), for the Products cell and "Convert". */
  venueProducts?: VenueProductView[];
  /** Kite: the day's mark-to-market of the venue's position, decimal text in rupees. */
  venueM2m?: string;
}

/** One product's part of a venue position (Kite), quantities signed lots. */
export interface VenueProductView {
  product: Product;
  netQty: Lots;
  dayQty: Lots;
  overnightQty: Lots;
  /** Decimal text in rupees. */
  m2m: string;
}

export interface KillEvent {
  ts: number;
  action: 'engage' | 'reset';
  source: Source;
  reason: string;
}

export interface KillState {
  engaged: boolean;
  since?: number;
  source?: Source;
  reason?: string;
  history: KillEvent[];
  /** The last engage's cancel-all: how long until every working order was confirmed canceled, and what was not. */
  lastCancel?: CancelAllOutcome;
  /** Whether engaging also closes every position with market orders. */
  flattenOnEngage: boolean;
  /** The last engage's own kill at each venue that has one (Kite): running, or what failed there. */
  venueKill: VenueKillOutcome[];
  /** Kite: the active GTTs are deleted too when the switch engages (the trader's setting). */
  deleteGttsOnKill: boolean;
}

/** What one venue's own kill switch did at the last engage; each failure in the venue's words. */
export interface VenueKillOutcome {
  venue: string;
  state: 'running' | 'done';
  /** Orders the venue took a cancel for. */
  canceled: number;
  /** "cancel 2412", "delete GTT 7", "square off NFO:NIFTY24DECFUT", with the venue's reason. */
  failures: { action: string; reason: string }[];
}

/** Everything the risk panel shows: the limits as configured, how much of each is used, the breakers. */
export interface RiskState {
  limits: RiskLimitsConfig;
  utilisation: RiskUtilisation;
  breakers: BreakerView[];
  /** Latest breaker transitions, newest last. */
  breakerLog: BreakerTransitionRecord[];
  /** Why the stored limits could not be loaded at start, if they could not (defaults are in force). */
  loadProblem?: string;
}

export interface VenueStatus {
  venue: string;
  state: ConnectionState;
  /** Why it is disconnected, in the venue's own words when it gave any. */
  reason?: string;
  /** For a venue account (absent for SIM venues): what the status bar and every badge show. */
  account?: { venue: AccountVenue; environment: AccountEnvironment; customEndpoints: boolean };
  /** The last measured round trip to the venue, ms. */
  latencyMs?: number;
}

/** One asset of an account, as the Balances panel shows it. */
export interface BalanceRow {
  asset: string;
  /** Decimal text as the venue states it. */
  free: string;
  locked: string;
  /** (free + locked) valued at the mid of asset/quoteAsset on the same account, decimal text; absent without a price. */
  valueInQuote?: string;
  quoteAsset?: string;
  /** Kite holdings: shares bought and not yet delivered (T+1), decimal text. */
  t1?: string;
  /** Kite holdings: shares pledged as collateral; margins: the collateral's value in rupees. */
  collateral?: string;
  /** Kite: a segment's margin ("INR equity"): `free` is available, `locked` used. */
  margin?: boolean;
}

/** Every asset of one account, as last reported by its venue. */
export interface BalancesView {
  venue: string;
  updatedAt: number;
  balances: BalanceRow[];
}

export interface Status {
  venues: VenueStatus[];
  engineTime: number;
  mode: 'electron' | 'headless';
}

export interface MarketSnapshot {
  book?: BookView;
  candles: Candle[];
  trades: Trade[];
  analytics?: AnalyticsView;
}
