/**
 * KiteTicker market data: the binary frame decoder (no allocation per tick), the text messages (order
 * updates, errors), the ticker socket and the VenueMarketFeed built on them.
 */
export { KiteFrameDecoder, type TickSink } from './frameDecoder';
export { DEPTH_LEVELS, KITE_SEGMENT, KiteTick, PACKET_LENGTH, priceDecimalsOfSegment, type PacketKind, type TickMode } from './kiteTick';
export { kiteOrderUpdateSchema, readTextMessage, type KiteOrderUpdate, type KiteTextMessage } from './textMessages';
export { tickJson } from './tickJson';
export { ExactScaler, type KiteInstrumentMap, type KiteScale } from './instrumentMap';
export { KiteBooks, MAX_TOKENS_PER_CONNECTION } from './kiteBooks';
export { KiteSymbolBook } from './symbolBook';
export { DEFAULT_KITE_STREAM_URL, KITE_SESSION_EXPIRED, KiteTickerSocket, type KiteCredentials, type KiteTickerSocketHandlers, type KiteTickerSocketOptions, type KiteTickerState } from './tickerSocket';
export { KiteMarketFeed, type KiteMarketFeedOptions } from './kiteMarketFeed';
