/**
 * India Standard Time: UTC+05:30 all year (India keeps no daylight saving), so every Indian market time
 * is a fixed offset from UTC and needs no time-zone database.
 */
export const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** A calendar day in IST as "YYYY-MM-DD" (the form the holiday file uses). */
export type DateKey = string;

export interface IstTime {
  date: DateKey;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** Minutes since IST midnight, fractional (seconds count). */
  minute: number;
}

export function istTime(t: number): IstTime {
  const shifted = t + IST_OFFSET_MS;
  const day = Math.floor(shifted / DAY_MS);
  return { date: dateKeyOfDay(day), weekday: weekdayOfDay(day), minute: (shifted - day * DAY_MS) / 60_000 };
}

/** ms since epoch of `minute` minutes after IST midnight of `date`. */
export function istInstant(date: DateKey, minute: number): number {
  return dayOfDateKey(date) * DAY_MS - IST_OFFSET_MS + minute * 60_000;
}

/** The IST day after `date`. */
export function nextDate(date: DateKey): DateKey {
  return dateKeyOfDay(dayOfDateKey(date) + 1);
}

export function previousDate(date: DateKey): DateKey {
  return dateKeyOfDay(dayOfDateKey(date) - 1);
}

export function weekdayOf(date: DateKey): number {
  return weekdayOfDay(dayOfDateKey(date));
}

/** Day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD" (2026-02-30 is not one). */
export function isDateKey(text: string): boolean {
  const m = DATE_KEY.exec(text);
  if (!m) return false;
  return dateKeyOfDay(dayOfDateKey(text)) === text;
}

/** "HH:MM" as minutes since midnight; undefined if it is not a time of day. */
export function minuteOfClock(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

function dayOfDateKey(date: DateKey): number {
  const m = DATE_KEY.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dateKeyOfDay(day: number): DateKey {
  // Date here only formats a day number; it never reads the wall clock.
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
