import type { Lots, Symbol, Ticks, VenueId } from '../../core';
import type { PricingModel } from '../../options';
import type { UnderlyingKind } from './underlyings';

/** The units of the chain's numbers, sent with every chain so that the screen states them. */
export interface ChainConventions {
  theta: 'per calendar day';
  vega: 'per 1 vol point';
  time: 'ACT/365';
  iv: 'annualised, from the mark (bid IV and ask IV from the bid and ask)';
  delta: 'per 1 unit of the underlying';
}

export const CHAIN_CONVENTIONS: ChainConventions = {
  theta: 'per calendar day',
  vega: 'per 1 vol point',
  time: 'ACT/365',
  iv: 'annualised, from the mark (bid IV and ask IV from the bid and ask)',
  delta: 'per 1 unit of the underlying',
};

/** One underlying with options on a venue, and its expiries (ms, ascending). */
export interface OptionUnderlyingView {
  venue: VenueId;
  underlying: string;
  expiries: number[];
}

/** One option of a strike (a call or a put). Prices in the option's ticks; IV and Greeks as plain numbers. */
export interface ChainSideView {
  symbol: Symbol;
  displayName: string;
  /** The option's tick size and decimals, to show and send its prices. */
  tickSize: number;
  priceDecimals: number;
  bid?: Ticks;
  ask?: Ticks;
  /** Mid of bid and ask, else the last trade; in price units (not ticks: a mid can fall between two). */
  mark?: number;
  markFrom?: 'mid' | 'last';
  iv?: number;
  bidIv?: number;
  askIv?: number;
  /** Why there is no IV (a price outside the no-arbitrage bounds, no mark, no underlying price, expired). */
  ivProblem?: string;
  delta?: number;
  gamma?: number;
  vega?: number;
  theta?: number;
  /** Open interest in lots, where the venue publishes it. */
  oi?: Lots;
}

export interface ChainRowView {
  /** In price units. */
  strike: number;
  call?: ChainSideView;
  put?: ChainSideView;
}

export interface OptionChainView {
  venue: VenueId;
  underlying: string;
  expiry: number;
  /** Every expiry of the underlying, ascending (for the picker). */
  expiries: number[];
  /** What the options are priced from; absent when the venue lists nothing to price them from. */
  underlyingSymbol?: Symbol;
  underlyingKind?: UnderlyingKind;
  /** Price units; from the underlying's book mid, its last trade, or (none of those) the options' put-call parity (then the model is Black-76 on that forward). */
  underlyingPrice?: number;
  underlyingPriceFrom?: 'mid' | 'last' | 'parity';
  /** The forward to the expiry: the future's price (Black-76) or S·e^(rT) (BSM, no dividend). */
  forward?: number;
  /** ACT/365 from the engine's clock to the expiry. */
  years: number;
  model: PricingModel;
  /** Continuous annual rate used to discount (and, under BSM, to carry). */
  rate: number;
  /** The strike nearest the forward. */
  atmStrike?: number;
  /** Strikes in the same decimals as the options' prices. */
  priceDecimals: number;
  rows: ChainRowView[];
  conventions: ChainConventions;
  /** Why IV and Greeks are missing for the whole chain (no underlying, no price for it yet, expired). */
  problem?: string;
  asOf: number;
}

/** The Greeks of one held option, for risk and portfolio Greeks. */
export interface OptionGreeksView {
  venue: VenueId;
  symbol: Symbol;
  underlying: string;
  /** Absent when the price is the options' put-call parity forward and the venue lists no underlying. */
  underlyingSymbol?: Symbol;
  underlyingPrice: number;
  underlyingPriceFrom: 'mid' | 'last' | 'parity';
  forward: number;
  years: number;
  model: PricingModel;
  rate: number;
  mark: number;
  iv: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  /**
   * What `mark` is in: the quote currency, or the underlying for a coin-settled option (Deribit's). The
   * Greeks are always of the option's value in the quote currency (IV is solved on the premium × the
   * underlying's price), so a view multiplies only the mark by `underlyingPrice` to show it in quote.
   */
  premiumIn: 'quote' | 'underlying';
}
