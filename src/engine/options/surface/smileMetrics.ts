import { sviTotalVariance, sviVol } from '../svi';
import type { SurfaceSlice } from './slice';

/**
 * The numbers an options desk quotes a smile by: ATM vol (at the forward, k = 0), and the 25-delta risk
 * reversal and butterfly,
 *
 *   RR25 = σ(25Δ call) − σ(25Δ put),   BF25 = (σ(25Δ call) + σ(25Δ put)) / 2 − σATM.
 *
 * Delta is the undiscounted forward delta N(d1) of a call and N(d1) − 1 of a put, with
 * d1 = −k/√w + √w/2 taken on the fitted smile's own w(k), so the 25-delta strikes solve
 * d1(k) = Φ⁻¹(0.25) (call) and d1(k) = Φ⁻¹(0.75) (put). They are found by bracketing and bisection,
 * which converges whenever the bracket changes sign, arbitrage-free smile or not.
 */
export interface DeltaPoint {
  k: number;
  strike: number;
  vol: number;
}

export type SmileMetrics =
  | { ok: true; atmVol: number; call25: DeltaPoint; put25: DeltaPoint; riskReversal25: number; butterfly25: number }
  | { ok: false; reason: string };

/** Φ⁻¹(0.75); Φ⁻¹(0.25) is its negative. */
export const Z_75 = 0.6744897501960817;
const K_LIMIT = 20;

function d1At(slice: SurfaceSlice, k: number): number {
  const w = sviTotalVariance(slice.params, k);
  const sd = Math.sqrt(w);
  return -k / sd + sd / 2;
}

/** The k where d1(k) = target, searching from the money in the direction d1 must move. */
export function strikeForD1(slice: SurfaceSlice, target: number): number | undefined {
  const f = (k: number): number => d1At(slice, k) - target;
  const f0 = f(0);
  if (!Number.isFinite(f0)) return undefined;
  if (f0 === 0) return 0;
  // d1 falls as k rises on a sane smile: move right if d1 is still above target, left otherwise.
  const dir = f0 > 0 ? 1 : -1;
  let lo = 0;
  let hi = dir * 0.05;
  while (Math.abs(hi) <= K_LIMIT && f(hi) * f0 > 0) {
    lo = hi;
    hi *= 2;
  }
  if (!(Math.abs(hi) <= K_LIMIT) || !Number.isFinite(f(hi))) return undefined;
  for (let i = 0; i < 200 && Math.abs(hi - lo) > 1e-14; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) * f0 > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function smileMetrics(slice: SurfaceSlice): SmileMetrics {
  const { params, years, forward } = slice;
  if (!(years > 0) || !(forward > 0)) return { ok: false, reason: `expiry ${slice.label}: years and forward must be positive` };
  const atmVol = sviVol(params, 0, years);
  if (!(atmVol > 0)) return { ok: false, reason: `expiry ${slice.label}: the smile has no positive variance at the money` };
  const point = (k: number | undefined): DeltaPoint | undefined =>
    k === undefined ? undefined : { k, strike: forward * Math.exp(k), vol: sviVol(params, k, years) };
  const call25 = point(strikeForD1(slice, -Z_75));
  const put25 = point(strikeForD1(slice, Z_75));
  if (!call25 || !put25 || !(call25.vol > 0) || !(put25.vol > 0)) {
    return { ok: false, reason: `expiry ${slice.label}: no 25-delta strike on this smile` };
  }
  return {
    ok: true,
    atmVol,
    call25,
    put25,
    riskReversal25: call25.vol - put25.vol,
    butterfly25: 0.5 * (call25.vol + put25.vol) - atmVol,
  };
}
