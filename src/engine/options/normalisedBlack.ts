import { erfcxPositive, expHalfSquare, normalCdf, normalPdf } from './normal';

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
  // Short expiries (t ≪ |h|, or t tiny at the money): the differences below would cancel; sum instead.
  if (t * SERIES_RATIO < -h || t < SMALL_T) return INV_SQRT_2PI * expHalfSquare(h) * expHalfSquare(t) * millsDifference(-h, t);
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

/**
 * Below this t/|h| (with both Φ in the lower tail) the two erfcx values differ by less than 1/32 of their
 * size, and their difference would lose about |h|/(2t) = |x|/s² units of rounding (the 8·ε·|x|/s² relative
 * error of very short expiries far from the money): there the difference is summed as a series instead.
 */
const SERIES_RATIO = 64;
/**
 * Near the money the Φ difference cancels by about 1/s (b ≈ s/√(2π) out of terms near ½), which costs more
 * than 1e-14 below s = 0.02 (at s = 3e-6, a few seconds to expiry, 7e-11): there the series is used too.
 */
const SMALL_T = 0.01;
/** From here on the asymptotic series in 1/w² is accurate to e^(−w²/2) < 3e-18 relative. */
const ASYMPTOTIC_W = 9;
const SQRT_HALF_PI = 1.2533141373155003; // √(π/2)

/**
 * M(−w+t) − M(−w−t) for w ≥ 0 and t < w/64 or t < 0.01, with M(z) = Φ(z)/φ(z) the Mills ratio, summed
 * without cancellation (b = e^(−(h²+t²)/2)/√(2π) · this, with w = −h; derivation below).
 *
 * M(z) = ∫₀^∞ e^(zu − u²/2) du, so every derivative M⁽ᵏ⁾(z) = ∫₀^∞ uᵏ e^(zu − u²/2) du is positive and the
 * difference is the odd part of its Taylor series: 2·Σ_{k odd} M⁽ᵏ⁾(−w)·tᵏ/k!, all terms positive.
 * - w < 9: M from Cody's erfcx, M' = 1 + zM and M⁽ⁿ⁺¹⁾ = z·M⁽ⁿ⁾ + n·M⁽ⁿ⁻¹⁾ (from M' = 1 + zM). The
 *   recurrence loses about w per step, but term k carries (t/w)^(k−1) ≤ 64^(1−k), which more than pays
 *   (and near the money, w < 0.66, it loses nothing while t < 0.01 makes each term 1e-4 of the last).
 * - w ≥ 9: e^(−u²/2) = Σ (−½)ⁿu²ⁿ/n! under the integral gives, term by term,
 *   Σ_n (−1)ⁿ(2n−1)!!·[(w−t)^−(2n+1) − (w+t)^−(2n+1)], an asymptotic series whose smallest term is about
 *   e^(−w²/2). Each bracket is a^m − c^m = (a − c)·E_m with a = 1/(w−t), c = 1/(w+t),
 *   E_m = Σ_j a^j c^(m−1−j) (positive terms, E_(m+2) = a²·E_m + c^m·(a + c)), and a − c = 2t·a·c exactly
 *   in the algebra, so no difference of nearby numbers is ever formed.
 */
function millsDifference(w: number, t: number): number {
  if (w < ASYMPTOTIC_W) {
    const z = -w;
    // M(z) = Φ(z)/φ(z): from erfcx in Cody's erfcx range, directly where Φ(z) ≥ 0.25 (no cancellation).
    let prev = w > TAIL ? SQRT_HALF_PI * erfcxPositive(w * Math.SQRT1_2) : normalCdf(z) / normalPdf(z);
    let cur = 1 + z * prev; // M'(z)
    let power = t; // t^k / k!
    let sum = cur * power;
    for (let k = 1; k < 15; k += 2) {
      const next = z * cur + k * prev; // M^(k+1)
      const next2 = z * next + (k + 1) * cur; // M^(k+2)
      prev = next;
      cur = next2;
      power *= (t * t) / ((k + 1) * (k + 2));
      const term = cur * power;
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return 2 * sum;
  }
  const a = 1 / (w - t);
  const c = 1 / (w + t);
  const a2 = a * a;
  const ac = a + c;
  let e = 1; // E_1
  let cPow = c; // c^m for m = 1
  let coef = 1; // (−1)ⁿ(2n−1)!!
  let sum = e;
  for (let n = 1; n < 60; n++) {
    e = a2 * e + cPow * ac; // E_(2n+1)
    cPow *= c * c;
    coef *= -(2 * n - 1);
    const term = coef * e;
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) break;
  }
  return 2 * t * a * c * sum;
}

/**
 * x = ln(F/K) with F/K = (S/K)·e^((r−q)T), accurate to its last bit near the money: the price far out in
 * the wing of a short expiry moves by |x|/s² relative per unit of x, so the rounding of ln(S·e^−qT / K·e^−rT)
 * (about ε absolute) would cost ε·|x|/s² (1.6e-11 at one day, 1% out, vol 0.01). Here S − K is exact
 * (Sterbenz) when S/K is within a factor 2, and log1p keeps its relative accuracy.
 */
export function logMoneyness(spot: number, strike: number, carryYears: number): number {
  const ratio = spot / strike;
  const lnRatio = ratio > 0.5 && ratio < 2 ? Math.log1p((spot - strike) / strike) : Math.log(ratio);
  return lnRatio + carryYears;
}
