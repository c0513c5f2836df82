import type { OrderStatus, Side, Symbol, VenueId } from '../../core';
import type { Direction, PayoffPoint, PnlBound, PricingModel } from '../../options';

/*
 * What the strategy builder asks the engine and what it gets back. Quantities are in lots (contracts: one
 * lot is the instrument's lot size of the underlying, 0.01 BTC on SIM, 75 units of NIFTY on NFO); prices
 * travel as decimal strings in the option's own decimals, as the order ticket sends them.
 */

/** One leg named by the trader: an option of the chain, bought or sold, so many lots. */
export interface StrategyLegSpec {
  symbol: Symbol;
  side: Side;
  lots: number;
}

/** The presets of the engine's strategy math (src/engine/options/strategy/presets.ts), by name. */
export type StrategyPresetSpec =
  | { name: 'straddle' }
  | { name: 'strangle'; width: number }
  | { name: 'vertical'; right: 'call' | 'put'; width: number }
  | { name: 'butterfly'; right: 'call' | 'put'; width: number }
  | { name: 'ironCondor'; inner: number; wing: number }
  /** Near leg at `expiry`, far leg at `farExpiry`; the strike defaults to the near ATM. */
  | { name: 'calendar'; right: 'call' | 'put'; farExpiry: number; strike?: number };

export type StrategyPresetName = StrategyPresetSpec['name'];

export interface StrategyRequest {
  venue: VenueId;
  underlying: string;
  /** Continuous annual rate; absent: the venue's setting, as the chain uses. */
  rate?: number;
  /** Either the legs, or a preset with its expiry, direction and size. */
  legs?: StrategyLegSpec[];
  preset?: StrategyPresetSpec & { expiry?: number; direction: Direction; lots: number };
}

/** One leg resolved against the live chain and priced at what it would cost now. */
export interface StrategyLegView {
  symbol: Symbol;
  displayName: string;
  right: 'call' | 'put';
  /** Price units. */
  strike: number;
  expiry: number;
  side: Side;
  lots: number;
  /** The order quantity (lots × lot size) as the ticket writes it. */
  qty: string;
  /** Units of the underlying in one lot. */
  multiplier: number;
  /** Entry: the ask for a buy, the bid for a sell, in the option's decimals (the leg's limit price). */
  price?: string;
  bid?: string;
  ask?: string;
  mark?: number;
  /** The mark's implied volatility: what "today" values the leg with. */
  iv?: number;
  /** Why this leg cannot be priced now (no ask to buy at, no IV...). */
  problem?: string;
}

/** Net Greeks of the whole position at the current underlying price. */
export interface StrategyGreeksView {
  /** Units of the underlying (Σ delta × lots × lot size). */
  delta: number;
  /** Delta in lots of the options (contracts of the first leg's size). */
  deltaLots: number;
  /** Delta × underlying price, in the quote currency. */
  deltaNotional: number;
  /** Change of `delta` per 1 unit of the underlying's price. */
  gamma: number;
  /** Quote currency per 1 vol point. */
  vega: number;
  /** Quote currency per calendar day. */
  theta: number;
  /** Quote currency per 1 point of rate. */
  rho: number;
  /** The position's value at the marks' IV, quote currency. */
  value: number;
}

export interface StrategySummaryView {
  /** Cash to open at the legs' prices, in the quote currency: > 0 paid (debit). */
  premium: { amount: number; kind: 'debit' | 'credit' | 'even' };
  greeks: StrategyGreeksView;
  /** The first expiry: where the payoff is taken. */
  expiry: number;
  /** False for legs of different expiries (a calendar): breakevens and bounds are then numerical. */
  exact: boolean;
  breakevens: number[];
  maxProfit: PnlBound;
  maxLoss: PnlBound;
  today: PayoffPoint[];
  atExpiry: PayoffPoint[];
}

export interface StrategyQuoteView {
  venue: VenueId;
  underlying: string;
  /** Price units of the underlying (or the chain's parity forward). */
  underlyingPrice?: number;
  model?: PricingModel;
  rate?: number;
  /** The quote currency of the premiums, for labels. */
  currency: string;
  legs: StrategyLegView[];
  /** Absent when some leg cannot be priced; `problems` says why. */
  summary?: StrategySummaryView;
  problems: string[];
  asOf: number;
}

/** One leg as the trader confirmed it: sent as a limit order at `price` for `lots`. */
export interface StrategySendLeg {
  symbol: Symbol;
  side: Side;
  lots: number;
  price: string;
}

export interface StrategySendRequest {
  venue: VenueId;
  legs: StrategySendLeg[];
}

/** What happened to one leg: its order's last state, or that it was never sent. */
export interface StrategyLegOutcome {
  symbol: Symbol;
  side: Side;
  lots: number;
  price: string;
  clientOrderId?: string;
  /** The order's status; 'refused' = the engine or risk refused it before it left; 'not_sent' = stopped before it. */
  status: OrderStatus | 'refused' | 'not_sent';
  /** Lots filled. */
  filledLots: number;
  reason?: string;
}

export interface StrategySendResult {
  /** True when every leg filled in full. */
  complete: boolean;
  /** In send order (buys first). */
  legs: StrategyLegOutcome[];
  /** One sentence for the trader: all filled, or which legs went and where it stopped. */
  message: string;
}
