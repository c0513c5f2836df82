/** Binance connectors (spot trading and its account stream so far). The loopback test venue is reached through ./testSupport.ts, never from here. */
export { BinanceSpotAdapter, BINANCE_SPOT_REST_URL, type BinanceSpotAdapterOptions } from './binanceSpotAdapter';
export { SignedRestClient, type RestFailure, type RestResult, type SignedRestOptions } from './signedRest';
export { retryAfterMs, type RateLimitUse } from './rateLimitTracker';
export type { LostAckPolicy } from './lostAckResolver';
export { BINANCE_SPOT_WS_API_URL } from './spotAccountStream';
export { spotInstruments, type SpotInstruments } from './spotInstruments';
export { BinanceUsdmAdapter, BINANCE_USDM_REST_URL, BINANCE_USDM_STREAM_URL, usdmInstruments, type BinanceUsdmAdapterOptions, type UsdmInstruments } from './usdm';
