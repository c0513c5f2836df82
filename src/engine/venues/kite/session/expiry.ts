/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 86_400_000;
const SIX_AM_MS = 6 * 3_600_000;

/**
 * When a Kite access token made at `loginAt` (ms since the epoch, from the injected clock) stops being
 * valid: the first 06:00 IST after the login. Kite invalidates every session at 06:00 IST each day
 * (a regulatory requirement), so a login in the evening lasts until 06:00 the next morning, and one at
 * 05:00 IST only until 06:00 the same morning: assuming a longer life would have the terminal send
 * orders on a dead token.
 */
export function kiteSessionExpiry(loginAt: number): number {
  const ist = loginAt + IST_OFFSET_MS;
  let sixAm = Math.floor(ist / DAY_MS) * DAY_MS + SIX_AM_MS;
  if (sixAm <= ist) sixAm += DAY_MS;
  return sixAm - IST_OFFSET_MS;
}

/** `at` as IST wall-clock time, `YYYY-MM-DD HH:MM IST`, for messages and the command line. */
export function formatIst(at: number): string {
  const iso = new Date(at + IST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} IST`;
}
