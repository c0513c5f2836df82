import type { Clock, Logger, Symbol } from '../../core';
import { BinanceMarketFeed, CcxtMarketFeed, scaleOf } from '../../marketdata';
import type { Account, AccountVenue } from '../../secrets';
import { BinanceSpotAdapter, BinanceUsdmAdapter, CcxtAdapter, ccxtSettingsOf, type VenueAdapter } from '../../venues';
import type { Instrument } from '../../instruments';
import { binanceEndpoints } from './binanceEndpoints';

/** A venue adapter for an account; `onStale` where its market feed can say a book is no longer true. */
export type AccountAdapter = VenueAdapter & { onStale?(listener: (symbol: Symbol, reason: string) => void): () => void };

export type MadeAdapter = { ok: true; adapter: AccountAdapter } | { ok: false; reason: string };

export interface VenueFactoryDeps {
  clock: Clock;
  logger: Logger;
  /** Uniform in [0, 1): the jitter of every reconnect backoff. */
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
 * here holds on to it. Each adapter builds its public market feed for the symbols the terminal asks
 * for (watchMarket), from the account's URLs or the venue's.
 */
export function adapterForAccount(account: Account, deps: VenueFactoryDeps): MadeAdapter {
  const { clock, logger, random } = deps;
  const { name, apiKey, secret, venue } = account;
  if (venue === 'binance-spot' || venue === 'binance-usdm') {
    const urls = binanceEndpoints(account, venue);
    const market = venue === 'binance-spot' ? 'spot' : 'usdm';
    const marketFeed = (instruments: readonly Instrument[]) =>
      new BinanceMarketFeed({ venue: name, market, symbols: instruments.map((i) => ({ symbol: i.symbol, venueSymbol: i.venueSymbol, scale: scaleOf(i) })), restUrl: urls.restUrl, streamUrl: urls.streamUrl, watch: [], clock, random, logger });
    const adapter =
      venue === 'binance-spot'
        ? new BinanceSpotAdapter({ account: { name, apiKey, secret, restUrl: urls.restUrl, wsApiUrl: urls.wsApiUrl }, clock, logger, random, marketFeed })
        : new BinanceUsdmAdapter({ account: { name, apiKey, secret, restUrl: urls.restUrl, streamUrl: urls.streamUrl }, clock, logger, random, marketFeed });
    return { ok: true, adapter };
  }
  const { password, environment, restUrl, streamUrl } = account;
  const options = { account: { name, apiKey, secret, password, venue, environment, restUrl, streamUrl }, clock, logger, random };
  let settings;
  try {
    settings = ccxtSettingsOf(options);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const adapter = new CcxtAdapter({
    ...options,
    // Trading needs the markets, not the venue's currency list or margin pairs: two requests fewer at
    // connect (Binance's /sapi ones, which a regional endpoint or proxy may not serve).
    // And the venue's clock is learned at connect, as our Binance connectors do: a PC clock a second off
    // would otherwise have every signed request refused ("Timestamp for this request was 1000ms ahead").
    exchangeOptions: { fetchCurrencies: false, fetchMargins: false, adjustForTimeDifference: true },
    marketFeed: (instruments) => new CcxtMarketFeed({ venue: name, settings, instruments, clock, random, logger }),
  });
  return { ok: true, adapter };
}
