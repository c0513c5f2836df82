import { describe, expect, it } from 'vitest';
import { hms, localiseNumber, ymd, zoneLabel } from './settings';

describe('number formats', () => {
  it('leaves plain numbers alone unless asked', () => {
    expect(localiseNumber('-12345.678', { thousands: false, decimalComma: false })).toBe('-12345.678');
  });
  it('groups thousands and uses a decimal comma, keeping the sign and every decimal', () => {
    expect(localiseNumber('-1234567.50', { thousands: true, decimalComma: false })).toBe('-1,234,567.50');
    expect(localiseNumber('+1234567.50', { thousands: true, decimalComma: true })).toBe('+1.234.567,50');
    expect(localiseNumber('999.5', { thousands: true, decimalComma: true })).toBe('999,5');
    expect(localiseNumber('12345', { thousands: true, decimalComma: false })).toBe('12,345');
  });
  it('leaves what is not a number as it is', () => {
    expect(localiseNumber('—', { thousands: true, decimalComma: true })).toBe('—');
  });
});

describe('time zone', () => {
  const ms = Date.UTC(2026, 11, 7, 23, 5, 9);
  it('reads UTC as the venue clock', () => {
    expect(hms(ms, 'utc')).toBe('23:05:09');
    expect(ymd(ms, 'utc')).toBe('2026-12-07');
    expect(zoneLabel(ms, 'utc')).toBe('UTC');
  });
  it('reads local time as this computer does, and names its offset', () => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(hms(ms, 'local')).toBe(`${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`);
    const offset = -d.getTimezoneOffset();
    expect(zoneLabel(ms, 'local')).toBe(offset === 0 ? 'local (UTC)' : expect.stringMatching(/^UTC[+-]\d\d:\d\d$/));
  });
});
