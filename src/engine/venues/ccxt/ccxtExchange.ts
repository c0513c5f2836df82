/**
 * Builds the ccxt pro client of one account: the exchange class named by the account's venue
 * (`ccxt:<exchangeId>`), its credentials, sandbox mode for a testnet account, the account's URL
 * overrides, and only the market types the account trades.
 *
 * URL overrides are generic over ccxt's per-exchange URL tables: `restUrl` replaces the origin
 * (scheme, host, port) of every http(s) endpoint in the exchange's `urls.api`, `streamUrl` that of
 * every ws(s) endpoint, keeping their paths ("https://api.binance.com/api/v3" becomes
 * "<restUrl>/api/v3"). That is what a regional endpoint, a proxy or a loopback test venue needs.
 */
import ccxt, { type Exchange } from 'ccxt';
import { SqError } from '../../core';

/** ccxt's market types; an account loads only the ones it trades. */
export type CcxtMarketType = 'spot' | 'margin' | 'swap' | 'future' | 'option';
export type ContractKind = 'linear' | 'inverse';

export interface CcxtConnectionSettings {
  /** ccxt's exchange id, e.g. "binance", "bybit", "okx". */
  exchangeId: string;
  environment: 'production' | 'testnet';
  restUrl?: string | undefined;
  streamUrl?: string | undefined;
  /** Default: spot only. */
  marketTypes?: readonly CcxtMarketType[] | undefined;
  /** For swaps and futures: linear (margined in the quote, e.g. Binance USD-M), inverse (in the base, COIN-M), or both (default). */
  contractKinds?: readonly ContractKind[] | undefined;
  /** Extra ccxt `options` for this exchange (merged over ours), e.g. to switch off a call the venue does not serve. */
  exchangeOptions?: Record<string, unknown> | undefined;
}

export interface CcxtCredentials {
  apiKey: string;
  secret: string;
  /** The API passphrase some venues require (OKX, KuCoin, Bitget, Coinbase Exchange): ccxt's `password`. */
  password?: string;
}

/** The ccxt id of a `ccxt:<id>` account venue, or undefined for another venue. */
export function ccxtExchangeId(venue: string): string | undefined {
  const m = /^ccxt:([a-z][a-z0-9]*)$/.exec(venue);
  return m?.[1];
}

/** The ccxt exchange ids that have a ccxt pro (WebSocket) class. */
export function ccxtProExchangeIds(): string[] {
  return Object.keys(ccxt.pro).filter((k) => typeof (ccxt.pro as Record<string, unknown>)[k] === 'function' && k !== 'Exchange');
}

/** ccxt's own names for our market types in `options.fetchMarkets` (Binance and others list their REST families there). */
const FETCH_MARKETS_TYPES: Record<CcxtMarketType, readonly string[]> = {
  spot: ['spot'],
  margin: ['spot', 'margin'],
  swap: ['swap', 'linear', 'inverse'],
  future: ['future', 'linear', 'inverse'],
  option: ['option'],
};

/** Restricts `options.fetchMarkets` to the families of `types`, in whichever of its two shapes the exchange uses. */
function fetchMarketsOption(current: unknown, types: readonly CcxtMarketType[], kinds: readonly ContractKind[]): unknown {
  const unwanted = (['linear', 'inverse'] as const).filter((k) => !kinds.includes(k));
  const wanted = new Set(types.flatMap((t) => FETCH_MARKETS_TYPES[t]).filter((t) => !(unwanted as readonly string[]).includes(t)));
  if (Array.isArray(current)) return current.filter((t) => typeof t === 'string' && wanted.has(t));
  if (current && typeof current === 'object' && Array.isArray((current as { types?: unknown }).types)) {
    const known = (current as { types: unknown[] }).types;
    const kept = known.filter((t) => typeof t === 'string' && wanted.has(t));
    // Binance leaves its options family out of the defaults (its eapi does not allow a browser's CORS); an
    // option account asks for it by name.
    if (types.includes('option') && !kept.includes('option')) kept.push('option');
    return { ...current, types: kept };
  }
  return current;
}

function replaceOrigins(node: unknown, rest: URL | undefined, stream: URL | undefined): unknown {
  if (typeof node === 'string') {
    const target = /^https?:\/\//.test(node) ? rest : /^wss?:\/\//.test(node) ? stream : undefined;
    if (!target) return node;
    const url = new URL(node);
    const base = target.href.replace(/\/$/, '');
    // ccxt templates ("{hostname}") would not parse as a URL host; they are kept as path text below.
    return base + url.pathname.replace(/\/$/, '') + url.search;
  }
  if (Array.isArray(node)) return node.map((n) => replaceOrigins(n, rest, stream));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replaceOrigins(v, rest, stream)]));
  return node;
}

/**
 * A ccxt pro client for the account. Throws SqError('INVALID_INPUT') for an exchange ccxt pro does not
 * have, a testnet the exchange does not offer, or credentials the exchange needs beyond key and secret.
 */
export function createCcxtExchange(settings: CcxtConnectionSettings, credentials?: CcxtCredentials): Exchange {
  const Pro = (ccxt.pro as unknown as Record<string, (new (config: object) => Exchange) | undefined>)[settings.exchangeId];
  if (typeof Pro !== 'function' || settings.exchangeId === 'Exchange') {
    throw new SqError('INVALID_INPUT', `ccxt has no WebSocket (pro) client for exchange "${settings.exchangeId}"`);
  }
  const exchange = new Pro({ enableRateLimit: true });
  const types = settings.marketTypes ?? ['spot'];
  const options = exchange.options as Record<string, unknown>;
  options['fetchMarkets'] = fetchMarketsOption(options['fetchMarkets'], types, settings.contractKinds ?? ['linear', 'inverse']);
  options['defaultType'] = types[0] === 'margin' ? 'spot' : types[0];
  // Reconciliation needs every open order: one request without a symbol (ccxt otherwise refuses it at
  // Binance and others, for its higher weight) costs less than one per market of thousands.
  options['warnOnFetchOpenOrdersWithoutSymbol'] = false;
  Object.assign(options, settings.exchangeOptions ?? {});
  if (settings.environment === 'testnet') {
    if (!('test' in exchange.urls) || !exchange.urls['test']) throw new SqError('INVALID_INPUT', `${settings.exchangeId} has no testnet (sandbox) in ccxt`);
    exchange.setSandboxMode(true);
  }
  if (settings.restUrl !== undefined || settings.streamUrl !== undefined) {
    const rest = settings.restUrl !== undefined ? new URL(settings.restUrl) : undefined;
    const stream = settings.streamUrl !== undefined ? new URL(settings.streamUrl) : undefined;
    (exchange.urls as Record<string, unknown>)['api'] = replaceOrigins(exchange.urls['api'], rest, stream);
  }
  if (credentials) {
    exchange.apiKey = credentials.apiKey;
    exchange.secret = credentials.secret;
    if (credentials.password !== undefined) exchange.password = credentials.password;
    const held = new Set(['apiKey', 'secret', ...(credentials.password !== undefined ? ['password'] : [])]);
    const missing = Object.entries(exchange.requiredCredentials as Record<string, boolean>)
      .filter(([name, needed]) => needed && !held.has(name))
      .map(([name]) => name);
    if (missing.length > 0) {
      // A password (the venue's API passphrase) an account can hold; uid, login, wallet keys it cannot yet.
      const why = missing.every((name) => name === 'password') ? 'add the account with its API passphrase' : 'which accounts cannot hold yet';
      throw new SqError('INVALID_INPUT', `${settings.exchangeId} also needs ${missing.join(', ')} (${why})`);
    }
  }
  return exchange;
}

/** Which of ccxt's exchanges need more than an API key and secret (a password/passphrase, a uid, ...). */
export function extraCredentialsNeeded(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of ccxtProExchangeIds()) {
    const Pro = (ccxt.pro as unknown as Record<string, new (config: object) => Exchange>)[id]!;
    const needed = Object.entries(new Pro({}).requiredCredentials as Record<string, boolean>)
      .filter(([name, need]) => need && name !== 'apiKey' && name !== 'secret')
      .map(([name]) => name);
    if (needed.length > 0) out[id] = needed;
  }
  return out;
}
