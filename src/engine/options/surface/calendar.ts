import { sviTotalVariance, type SviParams } from '../svi';
import { BAD_RANGE_MESSAGE, badRuns, formatK, kGrid, type KInterval, type KRange } from './kGrid';

/**
 * Calendar arbitrage between expiries: at every log-forward-moneyness k, total implied variance must not
 * fall as the expiry lengthens (otherwise a calendar spread at that moneyness has a negative price).
 * Each pair of neighbouring expiries is compared over the grid.
 */
export interface CalendarSlice {
  /** How the UI names the expiry, e.g. "2026-12-31". */
  label: string;
  years: number;
  params: SviParams;
}

export interface CalendarFailure extends KInterval {
  earlier: string;
  later: string;
  /** Largest w(earlier) - w(later) in the interval (positive). */
  worstGap: number;
}

export interface CalendarCheck {
  ok: boolean;
  failures: CalendarFailure[];
  /** e.g. "calendar arbitrage between 2026-12-31 and 2027-01-28 for k=-0.3000 to k=0.1000". */
  messages: string[];
}

/** Total variance is O(0.01..1); below this a difference is rounding. */
const W_TOLERANCE = 1e-12;

export function checkCalendar(slices: readonly CalendarSlice[], range: KRange): CalendarCheck {
  const sorted = [...slices].sort((x, y) => x.years - y.years);
  const ks = kGrid(range);
  if (ks.length === 0) return { ok: false, failures: [], messages: [BAD_RANGE_MESSAGE] };
  const failures: CalendarFailure[] = [];
  sorted.forEach((later, j) => {
    const earlier = sorted[j - 1];
    if (!earlier) return;
    const gaps = ks.map((k) => sviTotalVariance(earlier.params, k) - sviTotalVariance(later.params, k));
    for (const { kFrom, kTo, first, last } of badRuns(ks, gaps, (gap) => !(gap <= W_TOLERANCE))) {
      const worstGap = Math.max(...gaps.slice(first, last + 1));
      failures.push({ kFrom, kTo, earlier: earlier.label, later: later.label, worstGap });
    }
  });
  const messages = failures.map(
    (f) => `calendar arbitrage between ${f.earlier} and ${f.later} for ${formatK(f.kFrom)} to ${formatK(f.kTo)}`,
  );
  return { ok: failures.length === 0, failures, messages };
}
