import { isDateKey, minuteOfClock, type DateKey } from './ist';
import { KNOWN_EXCHANGES } from './sessions';

/**
 * Trading holidays and special sessions, per exchange.
 *
 * Where they come from: the exchanges publish each year's list in a circular (NSE: "Trading holidays for
 * the calendar year", BSE and MCX likewise) in December. The dates of most Indian holidays follow lunar
 * calendars and are only known from those circulars, so they are NOT built in: the trader keeps them in
 * the holiday file (`kite-holidays.json` in the data directory, see holidayFile.ts), and the calendar says
 * when the file has nothing for a year. Built in are only the fixed-date national holidays on which the
 * NSE, BSE and the currency segments have closed every year they fell on a weekday: Republic Day (26 Jan),
 * Maharashtra Day (1 May), Independence Day (15 Aug), Gandhi Jayanti (2 Oct) and Christmas (25 Dec).
 * MCX gets none built in: on most holidays it keeps its evening session, and which it keeps varies.
 *
 * A day's entry either closes the exchange ("2026-03-03") or gives that day's session explicitly
 * ({ "date": "2026-11-08", "open": "18:00", "close": "19:15" } for a Muhurat session on a Sunday,
 * { "date": "2026-03-03", "open": "17:00" } for MCX's evening session). An explicit session wins over
 * the weekend and over a built-in holiday.
 */
export interface DayOverride {
  /** Minutes after IST midnight; absent = the regular open/close. */
  open?: number;
  close?: number;
}

export type DayEntry = { closed: true } | { closed: false; session: DayOverride };

export class HolidayList {
  private readonly days = new Map<string, DayEntry>();
  private readonly years = new Map<string, Set<number>>();

  /** Sets one day for one exchange; the file's entries are set after the built-in ones and replace them. */
  set(exchange: string, date: DateKey, entry: DayEntry, fromFile = true): void {
    this.days.set(`${exchange}|${date}`, entry);
    if (!fromFile) return;
    let years = this.years.get(exchange);
    if (!years) this.years.set(exchange, (years = new Set()));
    years.add(Number(date.slice(0, 4)));
  }

  entry(exchange: string, date: DateKey): DayEntry | undefined {
    return this.days.get(`${exchange}|${date}`);
  }

  /** Whether the holiday file lists anything for this exchange and year: if not, only built-in dates apply. */
  covers(exchange: string, year: number): boolean {
    return this.years.get(exchange)?.has(year) ?? false;
  }

  /** A list holding only the built-in fixed-date holidays for `years`. */
  static builtIn(years: readonly number[]): HolidayList {
    const list = new HolidayList();
    for (const exchange of FIXED_HOLIDAY_EXCHANGES) {
      for (const year of years) {
        for (const mmdd of FIXED_HOLIDAYS) list.set(exchange, `${year}-${mmdd}`, { closed: true }, false);
      }
    }
    return list;
  }
}

const FIXED_HOLIDAYS = ['01-26', '05-01', '08-15', '10-02', '12-25'];
const FIXED_HOLIDAY_EXCHANGES = ['NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD'];

export interface HolidayProblem {
  where: string;
  reason: string;
}

/**
 * Reads the holiday file's JSON: `{ "source": "...", "exchanges": { "NSE": [entries], ... } }` into a list
 * that starts from the built-in dates. A bad entry is reported and skipped; the rest still count.
 */
export function parseHolidays(json: unknown, builtInYears: readonly number[]): { list: HolidayList; problems: HolidayProblem[] } {
  const list = HolidayList.builtIn(builtInYears);
  const problems: HolidayProblem[] = [];
  const exchanges = (json as { exchanges?: unknown } | null)?.exchanges;
  if (typeof exchanges !== 'object' || exchanges === null || Array.isArray(exchanges)) {
    problems.push({ where: 'exchanges', reason: 'expected an object of exchange -> list of days' });
    return { list, problems };
  }
  for (const [exchange, entries] of Object.entries(exchanges)) {
    if (!KNOWN_EXCHANGES.includes(exchange)) {
      problems.push({ where: exchange, reason: `unknown exchange (known: ${KNOWN_EXCHANGES.join(', ')})` });
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push({ where: exchange, reason: 'expected a list of days' });
      continue;
    }
    entries.forEach((raw: unknown, i) => {
      const where = `${exchange}[${i}]`;
      const parsed = parseEntry(raw);
      if ('reason' in parsed) problems.push({ where, reason: parsed.reason });
      else list.set(exchange, parsed.date, parsed.entry);
    });
  }
  return { list, problems };
}

function parseEntry(raw: unknown): { date: DateKey; entry: DayEntry } | { reason: string } {
  if (typeof raw === 'string') {
    return isDateKey(raw) ? { date: raw, entry: { closed: true } } : { reason: `not a date YYYY-MM-DD: ${raw}` };
  }
  if (typeof raw !== 'object' || raw === null) return { reason: 'expected "YYYY-MM-DD" or { date, open?, close? }' };
  const { date, open, close } = raw as Record<string, unknown>;
  if (typeof date !== 'string' || !isDateKey(date)) return { reason: 'date must be YYYY-MM-DD' };
  const session: DayOverride = {};
  for (const [key, value] of [
    ['open', open],
    ['close', close],
  ] as const) {
    if (value === undefined) continue;
    const minute = typeof value === 'string' ? minuteOfClock(value) : undefined;
    if (minute === undefined) return { reason: `${key} must be HH:MM (IST)` };
    session[key] = minute;
  }
  if (session.open === undefined && session.close === undefined) {
    return { reason: 'a session entry needs open and/or close; write the bare date for a closed day' };
  }
  if (session.open !== undefined && session.close !== undefined && session.open >= session.close) {
    return { reason: 'open must be before close' };
  }
  return { date, entry: { closed: false, session } };
}
