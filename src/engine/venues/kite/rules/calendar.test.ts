import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketCalendar } from './calendar';
import { HOLIDAY_FILE_NAME, loadMarketCalendar } from './holidayFile';
import { HolidayList, parseHolidays } from './holidays';
import { istTime } from './ist';
import { usDaylightSaving } from './sessions';

/** `date` at hh:mm IST, as ms since epoch. */
const at = (date: string, hh: number, mm: number, ss = 0): number => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+05:30`);

// 2026-12-07 is a Monday; 2026-12-05/06 a weekend; 2026-12-25 (Friday) Christmas.
const calendar = new MarketCalendar(HolidayList.builtIn([2026, 2027]));

describe('IST', () => {
  it('is UTC+05:30 with Monday..Sunday weekdays', () => {
    expect(istTime(at('2026-12-07', 9, 15))).toEqual({ date: '2026-12-07', weekday: 1, minute: 555 });
    expect(istTime(Date.UTC(2026, 11, 6, 18, 30))).toEqual({ date: '2026-12-07', weekday: 1, minute: 0 });
    expect(istTime(Date.UTC(2026, 11, 6, 18, 29)).date).toBe('2026-12-06');
  });
});

describe('market sessions', () => {
  it('NSE equity trades 09:15 to 15:30 IST, with the pre-open 09:00-09:08', () => {
    expect(calendar.phase('NSE', at('2026-12-07', 8, 59, 59))).toBe('closed');
    expect(calendar.phase('NSE', at('2026-12-07', 9, 0))).toBe('preOpen');
    expect(calendar.phase('NSE', at('2026-12-07', 9, 8))).toBe('closed');
    expect(calendar.isOpen('NSE', at('2026-12-07', 9, 14, 59))).toBe(false);
    expect(calendar.isOpen('NSE', at('2026-12-07', 9, 15))).toBe(true);
    expect(calendar.isOpen('NSE', at('2026-12-07', 15, 29, 59))).toBe(true);
    expect(calendar.isOpen('NSE', at('2026-12-07', 15, 30))).toBe(false);
    expect(calendar.isOpen('BSE', at('2026-12-07', 12, 0))).toBe(true);
  });

  it('F&O has no pre-open; currency trades 09:00-17:00', () => {
    expect(calendar.phase('NFO', at('2026-12-07', 9, 0))).toBe('closed');
    expect(calendar.isOpen('NFO', at('2026-12-07', 15, 0))).toBe(true);
    expect(calendar.isOpen('CDS', at('2026-12-07', 9, 0))).toBe(true);
    expect(calendar.isOpen('CDS', at('2026-12-07', 16, 59))).toBe(true);
    expect(calendar.isOpen('CDS', at('2026-12-07', 17, 0))).toBe(false);
  });

  it('MCX closes at 23:55 in the Indian winter and 23:30 while the US keeps summer time', () => {
    expect(usDaylightSaving('2026-12-07')).toBe(false);
    expect(usDaylightSaving('2026-07-07')).toBe(true);
    // 2026: US summer time from Sunday 8 March to Sunday 1 November.
    expect(usDaylightSaving('2026-03-07')).toBe(false);
    expect(usDaylightSaving('2026-03-08')).toBe(true);
    expect(usDaylightSaving('2026-10-31')).toBe(true);
    expect(usDaylightSaving('2026-11-01')).toBe(false);
    expect(calendar.isOpen('MCX', at('2026-12-07', 23, 45))).toBe(true);
    expect(calendar.isOpen('MCX', at('2026-07-07', 23, 45))).toBe(false);
    expect(calendar.isOpen('MCX', at('2026-07-07', 23, 29))).toBe(true);
  });

  it('weekends, the built-in national holidays and unknown exchanges are shut', () => {
    expect(calendar.isOpen('NSE', at('2026-12-05', 10, 0))).toBe(false);
    expect(calendar.isOpen('NSE', at('2026-12-06', 10, 0))).toBe(false);
    expect(calendar.isOpen('NSE', at('2026-12-25', 10, 0))).toBe(false);
    expect(calendar.isOpen('NFO', at('2026-10-02', 10, 0))).toBe(false);
    expect(calendar.isOpen('NSE', at('2026-12-24', 10, 0))).toBe(true);
    expect(calendar.isOpen('XYZ', at('2026-12-07', 10, 0))).toBe(false);
  });

  it('next open skips nights, weekends and holidays', () => {
    expect(calendar.nextOpen('NSE', at('2026-12-07', 8, 0))).toBe(at('2026-12-07', 9, 15));
    expect(calendar.nextOpen('NSE', at('2026-12-07', 10, 0))).toBe(at('2026-12-08', 9, 15));
    expect(calendar.nextOpen('NSE', at('2026-12-04', 16, 0))).toBe(at('2026-12-07', 9, 15));
    expect(calendar.nextOpen('NSE', at('2026-12-24', 16, 0))).toBe(at('2026-12-28', 9, 15));
    expect(calendar.nextOpen('MCX', at('2026-12-04', 23, 59))).toBe(at('2026-12-07', 9, 0));
    expect(calendar.nextOpen('XYZ', at('2026-12-07', 8, 0))).toBeUndefined();
  });

  it('property: the market is never open on a weekend and next open is always a future open instant', () => {
    const start = at('2026-01-01', 0, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 86_400_000 }), fc.constantFrom('NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD', 'MCX'), (offset, exchange) => {
        const t = start + offset;
        const { weekday } = istTime(t);
        if (weekday === 0 || weekday === 6) expect(calendar.isOpen(exchange, t)).toBe(false);
        const next = calendar.nextOpen(exchange, t);
        expect(next).toBeDefined();
        expect(next!).toBeGreaterThan(t);
        expect(calendar.isOpen(exchange, next!)).toBe(true);
        expect(calendar.isOpen(exchange, next! - 1)).toBe(false);
      }),
    );
  });
});

describe("Kite's AMO windows", () => {
  it('NSE equity: from 16:00 to 08:58 next morning, never during the session', () => {
    expect(calendar.amoAccepted('NSE', at('2026-12-07', 15, 45))).toBe(false);
    expect(calendar.amoAccepted('NSE', at('2026-12-07', 16, 0))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-07', 23, 59))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 0, 30))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 8, 57))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 8, 58))).toBe(false);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 11, 0))).toBe(false);
  });

  it('F&O from 15:45 to 09:10, currency from 17:00 to 08:59, MCX from its close to 08:58', () => {
    expect(calendar.amoAccepted('NFO', at('2026-12-07', 15, 44))).toBe(false);
    expect(calendar.amoAccepted('NFO', at('2026-12-07', 15, 45))).toBe(true);
    expect(calendar.amoAccepted('NFO', at('2026-12-08', 9, 9))).toBe(true);
    expect(calendar.amoAccepted('NFO', at('2026-12-08', 9, 10))).toBe(false);
    expect(calendar.amoAccepted('CDS', at('2026-12-07', 16, 59))).toBe(false);
    expect(calendar.amoAccepted('CDS', at('2026-12-07', 17, 0))).toBe(true);
    expect(calendar.amoAccepted('MCX', at('2026-12-07', 23, 54))).toBe(false);
    expect(calendar.amoAccepted('MCX', at('2026-12-07', 23, 55))).toBe(true);
    expect(calendar.amoAccepted('MCX', at('2026-07-07', 23, 30))).toBe(true);
  });

  it('all day on weekends and holidays, except 01:00-05:30 (Kite maintenance)', () => {
    expect(calendar.amoAccepted('NSE', at('2026-12-05', 11, 0))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-25', 11, 0))).toBe(true);
    expect(calendar.amoAccepted('NSE', at('2026-12-05', 1, 0))).toBe(false);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 5, 29))).toBe(false);
    expect(calendar.amoAccepted('NSE', at('2026-12-08', 5, 30))).toBe(true);
    expect(calendar.amoAccepted('XYZ', at('2026-12-05', 11, 0))).toBe(false);
  });

  it('property: during continuous trading an AMO is never accepted', () => {
    const start = at('2026-01-01', 0, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 86_400_000 }), fc.constantFrom('NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD', 'MCX'), (offset, exchange) => {
        const t = start + offset;
        if (calendar.isOpen(exchange, t)) expect(calendar.amoAccepted(exchange, t)).toBe(false);
      }),
    );
  });
});

describe('the holiday file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('closes listed days, opens special sessions, and reports bad entries without losing the rest', () => {
    const { list, problems } = parseHolidays(
      {
        source: 'NSE circular (example)',
        exchanges: {
          NSE: ['2026-12-08', { date: '2026-12-06', open: '18:00', close: '19:15' }, '2026-02-30', { date: '2026-12-09' }, 42],
          MCX: [{ date: '2026-12-08', open: '17:00' }],
          NYSE: ['2026-12-08'],
          BSE: 'x',
        },
      },
      [2026],
    );
    const cal = new MarketCalendar(list);
    expect(cal.isOpen('NSE', at('2026-12-08', 10, 0))).toBe(false);
    // A Muhurat session on a Sunday evening.
    expect(cal.isOpen('NSE', at('2026-12-06', 18, 30))).toBe(true);
    expect(cal.isOpen('NSE', at('2026-12-06', 19, 15))).toBe(false);
    expect(cal.amoAccepted('NSE', at('2026-12-06', 18, 30))).toBe(false);
    expect(cal.amoAccepted('NSE', at('2026-12-06', 20, 0))).toBe(true);
    // MCX's evening-only day.
    expect(cal.isOpen('MCX', at('2026-12-08', 10, 0))).toBe(false);
    expect(cal.isOpen('MCX', at('2026-12-08', 17, 0))).toBe(true);
    expect(cal.nextOpen('MCX', at('2026-12-08', 8, 0))).toBe(at('2026-12-08', 17, 0));
    // Built-in dates are still there.
    expect(cal.isOpen('NSE', at('2026-12-25', 10, 0))).toBe(false);
    expect(list.covers('NSE', 2026)).toBe(true);
    expect(list.covers('NSE', 2027)).toBe(false);
    expect(list.covers('NFO', 2026)).toBe(false);
    expect(problems.map((p) => p.where)).toEqual(['NSE[2]', 'NSE[3]', 'NSE[4]', 'NYSE', 'BSE']);
  });

  it('a special session in the file re-opens a built-in holiday', () => {
    const { list } = parseHolidays({ exchanges: { NSE: [{ date: '2026-12-25', open: '10:00' }] } }, [2026]);
    expect(new MarketCalendar(list).isOpen('NSE', at('2026-12-25', 11, 0))).toBe(true);
  });

  it('loads from the data directory; a missing or broken file leaves the built-in dates and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-kite-holidays-'));
    dirs.push(dir);
    const now = at('2026-12-07', 10, 0);
    const missing = loadMarketCalendar(dir, now);
    expect(missing.problems[0]!.reason).toMatch(/no holiday file/);
    expect(missing.calendar.isOpen('NSE', at('2026-12-25', 10, 0))).toBe(false);
    expect(missing.calendar.isOpen('NSE', at('2027-01-26', 10, 0))).toBe(false);

    writeFileSync(join(dir, HOLIDAY_FILE_NAME), '{ not json');
    const broken = loadMarketCalendar(dir, now);
    expect(broken.problems[0]!.reason).toMatch(/not JSON/);
    expect(broken.calendar.isOpen('NSE', at('2026-12-25', 10, 0))).toBe(false);

    writeFileSync(join(dir, HOLIDAY_FILE_NAME), JSON.stringify({ exchanges: { NSE: ['2026-12-08'] } }));
    const good = loadMarketCalendar(dir, now);
    expect(good.problems).toEqual([]);
    expect(good.calendar.isOpen('NSE', at('2026-12-08', 10, 0))).toBe(false);
    expect(good.calendar.isOpen('NSE', at('2026-12-07', 10, 0))).toBe(true);
  });
});
