/**
 * KiteTicker market data: the binary frame decoder (no allocation per tick), the text messages (order
 * updates, errors), the ticker socket and the VenueMarketFeed built on them.
 */
export { KiteFrameDecoder, type TickSink } from './frameDecoder';
export { DEPTH_LEVELS, KITE_SEGMENT, KiteTick, PACKET_LENGTH, priceDecimalsOfSegment, type PacketKind, type TickMode } from './kiteTick';
export { kiteOrderUpdateSchema, readTextMessage, type KiteOrderUpdate, type KiteTextMessage } from './textMessages';
export { tickJson } from './tickJson';
