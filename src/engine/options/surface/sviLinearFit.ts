import type { SmilePoint } from './quotes';

/**
 * The inner step of the quasi-explicit SVI calibration (Zeliade, 2009): with the shift m and curvature s
 * fixed, and y = (k - m) / s, raw SVI reads
 *
 *   w = a + d·y + c·sqrt(y² + 1),   c = b·s,  d = rho·b·s,
 *
 * which is linear in (a, d, c). The wing constraints b ≥ 0, |rho| ≤ 1 and Lee's moment bound on the
 * wing slopes of total variance, b(1 + |rho|) ≤ 2, become the diamond |d| ≤ c, c + |d| ≤ 2s in (d, c),
 * so the best (a, d, c) is a small convex quadratic programme solved exactly: the unconstrained weighted
 * least-squares solution if it lies in the diamond, otherwise the best point on one of its four edges
 * (a convex quadratic's constrained minimum lies on the boundary when the free one is outside).
 *
 * Non-negative variance, min w = a + sqrt(c² - d²) ≥ 0, is not linear; a fit that breaks it has its level
 * a raised to the smallest feasible value. The result is then feasible but not the exact optimum for this
 * (m, s); the outer search over (m, s) only ever sees feasible smiles and moves away from such points.
 */
export const LEE_WING_SLOPE = 2;

export interface LinearSviFit {
  a: number;
  d: number;
  c: number;
  /** Weighted sum of squared total-variance residuals, divided by the sum of weights. */
  error: number;
}

/** Weighted sums for the normal equations over the basis (1, y, z) with z = sqrt(y² + 1). */
interface Moments {
  sw: number;
  sy: number;
  sz: number;
  syy: number;
  syz: number;
  szz: number;
  sv: number;
  syv: number;
  szv: number;
  svv: number;
}

function moments(points: readonly SmilePoint[], m: number, s: number): Moments {
  const mo: Moments = { sw: 0, sy: 0, sz: 0, syy: 0, syz: 0, szz: 0, sv: 0, syv: 0, szv: 0, svv: 0 };
  for (const p of points) {
    const y = (p.k - m) / s;
    const z = Math.sqrt(y * y + 1);
    const q = p.weight;
    mo.sw += q;
    mo.sy += q * y;
    mo.sz += q * z;
    mo.syy += q * y * y;
    mo.syz += q * y * z;
    mo.szz += q * z * z;
    mo.sv += q * p.w;
    mo.syv += q * y * p.w;
    mo.szv += q * z * p.w;
    mo.svv += q * p.w * p.w;
  }
  return mo;
}

/** Weighted mean squared residual of (a, d, c), from the moments alone. */
function errorOf(mo: Moments, a: number, d: number, c: number): number {
  const fitSq =
    a * a * mo.sw + d * d * mo.syy + c * c * mo.szz + 2 * (a * d * mo.sy + a * c * mo.sz + d * c * mo.syz);
  const cross = a * mo.sv + d * mo.syv + c * mo.szv;
  return Math.max(0, (mo.svv - 2 * cross + fitSq) / mo.sw);
}

type Vec3 = [number, number, number];

/** Determinant of the 3x3 matrix with columns c0, c1, c2. */
function det3(c0: Vec3, c1: Vec3, c2: Vec3): number {
  return (
    c0[0] * (c1[1] * c2[2] - c1[2] * c2[1]) - c1[0] * (c0[1] * c2[2] - c0[2] * c2[1]) + c2[0] * (c0[1] * c1[2] - c0[2] * c1[1])
  );
}

/** Cramer's rule on the symmetric normal equations; undefined when they are (nearly) singular. */
function solve3(c0: Vec3, c1: Vec3, c2: Vec3, r: Vec3): Vec3 | undefined {
  const d = det3(c0, c1, c2);
  if (!(Math.abs(d) > 1e-13 * Math.abs(c0[0] * c1[1] * c2[2]))) return undefined;
  return [det3(r, c1, c2) / d, det3(c0, r, c2) / d, det3(c0, c1, r) / d];
}

/** Best fit on the segment (d, c) = P + t·D, t in [0, 1], with a free. */
function edgeFit(mo: Moments, pd: number, pc: number, dd: number, dc: number): LinearSviFit {
  // Residual v - a - (P + tD)·(y, z): regress v - P·(y,z) on (1, g) with g = D·(y, z).
  const sg = dd * mo.sy + dc * mo.sz;
  const sgg = dd * dd * mo.syy + 2 * dd * dc * mo.syz + dc * dc * mo.szz;
  const sp = pd * mo.sy + pc * mo.sz;
  const spg = pd * dd * mo.syy + (pd * dc + pc * dd) * mo.syz + pc * dc * mo.szz;
  const sgv = dd * mo.syv + dc * mo.szv - spg; // Σ q·g·(v - P·(y,z))
  const su = mo.sv - sp; // Σ q·(v - P·(y,z))
  const varG = sgg - (sg * sg) / mo.sw;
  let t = varG > 1e-300 ? (sgv - (sg * su) / mo.sw) / varG : 0;
  t = Math.min(1, Math.max(0, t));
  const a = (su - t * sg) / mo.sw;
  const d = pd + t * dd;
  const c = pc + t * dc;
  return { a, d, c, error: errorOf(mo, a, d, c) };
}

export function fitSviLinear(points: readonly SmilePoint[], m: number, s: number): LinearSviFit {
  const mo = moments(points, m, s);
  const free = solve3([mo.sw, mo.sy, mo.sz], [mo.sy, mo.syy, mo.syz], [mo.sz, mo.syz, mo.szz], [mo.sv, mo.syv, mo.szv]);
  const cap = LEE_WING_SLOPE * s;
  if (free) {
    const [a, d, c] = free;
    if (Math.abs(d) <= c && c + Math.abs(d) <= cap) return withNonNegativeVariance(mo, { a, d, c, error: 0 });
  }
  const half = cap / 2;
  const edges: LinearSviFit[] = [
    edgeFit(mo, 0, 0, half, half), // d = c ≥ 0 (rho = 1)
    edgeFit(mo, 0, 0, -half, half), // d = -c (rho = -1)
    edgeFit(mo, half, half, -half, half), // c + d = cap
    edgeFit(mo, -half, half, half, half), // c - d = cap
  ];
  return withNonNegativeVariance(mo, edges.reduce((best, e) => (e.error < best.error ? e : best)));
}

function withNonNegativeVariance(mo: Moments, fit: LinearSviFit): LinearSviFit {
  const floor = -Math.sqrt(Math.max(0, fit.c * fit.c - fit.d * fit.d));
  const a = Math.max(fit.a, floor);
  return { a, d: fit.d, c: fit.c, error: errorOf(mo, a, fit.d, fit.c) };
}
