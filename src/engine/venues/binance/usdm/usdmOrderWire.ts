/**
 * Between our orders (integer ticks and lots, per Instrument) and Binance USD-M's wire (decimal
 * strings, its enum names): the parameters of POST and PUT /fapi/v1/order, and the order bodies read
 * back (REST answers and queries). An amount that does not fit the instrument's scale is refused,
 * never rounded (an order's amounts are read by ../orderAmounts, as on spot). Trades and fills reuse
 * the spot reader (same fields, commission in the margin asset).
 */
import type { OrderType, TimeInForce } from '../../../core';
import { formatPrice, formatQty, type Instrument } from '../../../instruments';
import type { VenueAmend, VenueOrderRequest, VenueOrderState, VenueOrderStatus } from '../../types';
import { orderAmounts } from '../orderAmounts';
import type { Wire } from '../wire';

/** An order as POST/GET/DELETE/PUT /fapi/v1/order and /fapi/v1/openOrders write it. */
export interface UsdmWireOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  status: string;
  timeInForce: string;
  type: string;
  origType?: string;
  side: string;
  reduceOnly?: boolean;
  closePosition?: boolean;
  stopPrice?: string;
  time?: number;
  updateTime?: number;
}

/** A row of GET /fapi/v1/userTrades. */
export interface UsdmWireTrade {
  id: number;
  orderId: number;
  symbol: string;
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  buyer: boolean;
  maker: boolean;
  time: number;
  realizedPnl?: string;
}

const STOPS_MOVED =
  'stop orders on Binance USD-M are placed through its Algo Order API (since 2025-12-09 POST /fapi/v1/order refuses them with -4120), which this connector does not use yet';

/** The parameters of POST /fapi/v1/order for `req` (ACK answer: the fills come on the user data stream). */
export function newOrderParams(inst: Instrument, req: VenueOrderRequest): Wire<Record<string, string>> {
  if (req.type === 'stop_market' || req.type === 'stop_limit') return { ok: false, reason: STOPS_MOVED };
  if (req.type !== 'limit' && req.type !== 'market') return { ok: false, reason: `${String(req.type)} orders do not exist on Binance USD-M` };
  if (req.tif === 'DAY') return { ok: false, reason: 'time in force DAY does not exist on Binance USD-M (GTC, IOC, FOK or GTD)' };
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return { ok: false, reason: 'quantity must be a positive whole number of lots' };
  const params: Record<string, string> = {
    symbol: inst.venueSymbol,
    side: req.side === 'buy' ? 'BUY' : 'SELL',
    type: req.type === 'market' ? 'MARKET' : 'LIMIT',
    quantity: formatQty(inst, req.qty),
    newClientOrderId: req.clientOrderId,
  };
  if (req.reduceOnly) params.reduceOnly = 'true';
  if (req.type === 'market') {
    if (req.postOnly) return { ok: false, reason: 'a market order cannot be post-only' };
    return { ok: true, value: params };
  }
  if (req.price === undefined || !Number.isSafeInteger(req.price) || req.price <= 0) return { ok: false, reason: 'a limit order needs a positive price in ticks' };
  params.price = formatPrice(inst, req.price);
  // Post-only is USD-M's GTX time in force: it rests, or the venue refuses it (-5022).
  if (req.postOnly) {
    if (req.tif !== 'GTC') return { ok: false, reason: `a post-only order rests until canceled: ${req.tif} does not apply` };
    return { ok: true, value: { ...params, timeInForce: 'GTX' } };
  }
  if (req.tif === 'GTD') {
    if (req.expireAt === undefined || !Number.isSafeInteger(req.expireAt)) return { ok: false, reason: 'a GTD order needs its expiry time' };
    return { ok: true, value: { ...params, timeInForce: 'GTD', goodTillDate: String(req.expireAt) } };
  }
  return { ok: true, value: { ...params, timeInForce: req.tif } };
}

/** What the venue needs to modify an order: USD-M takes side, price and quantity every time. */
export interface AmendTerms {
  side: 'buy' | 'sell';
  price: number;
  qty: number;
}

/** The parameters of PUT /fapi/v1/order: the unchanged terms are taken from `current`. */
export function amendParams(inst: Instrument, clientOrderId: string, current: AmendTerms, change: VenueAmend): Wire<Record<string, string>> {
  if (change.stopPrice !== undefined) return { ok: false, reason: 'Binance USD-M modifies only the price and quantity of LIMIT orders' };
  const price = change.price ?? current.price;
  const qty = change.qty ?? current.qty;
  if (!Number.isSafeInteger(price) || price <= 0) return { ok: false, reason: 'the new price must be a positive whole number of ticks' };
  if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, reason: 'the new quantity must be a positive whole number of lots' };
  return {
    ok: true,
    value: {
      symbol: inst.venueSymbol,
      origClientOrderId: clientOrderId,
      side: current.side === 'buy' ? 'BUY' : 'SELL',
      quantity: formatQty(inst, qty),
      price: formatPrice(inst, price),
    },
  };
}

const STATUS: Record<string, VenueOrderStatus> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
  REJECTED: 'rejected',
};

const TYPE: Record<string, OrderType> = {
  LIMIT: 'limit',
  MARKET: 'market',
  STOP: 'stop_limit',
  TAKE_PROFIT: 'stop_limit',
  STOP_MARKET: 'stop_market',
  TAKE_PROFIT_MARKET: 'stop_market',
  TRAILING_STOP_MARKET: 'stop_market',
};

export function usdmOrderState(inst: Instrument, o: UsdmWireOrder): Wire<VenueOrderState> {
  const status = STATUS[o.status];
  const type = TYPE[o.origType ?? o.type] ?? TYPE[o.type];
  if (!status || !type) return { ok: false, reason: `order ${o.clientOrderId}: unknown status ${o.status} or type ${o.type}` };
  const amounts = orderAmounts(inst, o);
  if (!amounts.ok) return amounts;
  const tif: TimeInForce = o.timeInForce === 'IOC' || o.timeInForce === 'FOK' || o.timeInForce === 'GTD' ? o.timeInForce : 'GTC';
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
      ...(o.time !== undefined ? { createdAt: o.time } : {}),
      postOnly: o.timeInForce === 'GTX',
      reduceOnly: o.reduceOnly === true,
      updatedAt: o.updateTime ?? o.time ?? 0,
    },
  };
}
