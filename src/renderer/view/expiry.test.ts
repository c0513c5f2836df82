import { describe, expect, it } from 'vitest';
import { defaultExpiry, localInputValue, parseExpiry } from './expiry';

const NOW = Date.UTC(2030, 5, 15, 9, 30, 0);

describe('GTD expiry', () => {
  it('reads a datetime-local value as the local wall time it shows', () => {
    // Built with the local-time constructor: the test holds in any time zone.
    const local = new Date(2030, 5, 15, 14, 45).getTime();
    expect(parseExpiry('2030-06-15T14:45', NOW - 10 * 86_400_000)).toEqual({ ok: true, ms: local });
    expect(parseExpiry('2030-06-15T14:45:30.5', NOW - 10 * 86_400_000)).toEqual({ ok: true, ms: local + 30_500 });
  });

  it('round-trips the value it offers', () => {
    const at = NOW + 7_200_000;
    expect(parseExpiry(localInputValue(at), NOW)).toEqual({ ok: true, ms: at });
  });

  it('offers one hour ahead on a whole minute', () => {
    const offered = parseExpiry(defaultExpiry(NOW + 12_345), NOW);
    expect(offered.ok && offered.ms).toBe(NOW + 3_660_000);
  });

  it('refuses empty, malformed, impossible and past times', () => {
    expect(parseExpiry('  ', NOW)).toEqual({ ok: false, error: 'required for GTD' });
    expect(parseExpiry('15/06/2030 14:45', NOW)).toEqual({ ok: false, error: 'not a date and time' });
    expect(parseExpiry('2030-13-01T10:00', NOW)).toEqual({ ok: false, error: 'not a valid local date and time' });
    expect(parseExpiry('2030-02-29T10:00', NOW)).toEqual({ ok: false, error: 'not a valid local date and time' });
    expect(parseExpiry(localInputValue(NOW), NOW)).toEqual({ ok: false, error: 'must be in the future' });
  });
});
