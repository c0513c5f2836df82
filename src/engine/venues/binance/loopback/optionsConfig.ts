/** How a test lists Binance's European options on the loopback venue (served by optionsMarket.ts). */
/** One option as a test lists it: prices and quantities as Binance writes them (decimal text). */
export interface LoopbackOptionContract {
  /** Binance's name, e.g. BTC-261225-95000-C. */
  symbol: string;
  side: 'CALL' | 'PUT';
  strikePrice: string;
  /** ms, 08:00 UTC of the expiry day. */
  expiryDate: number;
  bid: string;
  ask: string;
  bidQty: string;
  askQty: string;
}

export interface LoopbackOptionsMarket {
  /** The index the options settle on, e.g. BTCUSDT, and its price. */
  underlying: string;
  baseAsset: string;
  indexPrice: string;
  /** Price tick (also its priceScale's decimals) and quantity step of every option, e.g. "5" and "0.01". */
  tickSize: string;
  stepSize: string;
  contracts: readonly LoopbackOptionContract[];
}
