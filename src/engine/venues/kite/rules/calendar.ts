import { HolidayList } from './holidays';
import { istInstant, istTime, nextDate, weekdayOf, type DateKey } from './ist';
import { regularSession, type Session } from './sessions';

/**
 * Kite's after-market-order windows, from Zerodha's support article "What is an After Market Order
 * (AMO)?": AMOs can be placed, modified or cancelled only from `start` on a trading day until `end` on
 * the next morning (minutes after IST midnight), and at any time on days the exchange is shut. MCX's
 * window starts at its close, which moves with US daylight saving (see sessions.ts).
 */
const AMO_WINDOW: Record<string, { start: number | 'close'; end: number }> = {
  NSE: { start: 16 * 60, end: 8 * 60 + 58 },
  BSE: { start: 16 * 60, end: 8 * 60 + 58 },
  NFO: { start: 15 * 60 + 45, end: 9 * 60 + 10 },
  BFO: { start: 15 * 60 + 45, end: 9 * 60 + 10 },
  CDS: { start: 17 * 60, end: 8 * 60 + 59 },
  BCD: { start: 17 * 60, end: 8 * 60 + 59 },
  MCX: { start: 'close', end: 8 * 60 + 58 },
};

/** Kite takes no AMO from 01:00 to 05:30 IST (its scheduled maintenance, per Zerodha's auto-AMO article). */
const AMO_MAINTENANCE = { start: 60, end: 5 * 60 + 30 };

/** How far nextOpen looks ahead: longer than any run of Indian market holidays plus a weekend. */
const MAX_DAYS_AHEAD = 21;

export type MarketPhase = 'open' | 'preOpen' | 'closed';

/** Sessions, weekends and holidays of the exchanges Kite reaches. All times are ms since epoch. */
export class MarketCalendar {
  constructor(readonly holidays: HolidayList = new HolidayList()) {}

  /** The session `exchange` holds on `date` (an IST day), or undefined when it is shut or unknown. */
  sessionOn(exchange: string, date: DateKey): Session | undefined {
    const regular = regularSession(exchange, date);
    if (!regular) return undefined;
    const entry = this.holidays.entry(exchange, date);
    if (entry?.closed) return undefined;
    if (entry) {
      const open = entry.session.open ?? regular.open;
      const close = entry.session.close ?? regular.close;
      // A special session has its own timetable: no pre-open unless it keeps the regular open.
      return open === regular.open && regular.preOpen ? { open, close, preOpen: regular.preOpen } : { open, close };
    }
    const weekday = weekdayOf(date);
    return weekday === 0 || weekday === 6 ? undefined : regular;
  }

  phase(exchange: string, t: number): MarketPhase {
    const { date, minute } = istTime(t);
    const session = this.sessionOn(exchange, date);
    if (!session) return 'closed';
    if (minute >= session.open && minute < session.close) return 'open';
    if (session.preOpen && minute >= session.preOpen.start && minute < session.preOpen.end) return 'preOpen';
    return 'closed';
  }

  /** Continuous trading is on (the pre-open auction does not count). */
  isOpen(exchange: string, t: number): boolean {
    return this.phase(exchange, t) === 'open';
  }

  /**
   * The start of the next continuous session strictly after `t` (during a session: the next day's), or
   * undefined for an unknown exchange or when none is found within three weeks.
   */
  nextOpen(exchange: string, t: number): number | undefined {
    let date = istTime(t).date;
    for (let i = 0; i <= MAX_DAYS_AHEAD; i++, date = nextDate(date)) {
      const session = this.sessionOn(exchange, date);
      if (!session) continue;
      const open = istInstant(date, session.open);
      if (open > t) return open;
    }
    return undefined;
  }

  /** Whether Kite accepts an after-market order for `exchange` at `t`. */
  amoAccepted(exchange: string, t: number): boolean {
    const window = AMO_WINDOW[exchange];
    if (!window) return false;
    const { date, minute } = istTime(t);
    if (minute >= AMO_MAINTENANCE.start && minute < AMO_MAINTENANCE.end) return false;
    const session = this.sessionOn(exchange, date);
    if (!session) return true;
    if (this.holidays.entry(exchange, date)) {
      // A special session (Muhurat, an evening-only day): Zerodha publishes no AMO window for it, so
      // AMOs are taken only while the exchange is not trading.
      return !(minute >= session.open && minute < session.close);
    }
    const start = window.start === 'close' ? session.close : window.start;
    return minute < window.end || minute >= start;
  }
}
