/**
 * Shared set-up of the loopback venue's own tests: a venue with two accounts (alice signs with
 * HMAC-SHA256, bob with Ed25519), a client for each, the recorded messages to compare shapes with,
 * and a stop that always runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { LoopbackOptions } from './config';
import type { FuturesLedger } from './futuresLedger';
import { LoopbackClient, newApiKey, newEd25519Key, StreamReader } from './loopbackClient';
import { startBinanceLoopback, type BinanceLoopback } from './server';
import type { SpotLedger } from './spotLedger';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const BINANCE_DATA = resolve(REPO_ROOT, '../shared/data/binance');

/** One recorded message; a missing recording fails the test, never skips it. */
export function recorded(relative: string): any {
  const file = resolve(BINANCE_DATA, relative);
  if (!existsSync(file)) throw new Error(`recorded Binance message missing: ${file} (expected ../shared/data next to the repo)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

export const keysOf = (o: object): string[] => Object.keys(o).sort();

/** The parameters of a GTC limit order (symbol added by the caller). */
export const limitOrder = (side: 'BUY' | 'SELL', price: string, quantity: string, extra: Record<string, string> = {}) => ({
  side,
  type: 'LIMIT',
  timeInForce: 'GTC',
  price,
  quantity,
  ...extra,
});

export interface Venue<L extends SpotLedger | FuturesLedger> {
  venue: BinanceLoopback<L>;
  alice: LoopbackClient;
  bob: LoopbackClient;
}

const running: { stop(): Promise<void> }[] = [];
const readers: StreamReader[] = [];
afterEach(async () => {
  for (const r of readers.splice(0)) r.close();
  for (const v of running.splice(0)) await v.stop();
});

function accounts(balances: Record<string, string>, bobBalances: Record<string, string>) {
  const alice = { apiKey: newApiKey(), hmacSecret: newApiKey() };
  const ed = newEd25519Key();
  const bob = { apiKey: newApiKey(), ed25519PrivateKey: ed.privateKey };
  const config: LoopbackOptions['accounts'] = [
    { name: 'alice', keys: [{ apiKey: alice.apiKey, hmacSecret: alice.hmacSecret }], balances },
    { name: 'bob', keys: [{ apiKey: bob.apiKey, ed25519PublicKey: ed.publicKeyPem }], balances: bobBalances },
  ];
  return { alice, bob, config };
}

type Extra = Omit<LoopbackOptions, 'market' | 'accounts'> & { aliceBalances?: Record<string, string>; bobBalances?: Record<string, string> };

export async function spotVenue(extra: Extra = {}): Promise<Venue<SpotLedger>> {
  const { aliceBalances, bobBalances, ...options } = extra;
  const a = accounts(aliceBalances ?? { USDT: '100000', BTC: '2' }, bobBalances ?? { USDT: '50000', BTC: '3' });
  const venue = await startBinanceLoopback({ market: 'spot', accounts: a.config, ...options });
  running.push(venue);
  return { venue, alice: new LoopbackClient(venue.restUrl, a.alice), bob: new LoopbackClient(venue.restUrl, a.bob) };
}

export async function usdmVenue(extra: Extra = {}): Promise<Venue<FuturesLedger>> {
  const { aliceBalances, bobBalances, ...options } = extra;
  const a = accounts(aliceBalances ?? { USDT: '10000' }, bobBalances ?? { USDT: '10000' });
  const venue = await startBinanceLoopback({ market: 'usdm', accounts: a.config, ...options });
  running.push(venue);
  return { venue, alice: new LoopbackClient(venue.restUrl, a.alice), bob: new LoopbackClient(venue.restUrl, a.bob) };
}

/** Opens a stream reader that is closed after the test. */
export async function reader(url: string): Promise<StreamReader> {
  const r = await StreamReader.open(url);
  readers.push(r);
  return r;
}

/** Opens the account's user data stream (spot or USD-M listen key) and a reader on it. */
export async function userStream(v: BinanceLoopback<SpotLedger | FuturesLedger>, client: LoopbackClient): Promise<StreamReader> {
  const path = v.market === 'spot' ? '/api/v3/userDataStream' : '/fapi/v1/listenKey';
  const r = await client.request('POST', path, {}, {});
  if (r.status !== 200) throw new Error(`listenKey: ${JSON.stringify(r.body)}`);
  return reader(`${v.wsUrl}/ws/${r.body.listenKey}`);
}
