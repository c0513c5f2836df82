import { logMoneyness, normalisedOtmCall, normalisedOtmCallGap, normalisedVega } from './normalisedBlack';
import { initialGuess } from './initialGuess';
import type { OptionInputs } from './pricing';

/**
 * Implied volatility: the sigma at which the model's price equals a quoted price.
 *
 * A price outside the no-arbitrage bounds has no implied volatility, and saying why is more useful to a
 * trader than a NaN: below the (discounted forward) intrinsic value, or above what the option can ever be
 * worth (the discounted underlying for a call, the discounted strike for a put).
 *
 * Method (after Jäckel, "Let's Be Rational", 2015): reduce the price to the normalised out-of-the-money
 * Black price β = b(x, s) with x = ln(F/K) ≤ 0 and solve for s = σ√T by third-order Householder steps on
 * an objective that is close to linear in s on its side of the inflection point s_c = √(2|x|):
 * - β ≤ b(x, s_c), the lower wing where b is exponentially small: f = 1/ln β − 1/ln b (ln b ≈ −x²/2s²);
 * - β > b(x, s_c), towards the cap e^(x/2): f = ln(e^(x/2) − β) − ln(e^(x/2) − b), with the gap computed
 *   directly (no cancellation as β nears the cap).
 * It starts from Jäckel's rational-cubic approximation of s(β) (initialGuess.ts), close enough that
 * exactly two steps (each multiplying the number of correct digits by about four) reach double precision.
 * Should the second step still be large, the bracketed iteration below finishes instead (counted in
 * `impliedVolSolverCounts`; the tests assert it is never needed on the 1-day..10-year, 0.01..5 vol grid).
 */
export type ImpliedVol = { ok: true; iv: number } | { ok: false; reason: string };

const MAX_ITERATIONS = 60;
/** Stop when the step is this small relative to s (a few ulps). */
const STEP_TOLERANCE = 4 * Number.EPSILON;
/** A step out of the bracket this small (relative) is noise in the price, not information. */
const NOISE_STEP = 1e-13;

/** `inputs.sigma` is ignored. */
export function impliedVol(price: number, inputs: Omit<OptionInputs, 'sigma'>): ImpliedVol {
  const { spot, strike, years, rate } = inputs;
  if (!Number.isFinite(price) || !Number.isFinite(spot) || !Number.isFinite(strike) || !Number.isFinite(years) || !Number.isFinite(rate) || !Number.isFinite(inputs.dividend)) {
    return { ok: false, reason: 'inputs must be finite numbers' };
  }
  if (!(spot > 0) || !(strike > 0)) return { ok: false, reason: 'underlying and strike must be positive' };
  if (!(years > 0)) return { ok: false, reason: 'the option has expired' };
  const q = inputs.model === 'black76' ? rate : inputs.dividend;
  const forwardValue = spot * Math.exp(-q * years);
  const strikeValue = strike * Math.exp(-rate * years);
  const isCall = inputs.right === 'call';
  const intrinsic = Math.max(0, isCall ? forwardValue - strikeValue : strikeValue - forwardValue);
  const ceiling = isCall ? forwardValue : strikeValue;
  if (price < intrinsic) return { ok: false, reason: 'below intrinsic value' };
  if (price >= ceiling) return { ok: false, reason: isCall ? 'above the underlying' : 'above the strike' };
  if (price === intrinsic) return { ok: true, iv: 0 };

  // Normalise the out-of-the-money time value: undiscounted / √(FK) at x = −|ln(F/K)| (the discount
  // cancels in F/K). The intrinsic value is subtracted in price space, with the very numbers the pricer
  // adds it back with, so no rounding of e^(±x/2) enters the time value.
  const rootFK = Math.sqrt(forwardValue) * Math.sqrt(strikeValue);
  const x = -Math.abs(logMoneyness(spot, strike, (rate - q) * years)); // as the pricer computes it
  const beta = (price - intrinsic) / rootFK;
  const cap = Math.exp(0.5 * x);
  if (!(beta > 0)) return { ok: true, iv: 0 }; // indistinguishable from intrinsic value in float64
  if (!(beta < cap)) return { ok: false, reason: isCall ? 'above the underlying' : 'above the strike' };
  const s = solveNormalised(x, beta, cap);
  if (!Number.isFinite(s)) return { ok: false, reason: 'implied volatility could not be found' };
  return { ok: true, iv: s / Math.sqrt(years) };
}

/**
 * How often the solver ran, and how often two Householder steps from Jäckel's initial guess were not
 * enough and the bracketed iteration had to finish the job (it should never be needed; the tests count).
 */
export const impliedVolSolverCounts = { solves: 0, fallbacks: 0 };

/** After the second step, a step above this (relative) means it had not converged: each step gains four orders. */
const CONVERGED_SECOND_STEP = 1e-5;

/** s with b(x, s) = beta, for x ≤ 0 and 0 < beta < cap = e^(x/2): two Householder(3) steps from the initial guess. */
export function solveNormalised(x: number, beta: number, cap: number): number {
  impliedVolSolverCounts.solves++;
  const sc = Math.sqrt(-2 * x);
  const bc = sc > 0 ? normalisedOtmCall(x, sc) : 0;
  const lower = sc > 0 && beta <= bc;
  const lnBeta = Math.log(beta);
  const lnGapBeta = Math.log(cap - beta);
  const s0 = initialGuess(x, beta, cap, sc, bc);
  if (s0 > 0 && Number.isFinite(s0)) {
    const s1 = s0 + householderStep(x, s0, lower, lnBeta, lnGapBeta);
    if (s1 > 0 && Number.isFinite(s1)) {
      const move = householderStep(x, s1, lower, lnBeta, lnGapBeta);
      const s2 = s1 + move;
      if (Math.abs(move) <= CONVERGED_SECOND_STEP * s1 && s2 > 0 && Number.isFinite(s2)) return s2;
    }
  }
  impliedVolSolverCounts.fallbacks++;
  return solveBracketed(x, beta, cap, sc, bc);
}

/**
 * One third-order Householder step on the objective for the side of s_c that beta is on:
 * - lower (β ≤ b_c, b exponentially small): f = 1/ln β − 1/ln b, nearly linear in s since ln b ≈ −x²/2s²;
 * - upper (towards the cap): f = ln(e^(x/2) − β) − ln(e^(x/2) − b), the gap computed without cancellation.
 * NaN when the model price or vega underflows at s (no derivative information there).
 */
function householderStep(x: number, s: number, lower: boolean, lnBeta: number, lnGapBeta: number): number {
  if (!objectiveAt(x, s, lower, lnBeta, lnGapBeta)) return Number.NaN;
  const f = OBJECTIVE[0]!;
  if (f === 0) return 0;
  if (!(OBJECTIVE[1]! > 0)) return Number.NaN;
  return householderMove(f, OBJECTIVE[1]!, OBJECTIVE[2]!, OBJECTIVE[3]!);
}

/** f and its first three derivatives in s, as objectiveAt left them: a scratch, so the solver's hot path allocates nothing. */
const OBJECTIVE = new Float64Array(4);

/**
 * The objective for the side of s_c that beta is on (see householderStep) and its derivatives at s, into
 * OBJECTIVE; false, and OBJECTIVE untouched, when the model price (lower: b; upper: the gap e^(x/2) − b) underflows at s.
 */
function objectiveAt(x: number, s: number, lower: boolean, lnBeta: number, lnGapBeta: number): boolean {
  const v = normalisedVega(x, s);
  const c2 = (x * x) / (s * s * s) - 0.25 * s;
  const c3 = c2 * c2 - (3 * x * x) / (s * s * s * s) - 0.25;
  if (lower) {
    const b = normalisedOtmCall(x, s);
    if (!(b > 0)) return false;
    const lnB = Math.log(b);
    const l1 = v / b;
    const l2 = (v * c2) / b - l1 * l1;
    const l3 = (v * c3) / b - 3 * l1 * ((v * c2) / b) + 2 * l1 * l1 * l1;
    const inv = 1 / lnB;
    // Increasing in s: ln b rises towards 0 from below.
    OBJECTIVE[0] = 1 / lnBeta - inv;
    OBJECTIVE[1] = l1 * inv * inv;
    OBJECTIVE[2] = l2 * inv * inv - 2 * l1 * l1 * inv * inv * inv;
    OBJECTIVE[3] = l3 * inv * inv - 6 * l1 * l2 * inv * inv * inv + 6 * l1 * l1 * l1 * inv * inv * inv * inv;
  } else {
    const u = normalisedOtmCallGap(x, s);
    if (!(u > 0)) return false;
    const g1 = v / u;
    OBJECTIVE[0] = lnGapBeta - Math.log(u);
    OBJECTIVE[1] = g1;
    OBJECTIVE[2] = g1 * c2 + g1 * g1;
    OBJECTIVE[3] = g1 * c3 + 3 * g1 * g1 * c2 + 2 * g1 * g1 * g1;
  }
  return true;
}

/** The third-order Householder move from f and its derivatives (f1 > 0); Newton's where the higher orders overflow. */
function householderMove(f: number, f1: number, f2: number, f3: number): number {
  const nu = -f / f1;
  const h2 = f2 / f1;
  const h3 = f3 / f1;
  const step = (nu * (1 + 0.5 * h2 * nu)) / (1 + nu * (h2 + (h3 * nu) / 6));
  return Number.isFinite(step) ? step : nu;
}

/**
 * The safeguard: Householder steps kept inside a bracket that shrinks with every evaluation, so a step that
 * would leave it bisects instead; it always converges and never returns NaN. It stops when a step no longer
 * changes s beyond a few ulps.
 */
function solveBracketed(x: number, beta: number, cap: number, sc: number, bc: number): number {
  const lower = sc > 0 && beta <= bc;
  let lo = lower ? 0 : sc;
  let hi = lower ? sc : Infinity;
  const lnBeta = Math.log(beta);
  const lnGapBeta = Math.log(cap - beta);
  let s = lower ? Math.min(sc, -x / Math.sqrt(-2 * lnBeta)) : initialUpper(x, beta, sc, cap);
  if (!(s > lo && s < hi)) s = lower ? 0.5 * sc : sc + 1;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    if (!objectiveAt(x, s, lower, lnBeta, lnGapBeta)) {
      // The price underflows at s: s is below the root on the lower side, above it on the upper; halve the bracket.
      if (lower) lo = s;
      else hi = s;
      s = 0.5 * (lo + hi);
      continue;
    }
    const f = OBJECTIVE[0]!;
    const f1 = OBJECTIVE[1]!;
    if (f > 0) hi = Math.min(hi, s);
    else if (f < 0) lo = Math.max(lo, s);
    else return s;
    if (!(f1 > 0)) {
      // Vega underflowed: no derivative information here, halve the bracket.
      s = hi === Infinity ? 2 * s : 0.5 * (lo + hi);
      continue;
    }
    const move = householderMove(f, f1, OBJECTIVE[2]!, OBJECTIVE[3]!);
    // Converged: checked before the bracket, since a last step below half an ulp lands on the bracket's
    // own end (s itself) and must not be mistaken for a step out of it.
    if (Math.abs(move) <= STEP_TOLERANCE * s) return s + move;
    let next = s + move;
    if (!(next > lo && next < hi)) {
      // A tiny step out of the bracket is the price's own rounding noise at the root: s is the answer.
      if (Math.abs(move) <= NOISE_STEP * s || hi - lo <= NOISE_STEP * s) return s;
      next = hi === Infinity ? 2 * Math.max(s, lo) : 0.5 * (lo + hi);
    }
    s = next;
  }
  return s;
}

/**
 * A start above the inflection point: a Newton step from s_c (good just above it), or, nearer the cap, the
 * asymptote of the gap e^(x/2) − b ≈ 2·cosh(x/2)·Φ(−s/2) with Φ(−t) ≈ φ(t)/t, solved for t = s/2 by a few
 * fixed-point steps of t = √(2·(L − ln t)); take the larger (both lie at or below the root in practice, and
 * the bracket catches the rest).
 */
function initialUpper(x: number, beta: number, sc: number, cap: number): number {
  const bc = sc > 0 ? normalisedOtmCall(x, sc) : 0;
  const newton = sc + (beta - bc) / normalisedVega(x, sc);
  const gap = (cap - beta) / (cap + 1 / cap); // Φ(−t) ≈ gap, with 2·cosh(x/2) = cap + 1/cap
  const level = -Math.log(gap * Math.sqrt(2 * Math.PI));
  let asymptotic = 0;
  if (level > 1) {
    let t = Math.sqrt(2 * level);
    for (let i = 0; i < 3; i++) t = Math.sqrt(2 * Math.max(level - Math.log(t), 0.5));
    asymptotic = 2 * t;
  }
  return Math.max(newton, sc, asymptotic);
}
