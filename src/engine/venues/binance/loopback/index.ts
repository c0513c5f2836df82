/**
 * A loopback Binance venue (spot and USD-M futures) for tests and the end-to-end host: it speaks
 * Binance's REST and WebSocket protocols on 127.0.0.1, checks signatures, enforces filters, balances
 * and rate limits, matches orders, and injects faults. Test infrastructure: production code never
 * imports it (tests elsewhere reach it through ../testSupport.ts).
 */
export { startBinanceLoopback, type BinanceLoopback } from './server';
export type { BinanceMarket, LoopbackAccountConfig, LoopbackApiKey, LoopbackBook, LoopbackOptions, LoopbackPositioning, LoopbackSymbolConfig } from './config';
export { defaultSymbols } from './config';
export type { LoopbackExchange } from './exchange';
export type { LoopbackFaults } from './faults';
export type { SpotLedger } from './spotLedger';
export type { LoopbackOptionContract, LoopbackOptionsMarket } from './optionsConfig';
export type { FuturesLedger } from './futuresLedger';
export { LISTEN_KEY_VALIDITY_MS } from './userStreams';
export { bookFromDepthJson, bookFromFuturesCsv } from './recordedDepth';
export { LoopbackClient, StreamReader, encodeParams, newApiKey, newEd25519Key, signPayload, type ClientKey, type VenueAnswer } from './loopbackClient';
export { formatAmount } from './amounts';
