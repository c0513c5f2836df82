import { normalCdf, normalPdf } from './normal';
import { logMoneyness, normalisedOtmCall } from './normalisedBlack';

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

/**
 * Below this sigma·√T the option is priced at its zero-volatility limit: the value differs from it by a
 * relative 1e-100 at most, while at the money gamma (φ/(S·σ√T)) and charm would overflow to infinity.
 */
const MIN_SD = 1e-100;

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
  if (!(sd > MIN_SD)) return Math.max(0, sign * (o.spot * dq - o.strike * dr));
  return priceFrom(o.spot * dq, o.strike * dr, logMoneyness(o.spot, o.strike, (o.rate - q) * o.years), sd, sign);
}

/**
 * sign·(S·e^-qT·Φ(sign·d1) − K·e^-rT·Φ(sign·d2)), evaluated on the out-of-the-money side as
 * √(F̃·K̃)·b(−|ln(F̃/K̃)|, σ√T) (F̃ = S·e^-qT, K̃ = K·e^-rT; b the normalised Black price, accurate relative
 * to the last digits deep in the wing) and moved to the in-the-money side by put-call parity, so an
 * in-the-money price is its intrinsic value plus a correctly rounded time value: never below intrinsic,
 * never a difference of two numbers near 1. The implied-volatility solver inverts exactly this function.
 * `x` is ln(F̃/K̃) from `logMoneyness` (not ln(sdq/kdr), whose rounding the wing would magnify).
 */
function priceFrom(sdq: number, kdr: number, x: number, sd: number, sign: number): number {
  const otm = Math.sqrt(sdq) * Math.sqrt(kdr) * normalisedOtmCall(-Math.abs(x), sd);
  const callOutOfMoney = sdq < kdr;
  return (sign > 0) === callOutOfMoney || sdq === kdr ? otm : otm + sign * (sdq - kdr);
}
/**
 * Price and every Greek of one option, written into `out` (returned). Allocates nothing.
 *
 * The limits are the closed forms' own: with sigma·√T = 0 (expiry, or no volatility) the option is its
 * discounted forward intrinsic value, whose delta is a step and whose theta, rho and charm are those of
 * the discounted forward; far from the money φ(d1) underflows to 0 and every term it multiplies is 0
 * (never 0 · ∞ = NaN, which a tiny T would otherwise produce in charm).
 */
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
  if (!(sd > MIN_SD)) return intrinsicInto(o, q, dq, dr, sign, out);

  const d1 = (Math.log(s / k) + b * t) / sd + sd / 2;
  const d2 = d1 - sd;
  const nd1 = normalCdf(sign * d1);
  const nd2 = normalCdf(sign * d2);
  const pdf = normalPdf(d1);
  const sdq = s * dq;
  const kdr = k * dr;
  const price = priceFrom(sdq, kdr, logMoneyness(s, k, b * t), sd, sign);

  out.price = price;
  out.delta = sign * dq * nd1;
  out.rho = (black76 ? -t * price : sign * kdr * t * nd2) / 100;
  if (pdf === 0) {
    // So far from the money that every φ(d1) term is below the smallest double.
    out.gamma = 0;
    out.vega = 0;
    out.theta = (sign * (q * sdq * nd1 - r * kdr * nd2)) / DAYS_PER_YEAR;
    out.vanna = 0;
    out.volga = 0;
    out.charm = (sign * q * dq * nd1) / DAYS_PER_YEAR;
    return out;
  }
  const dqPdf = dq * pdf;
  out.gamma = dqPdf / (s * sd);
  const vegaPerUnit = sdq * pdf * sqrtT;
  out.vega = vegaPerUnit / 100;
  const thetaPerYear = (-sdq * pdf * sigma) / (2 * sqrtT) + sign * (q * sdq * nd1 - r * kdr * nd2);
  out.theta = thetaPerYear / DAYS_PER_YEAR;
  out.vanna = (-dqPdf * d2) / sigma / 100;
  out.volga = (vegaPerUnit * d1 * d2) / sigma / 10_000;
  // ∂d1/∂T = b/(σ√T) − d2/(2T); charm is −∂delta/∂T (time passing shortens T).
  const d1PerYear = b / sd - d2 / (2 * t);
  out.charm = (sign * q * dq * nd1 - dqPdf * d1PerYear) / DAYS_PER_YEAR;
  return out;
}

/**
 * With sigma·√T = 0: the discounted forward intrinsic value. In the money it is sign·(S·e^-qT − K·e^-rT),
 * whose delta, theta, rho and charm are those of that expression; out of the money everything is 0.
 */
function intrinsicInto(o: OptionInputs, q: number, dq: number, dr: number, sign: number, out: Greeks): Greeks {
  const sdq = o.spot * dq;
  const kdr = o.strike * dr;
  const forwardGap = sign * (sdq - kdr);
  const inMoney = forwardGap > 0;
  out.price = inMoney ? forwardGap : 0;
  out.delta = inMoney ? sign * dq : 0;
  out.gamma = 0;
  out.vega = 0;
  out.theta = inMoney ? (sign * (q * sdq - o.rate * kdr)) / DAYS_PER_YEAR : 0;
  out.rho = inMoney ? (o.model === 'black76' ? -o.years * forwardGap : sign * kdr * o.years) / 100 : 0;
  out.vanna = 0;
  out.volga = 0;
  out.charm = inMoney ? (sign * q * dq) / DAYS_PER_YEAR : 0;
  return out;
}

/** Price and Greeks of one option, as a new object (for callers off the hot path). */
export function greeks(o: OptionInputs): Greeks {
  return greeksInto(o, emptyGreeks());
}
