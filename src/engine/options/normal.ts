/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z), accurate to about 1e-15 absolute, written
 * from two textbook expansions so it has no dependency and no magic coefficient table:
 *
 * - |z| < 3: the series of Abramowitz & Stegun (1964) 26.2.11,
 *     Φ(z) = 1/2 + φ(z) · Σ_{k≥0} z^(2k+1) / (1·3·5···(2k+1)),
 *   whose terms are all of one sign (no cancellation inside the sum);
 * - |z| ≥ 3: the upper tail by the continued fraction of A&S 26.2.14,
 *     Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + ...)))),
 *   evaluated backwards at a fixed depth that is ample at z = 3 and better further out.
 *
 * Used by option pricing and by VPIN's bulk volume classification.
 */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const CF_DEPTH = 120;

export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Upper tail Q(z) = 1 - Φ(z) for z ≥ 3, by the continued fraction (A&S 26.2.14). */
function upperTail(z: number): number {
  let frac = z;
  for (let k = CF_DEPTH; k >= 1; k--) frac = z + k / frac;
  return normalPdf(z) / frac;
}

export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z >= 3) return z > 40 ? 1 : 1 - upperTail(z);
  if (z <= -3) return z < -40 ? 0 : upperTail(-z);
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= z2 / (2 * k + 1);
    sum += term;
  }
  return 0.5 + normalPdf(z) * sum;
}
