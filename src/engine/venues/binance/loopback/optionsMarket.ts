/**
 * Binance's European options (its "eapi", https://eapi.binance.com/eapi/v1) on the loopback venue: the
 * public market data a connector needs to list the options and read their books, served beside the spot
 * or USD-M market on the same port (a connector's restUrl replaces every Binance origin, eapi's too).
 *
 * Public only, and static: exchangeInfo, depth (one level a side, as configured), ticker, mark, index,
 * time. Orders (POST/DELETE/GET /eapi/v1/order), the options account and their streams are not served:
 * a request for them gets Binance's "No such endpoint" 404, so a test sees what is missing.
 *
 * No recorded Binance options data exists here (/work/shared/data has none): the wire shapes follow
 * Binance's Options API documentation (derivatives/option/market-data: Exchange Information, Order Book,
 * 24hr Ticker Price Change Statistics, Option Mark Price, Symbol Price Ticker) as ccxt 4.5's binance class
 * reads them; the prices are whatever the test configures.
 */
import { errors } from './binanceErrors';
import type { LoopbackOptionContract, LoopbackOptionsMarket } from './optionsConfig';
import { route, type Route } from './routeKit';

const decimalsOf = (step: string): number => (step.includes('.') ? step.split('.')[1]!.replace(/0+$/, '').length : 0);

/** The /eapi/v1 public routes for `market`. */
export function optionRoutes(market: LoopbackOptionsMarket): Route[] {
  const bySymbol = new Map(market.contracts.map((c) => [c.symbol, c]));
  const named = (symbol: string | undefined) => (symbol === undefined ? errors.mandatory('symbol') : (bySymbol.get(symbol) ?? errors.invalidSymbol()));
  const mid = (c: LoopbackOptionContract) => String((Number(c.bid) + Number(c.ask)) / 2);
  const ticker = (c: LoopbackOptionContract, now: number) => ({
    symbol: c.symbol,
    priceChange: '0',
    priceChangePercent: '0',
    lastPrice: mid(c),
    lastQty: '0',
    open: mid(c),
    high: c.ask,
    low: c.bid,
    volume: '0',
    amount: '0',
    bidPrice: c.bid,
    askPrice: c.ask,
    openTime: now - 86_400_000,
    closeTime: now,
    firstTradeId: 0,
    tradeCount: 0,
    strikePrice: c.strikePrice,
    exercisePrice: market.indexPrice,
  });
  return [
    route('GET', '/eapi/v1/ping', 1, 'NONE', () => ({})),
    route('GET', '/eapi/v1/time', 1, 'NONE', ({ now }) => ({ serverTime: now })),
    route('GET', '/eapi/v1/exchangeInfo', 1, 'NONE', ({ now }) => ({
      timezone: 'UTC',
      serverTime: now,
      optionContracts: [{ id: 1, baseAsset: market.baseAsset, quoteAsset: 'USDT', underlying: market.underlying, settleAsset: 'USDT' }],
      optionAssets: [{ id: 1, name: 'USDT' }],
      optionSymbols: market.contracts.map((c, i) => ({
        contractId: 1,
        expiryDate: c.expiryDate,
        filters: [
          { filterType: 'PRICE_FILTER', minPrice: market.tickSize, maxPrice: '100000', tickSize: market.tickSize },
          { filterType: 'LOT_SIZE', minQty: market.stepSize, maxQty: '1000', stepSize: market.stepSize },
        ],
        id: i + 1,
        symbol: c.symbol,
        side: c.side,
        strikePrice: c.strikePrice,
        underlying: market.underlying,
        unit: 1,
        makerFeeRate: '0.00020000',
        takerFeeRate: '0.00020000',
        minQty: market.stepSize,
        maxQty: '1000',
        initialMargin: '0.15000000',
        maintenanceMargin: '0.07500000',
        minInitialMargin: '0.10000000',
        minMaintenanceMargin: '0.05000000',
        priceScale: decimalsOf(market.tickSize),
        quantityScale: decimalsOf(market.stepSize),
        quoteAsset: 'USDT',
        status: 'TRADING',
      })),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 400 },
        { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 100 },
      ],
    })),
    route('GET', '/eapi/v1/depth', 1, 'NONE', ({ params, now }) => {
      const c = named(params.get('symbol'));
      return 'code' in c ? c : { T: now, u: 1, bids: [[c.bid, c.bidQty]], asks: [[c.ask, c.askQty]] };
    }),
    route('GET', '/eapi/v1/ticker', 5, 'NONE', ({ params, now }) => {
      const symbol = params.get('symbol');
      if (symbol === undefined) return market.contracts.map((c) => ticker(c, now));
      const c = named(symbol);
      return 'code' in c ? c : [ticker(c, now)];
    }),
    // The mark: the mid, without Binance's own IV and Greeks (a connector under test must solve its own).
    route('GET', '/eapi/v1/mark', 5, 'NONE', ({ params }) => {
      const symbol = params.get('symbol');
      const list = symbol === undefined ? market.contracts : [named(symbol)];
      const bad = list.find((c) => 'code' in c);
      if (bad) return bad;
      return (list as LoopbackOptionContract[]).map((c) => ({ symbol: c.symbol, markPrice: mid(c), highPriceLimit: c.ask, lowPriceLimit: c.bid, riskFreeInterest: '0' }));
    }),
    route('GET', '/eapi/v1/index', 1, 'NONE', ({ params, now }) =>
      params.get('underlying') === market.underlying ? { time: now, indexPrice: market.indexPrice } : errors.invalidSymbol(),
    ),
  ];
}
