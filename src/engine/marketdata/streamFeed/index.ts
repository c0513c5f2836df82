/**
 * What the live market feeds (Binance, Bybit) share: the bookkeeping of the watched set (catalogue,
 * watched and dormant books, stream routes).
 */
export { WatchedBooks, type StreamRoute, type WatchedBooksDeps } from './watchedBooks';
