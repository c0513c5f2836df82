/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (IRLS).
 * Deterministic: no randomness, fixed iteration order, so one dataset gives one model bit for bit.
 *
 * Model: p(y=1 | x) = σ(b + Σ w_k z_k), z_k = (x_k − mean_k) / sd_k. Objective minimised:
 *   −Σ_i [y_i log p_i + (1−y_i) log(1−p_i)] + (λ/2) Σ_k w_k²   (the intercept b is not penalised).
 * Newton step: (XᵀWX + λI') Δ = Xᵀ(y − p) − λw', W = diag(p(1−p)), solved by Cholesky (d ≤ ~10).
 * A NaN feature is replaced by its training mean (z = 0: "no information").
 */
export interface LogisticModel {
  /** Per-feature mean and standard deviation of the training data (sd 1 for a constant feature). */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** Weights on the standardised features. */
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticFitOptions {
  /** L2 penalty λ on the standardised weights (default 1). */
  l2?: number;
  /** Newton iterations at most (default 50). */
  maxIterations?: number;
  /** Stop when the largest step component is below this (default 1e-10). */
  tolerance?: number;
}

/**
 * Fits on rows `rows` (indices into `x`, a row-major matrix with `d` columns) with labels y (0 or 1).
 */
export function fitLogistic(x: Float64Array, d: number, y: ArrayLike<number>, rows: ArrayLike<number>, opts: LogisticFitOptions = {}): LogisticModel {
  const l2 = opts.l2 ?? 1;
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-10;
  const n = rows.length;
  if (n === 0) throw new RangeError('no training rows');
  const { mean, sd } = standardisation(x, d, rows);
  // Standardised design matrix with a leading 1 for the intercept.
  const p1 = d + 1;
  const z = new Float64Array(n * p1);
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    z[r * p1] = 1;
    for (let k = 0; k < d; k++) {
      const v = x[i * d + k]!;
      z[r * p1 + 1 + k] = Number.isNaN(v) ? 0 : (v - mean[k]!) / sd[k]!;
    }
  }
  const beta = new Float64Array(p1);
  const h = new Float64Array(p1 * p1);
  const g = new Float64Array(p1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    h.fill(0);
    g.fill(0);
    for (let r = 0; r < n; r++) {
      let eta = 0;
      for (let k = 0; k < p1; k++) eta += beta[k]! * z[r * p1 + k]!;
      const p = sigmoid(eta);
      const w = Math.max(p * (1 - p), 1e-12);
      const resid = y[rows[r]!]! - p;
      for (let a = 0; a < p1; a++) {
        const za = z[r * p1 + a]!;
        g[a] = g[a]! + za * resid;
        for (let b = 0; b <= a; b++) h[a * p1 + b] = h[a * p1 + b]! + w * za * z[r * p1 + b]!;
      }
    }
    for (let a = 1; a < p1; a++) {
      h[a * p1 + a] = h[a * p1 + a]! + l2;
      g[a] = g[a]! - l2 * beta[a]!;
    }
    const step = choleskySolve(h, g, p1);
    let largest = 0;
    for (let k = 0; k < p1; k++) {
      beta[k] = beta[k]! + step[k]!;
      largest = Math.max(largest, Math.abs(step[k]!));
    }
    if (!Number.isFinite(largest)) throw new Error('logistic fit diverged');
    if (largest < tolerance) {
      converged = true;
      break;
    }
  }
  return { mean, sd, weights: beta.slice(1), intercept: beta[0]!, iterations, converged };
}

/** The model's probability of y = 1 for one feature row (NaN features count as their training mean). */
export function predictLogistic(model: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  let eta = model.intercept;
  const d = model.weights.length;
  for (let k = 0; k < d; k++) {
    const v = x[offset + k]!;
    if (!Number.isNaN(v)) eta += model.weights[k]! * ((v - model.mean[k]!) / model.sd[k]!);
  }
  return sigmoid(eta);
}

export function sigmoid(t: number): number {
  // Written both ways so exp never overflows.
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

function standardisation(x: Float64Array, d: number, rows: ArrayLike<number>): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  const count = new Float64Array(d);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    for (let k = 0; k < d; k++) {
      const v = x[i * d + k]!;
      if (Number.isNaN(v)) continue;
      // Welford: stable for features like OFI whose mean is large against their spread.
      count[k] = count[k]! + 1;
      const delta = v - mean[k]!;
      mean[k] = mean[k]! + delta / count[k]!;
      sd[k] = sd[k]! + delta * (v - mean[k]!);
    }
  }
  for (let k = 0; k < d; k++) {
    const s = count[k]! > 1 ? Math.sqrt(sd[k]! / (count[k]! - 1)) : 0;
    sd[k] = s > 1e-12 ? s : 1;
  }
  return { mean, sd };
}

/** Solves A x = b for symmetric positive definite A (lower triangle used), n×n row-major. */
function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('logistic fit: Hessian not positive definite (too few rows or collinear features)');
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  const yv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * yv[k]!;
    yv[i] = s / l[i * n + i]!;
  }
  const out = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = yv[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * out[k]!;
    out[i] = s / l[i * n + i]!;
  }
  return out;
}
