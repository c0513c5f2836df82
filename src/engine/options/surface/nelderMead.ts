/**
 * A small Nelder–Mead simplex minimiser (standard reflection 1, expansion 2, contraction 1/2, shrink 1/2),
 * for the SVI fit's outer search over (m, ln s): two variables, a cheap objective, no derivatives.
 * analytics has its own, but it sits in a higher engine layer than options.
 */
export interface NelderMeadOptions {
  /** Initial step per coordinate. */
  step: readonly number[];
  maxIterations?: number;
  /** Stop when the simplex's objective values differ by less than this. */
  fTolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  iterations: number;
}

export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], opts: NelderMeadOptions): NelderMeadResult {
  const n = start.length;
  const maxIterations = opts.maxIterations ?? 400;
  const fTolerance = opts.fTolerance ?? 1e-14;
  const simplex: { x: number[]; f: number }[] = [{ x: [...start], f: f(start) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = start[i]! + (opts.step[i] ?? 0);
    simplex.push({ x, f: f(x) });
  }
  const along = (base: number[], toward: number[], t: number): number[] => base.map((b, i) => b + t * (toward[i]! - b));

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.f - best.f) <= fTolerance * (1 + Math.abs(best.f))) break;
    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i]! += simplex[j]!.x[i]! / n;

    const reflected = along(centroid, worst.x, -1);
    const fr = f(reflected);
    if (fr < best.f) {
      const expanded = along(centroid, worst.x, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
    } else if (fr < simplex[n - 1]!.f) {
      simplex[n] = { x: reflected, f: fr };
    } else {
      const contracted = fr < worst.f ? along(centroid, reflected, 0.5) : along(centroid, worst.x, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.f)) {
        simplex[n] = { x: contracted, f: fc };
      } else {
        for (let j = 1; j <= n; j++) {
          const x = along(best.x, simplex[j]!.x, 0.5);
          simplex[j] = { x, f: f(x) };
        }
      }
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  const best = simplex[0]!;
  return { x: best.x, f: best.f, iterations };
}
