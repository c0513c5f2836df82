/**
 * GET /api/v3/exchangeInfo and GET /fapi/v1/exchangeInfo: the venue's rate limits and each symbol with
 * its filters, in Binance's shapes (spot as in the recorded exchange_info_response.json; USD-M as
 * its documentation shows). A connector derives tick size, lot size and minimum notional from these.
 */
import { formatAmount, formatPlain } from './amounts';
import { DEFAULT_MAX_NUM_ORDER_AMENDS, type BinanceMarket, type SymbolSpec } from './config';

export interface Limits {
  weightPerMinute: number;
  ordersPer10s: number;
}

const f8 = (v: bigint): string => formatAmount(v);

function spotSymbol(s: SymbolSpec) {
  return {
    symbol: s.symbol,
    status: 'TRADING',
    baseAsset: s.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: s.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    opoAllowed: false,
    quoteOrderQtyMarketAllowed: false,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: s.config.amendAllowed ?? true,
    pegInstructionsAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: f8(s.minPrice), maxPrice: f8(s.maxPrice), tickSize: f8(s.tickSize) },
      { filterType: 'LOT_SIZE', minQty: f8(s.minQty), maxQty: f8(s.maxQty), stepSize: f8(s.stepSize) },
      s.notionalFilter === 'NOTIONAL'
        ? { filterType: 'NOTIONAL', minNotional: f8(s.minNotional), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 }
        : { filterType: 'MIN_NOTIONAL', minNotional: f8(s.minNotional), applyToMarket: true, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: s.config.maxNumOrderAmends ?? DEFAULT_MAX_NUM_ORDER_AMENDS },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}

function futuresSymbol(s: SymbolSpec) {
  const price = (v: bigint) => formatAmount(v, s.pricePrecision);
  const qty = (v: bigint) => formatAmount(v, s.quantityPrecision);
  return {
    symbol: s.symbol,
    pair: s.symbol,
    contractType: 'PERPETUAL',
    deliveryDate: 4133404800000,
    onboardDate: 1569398400000,
    status: 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: s.baseAsset,
    quoteAsset: s.quoteAsset,
    marginAsset: s.quoteAsset,
    pricePrecision: s.pricePrecision,
    quantityPrecision: s.quantityPrecision,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: price(s.minPrice), maxPrice: price(s.maxPrice), tickSize: price(s.tickSize) },
      { filterType: 'LOT_SIZE', minQty: qty(s.minQty), maxQty: qty(s.maxQty), stepSize: qty(s.stepSize) },
      { filterType: 'MARKET_LOT_SIZE', minQty: qty(s.minQty), maxQty: qty(s.maxQty), stepSize: qty(s.stepSize) },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: formatPlain(s.minNotional) },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
  };
}

export function exchangeInfo(market: BinanceMarket, specs: readonly SymbolSpec[], limits: Limits, now: number) {
  if (market === 'spot') {
    return {
      timezone: 'UTC',
      serverTime: now,
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.weightPerMinute },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10s },
        { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      ],
      exchangeFilters: [],
      symbols: specs.map(spotSymbol),
      sors: [],
    };
  }
  return {
    timezone: 'UTC',
    serverTime: now,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.weightPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10s },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    ],
    exchangeFilters: [],
    assets: [...new Set(specs.map((s) => s.quoteAsset))].map((asset) => ({ asset, marginAvailable: true, autoAssetExchange: '0' })),
    symbols: specs.map(futuresSymbol),
  };
}
