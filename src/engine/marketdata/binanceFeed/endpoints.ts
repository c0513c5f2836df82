/**
 * Where Binance serves its public market data and what the streams are called, per market. The base
 * URLs are only defaults: an account's restUrl/streamUrl (testnet, the loopback venue) replace them.
 */
export type BinanceMarketKind = 'spot' | 'usdm';

export const DEFAULT_REST_URL: Record<BinanceMarketKind, string> = {
  spot: 'https://api.binance.com',
  usdm: 'https://fapi.binance.com',
};

export const DEFAULT_STREAM_URL: Record<BinanceMarketKind, string> = {
  spot: 'wss://stream.binance.com:9443',
  usdm: 'wss://fstream.binance.com',
};

/** The REST depth snapshot each market's diff stream is bridged onto. */
const DEPTH_PATH: Record<BinanceMarketKind, string> = { spot: '/api/v3/depth', usdm: '/fapi/v1/depth' };

/**
 * Spot publishes every trade (`@trade`); on USD-M `@aggTrade` is the documented public tape (one
 * event per taker order and price), so that is what each market's trade events are built from.
 */
const TRADE_STREAM: Record<BinanceMarketKind, 'trade' | 'aggTrade'> = { spot: 'trade', usdm: 'aggTrade' };

/** 100 ms is the fastest diff-depth speed both markets offer. */
export const depthStreamName = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@depth@100ms`;
/** Whether a subscribed stream is a symbol's diff depth (the other one carries its trades). */
export const isDepthStream = (stream: string): boolean => stream.includes('@depth');
export const tradeStreamName = (market: BinanceMarketKind, venueSymbol: string): string => `${venueSymbol.toLowerCase()}@${TRADE_STREAM[market]}`;

/** USD-M only: mark price, index price and funding, every second. */
export const markPriceStreamName = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@markPrice@1s`;

export type StreamKind = 'depth' | 'trade' | 'markPrice';

/** The streams one watched symbol takes on the connection: depth and trades; on USD-M also its mark price. */
export function symbolStreams(market: BinanceMarketKind, venueSymbol: string): { name: string; kind: StreamKind }[] {
  const streams: { name: string; kind: StreamKind }[] = [
    { name: depthStreamName(venueSymbol), kind: 'depth' },
    { name: tradeStreamName(market, venueSymbol), kind: 'trade' },
  ];
  if (market === 'usdm') streams.push({ name: markPriceStreamName(venueSymbol), kind: 'markPrice' });
  return streams;
}

/**
 * The combined-stream endpoint, opened with no stream in its URL: every stream is added with SUBSCRIBE
 * (the set changes while the connection lives), and each message comes wrapped as {stream, data}.
 */
export const combinedStreamUrl = (streamUrl: string): string => `${trimSlash(streamUrl)}/stream`;

export function depthSnapshotUrl(restUrl: string, market: BinanceMarketKind, venueSymbol: string, limit: number): string {
  return `${trimSlash(restUrl)}${DEPTH_PATH[market]}?symbol=${encodeURIComponent(venueSymbol)}&limit=${limit}`;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
