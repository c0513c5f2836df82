/**
 * The live Bybit v5 public market-data feed (spot, linear, inverse): for the symbols watched now
 * (`watch`), `orderbook.{depth}.{symbol}` through our BybitOrderbookSync and `publicTrade.{symbol}`
 * over one WebSocket, gaps recovered by resubscribing, ping/pong, reconnect with backoff. The wiring
 * layer hands one to the ccxt adapter of a `ccxt:bybit` account as its market feed.
 */
export { BybitMarketFeed, type BybitFeedStatus, type BybitMarketFeedOptions } from './bybitMarketFeed';
export { BYBIT_BOOK_DEPTHS, BYBIT_CATEGORIES, bybitStreamUrl, defaultPublicUrl as bybitPublicUrl, type BybitBookDepth, type BybitCategory } from './endpoints';
export { MAX_ARGS_PER_REQUEST as BYBIT_MAX_ARGS_PER_REQUEST } from './topicSubscriptions';
export { bybitFeedSymbols, bybitSymbolOf, type BybitSymbolOf } from './ccxtSymbols';
