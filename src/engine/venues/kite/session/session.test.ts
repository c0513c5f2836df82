import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIst, kiteChecksum, kiteLoginUrl, kiteSessionExpiry, requestTokenFrom } from './index';

const IST = 330 * 60_000;
const DAY = 86_400_000;
/** 2026-12-07 00:00 UTC. */
const DEC_7 = Date.UTC(2026, 11, 7);

describe('the session expiry: the first 06:00 IST after the login', () => {
  it('a login in the trading day lasts until 06:00 IST the next morning, across the UTC and IST date lines', () => {
    // 09:00 IST on Dec 7 (03:30 UTC) -> 06:00 IST Dec 8 (00:30 UTC Dec 8).
    expect(kiteSessionExpiry(DEC_7 + 3.5 * 3_600_000)).toBe(Date.UTC(2026, 11, 8, 0, 30));
    // 23:59 IST Dec 7 (18:29 UTC Dec 7) -> 06:00 IST Dec 8.
    expect(kiteSessionExpiry(Date.UTC(2026, 11, 7, 18, 29))).toBe(Date.UTC(2026, 11, 8, 0, 30));
    // 00:10 IST Dec 8 (18:40 UTC Dec 7): the IST date has turned, the UTC one not -> 06:00 IST Dec 8 still.
    expect(kiteSessionExpiry(Date.UTC(2026, 11, 7, 18, 40))).toBe(Date.UTC(2026, 11, 8, 0, 30));
    // 05:59:59.999 IST: one millisecond left; at 06:00 IST exactly, the next day's 06:00.
    expect(kiteSessionExpiry(Date.UTC(2026, 11, 8, 0, 30) - 1)).toBe(Date.UTC(2026, 11, 8, 0, 30));
    expect(kiteSessionExpiry(Date.UTC(2026, 11, 8, 0, 30))).toBe(Date.UTC(2026, 11, 9, 0, 30));
    // The year's end: 20:00 IST Dec 31 -> 06:00 IST Jan 1.
    expect(kiteSessionExpiry(Date.UTC(2026, 11, 31, 14, 30))).toBe(Date.UTC(2027, 0, 1, 0, 30));
    expect(formatIst(kiteSessionExpiry(DEC_7 + 3.5 * 3_600_000))).toBe('2026-12-08 06:00 IST');
  });

  it('for any login time: after it, within a day, at 06:00:00.000 IST, with no 06:00 IST in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (loginAt) => {
        const expiry = kiteSessionExpiry(loginAt);
        expect(expiry).toBeGreaterThan(loginAt);
        expect(expiry - loginAt).toBeLessThanOrEqual(DAY);
        expect((((expiry + IST) % DAY) + DAY) % DAY).toBe(6 * 3_600_000);
        // The previous 06:00 IST is at or before the login: none was skipped.
        expect(expiry - DAY).toBeLessThanOrEqual(loginAt);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the redirect: the request token, only from a successful login', () => {
  const TOKEN = 'RqTk0demo0RqTk0demo0RqTk0demo012';

  it('takes the token from the redirect URL with status=success, or the bare token', () => {
    expect(requestTokenFrom(`http://127.0.0.1:7070/kite/redirect?action=login&type=login&status=success&request_token=${TOKEN}`)).toEqual({ ok: true, requestToken: TOKEN });
    expect(requestTokenFrom(`  https://example.com/cb?request_token=${TOKEN}&status=success\n`)).toEqual({ ok: true, requestToken: TOKEN });
    expect(requestTokenFrom(` ${TOKEN} `)).toEqual({ ok: true, requestToken: TOKEN });
  });

  it('refuses a cancelled or failed login, a URL without the token or status, a malformed token or URL, naming the problem and never the input', () => {
    const cases: [string, string][] = [
      [`https://example.com/cb?status=cancelled&request_token=${TOKEN}`, 'Kite did not complete the login (status=cancelled): log in again'],
      ['https://example.com/cb?action=login&status=error', 'Kite did not complete the login (status=error): log in again'],
      [`https://example.com/cb?status=${'x'.repeat(40)}`, 'Kite did not complete the login: log in again'],
      [`https://example.com/cb?request_token=${TOKEN}`, 'the redirect URL has no status=success: it is not a completed Kite login'],
      ['https://example.com/cb?status=success', 'the redirect URL carries no request_token: log in again'],
      ['https://example.com/cb?status=success&request_token=a%20b<script>', "the redirect URL's request_token is not one Kite issues (letters and digits)"],
      ['not a url at all', 'this is neither the URL Kite redirected to nor a request token (letters and digits)'],
      ['   ', 'nothing was given: paste the URL Kite redirected to, or its request_token'],
    ];
    for (const [input, reason] of cases) expect(requestTokenFrom(input)).toEqual({ ok: false, reason });
  });
});

describe('the login URL and the checksum', () => {
  it("is Kite's v3 login page with the api key, or /connect/login on a custom REST URL's origin", () => {
    expect(kiteLoginUrl('kitekey0demo1234')).toBe('https://kite.zerodha.com/connect/login?v=3&api_key=kitekey0demo1234');
    expect(kiteLoginUrl('kitekey0demo1234', 'http://127.0.0.1:9001/')).toBe('http://127.0.0.1:9001/connect/login?v=3&api_key=kitekey0demo1234');
    expect(kiteLoginUrl('k&y', 'https://proxy.example.com/kite')).toBe('https://proxy.example.com/kite/connect/login?v=3&api_key=k%26y');
  });

  it('is hex SHA-256 of api_key + request_token + api_secret', () => {
    // sha256("abc") as every SHA-256 test vector gives it: the three parts are joined without separators.
    expect(kiteChecksum('a', 'b', 'c')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(kiteChecksum('key', 'tok', 'sec')).toBe(kiteChecksum('ke', 'ytok', 'sec'));
    expect(kiteChecksum('key', 'tok', 'sec')).toMatch(/^[0-9a-f]{64}$/);
  });
});
