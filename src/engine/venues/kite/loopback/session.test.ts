import { KiteConnect } from 'kiteconnect';
import { describe, expect, it } from 'vitest';
import { APP, KiteClient, loggedIn, startVenue } from './loopback.fixture';
import { recordedJson } from './recordings';
import { checksumOf } from './sessions';

const keys = (o: object) => Object.keys(o).sort();

describe('Kite login and session', () => {
  it('the login page redirects to the registered URL with a request_token', async () => {
    const { venue } = await startVenue();
    const res = await fetch(`${venue.loginUrl}?v=3&api_key=${APP.apiKey}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(APP.redirectUrl);
    expect(to.searchParams.get('action')).toBe('login');
    expect(to.searchParams.get('status')).toBe('success');
    expect(to.searchParams.get('request_token')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the redirect carries the app\'s redirect_params', async () => {
    const { venue } = await startVenue();
    const res = await fetch(`${venue.loginUrl}?v=3&api_key=${APP.apiKey}&redirect_params=${encodeURIComponent('state=abc&window=7')}`, { redirect: 'manual' });
    const to = new URL(res.headers.get('location')!);
    expect(to.searchParams.get('state')).toBe('abc');
    expect(to.searchParams.get('window')).toBe('7');
    expect(to.searchParams.get('request_token')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses the login page for an unknown api_key', async () => {
    const { venue } = await startVenue();
    const res = await fetch(`${venue.loginUrl}?v=3&api_key=nosuchkey`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 'error', error_type: 'InputException', message: 'Invalid `api_key`.', data: null });
  });

  it('trades a request_token and the SHA-256 checksum for a session shaped like generate_session.json', async () => {
    const { venue } = await startVenue();
    const client = new KiteClient(venue);
    const r = await client.login();
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('success');
    const recorded = recordedJson('generate_session.json').data;
    expect(keys(r.body.data)).toEqual(keys(recorded));
    expect(r.body.data.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(r.body.data.api_key).toBe(APP.apiKey);
  });

  it('refuses a wrong checksum, and a reused or unknown request_token, with 403 TokenException', async () => {
    const { venue } = await startVenue();
    const client = new KiteClient(venue);
    const rt = await client.requestToken();
    const wrong = await client.call('POST', '/session/token', { api_key: APP.apiKey, request_token: rt, checksum: checksumOf(APP.apiKey, rt, 'not-the-secret') });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ status: 'error', error_type: 'TokenException', message: 'Invalid `checksum`.', data: null });
    const good = { api_key: APP.apiKey, request_token: rt, checksum: checksumOf(APP.apiKey, rt, APP.apiSecret) };
    expect((await client.call('POST', '/session/token', good)).status).toBe(200);
    const reused = await client.call('POST', '/session/token', good);
    expect(reused.status).toBe(403);
    expect(reused.body.error_type).toBe('TokenException');
    expect(reused.body.message).toBe('Token is invalid or has expired.');
    const unknown = await client.call('POST', '/session/token', { ...good, request_token: 'f'.repeat(32) });
    expect(unknown.status).toBe(403);
  });

  it('a request_token lapses after five minutes', async () => {
    const { venue, clock } = await startVenue();
    const client = new KiteClient(venue);
    const rt = await client.requestToken();
    clock.advance(5 * 60_000 + 1);
    const r = await client.call('POST', '/session/token', { api_key: APP.apiKey, request_token: rt, checksum: checksumOf(APP.apiKey, rt, APP.apiSecret) });
    expect(r.status).toBe(403);
    expect(r.body.error_type).toBe('TokenException');
  });

  it('checks the Authorization header and X-Kite-Version on every call', async () => {
    const { client } = await loggedIn();
    expect((await client.call('GET', '/user/profile')).status).toBe(200);
    const none = await client.call('GET', '/user/profile', undefined, { Authorization: '' });
    expect(none.status).toBe(403);
    expect(none.body).toEqual({ status: 'error', error_type: 'TokenException', message: 'Incorrect `api_key` or `access_token`.', data: null });
    const wrongKey = await client.call('GET', '/user/profile', undefined, { Authorization: `token otherkey:${client.accessToken}` });
    expect(wrongKey.status).toBe(403);
    const bearer = await client.call('GET', '/user/profile', undefined, { Authorization: `Bearer ${client.accessToken}` });
    expect(bearer.status).toBe(403);
    const noVersion = await client.call('GET', '/user/profile', undefined, { 'X-Kite-Version': '2' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error_type).toBe('InputException');
  });

  it('the access token lapses at 06:00 IST the next day', async () => {
    const { client, clock } = await loggedIn();
    clock.advance(19 * 3_600_000 + 59 * 60_000); // Tuesday 05:59 IST
    expect((await client.call('GET', '/user/profile')).status).toBe(200);
    clock.advance(60_000);
    const r = await client.call('GET', '/user/profile');
    expect(r.status).toBe(403);
    expect(r.body.error_type).toBe('TokenException');
  });

  it('DELETE /session/token logs out', async () => {
    const { client } = await loggedIn();
    const out = await client.call('DELETE', '/session/token', { api_key: APP.apiKey, access_token: client.accessToken! });
    expect(out.body).toEqual(recordedJson('session_logout.json'));
    expect((await client.call('GET', '/user/profile')).status).toBe(403);
  });

  it('control.accessTokens lists every access token issued, live or logged out (for tests that check none leaked)', async () => {
    const { client, venue } = await loggedIn();
    const token = client.accessToken!;
    expect(venue.control.accessTokens()).toEqual([token]);
    await client.call('DELETE', '/session/token', { api_key: APP.apiKey, access_token: token });
    expect(venue.control.liveSessions).toBe(0);
    expect(venue.control.accessTokens()).toEqual([token]);
  });

  it('GET /user/profile has profile.json shape and an unknown route is a GeneralException', async () => {
    const { client } = await loggedIn();
    const p = await client.call('GET', '/user/profile');
    expect(keys(p.body.data)).toEqual(keys(recordedJson('profile.json').data));
    const missing = await client.call('GET', '/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.body.error_type).toBe('GeneralException');
  });

  it('kiteconnect (the official client) logs in and reads the profile against the loopback', async () => {
    const { venue } = await startVenue();
    const kc = new KiteConnect({ api_key: APP.apiKey, root: venue.restUrl, login_uri: venue.loginUrl });
    const rt = await new KiteClient(venue).requestToken();
    const session = await kc.generateSession(rt, APP.apiSecret);
    expect(session.access_token).toMatch(/^[0-9a-f]{32}$/);
    const profile = await kc.getProfile();
    expect(profile.user_id).toBe('AB1234');
  });
});
