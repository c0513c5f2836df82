/**
 * The expiry calendar of the simulated options venue, modelled on Binance's European options: every
 * series expires at 08:00 UTC; a daily, a weekly (Friday), a monthly (the month's last Friday) and a
 * quarterly (the last Friday of March, June, September or December). They are computed once, from
 * the venue's clock when it starts, so the listing stays stable while it runs; the next start lists
 * whatever series are next by then.
 */

const HOUR_MS = 3_600_000;

const EXPIRY_HOUR_UTC = 8;
const FRIDAY = 5;
/** A series closer than this to its expiry is not listed: nobody could trade it. */
const MIN_LIFE_MS = HOUR_MS;

function at0800(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day, EXPIRY_HOUR_UTC);
}

/** The last Friday of a month (0-based month), 08:00 UTC. */
function lastFriday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const back = (lastDay.getUTCDay() - FRIDAY + 7) % 7;
  return at0800(year, month, lastDay.getUTCDate() - back);
}

/** The first of `candidates(i)`, i = 0, 1, ..., strictly after `after`. */
function firstAfter(after: number, candidate: (i: number) => number): number {
  for (let i = 0; ; i++) {
    const t = candidate(i);
    if (t > after) return t;
  }
}

/** The series' expiries (ms since epoch, ascending, distinct) for a venue starting at `nowMs`. */
export function simOptionExpiries(nowMs: number): number[] {
  const now = new Date(nowMs);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const earliest = nowMs + MIN_LIFE_MS;
  const daily = firstAfter(earliest, (i) => at0800(y, m, d + i));
  const weekly = firstAfter(daily, (i) => {
    const t = at0800(y, m, d + i);
    return new Date(t).getUTCDay() === FRIDAY ? t : -Infinity;
  });
  const monthly = firstAfter(weekly, (i) => lastFriday(y, m + i));
  const quarterly = firstAfter(monthly, (i) => {
    const month = m + i;
    return ((month % 12) + 12) % 12 % 3 === 2 ? lastFriday(y, month) : -Infinity;
  });
  return [daily, weekly, monthly, quarterly];
}
