/**
 * India Standard Time for the loopback venue: which session a moment falls in (NSE, BSE, NFO, BFO:
 * 09:15-15:30 IST on weekdays; MCX 09:00-23:30; CDS/BCD 09:00-17:00), Kite's timestamp text
 * ("2021-05-31 09:16:39", IST), and when an access token lapses (06:00 IST the next morning).
 * Exchange holidays are not modelled: a weekday is a trading day.
 */

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 86_400_000;

interface Session {
  open: number; // minutes after IST midnight
  close: number;
}

const EQUITY: Session = { open: 9 * 60 + 15, close: 15 * 60 + 30 };
const SESSIONS: Readonly<Record<string, Session>> = {
  NSE: EQUITY,
  BSE: EQUITY,
  NFO: EQUITY,
  BFO: EQUITY,
  MCX: { open: 9 * 60, close: 23 * 60 + 30 },
  CDS: { open: 9 * 60, close: 17 * 60 },
  BCD: { open: 9 * 60, close: 17 * 60 },
};

/** The IST wall-clock parts of an epoch millisecond. */
export function istParts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; weekday: number } {
  const t = new Date(ms + IST_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** Kite's timestamp text, in IST: "2021-05-31 09:16:39". */
export function kiteTimestamp(ms: number): string {
  const p = istParts(ms);
  return `${p.y}-${two(p.mo)}-${two(p.d)} ${two(p.h)}:${two(p.mi)}:${two(p.s)}`;
}

/** yyMMdd in IST, the prefix of Kite's order ids. */
export function istDateCode(ms: number): string {
  const p = istParts(ms);
  return `${String(p.y).slice(2)}${two(p.mo)}${two(p.d)}`;
}

/** Whether `exchange` is in its normal session at `ms` (weekdays only; no holiday calendar). */
export function inMarketHours(exchange: string, ms: number): boolean {
  const session = SESSIONS[exchange] ?? EQUITY;
  const p = istParts(ms);
  if (p.weekday === 0 || p.weekday === 6) return false;
  const minute = p.h * 60 + p.mi;
  return minute >= session.open && minute < session.close;
}

/** The first 06:00 IST strictly after `ms`: when Kite invalidates an access token issued at `ms`. */
export function nextSixAmIst(ms: number): number {
  const istMs = ms + IST_OFFSET_MS;
  const midnight = Math.floor(istMs / DAY_MS) * DAY_MS;
  let six = midnight + 6 * 3_600_000;
  if (six <= istMs) six += DAY_MS;
  return six - IST_OFFSET_MS;
}
