/** Parameters of the EKOP model for one period (a "day" in the paper). */
export interface PinParams {
  /** Probability that an information event occurs in a period. */
  alpha: number;
  /** Probability that the news is bad, given an event. */
  delta: number;
  /** Arrival rate of informed traders per period (on the side the news favours). */
  mu: number;
  /** Arrival rate of uninformed buyers per period. */
  epsB: number;
  /** Arrival rate of uninformed sellers per period. */
  epsS: number;
}

/**
 * PIN = αμ / (αμ + ε_b + ε_s): the share of expected order flow that comes from informed traders,
 * Easley, Kiefer, O'Hara & Paperman (1996), "Liquidity, information, and infrequently traded stocks",
 * Journal of Finance 51(4), 1405-1436.
 */
export function pinOf(p: PinParams): number {
  const informed = p.alpha * p.mu;
  return informed / (informed + p.epsB + p.epsS);
}

/** ln(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The EKOP log-likelihood of buy counts B_i and sell counts S_i, i = 1..P, in the numerically stable
 * factorisation of Lin & Ke (2011), "A computing bias in estimating the probability of informed
 * trading", Journal of Financial Markets 14(4), 625-640.
 *
 * EKOP's per-period likelihood is a mixture of three Poisson pairs: no news (prob. 1−α, rates ε_b, ε_s),
 * good news (α(1−δ), buys at μ+ε_b) and bad news (αδ, sells at μ+ε_s). Factoring out
 * e^{−ε_b−ε_s}(μ+ε_b)^B(μ+ε_s)^S / (B!S!) leaves, with x_b = ln(1 + μ/ε_b), x_s = ln(1 + μ/ε_s),
 *
 *   ln L_i = −ε_b − ε_s + B_i ln(μ+ε_b) + S_i ln(μ+ε_s)
 *            + LSE( ln(1−α) − B_i x_b − S_i x_s,   ln(α(1−δ)) − μ − S_i x_s,   ln(αδ) − μ − B_i x_b )
 *            − ln B_i! − ln S_i!
 *
 * with LSE(a, b, c) = m + ln(e^{a−m} + e^{b−m} + e^{c−m}), m = max(a, b, c): every exponent is ≤ 0, so
 * nothing overflows for counts in the thousands, where the textbook form's (μ+ε)^B does. The constant
 * −Σ(ln B_i! + ln S_i!) does not depend on the parameters and is left out (no lgamma needed): the
 * returned value is ln L + Σ ln(B_i! S_i!).
 *
 * Edge cases follow the limits: a zero count contributes nothing even if its rate is 0; α or δ at 0/1
 * drop their components (ln 0 = −∞ is fine inside LSE). Rates must be ≥ 0 (μ, ε may be 0).
 */
export function pinLogLikelihood(p: PinParams, buys: ArrayLike<number>, sells: ArrayLike<number>): number {
  const lnNoNews = Math.log1p(-p.alpha);
  const lnGood = Math.log(p.alpha) + Math.log1p(-p.delta);
  const lnBad = Math.log(p.alpha) + Math.log(p.delta);
  return logLikelihoodCore(lnNoNews, lnGood, lnBad, p.mu, p.epsB, p.epsS, buys, sells);
}

/**
 * The same sum with the mixture weights already in log form, so the optimiser can pass them computed
 * stably from its unconstrained coordinates (ln α = −softplus(−a), ln(1−α) = −softplus(a)).
 */
export function logLikelihoodCore(
  lnNoNews: number, lnGood: number, lnBad: number,
  mu: number, epsB: number, epsS: number,
  buys: ArrayLike<number>, sells: ArrayLike<number>,
): number {
  // ln(1 + μ/ε): +∞ when ε = 0 < μ (a count on that side is then impossible without news); 0 when μ = 0.
  const xb = mu === 0 ? 0 : Math.log1p(mu / epsB);
  const xs = mu === 0 ? 0 : Math.log1p(mu / epsS);
  const lnRateB = Math.log(mu + epsB);
  const lnRateS = Math.log(mu + epsS);
  let total = 0;
  let sumB = 0;
  let sumS = 0;
  const n = buys.length;
  for (let i = 0; i < n; i++) {
    const b = buys[i]!;
    const s = sells[i]!;
    sumB += b;
    sumS += s;
    const bx = b === 0 ? 0 : b * xb; // 0·∞ is 0 here: a zero count has probability 1 whatever the rate
    const sx = s === 0 ? 0 : s * xs;
    const a = lnNoNews - bx - sx;
    const g = lnGood - mu - sx;
    const c = lnBad - mu - bx;
    // log-sum-exp with the largest term factored out: its own exponential is 1, so two exps remain.
    let m = a;
    let rest: number;
    if (a >= g && a >= c) rest = Math.exp(g - a) + Math.exp(c - a);
    else if (g >= c) {
      m = g;
      rest = Math.exp(a - g) + Math.exp(c - g);
    } else {
      m = c;
      rest = Math.exp(a - c) + Math.exp(g - c);
    }
    if (m === -Infinity) return -Infinity;
    total += m + Math.log1p(rest);
  }
  total -= n * (epsB + epsS);
  if (sumB > 0) total += sumB * lnRateB;
  if (sumS > 0) total += sumS * lnRateS;
  return total;
}
