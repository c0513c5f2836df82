/**
 * Test set-up for the ccxt connector: a loopback Binance venue (spot) with two accounts, alice (HMAC)
 * and bob, and alice as a `ccxt:binance` account pointed at it through the account's own URL
 * overrides, the way a trader's proxy or regional endpoint would be. For tests here and in marketdata.
 */
import { afterEach } from 'vitest';
import type { Account } from '../../secrets';
import { LoopbackClient, newApiKey, startBinanceLoopback, type BinanceLoopback, type FuturesLedger, type LoopbackOptions, type SpotLedger } from '../binance/testSupport';

export type CcxtTestAccount = Pick<Account, 'name' | 'venue' | 'environment' | 'apiKey' | 'secret' | 'restUrl' | 'streamUrl'>;

export interface CcxtLoopback<L extends SpotLedger | FuturesLedger = SpotLedger> {
  venue: BinanceLoopback<L>;
  /** alice's account as the vault would give it to the connector. */
  account: CcxtTestAccount;
  /** bob trades against alice from another account of the same venue. */
  bob: LoopbackClient;
  /**
   * ccxt options the loopback needs: Binance's currency list and margin pairs come from its /sapi
   * endpoints, which the loopback does not serve.
   */
  exchangeOptions: Record<string, unknown>;
}

const running: BinanceLoopback[] = [];
afterEach(async () => {
  for (const v of running.splice(0)) await v.stop();
});

export async function ccxtBinanceLoopback(extra: Omit<LoopbackOptions, 'market' | 'accounts'> = {}): Promise<CcxtLoopback> {
  return loopback('spot', { USDT: '100000', BTC: '2' }, { USDT: '50000', BTC: '3' }, extra) as Promise<CcxtLoopback>;
}

/** The same on a loopback Binance USD-M futures venue (alice and bob with 10,000 USDT of margin each). */
export async function ccxtBinanceUsdmLoopback(extra: Omit<LoopbackOptions, 'market' | 'accounts'> = {}): Promise<CcxtLoopback<FuturesLedger>> {
  return loopback('usdm', { USDT: '10000' }, { USDT: '10000' }, extra) as Promise<CcxtLoopback<FuturesLedger>>;
}

async function loopback(market: 'spot' | 'usdm', aliceBalances: Record<string, string>, bobBalances: Record<string, string>, extra: Omit<LoopbackOptions, 'market' | 'accounts'>): Promise<CcxtLoopback<SpotLedger | FuturesLedger>> {
  const alice = { apiKey: newApiKey(), hmacSecret: newApiKey() };
  const bob = { apiKey: newApiKey(), hmacSecret: newApiKey() };
  const venue = await startBinanceLoopback({
    market,
    accounts: [
      { name: 'alice', keys: [alice], balances: aliceBalances },
      { name: 'bob', keys: [bob], balances: bobBalances },
    ],
    ...extra,
  });
  running.push(venue);
  return {
    venue: venue as BinanceLoopback<SpotLedger | FuturesLedger>,
    account: { name: 'my-ccxt', venue: 'ccxt:binance', environment: 'production', apiKey: alice.apiKey, secret: alice.hmacSecret, restUrl: venue.restUrl, streamUrl: venue.wsUrl },
    bob: new LoopbackClient(venue.restUrl, bob),
    exchangeOptions: { fetchCurrencies: false, fetchMargins: false },
  };
}

/** Waits in real time until `done` holds; fails naming `what` after `maxPolls` polls 20 ms apart (a bound, not a timing assertion). */
export async function waitUntil(done: () => unknown, what: string, maxPolls = 500): Promise<void> {
  for (let i = 0; i < maxPolls && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`${what}: not after ${maxPolls} polls 20 ms apart`);
}
