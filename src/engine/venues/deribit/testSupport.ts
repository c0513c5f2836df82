/**
 * Test set-up for Deribit through ccxt: the loopback Deribit venue (public JSON-RPC over HTTP and
 * WebSocket; see loopback/server.ts for what it serves and what it does not).
 */
export { startDeribitLoopback, type DeribitLoopback } from './loopback/server';
export { DeribitListing, deribitDay, type DeribitListingOptions } from './loopback/listing';
