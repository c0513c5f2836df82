/**
 * The live Binance market-data feed (spot and USD-M): for the symbols watched now (`watch`), diff depth,
 * trades and (USD-M) mark price and funding over one combined WebSocket whose subscriptions change at
 * run time, books anchored on REST snapshots through the sync normalisers, depth frames read by a
 * one-pass scanner, reconnect with backoff, REST rate limits honoured. The Binance venue adapters own
 * one per market.
 */
export { BinanceMarketFeed, type BinanceMarketFeedOptions, type FeedStatus } from './binanceMarketFeed';
export type { FeedSymbol } from './symbolBook';
export { DEFAULT_REST_URL, DEFAULT_STREAM_URL, type BinanceMarketKind } from './endpoints';
export { MAX_STREAMS_PER_CONNECTION } from './streamSubscriptions';
