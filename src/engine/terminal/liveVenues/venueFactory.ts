import type { Clock, Logger, Symbol } from '../../core';
import { BinanceMarketFeed, scaleOf } from '../../marketdata';
import type { Account, AccountVenue } from '../../secrets';
import { BinanceSpotAdapter, type VenueAdapter } from '../../venues';

/** A venue adapter for an account; `onStale` where its market feed can say a book is no longer true. */
export type AccountAdapter = VenueAdapter & { onStale?(listener: (symbol: Symbol, reason: string) => void): () => void };

export type MadeAdapter = { ok: true; adapter: AccountAdapter } | { ok: false; reason: string };

export interface VenueFactoryDeps {
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the jitter of the feeds' reconnect backoff. */
  random: () => number;
}

/** What an account's balances are valued in (BalanceRow.valueInQuote); undefined: not valued. */
export function quoteAssetOf(venue: AccountVenue): string | undefined {
  return venue === 'binance-spot' || venue === 'binance-usdm' ? 'USDT' : undefined;
}

export const noConnector = (venue: AccountVenue): string => `no connector for ${venue} yet`;

/**
 * The adapter for an account, its id the account's name. The account (with its secret) is handed
 * straight to the adapter, which gives the secret to its signer and keeps it nowhere else; nothing
 * here holds on to it. A venue without a connector yet is refused with a reason the status bar shows.
 */
export function adapterForAccount(account: Account, deps: VenueFactoryDeps): MadeAdapter {
  const { clock, logger, random } = deps;
  const venue = account.venue;
  if (venue === 'binance-spot') {
    const adapter = new BinanceSpotAdapter({
      account: {
        name: account.name,
        apiKey: account.apiKey,
        secret: account.secret,
        ...(account.restUrl ? { restUrl: account.restUrl } : {}),
        ...(account.wsApiUrl ? { wsApiUrl: account.wsApiUrl } : {}),
      },
      clock,
      logger,
      // Public market data for the symbols the terminal asks for (watchMarket); URLs from the account, or Binance's.
      marketFeed: (instruments) =>
        new BinanceMarketFeed({
          venue: account.name,
          market: 'spot',
          symbols: instruments.map((i) => ({ symbol: i.symbol, venueSymbol: i.venueSymbol, scale: scaleOf(i) })),
          ...(account.restUrl ? { restUrl: account.restUrl } : {}),
          ...(account.streamUrl ? { streamUrl: account.streamUrl } : {}),
          clock,
          random,
          logger,
        }),
    });
    return { ok: true, adapter };
  }
  if (venue === 'binance-usdm') {
    // The USD-M connector (venues/binance/usdm) is being written: construct it here with a
    // BinanceMarketFeed of market 'usdm' (account.restUrl / streamUrl, else Binance's fapi defaults).
    return { ok: false, reason: noConnector(venue) };
  }
  // `ccxt:<id>`: the ccxt connector (venues/ccxt) goes here, given the exchange id venue.slice(5).
  return { ok: false, reason: noConnector(venue) };
}
