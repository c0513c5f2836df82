/**
 * Binance USD-M futures' wire format for what the loopback venue says: REST bodies (/fapi/v1/order,
 * /fapi/v2|v3/balance, /fapi/v2|v3/account, /fapi/v2|v3/positionRisk, /fapi/v1/userTrades, ...) and
 * stream events (ORDER_TRADE_UPDATE, TRADE_LITE, ACCOUNT_UPDATE, depthUpdate, trade, aggTrade,
 * markPriceUpdate), with the field names of the recordings in ../shared/data/binance/futures. Prices
 * and quantities are written at the symbol's pricePrecision / quantityPrecision.
 */
import { absBig, formatAmount, formatAtLeast, mul } from './amounts';
import type { SymbolSpec } from './config';
import type { FuturesLedger, FuturesPosition } from './futuresLedger';
import type { DepthChange } from './orderBook';
import type { OrderUpdate, OrderView, TradeRecord, VenueOrder } from './orders';
import type { AggregateTrade, PublicTrade } from './venueEvents';

const f8 = (v: bigint): string => formatAmount(v);
const px = (s: SymbolSpec, v: bigint) => formatAmount(v, s.pricePrecision);
const qty = (s: SymbolSpec, v: bigint) => formatAmount(v, s.quantityPrecision);
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

/** The account's numbers every futures account body shares. */
export interface FuturesAccountView {
  ledger: FuturesLedger;
  specs: readonly SymbolSpec[];
  working: readonly VenueOrder[];
  mark: (symbol: string) => bigint;
  canTrade: boolean;
  now: number;
}

function assetNumbers(v: FuturesAccountView, asset: string) {
  const wallet = v.ledger.wallet.get(asset) ?? 0n;
  let unrealized = 0n;
  let positionMargin = 0n;
  for (const s of v.specs) {
    if (s.quoteAsset !== asset) continue;
    unrealized += v.ledger.unrealized(s.symbol);
    positionMargin += v.ledger.positionMargin(s.symbol);
  }
  const orderMargin = v.working.filter((o) => v.specs.find((s) => s.symbol === o.symbol)?.quoteAsset === asset).reduce((sum, o) => sum + v.ledger.orderMargin(o), 0n);
  const available = v.ledger.available(asset, v.working);
  return { wallet, unrealized, positionMargin, orderMargin, available };
}

function accountAsset(v: FuturesAccountView, asset: string, n: ReturnType<typeof assetNumbers>) {
  return {
    asset,
    walletBalance: f8(n.wallet),
    unrealizedProfit: f8(n.unrealized),
    marginBalance: f8(n.wallet + n.unrealized),
    maintMargin: f8(0n),
    initialMargin: f8(n.positionMargin + n.orderMargin),
    positionInitialMargin: f8(n.positionMargin),
    openOrderInitialMargin: f8(n.orderMargin),
    crossWalletBalance: f8(n.wallet),
    crossUnPnl: f8(n.unrealized),
    availableBalance: f8(n.available),
    maxWithdrawAmount: f8(n.available < n.wallet ? n.available : n.wallet),
    marginAvailable: true,
    updateTime: v.now,
  };
}

/** GET /fapi/v2/balance and /fapi/v3/balance (balance.json): each margin asset's line of the account. */
export const futuresBalances = (v: FuturesAccountView) =>
  [...v.ledger.wallet.keys()].map((asset) => {
    const a = accountAsset(v, asset, assetNumbers(v, asset));
    return {
      accountAlias: 'SgsR',
      asset,
      balance: a.walletBalance,
      crossWalletBalance: a.crossWalletBalance,
      crossUnPnl: a.crossUnPnl,
      availableBalance: a.availableBalance,
      maxWithdrawAmount: a.maxWithdrawAmount,
      marginAvailable: true,
      updateTime: v.now,
    };
  });

/** The account totals over its margin assets (all USDT here) and each asset's numbers. */
function accountTotals(v: FuturesAccountView) {
  const each = [...v.ledger.wallet.keys()].map((asset) => ({ asset, n: assetNumbers(v, asset) }));
  const sum = (pick: (n: ReturnType<typeof assetNumbers>) => bigint) => f8(each.reduce((t, a) => t + pick(a.n), 0n));
  return {
    totalInitialMargin: sum((n) => n.positionMargin + n.orderMargin),
    totalMaintMargin: f8(0n),
    totalWalletBalance: sum((n) => n.wallet),
    totalUnrealizedProfit: sum((n) => n.unrealized),
    totalMarginBalance: sum((n) => n.wallet + n.unrealized),
    totalPositionInitialMargin: sum((n) => n.positionMargin),
    totalOpenOrderInitialMargin: sum((n) => n.orderMargin),
    totalCrossWalletBalance: sum((n) => n.wallet),
    totalCrossUnPnl: sum((n) => n.unrealized),
    availableBalance: sum((n) => n.available),
    maxWithdrawAmount: sum((n) => (n.available < n.wallet ? n.available : n.wallet)),
    assets: each.map(({ asset, n }) => accountAsset(v, asset, n)),
  };
}

const positionsOf = (v: FuturesAccountView) =>
  v.specs.map((s) => ({ s, p: v.ledger.positions.get(s.symbol) ?? { amt: 0n, entryCost: 0n, realized: 0n, updateTime: 0 } }));

/** GET /fapi/v2/account (account_info_v2.json): every symbol's position, open or not. */
export const futuresAccountV2 = (v: FuturesAccountView) => ({
  feeTier: 0,
  canTrade: v.canTrade,
  canDeposit: true,
  canWithdraw: true,
  updateTime: 0,
  multiAssetsMargin: false,
  tradeGroupId: -1,
  ...accountTotals(v),
  positions: positionsOf(v).map(({ s, p }) => ({
    symbol: s.symbol,
    initialMargin: f8(v.ledger.positionMargin(s.symbol)),
    maintMargin: '0',
    unrealizedProfit: f8(v.ledger.unrealized(s.symbol)),
    positionInitialMargin: f8(v.ledger.positionMargin(s.symbol)),
    openOrderInitialMargin: f8(v.working.filter((o) => o.symbol === s.symbol).reduce((t, o) => t + v.ledger.orderMargin(o), 0n)),
    leverage: String(v.ledger.leverageOf(s.symbol)),
    isolated: false,
    entryPrice: formatAtLeast(v.ledger.entryPrice(p), 5),
    maxNotional: '250000',
    bidNotional: '0',
    askNotional: '0',
    positionSide: 'BOTH',
    positionAmt: qty(s, p.amt),
    updateTime: p.updateTime,
  })),
});

/** GET /fapi/v3/account: as v2 without the per-account flags, and only the open positions. */
export const futuresAccountV3 = (v: FuturesAccountView) => ({
  ...accountTotals(v),
  positions: positionsOf(v)
    .filter(({ p }) => p.amt !== 0n)
    .map(({ s, p }) => ({
      symbol: s.symbol,
      positionSide: 'BOTH',
      positionAmt: qty(s, p.amt),
      unrealizedProfit: f8(v.ledger.unrealized(s.symbol)),
      isolatedMargin: '0',
      notional: f8(mul(v.mark(s.symbol), p.amt)),
      isolatedWallet: '0',
      initialMargin: f8(v.ledger.positionMargin(s.symbol)),
      maintMargin: '0',
      updateTime: p.updateTime,
    })),
});

function positionRiskV2(v: FuturesAccountView, s: SymbolSpec, p: FuturesPosition) {
  return {
    symbol: s.symbol,
    positionAmt: qty(s, p.amt),
    entryPrice: formatAtLeast(v.ledger.entryPrice(p), 1),
    markPrice: formatAtLeast(v.mark(s.symbol), 1),
    unRealizedProfit: f8(v.ledger.unrealized(s.symbol)),
    liquidationPrice: '0',
    leverage: String(v.ledger.leverageOf(s.symbol)),
    maxNotionalValue: '250000',
    marginType: 'cross',
    isolatedMargin: f8(0n),
    isAutoAddMargin: 'false',
    positionSide: 'BOTH',
    notional: formatAtLeast(mul(v.mark(s.symbol), p.amt), 1),
    isolatedWallet: '0',
    updateTime: p.updateTime,
    breakEvenPrice: formatAtLeast(v.ledger.entryPrice(p), 1),
  };
}

/** GET /fapi/v2/positionRisk (position_risk.json): every symbol, open or not. */
export const futuresPositionRiskV2 = (v: FuturesAccountView, symbol?: string) =>
  positionsOf(v)
    .filter(({ s }) => symbol === undefined || s.symbol === symbol)
    .map(({ s, p }) => positionRiskV2(v, s, p));

/** GET /fapi/v3/positionRisk: only open positions, with their margins. */
export const futuresPositionRiskV3 = (v: FuturesAccountView, symbol?: string) =>
  positionsOf(v)
    .filter(({ s, p }) => p.amt !== 0n && (symbol === undefined || s.symbol === symbol))
    .map(({ s, p }) => {
      const { leverage: _l, maxNotionalValue: _m, marginType: _t, isAutoAddMargin: _a, ...rest } = positionRiskV2(v, s, p);
      return {
        ...rest,
        marginAsset: s.quoteAsset,
        initialMargin: f8(v.ledger.positionMargin(s.symbol)),
        maintMargin: '0',
        positionInitialMargin: f8(v.ledger.positionMargin(s.symbol)),
        openOrderInitialMargin: '0',
        adl: 0,
        bidNotional: '0',
        askNotional: '0',
      };
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

/** ACCOUNT_UPDATE (reason ORDER) with the balances and positions that changed (account_update.json). */
export function futuresAccountUpdate(v: FuturesAccountView, eventTime: number) {
  const { assets, symbols } = v.ledger.drainChanges();
  return {
    e: 'ACCOUNT_UPDATE',
    T: eventTime,
    E: eventTime,
    a: {
      m: 'ORDER',
      B: assets.map((a) => ({ a, wb: f8(v.ledger.wallet.get(a) ?? 0n), cw: f8(v.ledger.wallet.get(a) ?? 0n), bc: '0' })),
      P: symbols.map((symbol) => {
        const s = v.specs.find((x) => x.symbol === symbol)!;
        const p = v.ledger.position(symbol);
        return {
          s: symbol,
          pa: qty(s, p.amt),
          ep: formatAtLeast(v.ledger.entryPrice(p), 5),
          bep: formatAtLeast(v.ledger.entryPrice(p), 1),
          cr: f8(p.realized),
          up: f8(v.ledger.unrealized(symbol)),
          mt: 'cross',
          iw: '0',
          ps: 'BOTH',
        };
      }),
    },
  };
}

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
  lastFundingRate: '0.00000000',
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
