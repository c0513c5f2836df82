/**
 * Bybit v5 public WebSocket endpoints and topic names ("Connect" and the public topic pages of
 * Bybit's v5 documentation). One endpoint per product category; an account trades one category
 * through this feed, so it opens one connection.
 */
export type BybitCategory = 'spot' | 'linear' | 'inverse';

export const BYBIT_CATEGORIES: readonly BybitCategory[] = ['spot', 'linear', 'inverse'];

const MAINNET = 'wss://stream.bybit.com/v5/public/';
const TESTNET = 'wss://stream-testnet.bybit.com/v5/public/';

/** Bybit's documented public stream URL for a category, production or testnet. */
export function defaultPublicUrl(category: BybitCategory, testnet: boolean): string {
  return (testnet ? TESTNET : MAINNET) + category;
}

/**
 * Book depths Bybit offers on `orderbook.{depth}.{symbol}` for spot, linear and inverse. Depth 1 is
 * left out: Bybit re-sends it as a snapshot every few seconds when unchanged, which suits a ticker,
 * not a book.
 */
export const BYBIT_BOOK_DEPTHS = [50, 200, 1000] as const;
export type BybitBookDepth = (typeof BYBIT_BOOK_DEPTHS)[number];

export const orderbookTopic = (depth: number, venueSymbol: string): string => `orderbook.${depth}.${venueSymbol}`;
export const tradeTopic = (venueSymbol: string): string => `publicTrade.${venueSymbol}`;

/** Both topics a watched symbol needs. */
export const symbolTopics = (depth: number, venueSymbol: string): [book: string, trades: string] => [
  orderbookTopic(depth, venueSymbol),
  tradeTopic(venueSymbol),
];

/**
 * The public stream URL of an account: Bybit's documented one for the category, production or
 * testnet, with its origin (scheme, host, port) replaced by the account's `streamUrl` override when it
 * has one, its path kept. The same rule as the ccxt adapter's URL overrides, so one `--stream-url`
 * (a proxy, a regional host, a loopback venue) serves both the ccxt client and this feed.
 */
export function bybitStreamUrl(category: BybitCategory, testnet: boolean, override?: string): string {
  const url = new URL(defaultPublicUrl(category, testnet));
  if (override === undefined) return url.toString();
  const origin = new URL(override);
  if (origin.protocol !== 'ws:' && origin.protocol !== 'wss:') throw new RangeError(`stream URL must be ws:// or wss://, got ${override}`);
  return `${origin.protocol}//${origin.host}${url.pathname}`;
}
