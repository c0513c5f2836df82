/**
 * Shared set-up of the USD-M connector tests: a loopback USD-M venue on a SimulatedClock shared with
 * the connectors (time moves only when a test moves it) with two accounts, alice (HMAC-SHA256) and
 * bob (Ed25519, his secret the PEM private key as the vault stores it), 10 000 USDT each, and a
 * connector for each under its account name. Everything is stopped after each test.
 */
import { afterEach } from 'vitest';
import { recordingLogger, SimulatedClock, type VenueEvent } from '../../../core';
import { aliceAndBob, START_MS, type Credentials } from '../loopbackAccounts.fixture';
import { LoopbackClient, startBinanceLoopback, type BinanceLoopback, type FuturesLedger } from '../testSupport';
import { BinanceUsdmAdapter, type BinanceUsdmAdapterOptions } from './binanceUsdmAdapter';
import { waitFor as pollUntil } from '../../../core/testSupport';

export { START_MS, type Credentials } from '../loopbackAccounts.fixture';

export interface Trader {
  adapter: BinanceUsdmAdapter;
  events: VenueEvent[];
  /** The events about one order, by type. */
  about(clientOrderId: string): string[];
}

export interface UsdmSetup {
  clock: SimulatedClock;
  venue: BinanceLoopback<FuturesLedger>;
  alice: Credentials;
  bob: Credentials;
  logger: ReturnType<typeof recordingLogger>;
  /** A connector for `who`, named `name`, not yet connected. */
  trader(who: Credentials, name: string, extra?: Partial<BinanceUsdmAdapterOptions>): Trader;
  /** A client of the venue's REST API with alice's key (listen key look-ups). */
  aliceClient: LoopbackClient;
}

const running: { adapters: BinanceUsdmAdapter[]; venue: BinanceLoopback }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    for (const a of r.adapters) await a.disconnect();
    await r.venue.stop();
  }
});

export async function usdmSetup(options: { aliceCanTrade?: boolean; aliceUsdt?: string } = {}): Promise<UsdmSetup> {
  const clock = new SimulatedClock(START_MS);
  const { alice, bob, aliceKeys, bobKeys } = aliceAndBob();
  const venue = await startBinanceLoopback({
    market: 'usdm',
    clock,
    accounts: [
      { name: 'alice', keys: aliceKeys, balances: { USDT: options.aliceUsdt ?? '10000' }, canTrade: options.aliceCanTrade ?? true },
      { name: 'bob', keys: bobKeys, balances: { USDT: '10000' } },
    ],
  });
  const entry = { adapters: [] as BinanceUsdmAdapter[], venue };
  running.push(entry);
  const logger = recordingLogger();
  return {
    clock,
    venue,
    alice,
    bob,
    logger,
    aliceClient: new LoopbackClient(venue.restUrl, { apiKey: alice.apiKey, hmacSecret: alice.secret }),
    trader: (who, name, extra = {}) => {
      const adapter = new BinanceUsdmAdapter({
        account: { name, apiKey: who.apiKey, secret: who.secret, restUrl: venue.restUrl, streamUrl: venue.wsUrl },
        clock,
        logger,
        random: () => 0.5,
        // The tests move the shared clock by minutes at once: a heartbeat check cannot hear a pong in between.
        userStream: { heartbeatMs: 0 },
        ...extra,
      });
      entry.adapters.push(adapter);
      const events: VenueEvent[] = [];
      adapter.onEvent((e) => events.push(e));
      return { adapter, events, about: (id) => events.filter((e) => 'clientOrderId' in e && e.clientOrderId === id).map((e) => e.type) };
    },
  };
}

/** Polls `done` until it holds, a bounded number of times (real I/O: never a fixed sleep). */
export const waitFor = (done: () => unknown, what: string, maxPolls = 500): Promise<void> => pollUntil(done, what, maxPolls, 10);

/** Waits (bounded) until `events` holds one matching `match`. */
export async function said(events: readonly VenueEvent[], match: (e: VenueEvent) => boolean, what: string): Promise<VenueEvent> {
  await waitFor(() => events.some(match), what);
  return events.find(match)!;
}

export const is =
  <T extends VenueEvent['type']>(type: T, clientOrderId?: string) =>
  (e: VenueEvent): boolean =>
    e.type === type && (clientOrderId === undefined || ('clientOrderId' in e && e.clientOrderId === clientOrderId));

/**
 * Waits until the trader's user stream has delivered everything the venue sent it so far: a marker
 * order is placed and canceled with the cancel's REST answer held back, so its orderCanceled can only
 * come from the stream, which delivers in order. (The held answer is released afterwards and must not
 * say the cancel again.)
 */
export async function streamCaughtUp(s: UsdmSetup, t: Trader, marker: string): Promise<void> {
  t.adapter.submit({ clientOrderId: marker, symbol: 'BTC-USDT-PERP', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 150_000, qty: 10 });
  await said(t.events, is('orderAccepted', marker), `marker ${marker} accepted`);
  s.venue.faults.holdNextAck('cancel');
  t.adapter.cancel('BTC-USDT-PERP', marker);
  await said(t.events, is('orderCanceled', marker), `marker ${marker} canceled on the stream`);
  s.venue.faults.releaseHeldAcks();
  await t.adapter.idle();
}
