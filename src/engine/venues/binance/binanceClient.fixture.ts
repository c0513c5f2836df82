/**
 * Shared set-up of the Binance connector tests: a loopback spot venue on a SimulatedClock shared with
 * the client (so time moves only when a test moves it), with two accounts: alice signs with
 * HMAC-SHA256, bob with Ed25519 (his secret is the PEM private key, as the vault stores it).
 */
import { afterEach } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import { aliceAndBob, START_MS, type Credentials } from './loopbackAccounts.fixture';
import { startBinanceLoopback, type BinanceLoopback, type SpotLedger } from './testSupport';
import { SignedRestClient } from './signedRest';

export { START_MS, type Credentials } from './loopbackAccounts.fixture';

export interface SpotSetup {
  clock: SimulatedClock;
  venue: BinanceLoopback<SpotLedger>;
  alice: Credentials;
  bob: Credentials;
  logger: ReturnType<typeof recordingLogger>;
  client(who: Credentials, timeoutMs?: number): SignedRestClient;
}

const running: BinanceLoopback[] = [];
afterEach(async () => {
  for (const v of running.splice(0)) await v.stop();
});

export async function spotSetup(balances: { alice?: Record<string, string>; bob?: Record<string, string>; aliceCanTrade?: boolean } = {}): Promise<SpotSetup> {
  const clock = new SimulatedClock(START_MS);
  const { alice, bob, aliceKeys, bobKeys } = aliceAndBob();
  const venue = await startBinanceLoopback({
    market: 'spot',
    clock,
    accounts: [
      { name: 'alice', keys: aliceKeys, balances: balances.alice ?? { USDT: '100000', BTC: '2' }, canTrade: balances.aliceCanTrade ?? true },
      { name: 'bob', keys: bobKeys, balances: balances.bob ?? { USDT: '50000', BTC: '3' } },
    ],
  });
  running.push(venue);
  const logger = recordingLogger();
  return {
    clock,
    venue,
    alice,
    bob,
    logger,
    client: (who, timeoutMs) => new SignedRestClient({ restUrl: venue.restUrl, apiKey: who.apiKey, secret: who.secret, clock, logger, ...(timeoutMs ? { timeoutMs } : {}) }),
  };
}

/** Everything a secret could leak through, as one text to search. */
export const everythingSaid = (...things: unknown[]): string => things.map((t) => JSON.stringify(t, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))).join('\n');

/**
 * Waits until `done()` holds, letting I/O run between polls; each poll may also move the shared clock
 * (`advanceMs`), for what waits on it (reconnect delays, lost-answer queries). Bounded: fails saying
 * what did not happen.
 */
export async function until(done: () => boolean, what: string, options: { clock?: SimulatedClock; advanceMs?: number; maxPolls?: number } = {}): Promise<void> {
  const maxPolls = options.maxPolls ?? 400;
  for (let i = 0; i < maxPolls && !done(); i++) {
    await new Promise((r) => setTimeout(r, 5));
    // Only while still waiting: the clock stops where the awaited thing happened.
    if (options.clock && options.advanceMs && !done()) options.clock.advance(options.advanceMs);
  }
  if (!done()) throw new Error(`${what}: not after ${maxPolls} polls`);
}
