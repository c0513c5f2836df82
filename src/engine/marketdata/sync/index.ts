/**
 * Venue book sync rules: one normaliser per feed turns venue messages (decimal strings, venue update
 * ids) into canonical bookSnapshot / bookDelta VenueEvents (integer ticks and lots, the normaliser's
 * own contiguous seq) or an explicit gap.
 *
 * Live wiring, per message: `const r = sync.push(JSON.parse(frame))`, then for each outcome:
 * - `apply`: feed `outcome.event` to BookService.onVenueEvent;
 * - `gap`: mark the book stale (BookService.markStale) and ask the venue for a snapshot (Binance:
 *   GET /api/v3/depth or /fapi/v1/depth and `sync.push(response)`; Bybit: resubscribe). Nothing more
 *   is applied until that snapshot arrives; Binance diffs keep being buffered to bridge it.
 * - `skip`: nothing to do (buffered, older than the book, control message).
 * An error result (malformed message) is logged; if the book was live it is now stale too
 * (`sync.needsSnapshot`), so treat it like a gap. On a disconnect call `sync.invalidate()`.
 */
export type { BookEvent, BookDeltaEvent, BookSnapshotEvent, DecimalLevel, SequenceGap, SkipReason, SyncOutcome, SyncState } from './types';
export { BookSyncBase, type BookSyncOptions } from './bookSyncBase';
export { BinanceDepthBase, type BinanceDepthSnapshot, type BinanceDepthSyncOptions, type BinanceDepthUpdate } from './binanceDepthBase';
export { BinanceSpotDepthSync } from './binanceSpotDepth';
export { BinanceFuturesDepthSync } from './binanceFuturesDepth';
export { BinanceFuturesCsvReader } from './binanceFuturesCsv';
export { BybitOrderbookSync } from './bybitOrderbook';
export { TardisIncrementalL2Sync } from './tardisIncrementalL2';
export { formatLots, formatTicks, inferScale, LevelConverter, scaleOf, toLots, toTicks, writtenDecimals, type BookScale } from './scale';
