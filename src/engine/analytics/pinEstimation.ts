import { nelderMead } from '../core';
import { logLikelihoodCore, pinOf, softplus, type PinParams } from './pinLikelihood';

export interface PinEstimate extends PinParams {
  pin: number;
  /** Maximised log-likelihood without the constant −Σ ln(B_i! S_i!) (see pinLogLikelihood). */
  logLikelihood: number;
  periods: number;
}

export interface PinEstimationOptions {
  /** A previous estimate to start from as well (the estimate moves little when one period is added). */
  warmStart?: PinParams;
  /** Likelihood evaluations allowed per start in the first, broad pass. */
  evaluationsPerStart?: number;
}

// Box in the optimiser's coordinates: α, δ within about 1e-13 of 0 and 1; rates from e^-25 to e^10
// times the mean count. Outside it the objective is +∞, so Nelder-Mead never steps out.
const LOGIT_BOUND = 30;
const RATE_BELOW = 25;
const RATE_ABOVE = 10;
// Short runs from every start, then the best few are polished to convergence.
const POLISHED = 2;

/**
 * Maximum-likelihood estimate of the EKOP parameters and PIN from per-period buy and sell counts.
 *
 * The likelihood is pinLogLikelihood's stable Lin & Ke (2011) factorisation. It is maximised over an
 * unconstrained reparameterisation (α = logistic(a), δ = logistic(d), μ, ε_b, ε_s = e^(·)) with box
 * bounds, by Nelder-Mead from several starting points. The EKOP likelihood is multi-modal and flat in
 * places (Yan & Zhang 2012, "An improved estimation method and empirical properties of the probability
 * of informed trading", Journal of Banking & Finance 36(2), 454-467), so, like their method, it starts
 * from a grid: α ∈ {.1, .3, .5, .7, .9} × δ ∈ {.1, .5, .9}, with the uninformed rates at γ = ½ of the
 * mean counts (ε_b = γB̄, ε_s = γS̄) and μ = (1−γ)(B̄ + S̄)/α so that the expected total count matches
 * the sample. (Yan & Zhang solve μ from the buy side and ε_s from the sell side instead; when sells are
 * rare that can leave every start infeasible — this variant is feasible for any counts.) Plus the
 * optional warm start. After a short run from each, the best two are polished by restarted Nelder-Mead
 * until they stop improving, and the best of those wins.
 *
 * Deterministic (no randomness). Returns undefined when there is nothing to estimate from (no periods
 * or no trades at all).
 */
export function estimatePin(buys: ArrayLike<number>, sells: ArrayLike<number>, opts: PinEstimationOptions = {}): PinEstimate | undefined {
  const periods = buys.length;
  if (periods === 0 || sells.length !== periods) return undefined;
  let sumB = 0;
  let sumS = 0;
  for (let i = 0; i < periods; i++) {
    sumB += buys[i]!;
    sumS += sells[i]!;
  }
  if (sumB + sumS === 0) return undefined;
  const meanB = sumB / periods;
  const meanS = sumS / periods;
  const lnScale = Math.log(Math.max(meanB, meanS));
  const lo = lnScale - RATE_BELOW;
  const hi = lnScale + RATE_ABOVE;

  // Negative mean log-likelihood per period: tolerances then mean the same at any sample size.
  const objective = (x: Float64Array): number => {
    const a = x[0]!, d = x[1]!, m = x[2]!, eb = x[3]!, es = x[4]!;
    if (Math.abs(a) > LOGIT_BOUND || Math.abs(d) > LOGIT_BOUND) return Infinity;
    if (m < lo || m > hi || eb < lo || eb > hi || es < lo || es > hi) return Infinity;
    const lnAlpha = -softplus(-a);
    const lnNoNews = -softplus(a);
    const lnGood = lnAlpha - softplus(d);
    const lnBad = lnAlpha - softplus(-d);
    return -logLikelihoodCore(lnNoNews, lnGood, lnBad, Math.exp(m), Math.exp(eb), Math.exp(es), buys, sells) / periods;
  };

  const starts: PinParams[] = [];
  const gamma = 0.5;
  for (const alpha of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    for (const delta of [0.1, 0.5, 0.9]) {
      const mu = ((1 - gamma) * (meanB + meanS)) / alpha;
      starts.push({ alpha, delta, mu, epsB: Math.max(gamma * meanB, 1e-3), epsS: Math.max(gamma * meanS, 1e-3) });
    }
  }
  if (opts.warmStart) starts.push(opts.warmStart);

  const perStart = opts.evaluationsPerStart ?? 150;
  const candidates: { x: number[]; f: number }[] = [];
  for (const s of starts) {
    const x0 = toCoordinates(s, lo, hi);
    candidates.push(nelderMead(objective, x0, { step: 0.5, maxEvaluations: perStart, fTolerance: 1e-10, xTolerance: 1e-6 }));
  }
  candidates.sort((a, b) => a.f - b.f);

  // Polish the few most promising: restart Nelder-Mead from the best vertex with a fresh, smaller
  // simplex until it stops improving (restarts undo the simplex collapsing in a curved valley).
  let best: { x: number[]; f: number } | undefined;
  for (const c of candidates.slice(0, POLISHED)) {
    if (!Number.isFinite(c.f)) continue;
    let cur = c;
    for (let round = 0; round < 6; round++) {
      const r = nelderMead(objective, cur.x, { step: 0.1, maxEvaluations: 1_000, fTolerance: 1e-12, xTolerance: 1e-8 });
      const gain = cur.f - r.f;
      if (r.f < cur.f) cur = r;
      if (gain < 1e-10) break;
    }
    if (best === undefined || cur.f < best.f) best = cur;
  }
  if (best === undefined) return undefined;

  const params = fromCoordinates(best.x);
  return { ...params, pin: pinOf(params), logLikelihood: -best.f * periods, periods };
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function toCoordinates(p: PinParams, lo: number, hi: number): number[] {
  const clampLogit = (v: number) => Math.max(-LOGIT_BOUND + 1, Math.min(LOGIT_BOUND - 1, logit(v)));
  const clampRate = (v: number) => Math.max(lo + 1, Math.min(hi - 1, Math.log(v)));
  return [clampLogit(p.alpha), clampLogit(p.delta), clampRate(p.mu), clampRate(p.epsB), clampRate(p.epsS)];
}

function fromCoordinates(x: number[]): PinParams {
  const logistic = (v: number) => 1 / (1 + Math.exp(-v));
  return { alpha: logistic(x[0]!), delta: logistic(x[1]!), mu: Math.exp(x[2]!), epsB: Math.exp(x[3]!), epsS: Math.exp(x[4]!) };
}
