/**
 * A GTD order's expiry as the trader picks it: an <input type="datetime-local"> value, which is wall
 * time in the trader's own time zone ("2030-01-02T15:30"), converted to the ms epoch the engine takes.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

export type ExpiryParse = { ok: true; ms: number } | { ok: false; error: string };

/**
 * The expiry in ms since epoch, or why it cannot be used. `now` is the engine's clock as the renderer
 * knows it: the engine compares the expiry with its own time, so an expiry in the past there is refused.
 */
export function parseExpiry(text: string, now: number): ExpiryParse {
  if (text.trim() === '') return { ok: false, error: 'required for GTD' };
  const m = LOCAL.exec(text.trim());
  if (!m) return { ok: false, error: 'not a date and time' };
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const date = new Date(y, mo - 1, d, h, mi, sec, milli);
  // The Date constructor rolls impossible values over (Feb 30 -> Mar 2, a clock-change gap -> an hour
  // later); a date that does not read back as typed was not a real local time.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) {
    return { ok: false, error: 'not a valid local date and time' };
  }
  const ms = date.getTime();
  if (ms <= now) return { ok: false, error: 'must be in the future' };
  return { ok: true, ms };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A ms epoch as a datetime-local value (local wall time, to the minute): what the picker starts from. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A first GTD expiry to offer: one hour from now, on the next whole minute. */
export function defaultExpiry(now: number): string {
  const minute = 60_000;
  return localInputValue(Math.ceil((now + 3_600_000) / minute) * minute);
}
