/**
 * What the live market feeds (Binance, Bybit) share: the bookkeeping of the watched set (catalogue,
 * watched and dormant books, stream routes) and the skeleton of subscription control on a connection.
 */
export { WatchedBooks, type StreamRoute, type WatchedBooksDeps } from './watchedBooks';
export { ANSWER_TIMEOUT_MS, SubscriptionSet, type SubscriptionSetDeps } from './subscriptionSet';
export { StreamSocket, type StreamSocketDeps } from './streamSocket';
