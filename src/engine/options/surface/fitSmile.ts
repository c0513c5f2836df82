import { sviVol, type SviParams } from '../svi';
import { nelderMead } from '../../core';
import { MIN_QUOTES, prepareQuotes, type RejectedQuote, type SmilePoint, type SmileQuote } from './quotes';
import { fitSviLinear, type LinearSviFit } from './sviLinearFit';

/**
 * Fits one expiry's raw SVI smile to market implied vols by the quasi-explicit method: for each (m, s)
 * the other three parameters are the exact constrained least-squares solution (`fitSviLinear`), and a
 * Nelder–Mead search over (m, ln s), restarted from a few points, finds the best (m, s). Every smile it
 * returns satisfies b ≥ 0, |rho| < 1, s > 0, a + b·s·sqrt(1 - rho²) ≥ 0 and b(1 + |rho|) ≤ 2.
 *
 * The least squares are in total variance, weighted by the quotes' weights; the quality reported to the
 * trader is in vol points (1 = one percentage point of implied vol), unweighted.
 */
export type SmileFit =
  | {
      ok: true;
      params: SviParams;
      years: number;
      /** The quotes' forward (their mean if they differ). */
      forward: number;
      /** Root mean square of fitted minus market implied vol, in vol points. */
      rmseVolPoints: number;
      /** Largest |fitted - market| implied vol, in vol points. */
      maxErrorVolPoints: number;
      quotesUsed: number;
      rejected: RejectedQuote[];
    }
  | { ok: false; reason: string; rejected: RejectedQuote[] };

/** |rho| is kept strictly inside 1: a smile with rho = ±1 has one flat wing, which is not a usable fit. */
const RHO_LIMIT = 1 - 1e-9;
const S_MIN = 1e-4;
const S_MAX = 10;

function toParams(fit: LinearSviFit, m: number, s: number): SviParams {
  const b = fit.c / s;
  const rho = fit.c > 0 ? Math.max(-RHO_LIMIT, Math.min(RHO_LIMIT, fit.d / fit.c)) : 0;
  return { a: fit.a, b, rho, m, s };
}

function searchMS(points: readonly SmilePoint[]): { m: number; s: number; fit: LinearSviFit } {
  const ks = points.map((p) => p.k);
  const kMin = Math.min(...ks);
  const kMax = Math.max(...ks);
  const span = kMax - kMin;
  const mLo = kMin - span;
  const mHi = kMax + span;
  const lnLo = Math.log(S_MIN);
  const lnHi = Math.log(S_MAX);
  // Outside the box the objective is the error at the nearest box point plus the squared distance, which
  // dwarfs any variance error and steers the simplex back.
  const inBox = (x: ArrayLike<number>): { m: number; ln: number; outside: number } => {
    const xm = x[0] ?? 0;
    const xl = x[1] ?? 0;
    const m = Math.min(mHi, Math.max(mLo, xm));
    const ln = Math.min(lnHi, Math.max(lnLo, xl));
    return { m, ln, outside: (xm - m) ** 2 + (xl - ln) ** 2 };
  };
  const objective = (x: ArrayLike<number>): number => {
    const { m, ln, outside } = inBox(x);
    return fitSviLinear(points, m, Math.exp(ln)).error + outside;
  };
  const lowest = points.reduce((lo, p) => (p.w < lo.w ? p : lo));
  const starts: number[][] = [];
  for (const m0 of [lowest.k, 0.5 * (kMin + kMax)]) {
    for (const s0 of [0.05 * span, 0.25 * span, span]) starts.push([m0, Math.log(Math.max(S_MIN, s0))]);
  }
  let best = { x: [lowest.k, Math.log(Math.max(S_MIN, span))], f: Number.POSITIVE_INFINITY };
  for (const start of starts) {
    const r = nelderMead(objective, start, { step: [0.2 * span, 0.7], maxEvaluations: 2_400, fTolerance: 1e-15, xTolerance: 0 });
    if (r.f < best.f) best = r;
  }
  // One more run from the best point polishes it (a single simplex can stall on a long narrow valley).
  best = nelderMead(objective, best.x, { step: [0.02 * span, 0.1], maxEvaluations: 2_400, fTolerance: 1e-16, xTolerance: 0 });
  const { m, ln } = inBox(best.x);
  const s = Math.exp(ln);
  return { m, s, fit: fitSviLinear(points, m, s) };
}

export function fitSmile(quotes: readonly SmileQuote[]): SmileFit {
  const prepared = prepareQuotes(quotes);
  if (!prepared.ok) return prepared;
  const { points, years, forward, rejected } = prepared;
  const distinct = new Set(points.map((p) => p.k)).size;
  if (distinct < MIN_QUOTES) {
    return { ok: false, reason: `${distinct} distinct strikes, at least ${MIN_QUOTES} are needed to fit a smile`, rejected };
  }
  const { m, s, fit } = searchMS(points);
  const params = toParams(fit, m, s);
  let sumSq = 0;
  let maxErr = 0;
  for (const p of points) {
    const err = Math.abs(sviVol(params, p.k, years) - p.iv);
    sumSq += err * err;
    maxErr = Math.max(maxErr, err);
  }
  const rmse = Math.sqrt(sumSq / points.length) * 100;
  if (![params.a, params.b, params.rho, params.m, params.s, rmse].every(Number.isFinite)) {
    return { ok: false, reason: 'the fit did not converge to finite parameters', rejected };
  }
  return { ok: true, params, years, forward, rmseVolPoints: rmse, maxErrorVolPoints: maxErr * 100, quotesUsed: points.length, rejected };
}
