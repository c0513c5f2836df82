/**
 * How numbers and times read on the trader's screen, as the Settings screen chose them (thousands grouped,
 * decimal comma; UTC or local time). Pure and package-free so that the engine's texts (notices, alert
 * and signal notifications, written with the window closed) and the renderer (through
 * src/contract/format) follow one rule. Only for text that is read, never for text that is sent or
 * parsed back (order inputs, CSV, a field's starting value stay plain).
 */

/** The number format chosen on the Settings screen (ViewSettings' fields of the same names). */
export interface NumberFormat {
  /** 12,345.67 rather than 12345.67. */
  thousands: boolean;
  /** 12345,67 (with thousands: 12.345,67). */
  decimalComma: boolean;
}

/** Every time shown: the venue's UTC or the computer's local time. */
export type TimeZone = 'utc' | 'local';

/** The plain form the engine writes and parses: what a text is when nothing was chosen. */
export const PLAIN_NUMBERS: Readonly<NumberFormat> = Object.freeze({ thousands: false, decimalComma: false });

/**
 * A number written plainly ("-12345.678", "12.3 USDT", "₹950.5", "+1.25 %") in the chosen format: the
 * first number of the text is grouped and its decimal point turned into a comma; what follows it stays.
 */
export function localiseNumber(text: string, f: NumberFormat): string {
  if (!f.thousands && !f.decimalComma) return text;
  // A sign, then at most one currency mark ("₹950.5"), then the number; what follows it (" USDT", "%") stays.
  const m = /^([+-]?[^\d\s.,+-]?[+-]?)(\d+)(\.\d+)?(.*)$/.exec(text);
  if (!m) return text;
  const [, sign = '', whole = '', frac = '', rest] = m;
  const group = f.decimalComma ? '.' : ',';
  const grouped = f.thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  const decimals = frac === '' ? '' : (f.decimalComma ? ',' : '.') + frac.slice(1);
  return `${sign}${grouped}${decimals}${rest}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The parts of a time (ms since the epoch) in the chosen zone. */
export function clockParts(ms: number, zone: TimeZone) {
  const d = new Date(ms);
  return zone === 'utc'
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}

/** "HH:MM:SS" in the chosen zone. */
export function hms(ms: number, zone: TimeZone): string {
  const p = clockParts(ms, zone);
  return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** "YYYY-MM-DD" in the chosen zone. */
export function ymd(ms: number, zone: TimeZone): string {
  const p = clockParts(ms, zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

/** "UTC", or the local offset as "UTC+05:30" so a time is never ambiguous. */
export function zoneLabel(ms: number, zone: TimeZone): string {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date(ms).getTimezoneOffset();
  if (offset === 0) return 'local (UTC)';
  const a = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
