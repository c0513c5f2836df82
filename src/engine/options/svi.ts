/**
 * Gatheral's "raw" SVI parameterisation of one expiry's smile, in total implied variance
 * w(k) = sigma(k)^2 * T against log-moneyness k = ln(K / F):
 *
 *   w(k) = a + b * (rho * (k - m) + sqrt((k - m)^2 + s^2))
 *
 * a sets the level, b the angle between the wings, rho (in (-1, 1)) the skew, m the shift and s (> 0) the
 * curvature at the vertex. It is shared by the surface fit and by the simulated venue's quoting.
 */
export interface SviParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  s: number;
}

export function sviTotalVariance(p: SviParams, k: number): number {
  const x = k - p.m;
  return p.a + p.b * (p.rho * x + Math.sqrt(x * x + p.s * p.s));
}

/** Implied volatility at log-moneyness k of a smile for an expiry `years` away. */
export function sviVol(p: SviParams, k: number, years: number): number {
  return Math.sqrt(Math.max(0, sviTotalVariance(p, k)) / years);
}
