/**
 * The standard normal density φ and distribution Φ over float64, to full double precision *relative* in
 * both tails (a deep out-of-the-money option's price is a difference of tail probabilities, so an
 * absolute 1e-16 is not enough), and fast: no series, no loops, a few multiply-adds and one exp.
 *
 * Method: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
 * 631-637, the three intervals of his double-precision erf/erfc (coefficients from the paper's tables,
 * max relative error below 1e-17 in each interval):
 *   |u| ≤ 0.46875   erf(u)   = u · A(u²) / B(u²)
 *   0.46875 < u ≤ 4 erfcx(u) = C(u) / D(u)                      (erfcx(u) = exp(u²) erfc(u))
 *   u > 4           erfcx(u) = (1/√π − R(1/u²) / u²) / u
 * with Φ(z) = erfc(−z/√2) / 2. The Gaussian factor exp(−z²/2) is computed from z itself (never from the
 * rounded u = z/√2) and with z split into a 1/16-multiple and a remainder, so that the rounding of z² does
 * not cost relative accuracy far out in the tail (at z = −37, z² ≈ 1369 and one ulp of it is 2.3e-13).
 *
 * Used by option pricing and by VPIN's bulk volume classification.
 */
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const INV_SQRT_PI = 0.5641895835477563; // 1/√π
const SQRT1_2 = Math.SQRT1_2;
/** Below this, Φ underflows to 0 (Φ(−38.5) ≈ 5e-325, past the smallest subnormal). */
const LOWEST_Z = -38.5;

/** exp(−z²/2), keeping relative accuracy for large |z|: z = zh + zl with zh a multiple of 1/16. */
export function expHalfSquare(z: number): number {
  if (!(Math.abs(z) < 40)) return Number.isNaN(z) ? z : 0; // e^(−800) underflows; and 16·z must stay finite
  const zh = Math.trunc(z * 16) / 16; // zh² is exact in float64 for |zh| < 2^22
  const rest = (z - zh) * (z + zh); // z² − zh², exactly the small part
  return Math.exp(-0.5 * zh * zh) * Math.exp(-0.5 * rest);
}

export function normalPdf(z: number): number {
  return INV_SQRT_2PI * expHalfSquare(z);
}

/** erf(u) for |u| ≤ 0.46875 (Cody's first interval). */
function erfSmall(u: number): number {
  const y = u * u;
  const num = (((0.185777706184603153 * y + 3.16112374387056560) * y + 113.864154151050156) * y + 377.485237685302021) * y + 3209.37758913846947;
  const den = (((y + 23.6012909523441209) * y + 244.024637934444173) * y + 1282.61652607737228) * y + 2844.23683343917062;
  return (u * num) / den;
}

/** erfcx(u) = exp(u²)·erfc(u) for u > 0.46875 (Cody's second and third intervals). */
export function erfcxPositive(u: number): number {
  if (u <= 4) {
    const num =
      (((((((2.15311535474403846e-8 * u + 0.564188496988670089) * u + 8.88314979438837594) * u + 66.1191906371416295) * u +
        298.635138197400131) *
        u +
        881.952221241769090) *
        u +
        1712.04761263407058) *
        u +
        2051.07837782607147) *
        u +
      1230.33935479799725;
    const den =
      (((((((u + 15.7449261107098347) * u + 117.693950891312499) * u + 537.181101862009858) * u + 1621.38957456669019) * u +
        3290.79923573345963) *
        u +
        4362.61909014324716) *
        u +
        3439.36767414372164) *
        u +
      1230.33935480374942;
    return num / den;
  }
  const y = 1 / (u * u);
  const num = ((((0.0163153871373020978 * y + 0.305326634961232344) * y + 0.360344899949804439) * y + 0.125781726111229246) * y + 0.0160837851487422766) * y + 6.58749161529837803e-4;
  const den = ((((y + 2.56852019228982242) * y + 1.87295284992346047) * y + 0.527905102951428412) * y + 0.0605183413124413191) * y + 2.33520497626869185e-3;
  return (INV_SQRT_PI - (y * num) / den) / u;
}

/** Lower tail Φ(z) for z < −0.46875·√2 (where the tail, not 1 − tail, is the accurate quantity). */
function lowerTail(z: number): number {
  if (z < LOWEST_Z) return 0;
  return 0.5 * erfcxPositive(-z * SQRT1_2) * expHalfSquare(z);
}

const SMALL_Z = 0.46875 * Math.SQRT2;

export function normalCdf(z: number): number {
  if (z < -SMALL_Z) return lowerTail(z);
  if (z > SMALL_Z) return 1 - lowerTail(-z);
  if (Number.isNaN(z)) return Number.NaN;
  return 0.5 + 0.5 * erfSmall(z * SQRT1_2);
}
