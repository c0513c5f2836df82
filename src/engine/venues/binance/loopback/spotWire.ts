/**
 * Binance spot's wire format for what the loopback venue says: REST bodies (/api/v3/order,
 * /api/v3/account, /api/v3/myTrades, ...) and stream events (executionReport, outboundAccountPosition,
 * depthUpdate, trade, aggTrade), field for field as the recordings in ../shared/data/binance/spot show
 * them. Spot writes every price and quantity with 8 decimals.
 */
import { formatAmount, mul } from './amounts';
import type { DepthChange } from './orderBook';
import type { OrderUpdate, OrderView, TradeRecord } from './orders';
import type { SpotLedger } from './spotLedger';
import type { AggregateTrade, PublicTrade } from './venueEvents';

const f = (v: bigint): string => formatAmount(v);
const ZERO = '0.00000000';
const levels = (l: readonly [bigint, bigint][]): [string, string][] => l.map(([p, q]) => [f(p), f(q)]);

/** POST /api/v3/order with newOrderRespType=ACK. */
export const spotOrderAck = (o: OrderView) => ({
  symbol: o.symbol,
  orderId: o.orderId,
  orderListId: -1,
  clientOrderId: o.clientOrderId,
  transactTime: o.time,
});

/** What every order body carries about the order's terms and progress. */
const orderTerms = (o: OrderView) => ({
  price: f(o.price),
  origQty: f(o.origQty),
  executedQty: f(o.executedQty),
  origQuoteOrderQty: ZERO,
  cummulativeQuoteQty: f(o.cumQuote),
  status: o.status,
  timeInForce: o.timeInForce,
  type: o.type,
  side: o.side,
});

/** POST /api/v3/order with RESULT (FULL adds `fills`). */
export const spotOrderResult = (o: OrderView) => ({
  ...spotOrderAck(o),
  ...orderTerms(o),
  workingTime: o.workingTime,
  selfTradePreventionMode: 'NONE',
});

export const spotOrderFull = (o: OrderView, fills: readonly TradeRecord[]) => ({
  ...spotOrderResult(o),
  fills: fills.map((t) => ({ price: f(t.price), qty: f(t.qty), commission: f(t.commission), commissionAsset: t.commissionAsset, tradeId: t.id })),
});

/** GET /api/v3/order, /api/v3/openOrders, /api/v3/allOrders. */
export const spotOrder = (o: OrderView) => ({
  symbol: o.symbol,
  orderId: o.orderId,
  orderListId: -1,
  clientOrderId: o.clientOrderId,
  ...orderTerms(o),
  stopPrice: ZERO,
  icebergQty: ZERO,
  time: o.time,
  updateTime: o.updateTime,
  isWorking: true,
  workingTime: o.workingTime,
  selfTradePreventionMode: 'NONE',
});

/** DELETE /api/v3/order (and each element of DELETE /api/v3/openOrders). */
export const spotCancel = (o: OrderView) => ({
  symbol: o.symbol,
  origClientOrderId: o.clientOrderId,
  orderId: o.orderId,
  orderListId: -1,
  clientOrderId: o.cancelClientOrderId ?? '',
  transactTime: o.updateTime,
  ...orderTerms(o),
  selfTradePreventionMode: 'NONE',
});

/**
 * PUT /api/v3/order/amend/keepPriority: the amended order under `amendedOrder`, as Binance documents
 * it (note `qty` and `cumulativeQuoteQty` where the other order bodies say `origQty` and
 * `cummulativeQuoteQty`).
 */
export const spotAmendResponse = (o: OrderView, origClientOrderId: string, transactTime: number, executionId: number) => ({
  transactTime,
  executionId,
  amendedOrder: {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    origClientOrderId,
    clientOrderId: o.clientOrderId,
    price: f(o.price),
    qty: f(o.origQty),
    executedQty: f(o.executedQty),
    preventedQty: ZERO,
    quoteOrderQty: ZERO,
    cumulativeQuoteQty: f(o.cumQuote),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    workingTime: o.workingTime,
    selfTradePreventionMode: 'NONE',
  },
});

/** GET /api/v3/myTrades. */
export const spotMyTrade = (t: TradeRecord) => ({
  symbol: t.symbol,
  id: t.id,
  orderId: t.orderId,
  orderListId: -1,
  price: f(t.price),
  qty: f(t.qty),
  quoteQty: f(t.quoteQty),
  commission: f(t.commission),
  commissionAsset: t.commissionAsset,
  time: t.time,
  isBuyer: t.side === 'BUY',
  isMaker: t.isMaker,
  isBestMatch: true,
});

/** GET /api/v3/account. Commission in basis points as Binance writes them (0.001 -> 10). */
export const spotAccount = (ledger: SpotLedger, fees: { maker: bigint; taker: bigint }, canTrade: boolean, now: number) => ({
  makerCommission: Number(fees.maker / 10_000n),
  takerCommission: Number(fees.taker / 10_000n),
  buyerCommission: 0,
  sellerCommission: 0,
  commissionRates: { maker: f(fees.maker), taker: f(fees.taker), buyer: ZERO, seller: ZERO },
  canTrade,
  canWithdraw: true,
  canDeposit: true,
  brokered: false,
  requireSelfTradePrevention: false,
  preventSor: false,
  updateTime: now,
  accountType: 'SPOT',
  balances: [...ledger.balances].map(([asset, b]) => ({ asset, free: f(b.free), locked: f(b.locked) })),
  permissions: ['SPOT'],
  uid: 354937868,
});

/**
 * The executionReport for an order update, with every field Binance's user data stream documents
 * (the recorded execution_report_wrapped.json's event has the same keys in the same order).
 */
export function spotExecutionReport(u: OrderUpdate, eventTime: number, executionId: number) {
  const o = u.order;
  const t = u.trade;
  const canceled = u.execType === 'CANCELED';
  const onBook = (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') && o.type !== 'MARKET' && o.timeInForce === 'GTC';
  return {
    e: 'executionReport',
    E: eventTime,
    s: o.symbol,
    c: canceled ? (o.cancelClientOrderId ?? '') : o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: f(o.origQty),
    p: f(o.price),
    P: ZERO,
    F: ZERO,
    g: -1,
    // C: the order's own id when a cancel names itself in `c`; the id before an amend gave it a new one.
    C: canceled ? o.clientOrderId : u.execType === 'REPLACED' ? (u.origClientOrderId ?? '') : '',
    x: u.execType,
    X: o.status,
    r: 'NONE',
    i: o.orderId,
    l: f(t?.qty ?? 0n),
    z: f(o.executedQty),
    L: f(t?.price ?? 0n),
    n: t ? f(t.commission) : '0',
    N: t ? t.commissionAsset : null,
    T: u.time,
    t: t ? t.id : -1,
    I: executionId,
    w: onBook,
    m: t ? t.isMaker : false,
    M: false,
    O: o.time,
    Z: f(o.cumQuote),
    Y: f(t?.quoteQty ?? 0n),
    Q: ZERO,
    W: o.workingTime,
    V: 'NONE',
  };
}

/** outboundAccountPosition: the assets that changed, with their free and locked amounts now. */
export function spotAccountPosition(ledger: SpotLedger, now: number) {
  return {
    e: 'outboundAccountPosition',
    E: now,
    u: now,
    B: ledger.drainChangedAssets().map((a) => {
      const b = ledger.balance(a);
      return { a, f: f(b.free), l: f(b.locked) };
    }),
  };
}

export const spotDepthSnapshot = (d: { lastUpdateId: number; bids: [bigint, bigint][]; asks: [bigint, bigint][] }) => ({
  lastUpdateId: d.lastUpdateId,
  bids: levels(d.bids),
  asks: levels(d.asks),
});

export const spotDepthUpdate = (symbol: string, c: DepthChange, now: number) => ({
  e: 'depthUpdate',
  E: now,
  s: symbol,
  U: c.U,
  u: c.u,
  b: levels(c.bids),
  a: levels(c.asks),
});

export const spotTrade = (t: PublicTrade, now: number) => ({
  e: 'trade',
  E: now,
  s: t.symbol,
  t: t.id,
  p: f(t.price),
  q: f(t.qty),
  T: t.time,
  m: t.buyerIsMaker,
  M: true,
});

export const spotAggTrade = (t: AggregateTrade, now: number) => ({
  e: 'aggTrade',
  E: now,
  s: t.symbol,
  a: t.aggId,
  p: f(t.price),
  q: f(t.qty),
  f: t.firstId,
  l: t.lastId,
  T: t.time,
  m: t.buyerIsMaker,
  M: true,
});

/** GET /api/v3/trades. */
export const spotRecentTrade = (t: { id: number; price: bigint; qty: bigint; time: number; buyerIsMaker: boolean }) => ({
  id: t.id,
  price: f(t.price),
  qty: f(t.qty),
  quoteQty: f(mul(t.price, t.qty)),
  time: t.time,
  isBuyerMaker: t.buyerIsMaker,
  isBestMatch: true,
});
