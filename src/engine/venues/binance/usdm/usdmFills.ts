/**
 * USD-M executions as fills: the user stream's ORDER_TRADE_UPDATE fields (L, l, n, N, t, m) and
 * GET /fapi/v1/userTrades rows read the same way. USD-M charges commission in the margin asset (USDT
 * for USDT-margined contracts: our quote), turned into QuoteUnits exactly; a rebate is a negative
 * commission, a negative fee. A commission in another asset (BNB) cannot be valued here: it is said
 * (feeUnvalued) and the fee left at 0.
 */
import type { Instrument } from '../../../instruments';
import type { VenueFill } from '../../types';
import { fillId, liquidityOf, parseFill, sideOf, type Wire } from '../spotOrderWire';
import type { TrackedFill } from './orderTracker';
import type { UsdmWireTrade } from './usdmOrderWire';

export interface ReadFill {
  fill: TrackedFill;
  feeUnvalued?: string;
}

export function readFill(inst: Instrument, f: { price: string; qty: string; commission: string; commissionAsset: string; tradeId: number; isMaker: boolean; ts: number }): Wire<ReadFill> {
  const rebate = f.commission.startsWith('-');
  const p = parseFill(inst, { price: f.price, qty: f.qty, commission: rebate ? f.commission.slice(1) : f.commission, commissionAsset: f.commissionAsset, tradeId: f.tradeId });
  if (!p.ok) return p;
  const fee = rebate && p.value.fee !== 0 ? -p.value.fee : p.value.fee;
  return {
    ok: true,
    value: {
      fill: { fillId: fillId(inst, f.tradeId), ts: f.ts, price: p.value.price, qty: p.value.qty, liquidity: liquidityOf(f.isMaker), fee },
      ...(p.value.feeUnvalued !== undefined ? { feeUnvalued: p.value.feeUnvalued } : {}),
    },
  };
}

/** ORDER_TRADE_UPDATE's `o` as far as a fill is concerned. */
export const streamFill = (inst: Instrument, o: { L: string; l: string; n?: string; N?: string; t: number; m: boolean; T: number }) =>
  readFill(inst, { price: o.L, qty: o.l, commission: o.n ?? '0', commissionAsset: o.N ?? inst.quote, tradeId: o.t, isMaker: o.m, ts: o.T });

export const tradeFill = (inst: Instrument, t: UsdmWireTrade) =>
  readFill(inst, { price: t.price, qty: t.qty, commission: t.commission, commissionAsset: t.commissionAsset, tradeId: t.id, isMaker: t.maker, ts: t.time });

export function venueFill(inst: Instrument, t: UsdmWireTrade, clientOrderId: string): Wire<VenueFill> {
  const r = tradeFill(inst, t);
  if (!r.ok) return r;
  return { ok: true, value: { ...r.value.fill, clientOrderId, symbol: inst.symbol, side: sideOf(t.buyer) } };
}
