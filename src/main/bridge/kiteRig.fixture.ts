import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { AccountView, CallName } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { PASSPHRASE, TEST_SCRYPT_N } from '../../engine/secrets/testSupport';
import { Terminal } from '../../engine/terminal';
import { waitFor } from '../../engine/terminal/testSupport';
import { type KiteLoopbackConfig, startKiteLoopback } from '../../engine/venues/kite/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * A Kite account through the real bridge handlers (their zod schemas), engine and adapter, against the
 * loopback Kite venue on a simulated clock standing on Monday 7 December 2026, 10:00 IST (the market
 * open): the vault created, the account "zerodha" added; `login()` goes through Kite's login page and
 * the redirect. Everything started is stopped after each test.
 */
export const KITE_APP = { apiKey: 'kitetestkey0001', apiSecret: 'kitetestsecret00000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);

export type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `loopback`: more of the loopback venue's config (instruments, markets) than the defaults. */
export async function kiteBridgeRig(loopback: Partial<Omit<KiteLoopbackConfig, 'app' | 'clock'>> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-kite-bridge-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = new SimulatedClock(MONDAY_10_IST);
  const logger = recordingLogger();
  const venue = await startKiteLoopback({ ...loopback, app: KITE_APP, clock });
  cleanups.push(() => venue.close());
  const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 7, vault: { scryptN: TEST_SCRYPT_N } });
  cleanups.push(() => terminal.stop());
  const sessions = new SessionRegistry();
  const session = new Session('test', () => {});
  sessions.add(session);
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  /** Waits for something the adapter does on Kite's pacing (3 requests a second) or learns on its own: the simulated clock moves a second at a time meanwhile. */
  const until = (done: () => boolean, what: string) => waitFor(() => done() || (clock.advance(1_000), false), what);
  const call = async (name: CallName, input: object = {}): Promise<Reply> => {
    let answered = false;
    const reply = dispatcher.handle(session, name, input).finally(() => (answered = true));
    await until(() => answered, `${name} answered`);
    return (await reply) as Reply;
  };
  await call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const account = (await call('accounts.add', { name: 'zerodha', venue: 'kite', apiKey: KITE_APP.apiKey, secret: KITE_APP.apiSecret, testnet: false, restUrl: venue.restUrl, streamUrl: venue.tickerUrl }))
    .value as AccountView;
  const login = async () => {
    const { url } = (await call('accounts.kiteLoginUrl', { id: account.id })).value as { url: string };
    const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    expect((await call('accounts.kiteLogin', { id: account.id, redirect: landed })).ok).toBe(true);
    await until(() => terminal.status().venues.find((v) => v.venue === 'zerodha')?.state === 'connected', 'the kite account connected');
  };
  return { clock, logger, venue, terminal, call, until, account, login };
}
