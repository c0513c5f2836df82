import type { Clock, Logger, Symbol } from '../../core';
import { BinanceMarketFeed, BybitMarketFeed, bybitFeedSymbols, bybitStreamUrl, CcxtMarketFeed, scaleOf } from '../../marketdata';
import { DEFAULT_MARKET_TYPES, type Account, type AccountVenue } from '../../secrets';
import { BinanceSpotAdapter, BinanceUsdmAdapter, CcxtAdapter, type CcxtConnectionSettings, ccxtSettingsOf, KITE_SESSION_EXPIRED, kiteAccountAdapter, type VenueAdapter, type VenueMarketFeed } from '../../venues';
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
  /** Where a kite account caches the day's instruments dump and finds the holiday and freeze-limit files; none: no kite venue. */
  dataDir?: string;
  /** Kite ended an account's session (TokenException): the vault forgets the token (AccountsService.endKiteSession). */
  kiteSessionEnded?(account: string, reason: string): void;
  /** The trader's "Delete GTTs on kill switch" (Kite), as it is when the adapter is built; each engage reads it again. */
  deleteGttsOnKill?(): boolean;
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
  if (venue === 'kite') {
    // A kite account trades only with the day's access token: without one (never logged in, 06:00 IST
    // passed, a TokenException) it stays down and the Accounts screen asks for a login.
    if (account.session === undefined || account.session.expiresAt <= clock.now()) return { ok: false, reason: KITE_SESSION_EXPIRED };
    if (deps.dataDir === undefined) return { ok: false, reason: noConnector(venue) };
    // The token is the one the account was connected with: a new login changes the account, which
    // connects a new adapter.
    const { accessToken } = account.session;
    const adapter = kiteAccountAdapter({
      account: { name, apiKey, ...(account.restUrl !== undefined ? { restUrl: account.restUrl } : {}), ...(account.streamUrl !== undefined ? { streamUrl: account.streamUrl } : {}) },
      accessToken: () => accessToken,
      dataDir: deps.dataDir,
      onSessionExpired: (reason) => deps.kiteSessionEnded?.(name, reason),
      deleteGttsOnKill: deps.deleteGttsOnKill?.() ?? false,
      clock,
      logger,
      random,
    });
    return { ok: true, adapter };
  }
  const { password, environment, restUrl, streamUrl, marketTypes } = account;
  // Only the market types the account trades are loaded (absent: spot), by the adapter and its market feed
  // alike. Of swaps and futures only the linear (quote-margined) ones: ccxt's account streams, balance and
  // positions follow one sub-type, linear by default (at Binance the USD-M user stream and wallet), so an
  // inverse contract's fills and margin would go unheard; at Binance it would also need COIN-M's own
  // host (dapi), which a proxy or regional endpoint for the account may not serve.
  const options = {
    account: { name, apiKey, secret, password, venue, environment, restUrl, streamUrl },
    clock,
    logger,
    random,
    marketTypes: marketTypes ?? DEFAULT_MARKET_TYPES,
    contractKinds: ['linear'] as const,
  };
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
    marketFeed: (instruments) => ccxtAccountFeed(name, settings, instruments, deps),
  });
  return { ok: true, adapter };
}

/**
 * A ccxt account's public market data: Bybit's books through our own normaliser on its v5 public stream
 * (the rule: a venue with a native normaliser uses it), every other venue through ccxt pro's
 * watchOrderBook.
 *
 * Bybit's public stream has one socket per category, and this feed opens one: spot if the account trades
 * spot, else linear (USDT perpetuals). Kept simple on purpose: an account trading spot and swaps gets no
 * native book for its swaps (they are logged as not streamed), nor for inverse perpetuals or dated
 * futures; serving several categories means one BybitMarketFeed per category behind one feed.
 */
export function ccxtAccountFeed(name: string, settings: CcxtConnectionSettings, instruments: readonly Instrument[], deps: VenueFactoryDeps): VenueMarketFeed {
  const { clock, logger, random } = deps;
  if (settings.exchangeId !== 'bybit') return new CcxtMarketFeed({ venue: name, settings, instruments, clock, random, logger });
  const category = (settings.marketTypes ?? ['spot']).includes('spot') ? 'spot' : 'linear';
  const { symbols, skipped } = bybitFeedSymbols(instruments, category);
  if (skipped.length > 0) logger.warn({ venue: name, count: skipped.length, skipped: skipped.slice(0, 20) }, 'instruments the Bybit feed does not stream');
  const streamUrl = bybitStreamUrl(category, settings.environment === 'testnet', settings.streamUrl);
  return new BybitMarketFeed({ venue: name, category, symbols, watch: [], streamUrl, clock, random, logger });
}
