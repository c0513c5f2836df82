import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsState, AccountView, CallName } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { VAULT_FILE_NAME } from '../../engine/secrets';
import { binanceAccount, PASSPHRASE, TEST_SCRYPT_N } from '../../engine/secrets/testSupport';
import { Terminal } from '../../engine/terminal';
import { waitFor } from '../../engine/terminal/testSupport';
import { startKiteLoopback, type KiteLoopback } from '../../engine/venues/kite/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * A kite account's daily login through the real bridge handlers, engine and vault, against the loopback
 * Kite venue: the login URL, the redirect, the token kept in the vault (and nowhere a view, a reply or a
 * log line can see it), the account down until it is logged in and again once 06:00 IST passes.
 */
const APP = { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };
/** Monday 7 December 2026, 05:58 IST: an early login, which Kite ends at 06:00 the same morning. */
const MONDAY_0558_IST = Date.UTC(2026, 11, 7, 0, 28);
const MONDAY_06_IST = Date.UTC(2026, 11, 7, 0, 30);
const TUESDAY_06_IST = Date.UTC(2026, 11, 8, 0, 30);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Monday 7 December 2026, 10:00 IST: the market is open. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);

async function startRig(at = MONDAY_0558_IST) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-kite-login-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = new SimulatedClock(at);
  const logger = recordingLogger();
  const venue: KiteLoopback = await startKiteLoopback({ app: APP, clock });
  cleanups.push(() => venue.close());
  const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 7, vault: { scryptN: TEST_SCRYPT_N } });
  cleanups.push(() => terminal.stop());
  const sessions = new SessionRegistry();
  const traffic: string[] = [];
  const states: AccountsState[] = [];
  const session = new Session('test', (name, payload) => {
    if (name === 'accounts') states.push(payload as AccountsState);
    traffic.push(JSON.stringify(payload));
  });
  sessions.add(session);
  terminal.events.on('accounts', (state) => sessions.publish('accounts', state));
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const call = async (name: CallName, input: object = {}) => {
    const reply = await dispatcher.handle(session, name, input);
    traffic.push(JSON.stringify(reply));
    return reply as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  const reasonOf = async (name: string) => {
    await terminal.accountsSettled();
    return terminal.status().venues.find((v) => v.venue === name)?.reason;
  };
  return { dataDir, clock, logger, venue, terminal, call, traffic, states, reasonOf };
}

describe('Kite login over the bridge', () => {
  it('logs in from the redirect, keeps the token out of every view, reply and log, and asks again at 06:00 IST', async () => {
    const rig = await startRig();
    await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const added = await rig.call('accounts.add', { name: 'zerodha', venue: 'kite', apiKey: APP.apiKey, secret: APP.apiSecret, testnet: false, restUrl: rig.venue.restUrl, streamUrl: rig.venue.tickerUrl });
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
    const view = added.value as AccountView;
    expect(view.session).toEqual({ loggedIn: false });
    expect(await rig.reasonOf('zerodha')).toBe('Kite session expired: log in again');

    const { url } = (await rig.call('accounts.kiteLoginUrl', { id: view.id })).value as { url: string };
    expect(url).toBe(`${rig.venue.restUrl}/connect/login?v=3&api_key=${APP.apiKey}`);
    const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    expect(landed.startsWith(APP.redirectUrl)).toBe(true);

    // A cancelled login or a pasted fragment is refused in words; nothing changes.
    expect((await rig.call('accounts.kiteLogin', { id: view.id, redirect: `${APP.redirectUrl}?status=cancelled` })).error).toEqual({
      code: 'INVALID_INPUT',
      message: 'Kite did not complete the login (status=cancelled): log in again',
    });
    expect((await rig.call('accounts.kiteLogin', { id: view.id, redirect: 'request_token=' })).error?.message).toBe(
      'this is neither the URL Kite redirected to nor a request token (letters and digits)',
    );

    const loggedIn = await rig.call('accounts.kiteLogin', { id: view.id, redirect: landed });
    expect(loggedIn.error).toBeUndefined();
    expect((loggedIn.value as AccountView).session).toEqual({ loggedIn: true, expiresAt: MONDAY_06_IST });
    expect(rig.states.at(-1)?.accounts[0]?.session).toEqual({ loggedIn: true, expiresAt: MONDAY_06_IST });
    // The connector is handed the token; the reason the account was down is gone.
    const token = rig.terminal.accounts.forConnecting(view.id).session!.accessToken;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await rig.reasonOf('zerodha')).not.toBe('Kite session expired: log in again');

    // The request token is single-use: the same redirect again is Kite's refusal, in its words.
    const reused = await rig.call('accounts.kiteLogin', { id: view.id, redirect: landed });
    expect(reused.error?.code).toBe('UNAUTHORIZED');
    expect(reused.error?.message).toMatch(/^Kite refused the login: .+ \(TokenException\)$/);

    // 06:00 IST: the session ends by itself within a second, the venue goes down and the screen asks again.
    rig.clock.advance(MONDAY_06_IST - rig.clock.now() + 1_000);
    expect(rig.states.at(-1)?.accounts[0]?.session).toEqual({ loggedIn: false });
    expect(rig.terminal.accounts.forConnecting(view.id).session).toBeUndefined();
    expect(await rig.reasonOf('zerodha')).toBe('Kite session expired: log in again');
    expect(JSON.stringify(rig.logger.lines)).toContain('Kite session expired: log in again');

    // A login after 06:00 lasts until 06:00 the next morning; logging out forgets it.
    const next = ((await rig.call('accounts.kiteLoginUrl', { id: view.id })).value as { url: string }).url;
    const again = (await fetch(next, { redirect: 'manual' })).headers.get('location')!;
    expect(((await rig.call('accounts.kiteLogin', { id: view.id, redirect: again })).value as AccountView).session).toEqual({ loggedIn: true, expiresAt: TUESDAY_06_IST });
    const token2 = rig.terminal.accounts.forConnecting(view.id).session!.accessToken;
    expect(((await rig.call('accounts.kiteLogout', { id: view.id })).value as AccountView).session).toEqual({ loggedIn: false });

    const everything = [...rig.traffic, JSON.stringify(rig.logger.lines), readFileSync(join(rig.dataDir, VAULT_FILE_NAME), 'utf8')].join('\n');
    for (const secret of [token, token2, APP.apiSecret]) expect(everything).not.toContain(secret);
  });

  it('a logged-in kite account connects as a venue; a TokenException mid-session takes it down and the screen asks again', async () => {
    const rig = await startRig(MONDAY_10_IST);
    await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const view = (await rig.call('accounts.add', { name: 'zerodha', venue: 'kite', apiKey: APP.apiKey, secret: APP.apiSecret, testnet: false, restUrl: rig.venue.restUrl, streamUrl: rig.venue.tickerUrl }))
      .value as AccountView;
    const { url } = (await rig.call('accounts.kiteLoginUrl', { id: view.id })).value as { url: string };
    const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    expect((await rig.call('accounts.kiteLogin', { id: view.id, redirect: landed })).ok).toBe(true);
    const line = () => rig.terminal.status().venues.find((v) => v.venue === 'zerodha');
    await waitFor(() => line()?.state === 'connected', 'the kite account connected');
    // Its instruments (the day's dump, cached in the data directory) are the terminal's.
    expect(rig.terminal.instruments().some((i) => i.venue === 'zerodha')).toBe(true);
    // Test connects with the day's token and shows what Kite reports (margins, holdings).
    // Kite's pacing (3 requests a second) waits on the simulated clock: it is moved a second at a time until the answer.
    let answered = false;
    const testing = rig.call('accounts.test', { id: view.id }).finally(() => (answered = true));
    await waitFor(() => answered || (rig.clock.advance(1_000), false), 'the connection test answered');
    const tested = await testing;
    expect(tested.error).toBeUndefined();
    expect((tested.value as { balances: unknown[] }).balances.length).toBeGreaterThan(0);

    // Kite ends the session (TokenException): the token is forgotten and the venue goes down saying why.
    expect(rig.venue.faults.expireAccessTokens()).toBe(1);
    // The adapter's next call to Kite (its portfolio refresh, every 15 s) meets the TokenException.
    rig.clock.advance(16_000);
    await waitFor(() => rig.states.at(-1)?.accounts[0]?.session?.loggedIn === false, 'the session forgotten after the TokenException');
    expect(rig.terminal.accounts.forConnecting(view.id).session).toBeUndefined();
    await waitFor(() => line()?.state === 'disconnected' && line()?.reason === 'Kite session expired: log in again', 'the venue down with the reason');
    expect(JSON.stringify(rig.logger.lines)).toContain('Kite session ended');
  });

  it('refuses a Kite login for an account of another venue', async () => {
    const rig = await startRig();
    await rig.call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const { id } = (await rig.call('accounts.add', { ...binanceAccount(), testnet: false, restUrl: 'http://127.0.0.1:9' })).value as AccountView;
    const expected = { code: 'INVALID_INPUT', message: 'main is a binance-spot account: only a kite account logs in to Kite' };
    expect((await rig.call('accounts.kiteLoginUrl', { id })).error).toEqual(expected);
    expect((await rig.call('accounts.kiteLogin', { id, redirect: 'abcdefabcdefabcdef' })).error).toEqual(expected);
    expect((await rig.call('accounts.kiteLogout', { id })).error).toEqual(expected);
  });
});
