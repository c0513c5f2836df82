/**
 * Binance USD-M futures' wire format for the account: GET /fapi/v2|v3/balance, /fapi/v2|v3/account,
 * /fapi/v2|v3/positionRisk and the ACCOUNT_UPDATE event, with the field names of the recordings in
 * ../shared/data/binance/futures (balance.json, account_info_v2.json, position_risk.json,
 * account_update.json).
 */
import { formatAtLeast, mul } from './amounts';
import type { SymbolSpec } from './config';
import type { FuturesLedger, FuturesPosition } from './futuresLedger';
import { f8, qty } from './futuresWire';
import type { VenueOrder } from './orders';

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
