/**
 * Binance USD-M futures' wire format for orders, trades and the market: REST bodies (/fapi/v1/order,
 * /fapi/v1/userTrades, depth, premiumIndex) and stream events (ORDER_TRADE_UPDATE, TRADE_LITE,
 * depthUpdate, trade, aggTrade, markPriceUpdate), with the field names of the recordings in
 * ../shared/data/binance/futures. The account's bodies are in futuresAccountWire.ts.
 */
import { absBig, formatAmount, formatAtLeast, mul } from './amounts';
import type { SymbolSpec } from './config';
import type { DepthChange } from './orderBook';
import type { OrderUpdate, OrderView, TradeRecord, VenueOrder } from './orders';
import type { AggregateTrade, PublicTrade } from './venueEvents';

/** Amounts of money (balances, commissions, PnL) with 8 decimals; prices and quantities at the symbol's precision. */
export const f8 = (v: bigint): string => formatAmount(v);
export const px = (s: SymbolSpec, v: bigint) => formatAmount(v, s.pricePrecision);
export const qty = (s: SymbolSpec, v: bigint) => formatAmount(v, s.quantityPrecision);
const avgPrice = (s: SymbolSpec, o: OrderView) => formatAtLeast(o.executedQty === 0n ? 0n : (o.cumQuote * 10n ** 8n) / o.executedQty, s.pricePrecision);

/** Every order body of /fapi/v1/order (POST, GET, DELETE) and /fapi/v1/openOrders, /fapi/v1/allOrders. */
export const futuresOrder = (s: SymbolSpec, o: OrderView) => ({
  orderId: o.orderId,
  symbol: o.symbol,
  status: o.status,
  clientOrderId: o.clientOrderId,
  price: px(s, o.price),
  avgPrice: avgPrice(s, o),
  origQty: qty(s, o.origQty),
  executedQty: qty(s, o.executedQty),
  cumQuote: formatAtLeast(o.cumQuote, s.pricePrecision),
  timeInForce: o.timeInForce,
  type: o.type,
  reduceOnly: o.reduceOnly,
  closePosition: false,
  side: o.side,
  positionSide: 'BOTH',
  stopPrice: px(s, 0n),
  workingType: 'CONTRACT_PRICE',
  priceProtect: false,
  origType: o.type,
  priceMatch: 'NONE',
  selfTradePreventionMode: 'NONE',
  goodTillDate: 0,
  time: o.time,
  updateTime: o.updateTime,
});

/** GET /fapi/v1/userTrades. */
export const futuresUserTrade = (s: SymbolSpec, t: TradeRecord) => ({
  buyer: t.side === 'BUY',
  commission: f8(t.commission),
  commissionAsset: t.commissionAsset,
  id: t.id,
  maker: t.isMaker,
  orderId: t.orderId,
  price: px(s, t.price),
  qty: qty(s, t.qty),
  quoteQty: formatAtLeast(t.quoteQty, s.pricePrecision),
  realizedPnl: f8(t.realizedPnl),
  side: t.side,
  positionSide: 'BOTH',
  symbol: t.symbol,
  time: t.time,
});

/** ORDER_TRADE_UPDATE with the fields of the recorded order_update_trade.json. */
export function futuresOrderTradeUpdate(s: SymbolSpec, u: OrderUpdate, eventTime: number, openNotional: { bids: bigint; asks: bigint }) {
  const o = u.order;
  const t = u.trade;
  return {
    e: 'ORDER_TRADE_UPDATE',
    T: u.time,
    E: eventTime,
    o: {
      s: o.symbol,
      c: o.clientOrderId,
      S: o.side,
      o: o.type,
      f: o.timeInForce,
      q: qty(s, o.origQty),
      p: px(s, o.price),
      ap: avgPrice(s, o),
      sp: '0',
      x: u.execType,
      X: o.status,
      i: o.orderId,
      l: qty(s, t?.qty ?? 0n),
      z: qty(s, o.executedQty),
      L: px(s, t?.price ?? 0n),
      N: t?.commissionAsset ?? s.quoteAsset,
      n: t ? f8(t.commission) : '0',
      T: u.time,
      t: t?.id ?? 0,
      b: formatAtLeast(openNotional.bids, 0),
      a: formatAtLeast(openNotional.asks, 0),
      m: t?.isMaker ?? false,
      R: o.reduceOnly,
      wt: 'CONTRACT_PRICE',
      ot: o.type,
      ps: 'BOTH',
      cp: false,
      AP: '0',
      cr: '0',
      pP: false,
      si: 0,
      ss: 0,
      rp: f8(t?.realizedPnl ?? 0n),
      V: 'NONE',
    },
  };
}

/** TRADE_LITE: the short form Binance pushes for each execution (trade_lite.json). */
export const futuresTradeLite = (s: SymbolSpec, u: OrderUpdate, t: TradeRecord, eventTime: number) => ({
  e: 'TRADE_LITE',
  E: eventTime,
  T: t.time,
  s: u.order.symbol,
  c: u.order.clientOrderId,
  S: u.order.side,
  q: qty(s, u.order.origQty),
  p: px(s, u.order.price),
  i: u.order.orderId,
  l: qty(s, t.qty),
  L: px(s, t.price),
  t: t.id,
  m: t.isMaker,
});

export const futuresDepthSnapshot = (s: SymbolSpec, d: { lastUpdateId: number; bids: [bigint, bigint][]; asks: [bigint, bigint][] }, now: number) => ({
  lastUpdateId: d.lastUpdateId,
  E: now,
  T: now,
  bids: d.bids.map(([p, q]) => [px(s, p), qty(s, q)]),
  asks: d.asks.map(([p, q]) => [px(s, p), qty(s, q)]),
});

export const futuresDepthUpdate = (s: SymbolSpec, c: DepthChange, now: number) => ({
  e: 'depthUpdate',
  E: now,
  T: now,
  s: s.symbol,
  ps: s.symbol,
  st: 1,
  U: c.U,
  u: c.u,
  pu: c.pu,
  b: c.bids.map(([p, q]) => [px(s, p), qty(s, q)]),
  a: c.asks.map(([p, q]) => [px(s, p), qty(s, q)]),
});

export const futuresTrade = (s: SymbolSpec, t: PublicTrade, now: number) => ({
  e: 'trade',
  E: now,
  s: t.symbol,
  t: t.id,
  p: px(s, t.price),
  q: qty(s, t.qty),
  T: t.time,
  m: t.buyerIsMaker,
});

export const futuresAggTrade = (s: SymbolSpec, t: AggregateTrade, now: number) => ({
  e: 'aggTrade',
  E: now,
  a: t.aggId,
  s: t.symbol,
  p: px(s, t.price),
  q: qty(s, t.qty),
  f: t.firstId,
  l: t.lastId,
  T: t.time,
  m: t.buyerIsMaker,
  st: 1,
});

/** Funding is not modelled: the rate is 0 and the next funding at the next 8-hour boundary. */
const nextFunding = (now: number) => Math.ceil((now + 1) / 28_800_000) * 28_800_000;

export const futuresMarkPrice = (s: SymbolSpec, mark: bigint, now: number) => ({
  e: 'markPriceUpdate',
  E: now,
  s: s.symbol,
  p: f8(mark),
  i: f8(mark),
  P: f8(mark),
  r: '0.00000000',
  T: nextFunding(now),
  st: 1,
});

/** GET /fapi/v1/premiumIndex for one symbol. */
export const futuresPremiumIndex = (s: SymbolSpec, mark: bigint, now: number) => ({
  symbol: s.symbol,
  markPrice: f8(mark),
  indexPrice: f8(mark),
  estimatedSettlePrice: f8(mark),
  lastFundingRate: s.config.positioning?.lastFundingRate ?? '0.00000000',
  interestRate: '0.00010000',
  nextFundingTime: nextFunding(now),
  time: now,
});

/** The account's working orders' notional on one symbol per side (ORDER_TRADE_UPDATE's b and a). */
export function openNotional(working: readonly VenueOrder[], symbol: string): { bids: bigint; asks: bigint } {
  let bids = 0n;
  let asks = 0n;
  for (const o of working) {
    if (o.symbol !== symbol) continue;
    const n = mul(o.price, o.leaves);
    if (o.side === 'BUY') bids += n;
    else asks += n;
  }
  return { bids: absBig(bids), asks: absBig(asks) };
}
