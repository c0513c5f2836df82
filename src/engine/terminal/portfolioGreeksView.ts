import type { Symbol, VenueId } from '../core';

/** The units of every portfolio Greeks number, sent with each snapshot so the screen states them. */
export interface PortfolioGreeksConventions {
  delta: 'units of the underlying (a long call of 1 BTC at delta 0.5: 0.5)';
  deltaNotional: 'delta × the underlying price, in the quote currency';
  gamma: 'change of delta (units of the underlying) per 1 quote-currency move of the underlying';
  vega: 'quote currency per 1 vol point';
  theta: 'quote currency per calendar day';
  riskDelta: "risk's max delta counts option positions only (optionDelta); spot and futures are hedges shown here";
}

export const PORTFOLIO_GREEKS_CONVENTIONS: PortfolioGreeksConventions = {
  delta: 'units of the underlying (a long call of 1 BTC at delta 0.5: 0.5)',
  deltaNotional: 'delta × the underlying price, in the quote currency',
  gamma: 'change of delta (units of the underlying) per 1 quote-currency move of the underlying',
  vega: 'quote currency per 1 vol point',
  theta: 'quote currency per calendar day',
  riskDelta: "risk's max delta counts option positions only (optionDelta); spot and futures are hedges shown here",
};

/**
 * One position's part of its underlying's Greeks: the option's Greeks (per unit of the underlying) ×
 * its quantity in units of the underlying (lots × lot size × contract multiplier). A spot or future on
 * the same underlying has delta 1 per unit and no other Greek.
 */
export interface PositionGreeksView {
  venue: VenueId;
  symbol: Symbol;
  displayName: string;
  kind: 'call' | 'put' | 'spot' | 'future';
  /** Signed quantity in units of the underlying. */
  units: number;
  expiry?: number;
  /** In price units. */
  strike?: number;
  /** The option's IV at its mark (annualised), where priced. */
  iv?: number;
  /** Per unit of the underlying, where priced (options). */
  unitDelta?: number;
  /** Absent (and `problem` says why) when the option cannot be priced now. */
  delta?: number;
  deltaNotional?: number;
  gamma?: number;
  vega?: number;
  theta?: number;
  /** The position's market value in the quote currency (a coin-settled premium converted at the underlying's price). */
  value?: number;
  problem?: string;
}

/** One underlying on one venue: the sums over its positions. */
export interface UnderlyingGreeksView {
  venue: VenueId;
  /** The chain's name for it ("BTC-USDT", "NIFTY"). */
  underlying: string;
  /** What risk's option limits are keyed by: `venue:underlying` ("SIM:BTC-USDT"). */
  riskKey: string;
  /** The currency the notional, vega and theta are in. */
  quote: string;
  /** From the nearest expiry's pricing (its spot or future), else a held spot's mid; absent when unknown. */
  underlyingPrice?: number;
  underlyingSymbol?: Symbol;
  /** Sums over the positions that could be priced (see `unpriced`). */
  delta: number;
  deltaNotional: number;
  gamma: number;
  vega: number;
  theta: number;
  /** Delta of the option positions alone: what risk's max delta limits. */
  optionDelta: number;
  /** How many positions could not be priced now (left out of the sums). */
  unpriced: number;
  positions: PositionGreeksView[];
}

export interface PortfolioGreeksView {
  asOf: number;
  underlyings: UnderlyingGreeksView[];
  conventions: PortfolioGreeksConventions;
}
