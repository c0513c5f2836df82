import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../engine/core';
import { TEST_SCRYPT_N } from '../engine/secrets/testSupport';
import { Terminal } from '../engine/terminal';
import { startKiteLoopback } from '../engine/venues/kite/testSupport';
import { Dispatcher } from './bridge/dispatcher';
import { createHandlers } from './bridge/handlers';
import { SessionRegistry } from './bridge/router';
import { startWsHost } from './bridge/wsHost';
import { kiteRedirectAnswer } from './kiteRedirect';

/**
 * The headless host's /kite/redirect: the Kite app registered with http://127.0.0.1:<port>/kite/redirect
 * sends the trader's browser back here after the login, and the login the terminal started completes
 * without pasting anything. A redirect the terminal did not ask for is refused.
 */
const PASSPHRASE = 'correct horse battery staple';
/** Monday 7 December 2026, 10:00 IST. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'sq-kite-redirect-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const clock = new SimulatedClock(MONDAY_10_IST);
  const logger = recordingLogger();
  const terminal = await Terminal.start({ dataDir: join(dir, 'data'), clock, logger, mode: 'headless', seed: 3, vault: { scryptN: TEST_SCRYPT_N } });
  cleanups.push(() => terminal.stop());
  const sessions = new SessionRegistry();
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const host = await startWsHost({ port: 0, rendererDir: dir, dispatcher, sessions, logger, kiteRedirect: (target) => kiteRedirectAnswer(terminal, target) });
  cleanups.push(() => host.close());
  const redirectUrl = `http://127.0.0.1:${host.port}/kite/redirect`;
  const venue = await startKiteLoopback({ app: { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl }, clock });
  cleanups.push(() => venue.close());
  await terminal.accounts.create(PASSPHRASE);
  const view = terminal.accounts.add({ name: 'zerodha', venue: 'kite', apiKey: 'kitetestkey0001', secret: 'kitetestsecret00000000000000001', testnet: false, restUrl: venue.restUrl });
  return { terminal, host, venue, view, clock, logger, redirectUrl };
}

describe('the headless host’s Kite redirect route', () => {
  it('completes the login the terminal started when Kite sends the browser back, and says until when', async () => {
    const { terminal, view, logger } = await start();
    const { url } = terminal.accounts.kiteLoginUrl(view.id);
    // The browser follows Kite's redirect to this host, as it would after the trader logs in.
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('zerodha: logged in to Kite until 2026-12-08 06:00 IST. You can close this tab.\n');
    expect(terminal.accounts.state().accounts[0]?.session).toEqual({ loggedIn: true, expiresAt: Date.UTC(2026, 11, 8, 0, 30) });
    const logged = JSON.stringify(logger.lines);
    expect(logged).toContain('http: Kite login redirect');
    expect(logged).not.toMatch(/request_token=/);
    expect(logged).not.toContain(terminal.accounts.forConnecting(view.id).session!.accessToken);
  });

  it('refuses a redirect nobody started, one that is stale, and a second use; a cancelled login says so', async () => {
    const { terminal, view, venue, clock, redirectUrl } = await start();
    const token = venue.control.issueRequestToken();
    const unasked = await fetch(`${redirectUrl}?action=login&status=success&request_token=${token}`);
    expect(unasked.status).toBe(400);
    expect(await unasked.text()).toBe('Kite login not completed: no Kite login was started here in the last 10 minutes: press "Log in to Kite" on the Accounts screen first\n');

    terminal.accounts.kiteLoginUrl(view.id);
    clock.advance(10 * 60_000 + 1);
    expect((await fetch(`${redirectUrl}?status=success&request_token=${token}`)).status).toBe(400);

    terminal.accounts.kiteLoginUrl(view.id);
    const cancelled = await fetch(`${redirectUrl}?status=cancelled`);
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toBe('Kite login not completed: Kite did not complete the login (status=cancelled): log in again\n');
    // The pending login was used up by that answer: a later redirect needs a new "Log in to Kite".
    expect((await fetch(`${redirectUrl}?status=success&request_token=${venue.control.issueRequestToken()}`)).status).toBe(400);
    expect(terminal.accounts.state().accounts[0]?.session).toEqual({ loggedIn: false });
  });
});
