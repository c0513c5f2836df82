/** The Binance USD-M futures connector. */
export { BinanceUsdmAdapter, BINANCE_USDM_REST_URL, BINANCE_USDM_STREAM_URL, type BinanceUsdmAdapterOptions } from './binanceUsdmAdapter';
export { usdmInstruments, type UsdmInstruments } from './usdmInstruments';
