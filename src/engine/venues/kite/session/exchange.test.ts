import { KiteConnect } from 'kiteconnect';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, SqError } from '../../../core';
import { thrownBy } from '../../../core/testSupport';
import { startKiteLoopback, type KiteLoopback } from '../testSupport';
import { exchangeRequestToken, formatIst, kiteLoginUrl, requestTokenFrom } from './index';

/**
 * The whole login against the loopback Kite venue, which checks the checksum exactly as Kite documents
 * it: the login URL derived from the account's REST URL, the redirect it answers with, the request token
 * out of it, and the exchange through kiteconnect's generateSession.
 */
const APP = { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };
/** Monday 7 December 2026, 10:00 IST. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);

const venues: KiteLoopback[] = [];
afterEach(async () => {
  await Promise.all(venues.splice(0).map((v) => v.close()));
});
async function start(): Promise<{ venue: KiteLoopback; clock: SimulatedClock }> {
  const clock = new SimulatedClock(MONDAY_10_IST);
  const venue = await startKiteLoopback({ app: APP, clock });
  venues.push(venue);
  return { venue, clock };
}

/** What the trader's browser does: open the login URL and land on the redirect (the loopback approves at once). */
async function redirectOf(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

const refusal = (run: () => Promise<unknown>): Promise<SqError> => thrownBy(SqError, run);

describe('exchanging the request token for the day’s access token', () => {
  it('logs in through the redirect and the checksum; the token signs requests until 06:00 IST the next morning', async () => {
    const { venue, clock } = await start();
    const url = kiteLoginUrl(APP.apiKey, venue.restUrl);
    expect(url).toBe(`${venue.loginUrl}?v=3&api_key=${APP.apiKey}`);
    const token = requestTokenFrom(await redirectOf(url));
    if (!token.ok) throw new Error(token.reason);
    const grant = await exchangeRequestToken({ apiKey: APP.apiKey, apiSecret: APP.apiSecret, requestToken: token.requestToken, restUrl: venue.restUrl, clock });
    expect(grant.accessToken).toMatch(/^[0-9a-f]{32}$/);
    expect(grant.expiresAt).toBe(Date.UTC(2026, 11, 8, 0, 30));
    expect(formatIst(grant.expiresAt)).toBe('2026-12-08 06:00 IST');
    expect(grant.userId).toMatch(/^[A-Z0-9]+$/);
    expect(venue.control.liveSessions).toBe(1);
    // The token is the real thing: the venue answers an authenticated call with it.
    const kite = new KiteConnect({ api_key: APP.apiKey, root: venue.restUrl, access_token: grant.accessToken });
    expect((await kite.getProfile()).user_id).toBe(grant.userId);
  });

  it("a wrong secret, a reused request token and an unknown api key are refused in Kite's words, never naming the secret", async () => {
    const { venue, clock } = await start();
    const requestToken = venue.control.issueRequestToken();
    const wrong = await refusal(() => exchangeRequestToken({ apiKey: APP.apiKey, apiSecret: 'not-the-secret-at-all', requestToken, restUrl: venue.restUrl, clock }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe('Kite refused the login: Invalid `checksum`. (TokenException)');

    const again = venue.control.issueRequestToken();
    await exchangeRequestToken({ apiKey: APP.apiKey, apiSecret: APP.apiSecret, requestToken: again, restUrl: venue.restUrl, clock });
    const reused = await refusal(() => exchangeRequestToken({ apiKey: APP.apiKey, apiSecret: APP.apiSecret, requestToken: again, restUrl: venue.restUrl, clock }));
    expect(reused.code).toBe('UNAUTHORIZED');
    expect(reused.message).toMatch(/^Kite refused the login: .+ \(TokenException\)$/);
    for (const e of [wrong, reused]) {
      expect(e.message).not.toContain(APP.apiSecret);
      expect(e.message).not.toContain(again);
    }
  });

  it('a venue that does not answer is "could not complete the login", not a refusal', async () => {
    const { venue, clock } = await start();
    const restUrl = venue.restUrl;
    const requestToken = venue.control.issueRequestToken();
    await venue.close();
    venues.splice(0);
    const down = await refusal(() => exchangeRequestToken({ apiKey: APP.apiKey, apiSecret: APP.apiSecret, requestToken, restUrl, clock }));
    expect(down.code).toBe('VENUE_UNAVAILABLE');
    expect(down.message).toMatch(/^Kite could not complete the login: /);
    expect(down.message).not.toContain(APP.apiSecret);
  });
});
