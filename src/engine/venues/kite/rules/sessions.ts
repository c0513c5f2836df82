import { weekdayOf, type DateKey } from './ist';

/**
 * Normal trading hours of the exchanges Kite reaches, in minutes after IST midnight (sources: NSE, BSE
 * and MCX market timings; Zerodha's support pages list the same). A holiday file entry can override a
 * given day (a Muhurat session, MCX's evening-only session on some holidays).
 *
 * - NSE, BSE equity: 09:15-15:30, with the pre-open call auction's order entry 09:00-09:08.
 * - NFO, BFO (equity derivatives): 09:15-15:30.
 * - CDS, BCD (currency derivatives): 09:00-17:00.
 * - MCX (commodities): 09:00 to 23:30 while the US keeps daylight saving time, 23:55 otherwise (MCX
 *   follows the COMEX/NYMEX close). Agricultural MCX contracts close earlier (17:00 or 21:00); the dump
 *   does not say which contract is agricultural, so the later close is used and MCX rejects the rest.
 */
export interface Session {
  open: number;
  close: number;
  /** Order entry of the pre-open call auction, when the exchange runs one. */
  preOpen?: { start: number; end: number };
}

export const EQUITY_EXCHANGES: readonly string[] = ['NSE', 'BSE'];
export const DERIVATIVE_EXCHANGES: readonly string[] = ['NFO', 'BFO', 'CDS', 'BCD', 'MCX'];
export const KNOWN_EXCHANGES: readonly string[] = [...EQUITY_EXCHANGES, ...DERIVATIVE_EXCHANGES];

const hm = (h: number, m: number): number => h * 60 + m;

/** The regular session of `exchange` on `date`, ignoring weekends and holidays; undefined if unknown. */
export function regularSession(exchange: string, date: DateKey): Session | undefined {
  switch (exchange) {
    case 'NSE':
    case 'BSE':
      return { open: hm(9, 15), close: hm(15, 30), preOpen: { start: hm(9, 0), end: hm(9, 8) } };
    case 'NFO':
    case 'BFO':
      return { open: hm(9, 15), close: hm(15, 30) };
    case 'CDS':
    case 'BCD':
      return { open: hm(9, 0), close: hm(17, 0) };
    case 'MCX':
      return { open: hm(9, 0), close: usDaylightSaving(date) ? hm(23, 30) : hm(23, 55) };
    default:
      return undefined;
  }
}

/**
 * US daylight saving time is in force from the second Sunday of March to the first Sunday of November.
 * Judged on the IST date, which is close enough: the switch happens on a Sunday, when MCX is shut.
 */
export function usDaylightSaving(date: DateKey): boolean {
  const year = Number(date.slice(0, 4));
  const start = nthSunday(year, 3, 2);
  const end = nthSunday(year, 11, 1);
  return date >= start && date < end;
}

function nthSunday(year: number, month: number, n: number): DateKey {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const toSunday = (7 - weekdayOf(first)) % 7;
  return `${year}-${String(month).padStart(2, '0')}-${String(1 + toSunday + (n - 1) * 7).padStart(2, '0')}`;
}
