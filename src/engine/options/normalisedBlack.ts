import { erfcxPositive, normalCdf } from './normal';

/**
 * The normalised Black call price of P. Jäckel ("Let's Be Rational", 2015), the one function every
 * European price reduces to: with x = ln(F/K) and s = σ√T (total standard deviation),
 *
 *   b(x, s) = e^(x/2) Φ(x/s + s/2) − e^(−x/2) Φ(x/s − s/2)  =  undiscounted call / √(F·K),
 *
 * a put being the call at −x. The implied-volatility solver works on the out-of-the-money side x ≤ 0
 * only (an in-the-money price minus its intrinsic value is the OTM price at −x), where 0 < b < e^(x/2).
 *
 * Derivatives in s have closed forms: b' = exp(−(x²/s² + s²/4)/2)/√(2π) (all terms cancel but one), and
 * b''/b' = x²/s³ − s/4, b'''/b' = (b''/b')² − 3x²/s⁴ − 1/4.
 */
const INV_SQRT_2PI = 0.3989422804014327;

/** b(x, s) for x ≤ 0, s > 0. */
export function normalisedOtmCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  if (h + t < -TAIL) {
    // Both Φ in the lower tail: Φ(z) = erfcx(−z/√2)·e^(−z²/2)/2, and e^(±x/2)·e^(−(h±t)²/2) are both
    // e^(−(h²+t²)/2) (because h·t = x/2). Factoring it out leaves a difference of two erfcx values, which
    // hardly move with rounding of their arguments, where Φ(h ± t) themselves would each carry a relative
    // error of about h²·ε from the rounding of h ± t (h = −34: 1e-13, before the cancellation multiplies it).
    const diff = erfcxPositive(-(h + t) * Math.SQRT1_2) - erfcxPositive(-(h - t) * Math.SQRT1_2);
    const b = 0.5 * Math.exp(-0.5 * (h * h + t * t)) * diff;
    return b > 0 ? b : 0;
  }
  const b = Math.exp(0.5 * x) * normalCdf(h + t) - Math.exp(-0.5 * x) * normalCdf(h - t);
  return b > 0 ? b : 0;
}

/** Where Cody's erfcx branch starts, as a bound on z in Φ(z). */
const TAIL = 0.46875 * Math.SQRT2;

/** e^(x/2) − b(x, s) for x ≤ 0, s > 0, without the cancellation of subtracting b (for prices near the cap). */
export function normalisedOtmCallGap(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normalCdf(-h - t) + Math.exp(-0.5 * x) * normalCdf(h - t);
}

/** ∂b/∂s, the normalised vega. */
export function normalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t));
}
