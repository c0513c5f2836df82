import type { InstrumentRef } from './riskContext';

/**
 * One option's Greeks as risk reads them, filled in by an OptionGreeksSource. Plain numbers in one
 * reused object so that reading them allocates nothing.
 */
export interface OptionGreeksReading {
  /** The underlying's name, what option limits are keyed by and what a rejection names (`venue:underlying`: "SIM:BTC-USDT", "zerodha:NIFTY"). */
  underlying: string;
  /** The underlying's price in the option instrument's quote currency (a coin-settled option quoted in the coin: 1). */
  underlyingPrice: number;
  /** ∂V/∂S of one unit of the underlying's exposure (a call 0..1, a put -1..0). */
  delta: number;
  /** ∂V/∂σ per 1 vol point, per unit of the underlying, in the option's quote currency. */
  vega: number;
  /** Units of the underlying per unit of the instrument's quantity (per "1" of its base: 1 for an NSE option, the contract size elsewhere). */
  multiplier: number;
}

export const emptyOptionGreeks = (): OptionGreeksReading => ({ underlying: '', underlyingPrice: NaN, delta: NaN, vega: NaN, multiplier: NaN });

/**
 * Where risk gets option Greeks: risk does not price options or read chains itself, it is handed this
 * (the terminal wires its option chain service). `read` fills `into` and returns true, or returns false
 * when the instrument is not an option it prices or has no price now: an option order then fails closed.
 */
export interface OptionGreeksSource {
  read(i: InstrumentRef, into: OptionGreeksReading): boolean;
}

/** Knows no option: every option is unpriced (option orders are refused where a limit needs Greeks). */
export const NO_OPTION_GREEKS: OptionGreeksSource = Object.freeze({ read: () => false });
