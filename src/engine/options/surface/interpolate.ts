import { sviTotalVariance } from '../svi';
import type { SurfaceSlice } from './slice';
import type { VolSurface } from './surface';

/**
 * Implied vol anywhere on a surface, by this rule (at fixed log-forward-moneyness k = ln(K / F_T)):
 *
 * - at a fitted expiry: that slice's SVI smile;
 * - between two fitted expiries T1 < T < T2: total variance linear in time,
 *     w(k, T) = w1(k) + (w2(k) - w1(k)) · (T - T1) / (T2 - T1);
 * - before the first expiry: the first slice's vol (flat vol), w(k, T) = w1(k) · T / T1;
 * - after the last expiry Tn: total variance keeps the slope of the last interval in time,
 *     w(k, T) = wn(k) + max(0, (wn(k) - wn-1(k)) / (Tn - Tn-1)) · (T - Tn),
 *   never falling (a falling slope would be calendar arbitrage); with one slice only, flat vol.
 *
 * Linear interpolation keeps w monotone in T between slices that are free of calendar arbitrage.
 */
export type SurfaceVol = { ok: true; vol: number; totalVariance: number } | { ok: false; reason: string };

export function surfaceTotalVariance(surface: VolSurface, k: number, years: number): number {
  const sl = surface.slices;
  const w = (s: SurfaceSlice): number => sviTotalVariance(s.params, k);
  // The first slice at or after the query; at a fitted expiry, that slice itself (the interpolation
  // formula would agree only up to rounding).
  const j = sl.findIndex((s) => s.years >= years);
  const at = sl[j];
  if (at && at.years === years) return w(at);
  const before = sl[j - 1];
  if (at && before) return w(before) + ((w(at) - w(before)) * (years - before.years)) / (at.years - before.years);
  if (at) return (w(at) * years) / at.years; // before the first expiry: flat vol
  const last = sl[sl.length - 1]!; // a built surface has at least one slice
  const prev = sl[sl.length - 2];
  if (!prev) return (w(last) * years) / last.years;
  const slope = (w(last) - w(prev)) / (last.years - prev.years);
  return w(last) + Math.max(0, slope) * (years - last.years);
}

/** Implied vol at log-forward-moneyness k and `years` to expiry. */
export function surfaceVol(surface: VolSurface, k: number, years: number): SurfaceVol {
  if (!Number.isFinite(k)) return { ok: false, reason: 'log-moneyness must be a finite number' };
  if (!(Number.isFinite(years) && years > 0)) return { ok: false, reason: 'years to expiry must be a positive number' };
  const w = surfaceTotalVariance(surface, k, years);
  if (!(w > 0)) return { ok: false, reason: 'the surface has no positive variance there' };
  return { ok: true, vol: Math.sqrt(w / years), totalVariance: w };
}

/** Implied vol at a strike, given the forward for that expiry (future price, or spot · e^((r - q)·T)). */
export function surfaceVolAtStrike(surface: VolSurface, strike: number, forward: number, years: number): SurfaceVol {
  if (!(Number.isFinite(strike) && strike > 0)) return { ok: false, reason: 'strike must be a positive number' };
  if (!(Number.isFinite(forward) && forward > 0)) return { ok: false, reason: 'forward must be a positive number' };
  return surfaceVol(surface, Math.log(strike / forward), years);
}
