import * as fs from 'node:fs';
import * as path from 'node:path';
import { MarketCalendar } from './calendar';
import { HolidayList, parseHolidays, type HolidayProblem } from './holidays';
import { istTime } from './ist';

/** The trader's holiday file in the data directory; format in holidays.ts, example in docs. */
export const HOLIDAY_FILE_NAME = 'kite-holidays.json';

export interface LoadedCalendar {
  calendar: MarketCalendar;
  /** Entries skipped and why; a missing file is reported here too (only built-in dates then apply). */
  problems: HolidayProblem[];
}

/**
 * Builds the calendar from `<dataDir>/kite-holidays.json`. Never throws for a bad or missing file: the
 * built-in fixed-date holidays (this year, the last and the next, from `now`) still apply and the
 * problems say what was ignored, so the terminal can show them.
 */
export function loadMarketCalendar(dataDir: string, now: number): LoadedCalendar {
  const year = Number(istTime(now).date.slice(0, 4));
  const years = [year - 1, year, year + 1];
  const file = path.join(dataDir, HOLIDAY_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no holiday file: only 26 Jan, 1 May, 15 Aug, 2 Oct and 25 Dec are known' : String(error);
    return { calendar: new MarketCalendar(HolidayList.builtIn(years)), problems: [{ where: file, reason }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      calendar: new MarketCalendar(HolidayList.builtIn(years)),
      problems: [{ where: file, reason: `not JSON (${(error as Error).message}); only built-in holidays apply` }],
    };
  }
  const { list, problems } = parseHolidays(json, years);
  return { calendar: new MarketCalendar(list), problems };
}
