export interface NelderMeadOptions {
  /** Initial simplex: x0 plus `step` along each axis (one for all, or one per axis). */
  step?: number | readonly number[];
  /** Stop when the simplex's function values differ by less than this (absolute). */
  fTolerance?: number;
  /** Stop when every vertex is within this distance of the best one, per coordinate. */
  xTolerance?: number;
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
}

/**
 * Minimises f by the Nelder-Mead simplex method (Nelder & Mead 1965, The Computer Journal 7(4), with the
 * standard coefficients reflection 1, expansion 2, contraction 1/2, shrink 1/2 as in Lagarias, Reeds,
 * Wright & Wright 1998, SIAM J. Optim. 9(1)). Derivative-free and robust to the flat and kinked regions a
 * mixture likelihood (PIN) or an SVI fit's outer search has; bounds are the caller's job (optimise over an unconstrained reparameterisation).
 * A non-finite f(x) counts as +∞, so a step into an invalid region is simply rejected.
 */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const step = opts.step ?? 0.5;
  const fTol = opts.fTolerance ?? 1e-9;
  const xTol = opts.xTolerance ?? 1e-7;
  const maxEval = opts.maxEvaluations ?? 200 * n;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  const pts: Float64Array[] = [];
  const vals = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1]! += typeof step === 'number' ? step : step[i - 1]!;
    pts.push(p);
    vals[i] = evaluate(p);
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const along = (out: Float64Array, from: Float64Array, t: number): void => {
    // out = centroid + t·(centroid − from)
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + t * (centroid[j]! - from[j]!);
  };

  while (evaluations < maxEval) {
    order.sort((a, b) => vals[a]! - vals[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const secondWorst = order[n - 1]!;
    if (converged(pts, vals, best, fTol, xTol)) break;

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = pts[order[k]!]!;
      for (let j = 0; j < n; j++) centroid[j]! += p[j]! / n;
    }
    const pw = pts[worst]!;
    along(xr, pw, 1);
    const fr = evaluate(xr);
    if (fr < vals[best]!) {
      along(xe, pw, 2);
      const fe = evaluate(xe);
      if (fe < fr) accept(pw, xe, worst, fe);
      else accept(pw, xr, worst, fr);
      continue;
    }
    if (fr < vals[secondWorst]!) {
      accept(pw, xr, worst, fr);
      continue;
    }
    // Contract: outside if the reflection helped at all, inside otherwise.
    const outside = fr < vals[worst]!;
    along(xc, pw, outside ? 0.5 : -0.5);
    const fc = evaluate(xc);
    if (fc < (outside ? fr : vals[worst]!)) {
      accept(pw, xc, worst, fc);
      continue;
    }
    const pb = pts[best]!;
    for (let k = 1; k <= n; k++) {
      const i = order[k]!;
      const p = pts[i]!;
      for (let j = 0; j < n; j++) p[j] = pb[j]! + 0.5 * (p[j]! - pb[j]!);
      vals[i] = evaluate(p);
    }
  }

  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: Array.from(pts[bi]!), f: vals[bi]!, evaluations };

  function accept(target: Float64Array, from: Float64Array, i: number, v: number): void {
    target.set(from);
    vals[i] = v;
  }
}

function converged(pts: Float64Array[], vals: Float64Array, best: number, fTol: number, xTol: number): boolean {
  const fb = vals[best]!;
  let fSpread = 0;
  let xSpread = 0;
  const pb = pts[best]!;
  for (let i = 0; i < pts.length; i++) {
    fSpread = Math.max(fSpread, Math.abs(vals[i]! - fb));
    const p = pts[i]!;
    for (let j = 0; j < p.length; j++) xSpread = Math.max(xSpread, Math.abs(p[j]! - pb[j]!));
  }
  return fSpread <= fTol && xSpread <= xTol;
}
