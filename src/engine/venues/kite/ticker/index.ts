/**
 * KiteTicker market data: the binary frame decoder (no allocation per tick), the text messages (order
 * updates, errors), the ticker socket and the VenueMarketFeed built on them. Re-exported by venues/index
 * through kite/index, so the names say Kite.
 */
export { KiteFrameDecoder, type TickSink as KiteTickSink } from './frameDecoder';
export {
  DEPTH_LEVELS as KITE_DEPTH_LEVELS,
  KITE_SEGMENT,
  KiteTick,
  PACKET_LENGTH as KITE_PACKET_LENGTH,
  priceDecimalsOfSegment as kitePriceDecimalsOfSegment,
  type PacketKind as KitePacketKind,
  type TickMode as KiteTickMode,
} from './kiteTick';
export { kiteOrderUpdateSchema, readTextMessage as readKiteTextMessage, type KiteOrderUpdate, type KiteTextMessage } from './textMessages';
export { tickJson as kiteTickJson } from './tickJson';
export type { KiteInstrumentMap, KiteScale } from './instrumentMap';
export { KiteBooks, MAX_TOKENS_PER_CONNECTION as KITE_MAX_TOKENS_PER_CONNECTION } from './kiteBooks';
export { DEFAULT_KITE_STREAM_URL, KiteTickerSocket, type KiteCredentials, type KiteTickerSocketHandlers, type KiteTickerSocketOptions, type KiteTickerState } from './tickerSocket';
export { KiteMarketFeed, type KiteMarketFeedOptions } from './kiteMarketFeed';
