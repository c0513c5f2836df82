import { sviTotalVariance } from '../svi';
import { checkButterfly, type ButterflyCheck } from './butterfly';
import { checkCalendar, type CalendarCheck } from './calendar';
import { defaultKRange } from './kGrid';
import { sliceProblem, type SurfaceSlice } from './slice';

/**
 * The volatility surface of one underlying: its fitted slices in order of expiry, with the arbitrage
 * findings the UI shows beside them. Arbitrage does not stop a surface from being built (a trader still
 * wants to see the market's smile), it is reported; malformed slices do stop it.
 */
export interface VolSurface {
  underlying: string;
  /** Sorted by years, strictly increasing. */
  slices: SurfaceSlice[];
  /** Per slice, in the same order. */
  butterfly: ButterflyCheck[];
  calendar: CalendarCheck;
}

export type BuiltSurface = { ok: true; surface: VolSurface } | { ok: false; reason: string };

export function buildSurface(underlying: string, slices: readonly SurfaceSlice[]): BuiltSurface {
  if (slices.length === 0) return { ok: false, reason: `${underlying}: no fitted expiries` };
  for (const s of slices) {
    const problem = sliceProblem(s);
    if (problem) return { ok: false, reason: `${underlying}: ${problem}` };
  }
  const sorted = [...slices].sort((x, y) => x.years - y.years);
  const twin = sorted.find((s, i) => i > 0 && s.years === sorted[i - 1]?.years);
  if (twin) return { ok: false, reason: `${underlying}: two expiries with the time to expiry of ${twin.label}` };
  // The calendar grid is wide enough for the longest expiry's smile, which is the widest.
  const last = sorted[sorted.length - 1]!; // slices is not empty
  const calendar = checkCalendar(sorted, defaultKRange(sviTotalVariance(last.params, 0)));
  return { ok: true, surface: { underlying, slices: sorted, butterfly: sorted.map((s) => checkButterfly(s.params)), calendar } };
}
