/**
 * Market data of any ccxt venue through ccxt pro (watchOrderBook / watchTrades) as our canonical
 * book snapshots, deltas and trades; the ccxt VenueAdapter owns one per account (built by the wiring
 * layer through the adapter's `marketFeed` option, since marketdata sits above venues).
 */
export { CcxtMarketFeed, type CcxtMarketFeedOptions } from './ccxtMarketFeed';
export { diffLevels, levelsOf, sortedLevels, type Levels } from './bookLevels';
