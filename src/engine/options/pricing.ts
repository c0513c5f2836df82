import { normalCdf, normalPdf } from './normal';

/**
 * European option prices and Greeks in closed form, over float64. One formula serves both models:
 *
 * - Black-Scholes-Merton with a continuous dividend (or carry) yield q: spot S, carry b = r - q;
 * - Black-76 for options on a future F: the same formula with S = F and q = r (carry b = 0), except rho,
 *   which for Black-76 moves the discount factor only (rho = -T · price).
 *
 * Conventions, stated once (the UI shows the same words):
 * - T in years, ACT/365 to the second (`yearsBetween`);
 * - r, q, sigma continuous and annual (0.05 = 5%);
 * - theta and charm per calendar day (the year's rate / 365);
 * - vega, rho, vanna and volga per 1 percentage point of their variable (the derivative / 100);
 * - prices in the currency the inputs S and K are quoted in.
 *
 * The hot path (`greeksInto`) writes into a caller-owned object and allocates nothing, so a whole chain
 * can be revalued on every tick.
 */

export type OptionRight = 'call' | 'put';
export type PricingModel = 'bsm' | 'black76';

export const DAYS_PER_YEAR = 365;
const MS_PER_YEAR = DAYS_PER_YEAR * 24 * 3600 * 1000;

/** Years from `fromMs` to `toMs`, ACT/365 to the millisecond; never negative. */
export function yearsBetween(fromMs: number, toMs: number): number {
  return Math.max(0, (toMs - fromMs) / MS_PER_YEAR);
}

/** What one option is priced on. For Black-76, `spot` is the future's price and `q` is ignored. */
export interface OptionInputs {
  model: PricingModel;
  right: OptionRight;
  /** Spot (BSM) or future (Black-76) price. */
  spot: number;
  strike: number;
  /** Years to expiry. */
  years: number;
  /** Continuous risk-free rate. */
  rate: number;
  /** Continuous dividend or carry yield (BSM only). */
  dividend: number;
  sigma: number;
}

export interface Greeks {
  price: number;
  /** ∂V/∂S. */
  delta: number;
  /** ∂²V/∂S². */
  gamma: number;
  /** ∂V/∂σ per 1 vol point. */
  vega: number;
  /** Change of value over one calendar day, all else equal. */
  theta: number;
  /** ∂V/∂r per 1 percentage point. */
  rho: number;
  /** ∂delta/∂σ per 1 vol point. */
  vanna: number;
  /** ∂vega/∂σ per 1 vol point (vega per point, per point). */
  volga: number;
  /** Change of delta over one calendar day. */
  charm: number;
}

export function emptyGreeks(): Greeks {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0, charm: 0 };
}

/** Price only; cheaper than the Greeks. */
export function optionPrice(o: OptionInputs): number {
  const q = o.model === 'black76' ? o.rate : o.dividend;
  const dq = Math.exp(-q * o.years);
  const dr = Math.exp(-o.rate * o.years);
  const sign = o.right === 'call' ? 1 : -1;
  const sd = o.sigma * Math.sqrt(o.years);
  if (!(sd > 0)) return Math.max(0, sign * (o.spot * dq - o.strike * dr));
  const d1 = (Math.log(o.spot / o.strike) + (o.rate - q) * o.years) / sd + sd / 2;
  const d2 = d1 - sd;
  return sign * (o.spot * dq * normalCdf(sign * d1) - o.strike * dr * normalCdf(sign * d2));
}

/** Price and every Greek of one option, written into `out` (returned). */
export function greeksInto(o: OptionInputs, out: Greeks): Greeks {
  const { spot: s, strike: k, years: t, rate: r, sigma } = o;
  const black76 = o.model === 'black76';
  const q = black76 ? r : o.dividend;
  const b = r - q;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  const sign = o.right === 'call' ? 1 : -1;
  const sqrtT = Math.sqrt(t);
  const sd = sigma * sqrtT;
  if (!(sd > 0)) return intrinsicInto(o, dq, dr, sign, out);

  const d1 = (Math.log(s / k) + b * t) / sd + sd / 2;
  const d2 = d1 - sd;
  const nd1 = normalCdf(sign * d1);
  const nd2 = normalCdf(sign * d2);
  const pdf = normalPdf(d1);
  const sdq = s * dq;
  const kdr = k * dr;

  out.price = sign * (sdq * nd1 - kdr * nd2);
  out.delta = sign * dq * nd1;
  out.gamma = (dq * pdf) / (s * sd);
  const vegaPerUnit = sdq * pdf * sqrtT;
  out.vega = vegaPerUnit / 100;
  const thetaPerYear = (-sdq * pdf * sigma) / (2 * sqrtT) + sign * (q * sdq * nd1 - r * kdr * nd2);
  out.theta = thetaPerYear / DAYS_PER_YEAR;
  out.rho = (black76 ? -t * out.price : sign * kdr * t * nd2) / 100;
  out.vanna = (-dq * pdf * d2) / sigma / 100;
  out.volga = (vegaPerUnit * d1 * d2) / sigma / 10_000;
  const charmPerYear = sign * q * dq * nd1 - (dq * pdf * (2 * b * t - d2 * sd)) / (2 * t * sd);
  out.charm = charmPerYear / DAYS_PER_YEAR;
  return out;
}

/** At expiry (or with zero volatility): the discounted forward intrinsic value, delta a step. */
function intrinsicInto(o: OptionInputs, dq: number, dr: number, sign: number, out: Greeks): Greeks {
  const forwardGap = sign * (o.spot * dq - o.strike * dr);
  const inMoney = forwardGap > 0;
  out.price = inMoney ? forwardGap : 0;
  out.delta = inMoney ? sign * dq : 0;
  out.gamma = 0;
  out.vega = 0;
  out.theta = 0;
  out.rho = 0;
  out.vanna = 0;
  out.volga = 0;
  out.charm = 0;
  return out;
}

/** Price and Greeks of one option, as a new object (for callers off the hot path). */
export function greeks(o: OptionInputs): Greeks {
  return greeksInto(o, emptyGreeks());
}
