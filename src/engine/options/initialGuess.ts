import { normalCdf, normalPdf } from './normal';
import { normalisedOtmCall, normalisedVega } from './normalisedBlack';
import { normalQuantile } from './normalQuantile';

/**
 * The implied-volatility solver's starting point, after P. Jäckel, "Let's Be Rational" (2015), §4-5: an
 * approximation of s(β), the inverse of the normalised Black price b(x, ·) at fixed x ≤ 0, good enough that
 * two third-order Householder steps reach double precision everywhere.
 *
 * Three points split the β axis: the inflection point s_c = √(2|x|) (b'' = 0 there) and the points where
 * the tangent at s_c meets 0 and the cap b_max = e^(x/2):
 *   s_l = s_c − b_c/v_c,  s_u = s_c + (b_max − b_c)/v_c   (b_c = b(x, s_c), v_c = b'(x, s_c)).
 * On [b_l, b_c] and [b_c, b_u] s(β) itself is smooth and nearly linear, and is interpolated directly. Below
 * b_l and above b_u it is not (s → 0 as β → 0 with all derivatives of β vanishing; s → ∞ as β → b_max), so
 * there a function of s with the right asymptotics is interpolated instead and inverted in closed form:
 * - lower: f_l(s) = (2π|x|/(3√3))·Φ(−|x|/(√3·s))³, which behaves like b itself as s → 0 (both go as
 *   s³·e^(−x²/2s²)/(√(2π)·x²)), so f_l(β) has slope 1 at β = 0;
 * - upper: f_u(s) = Φ(−s/2), since b_max − b = e^(x/2)Φ(−x/s − s/2) + e^(−x/2)Φ(x/s − s/2) → 2·Φ(−s/2) as
 *   s → ∞ (φ(s/2 ± x/s)/φ(s/2) → e^(∓x/2)), so f_u(β) has slope −1/2 at β = b_max.
 * Each interpolant is a rational cubic (Delbourgo & Gregory, as Jäckel uses): it matches values and slopes
 * at both ends and the second derivative at the end away from s_c (at s_c the second derivative of s(β) is
 * 0 and need not be matched), through its control parameter r (r = 3 is the plain cubic; r → ∞ tends to
 * the straight line); r is kept at or above the value that keeps the interpolant monotone.
 */

/** Delbourgo-Gregory rational cubic on [xl, xr] with values yl, yr, slopes dl, dr and control r. */
function rationalCubic(x: number, xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, r: number): number {
  const h = xr - xl;
  if (!(h > 0)) return 0.5 * (yl + yr);
  const t = (x - xl) / h;
  const u = 1 - t;
  if (!(r < 1e12)) return yl * u + yr * t; // the straight-line limit
  const num = yr * t * t * t + (r * yr - h * dr) * t * t * u + (r * yl + h * dl) * t * u * u + yl * u * u * u;
  return num / (1 + (r - 3) * t * u);
}

/** r matching the second derivative `d2` at the left end (from differentiating the form above twice). */
function controlFromLeft(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2: number): number {
  const h = xr - xl;
  const slope = (yr - yl) / h;
  return clampControl((0.5 * h * d2 + dr - dl) / (slope - dl), slope, dl, dr);
}

/** r matching the second derivative `d2` at the right end. */
function controlFromRight(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2: number): number {
  const h = xr - xl;
  const slope = (yr - yl) / h;
  return clampControl((0.5 * h * d2 + dr - dl) / (dr - slope), slope, dl, dr);
}

/** At least the monotonicity bound (dl + dr)/slope, and finite: a degenerate fit falls back to the line. */
function clampControl(r: number, slope: number, dl: number, dr: number): number {
  const monotone = slope !== 0 ? (dl + dr) / slope : 0;
  const least = Math.max(monotone, 0);
  if (!Number.isFinite(r)) return Number.POSITIVE_INFINITY;
  return r > least ? r : least;
}

const TWO_PI = 2 * Math.PI;
const SQRT3 = Math.sqrt(3);

/** f_l(s) and its first two derivatives in s, written into `out` [f, f', f'']. */
function lowerMap(x: number, s: number, out: Float64Array): void {
  const ax = -x;
  const scale = (TWO_PI * ax) / (3 * SQRT3);
  const z = -ax / (SQRT3 * s);
  const cdf = normalCdf(z);
  const pdf = normalPdf(z);
  out[0] = scale * cdf * cdf * cdf;
  out[1] = (3 * scale * cdf * cdf * pdf * -z) / s; // dz/ds = −z/s
  out[2] = ((3 * scale * cdf * pdf) / (s * s)) * ((2 * pdf - z * cdf) * z * z + 2 * z * cdf);
}

/** s with f_l(s) = f. */
function inverseLowerMap(x: number, f: number): number {
  const ax = -x;
  const cdf = Math.cbrt((f * 3 * SQRT3) / (TWO_PI * ax));
  return -ax / (SQRT3 * normalQuantile(cdf));
}

const scratch = new Float64Array(3);

/** The starting s for b(x, s) = beta, x ≤ 0, 0 < beta < cap = e^(x/2), given s_c = √(2|x|) and b_c = b(x, s_c). */
export function initialGuess(x: number, beta: number, cap: number, sc: number, bc: number): number {
  const vc = sc > 0 ? normalisedVega(x, sc) : 1 / Math.sqrt(TWO_PI); // b'(0, 0) = φ(0): x/s is 0/0 at x = 0
  const su = sc + (cap - bc) / vc;
  const bu = normalisedOtmCall(x, su);
  if (beta <= bc) {
    const sl = sc - bc / vc;
    const bl = sl > 0 ? normalisedOtmCall(x, sl) : 0;
    if (beta < bl) {
      // Lower wing: interpolate f_l(β) on [0, b_l] (f_l(0) = 0, slope 1), then invert f_l.
      const vl = normalisedVega(x, sl);
      lowerMap(x, sl, scratch);
      const fl = scratch[0]!;
      const dfl = scratch[1]! / vl;
      const c2 = (x * x) / (sl * sl * sl) - 0.25 * sl; // b''/b'
      const d2fl = (scratch[2]! - scratch[1]! * c2) / (vl * vl);
      const r = controlFromRight(0, bl, 0, fl, 1, dfl, d2fl);
      const f = rationalCubic(beta, 0, bl, 0, fl, 1, dfl, r);
      return f > 0 ? inverseLowerMap(x, f) : 0;
    }
    // Lower middle: s(β) on [b_l, b_c], second derivative matched at b_l (s'' = −b''/b'³).
    const vl = normalisedVega(x, sl);
    const c2 = (x * x) / (sl * sl * sl) - 0.25 * sl;
    const r = controlFromLeft(bl, bc, sl, sc, 1 / vl, 1 / vc, -c2 / (vl * vl));
    return rationalCubic(beta, bl, bc, sl, sc, 1 / vl, 1 / vc, r);
  }
  const vu = normalisedVega(x, su);
  const c2u = (x * x) / (su * su * su) - 0.25 * su;
  if (beta <= bu) {
    // Upper middle: s(β) on [b_c, b_u], second derivative matched at b_u.
    const r = controlFromRight(bc, bu, sc, su, 1 / vc, 1 / vu, -c2u / (vu * vu));
    return rationalCubic(beta, bc, bu, sc, su, 1 / vc, 1 / vu, r);
  }
  // Upper wing: interpolate f_u(β) = Φ(−s/2) on [b_u, b_max] (0 at b_max, slope −1/2 there).
  const halfPdf = normalPdf(0.5 * su);
  const fu = normalCdf(-0.5 * su);
  const dfu = (-0.5 * halfPdf) / vu; // df_u/ds = −φ(s/2)/2
  const d2fu = ((0.125 * su * halfPdf) - (-0.5 * halfPdf) * c2u) / (vu * vu); // d²f_u/ds² = s·φ(s/2)/8
  const slopeAtCap = -0.5;
  const r = controlFromLeft(bu, cap, fu, 0, dfu, slopeAtCap, d2fu);
  const f = rationalCubic(beta, bu, cap, fu, 0, dfu, slopeAtCap, r);
  return f > 0 && f < 0.5 ? -2 * normalQuantile(f) : su;
}
