import { sviTotalVariance, type SviParams } from '../svi';
import { BAD_RANGE_MESSAGE, badRuns, defaultKRange, formatK, kGrid, type KInterval, type KRange } from './kGrid';

/**
 * Butterfly (strike) arbitrage of one smile: Gatheral & Jacquier's density function
 *
 *   g(k) = (1 - k·w'/(2w))² - (w'²/4)·(1/w + 1/4) + w''/2
 *
 * is, up to a positive factor, the risk-neutral density of ln(S_T/F); a smile is free of butterfly
 * arbitrage where g ≥ 0 and w > 0. A negative g means some butterfly spread has a negative price, i.e.
 * money for nothing against whoever quotes this smile. The derivatives of raw SVI are analytic.
 */
export interface ButterflyFailure extends KInterval {
  /** The most negative g (or -Infinity where the variance itself is not positive). */
  worstG: number;
}

export interface ButterflyCheck {
  ok: boolean;
  failures: ButterflyFailure[];
  /** One line per failure, e.g. "butterfly arbitrage between k=-0.4200 and k=-0.3100". */
  messages: string[];
}

/** Tolerance for rounding: g is O(1) near the money. */
const G_TOLERANCE = 1e-10;

export function sviDensityG(p: SviParams, k: number): number {
  const x = k - p.m;
  const root = Math.sqrt(x * x + p.s * p.s);
  const w = sviTotalVariance(p, k);
  if (!(w > 0)) return Number.NEGATIVE_INFINITY;
  const w1 = p.b * (p.rho + x / root);
  const w2 = (p.b * p.s * p.s) / (root * root * root);
  const lead = 1 - (k * w1) / (2 * w);
  return lead * lead - ((w1 * w1) / 4) * (1 / w + 0.25) + w2 / 2;
}

export function checkButterfly(p: SviParams, range: KRange = defaultKRange(sviTotalVariance(p, 0))): ButterflyCheck {
  const ks = kGrid(range);
  if (ks.length === 0) return { ok: false, failures: [], messages: [BAD_RANGE_MESSAGE] };
  const gs = ks.map((k) => sviDensityG(p, k));
  const failures = badRuns(ks, gs, (g) => !(g >= -G_TOLERANCE)).map(({ kFrom, kTo, first, last }) => ({
    kFrom,
    kTo,
    worstG: Math.min(...gs.slice(first, last + 1)),
  }));
  const messages = failures.map((f) => `butterfly arbitrage between ${formatK(f.kFrom)} and ${formatK(f.kTo)}`);
  return { ok: failures.length === 0, failures, messages };
}
