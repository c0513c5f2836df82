import { greeksInto, type Greeks, type OptionInputs } from '../../../options';

/**
 * The market maker's quote for one option: the Black-Scholes-Merton value with r = q = 0 (the
 * simulated spot has no carry: no funding, no dividend, and USDT pays no interest here), and a
 * half-spread that widens with vega and with volatility: a maker charges for the risk that its
 * volatility is wrong, which is vega times the volatility's own uncertainty.
 */

/** Minimum half-spread, in ticks. */
const MIN_HALF_TICKS = 1.5;
/** Vol points of uncertainty charged per unit of vol scale. */
const VEGA_POINTS = 0.25;
/** A small share of the premium on top (deep in-the-money options have little vega). */
const PREMIUM_SHARE = 0.005;

export interface ModelQuote {
  /** Model value, in quote currency. */
  price: number;
  /** Half of the quoted spread, in quote currency. */
  half: number;
  sigma: number;
}

/**
 * Values one option into `out` (no allocation: it runs for every option every step). `tickValue`
 * is one premium tick in quote currency; `scale` is the surface's vol scale (1 = normal).
 */
export function modelQuote(inputs: OptionInputs, scale: number, tickValue: number, scratch: Greeks, out: ModelQuote): ModelQuote {
  greeksInto(inputs, scratch);
  out.price = scratch.price;
  out.sigma = inputs.sigma;
  out.half = MIN_HALF_TICKS * tickValue + VEGA_POINTS * scale * scratch.vega + PREMIUM_SHARE * scratch.price;
  return out;
}
