/**
 * Between our orders (integer ticks and lots, per Instrument) and Binance spot's wire (decimal strings,
 * its enum names): the parameters of POST /api/v3/order, and the order, fill and trade answers read
 * back. An amount that does not fit the instrument's scale is refused, never rounded.
 */
import type { Liquidity, OrderType, QuoteUnits, Side, TimeInForce } from '../../core';
import { formatPrice, formatQty, parsePrice, parseQty, quoteDecimals, type Instrument } from '../../instruments';
import type { VenueOrderRequest, VenueOrderState, VenueOrderStatus } from '../types';
import { orderAmounts } from './orderAmounts';
import type { Wire } from './wire';

export type { Wire } from './wire';

/** The parameters of POST /api/v3/order for `req` (FULL answer: it carries the fills the order took). */
export function newOrderParams(inst: Instrument, req: VenueOrderRequest): Wire<Record<string, string>> {
  if (req.reduceOnly) return { ok: false, reason: 'reduce-only orders do not exist on Binance spot' };
  if (req.type !== 'limit' && req.type !== 'market') return { ok: false, reason: `${req.type} orders are not supported on Binance spot by this connector yet` };
  if (req.tif !== 'GTC' && req.tif !== 'IOC' && req.tif !== 'FOK') return { ok: false, reason: `time in force ${req.tif} does not exist on Binance spot (GTC, IOC or FOK)` };
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return { ok: false, reason: 'quantity must be a positive whole number of lots' };
  const params: Record<string, string> = {
    symbol: inst.venueSymbol,
    side: req.side === 'buy' ? 'BUY' : 'SELL',
    quantity: formatQty(inst, req.qty),
    newClientOrderId: req.clientOrderId,
    newOrderRespType: 'FULL',
  };
  if (req.type === 'market') {
    if (req.postOnly) return { ok: false, reason: 'a market order cannot be post-only' };
    return { ok: true, value: { ...params, type: 'MARKET' } };
  }
  if (req.price === undefined || !Number.isSafeInteger(req.price) || req.price <= 0) return { ok: false, reason: 'a limit order needs a positive price in ticks' };
  const price = formatPrice(inst, req.price);
  // Post-only is Binance's LIMIT_MAKER, which takes no timeInForce (it rests or is refused).
  if (req.postOnly) return req.tif === 'GTC' ? { ok: true, value: { ...params, type: 'LIMIT_MAKER', price } } : { ok: false, reason: `a post-only order rests until canceled: ${req.tif} does not apply` };
  return { ok: true, value: { ...params, type: 'LIMIT', timeInForce: req.tif, price } };
}

/** An order as GET /api/v3/order, /api/v3/openOrders and the order answers write it. */
export interface WireOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  status: string;
  timeInForce: string;
  type: string;
  side: string;
  stopPrice?: string;
  time?: number;
  transactTime?: number;
  updateTime?: number;
  workingTime?: number;
}

export interface WireFill {
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  tradeId: number;
}

/** A row of GET /api/v3/myTrades. */
export interface WireTrade extends WireFill {
  id: number;
  orderId: number;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

const STATUS: Record<string, VenueOrderStatus> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'open',
  PENDING_NEW: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  PENDING_CANCEL: 'canceled',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
  REJECTED: 'rejected',
};

const TYPE: Record<string, OrderType> = {
  LIMIT: 'limit',
  LIMIT_MAKER: 'limit',
  MARKET: 'market',
  STOP_LOSS: 'stop_market',
  TAKE_PROFIT: 'stop_market',
  STOP_LOSS_LIMIT: 'stop_limit',
  TAKE_PROFIT_LIMIT: 'stop_limit',
};

/** A fill's id at our venue: Binance's trade ids count per symbol. */
export const fillId = (inst: Instrument, tradeId: number): string => `${inst.venueSymbol}-${tradeId}`;

export function orderState(inst: Instrument, o: WireOrder): Wire<VenueOrderState> {
  const status = STATUS[o.status];
  const type = TYPE[o.type];
  if (!status || !type) return { ok: false, reason: `order ${o.clientOrderId}: unknown status ${o.status} or type ${o.type}` };
  const amounts = orderAmounts(inst, o);
  if (!amounts.ok) return amounts;
  const tif: TimeInForce = o.timeInForce === 'IOC' || o.timeInForce === 'FOK' ? o.timeInForce : 'GTC';
  const createdAt = o.time ?? o.transactTime;
  return {
    ok: true,
    value: {
      clientOrderId: o.clientOrderId,
      venueOrderId: String(o.orderId),
      symbol: inst.symbol,
      side: o.side === 'BUY' ? 'buy' : 'sell',
      type,
      tif,
      ...amounts.value,
      status,
      triggered: type === 'limit' || type === 'market' || status !== 'open',
      ...(createdAt !== undefined ? { createdAt } : {}),
      postOnly: o.type === 'LIMIT_MAKER',
      reduceOnly: false,
      updatedAt: o.updateTime ?? o.transactTime ?? o.time ?? 0,
    },
  };
}

export interface ParsedFill {
  price: number;
  qty: number;
  fee: QuoteUnits;
  /** Set when the commission was paid in an asset that is neither base nor quote (BNB): its value is not known here. */
  feeUnvalued?: string;
}

/**
 * A fill's price and quantity in ticks and lots, and its commission in QuoteUnits: Binance charges
 * spot commission in the asset received (base on a buy, quote on a sell) or in BNB; a base
 * commission is valued at the fill's price.
 */
export function parseFill(inst: Instrument, f: WireFill): Wire<ParsedFill> {
  const price = parsePrice(inst, f.price);
  const qty = parseQty(inst, f.qty);
  if (!price.ok) return { ok: false, reason: `fill ${f.tradeId}: price does not fit ${inst.symbol}: ${price.reason}` };
  if (!qty.ok) return { ok: false, reason: `fill ${f.tradeId}: quantity does not fit ${inst.symbol}: ${qty.reason}` };
  const commission = decimal(f.commission);
  if (!commission) return { ok: false, reason: `fill ${f.tradeId}: commission "${f.commission}" is not a decimal` };
  const target = quoteDecimals(inst);
  let fee: bigint;
  if (f.commissionAsset === inst.quote) fee = rescale(commission.digits, commission.scale, target);
  else if (f.commissionAsset === inst.base) fee = rescale(commission.digits * BigInt(price.value * inst.tickSize), commission.scale + inst.priceDecimals, target);
  else return { ok: true, value: { price: price.value, qty: qty.value, fee: 0, feeUnvalued: `${f.commission} ${f.commissionAsset}` } };
  return { ok: true, value: { price: price.value, qty: qty.value, fee: Number(fee) } };
}

export const liquidityOf = (isMaker: boolean): Liquidity => (isMaker ? 'maker' : 'taker');
export const sideOf = (isBuyer: boolean): Side => (isBuyer ? 'buy' : 'sell');

function decimal(text: string): { digits: bigint; scale: number } | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { digits: BigInt(m[1] + frac), scale: frac.length };
}

/** Moves an integer from `from` decimals to `to`, rounding half up (fees are never negative). */
function rescale(value: bigint, from: number, to: number): bigint {
  if (to >= from) return value * 10n ** BigInt(to - from);
  const div = 10n ** BigInt(from - to);
  return (value + div / 2n) / div;
}
