import type { Symbol } from '../../../core';

/**
 * The scale our events for a symbol are in: price = ticks * tickSize * 10^-priceDecimals rupees,
 * quantity = lots * lotSize * 10^-qtyDecimals units (an Instrument has exactly these fields). Kite's
 * depth, volume and traded quantities are in units (shares; contracts' units for F&O), so an F&O
 * instrument whose lot is 75 units has lotSize 75 and qtyDecimals 0.
 */
export interface KiteScale {
  priceDecimals: number;
  tickSize: number;
  qtyDecimals: number;
  lotSize: number;
}

/**
 * What the ticker needs of Kite's instruments: KiteTicker speaks instrument tokens, we speak symbols.
 * The instruments registry (venues/kite instruments) satisfies it.
 */
export interface KiteInstrumentMap {
  tokenOf(symbol: Symbol): number | undefined;
  symbolOf(token: number): Symbol | undefined;
  priceScale(symbol: Symbol): KiteScale | undefined;
}

/**
 * Exact conversion of a packet's integers to our ticks and lots: value * num / den, refused (NaN) when
 * the result is not a whole number, never rounded (a price off the tick grid means the scale is wrong,
 * and a book built on a rounded price would lie). Factors are computed once per symbol.
 */
export class ExactScaler {
  private constructor(
    private readonly num: number,
    private readonly den: number,
  ) {}

  /** From integers with `fromDecimals` decimals to steps of `step` units of 10^-toDecimals. */
  static of(fromDecimals: number, toDecimals: number, step: number): ExactScaler {
    const shift = toDecimals - fromDecimals;
    return shift >= 0 ? new ExactScaler(10 ** shift, step) : new ExactScaler(1, 10 ** -shift * step);
  }

  /** NaN when `value` is not a whole number of steps (or too large to convert exactly). */
  apply(value: number): number {
    const scaled = value * this.num;
    // Past 2^53 the product is no longer exact, and neither would the remainder be.
    return Number.isSafeInteger(scaled) && scaled % this.den === 0 ? scaled / this.den : NaN;
  }
}

export function validScale(scale: KiteScale): string | undefined {
  const intIn = (v: number, min: number, max: number) => Number.isSafeInteger(v) && v >= min && v <= max;
  if (!intIn(scale.priceDecimals, 0, 9) || !intIn(scale.qtyDecimals, 0, 9)) return 'decimals must be integers from 0 to 9';
  if (!intIn(scale.tickSize, 1, 1e9) || !intIn(scale.lotSize, 1, 1e9)) return 'tick and lot sizes must be positive integers';
  return undefined;
}
