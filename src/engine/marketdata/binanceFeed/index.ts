/**
 * The live Binance market-data feed (spot and USD-M): diff depth and trades over one combined
 * WebSocket, books anchored on REST snapshots through the sync normalisers, reconnect with backoff,
 * REST rate limits honoured. The Binance venue adapters own one per market.
 */
export { BinanceMarketFeed, type BinanceMarketFeedOptions, type FeedStatus } from './binanceMarketFeed';
export type { FeedSymbol } from './symbolBook';
export { DEFAULT_REST_URL, DEFAULT_STREAM_URL, type BinanceMarketKind } from './endpoints';
export { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy } from './reconnectBackoff';
