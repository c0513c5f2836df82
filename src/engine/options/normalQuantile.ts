/**
 * Φ⁻¹(p), the standard normal quantile, for 0 < p < 1: P. J. Acklam's rational approximations (a central
 * rational function in p − ½ for 0.02425 ≤ p ≤ 0.97575, and one in √(−2 ln p) in each tail; relative error
 * below 1.2e-9), which is all the implied-volatility solver's initial guess needs: the two Householder
 * steps after it gain four orders each, so 1e-9 here is far more than enough.
 */
const P_LOW = 0.02425;

export function normalQuantile(p: number): number {
  if (!(p > 0)) return -Infinity;
  if (!(p < 1)) return Infinity;
  if (p < P_LOW) return lowerTailQuantile(p);
  if (p > 1 - P_LOW) return -lowerTailQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  const num = (((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r + 138.357751867269) * r - 30.66479806614716) * r + 2.506628277459239) * q;
  const den = ((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r - 13.28068155288572) * r + 1;
  return num / den;
}

function lowerTailQuantile(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  const num = ((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783;
  const den = (((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1;
  return num / den;
}
