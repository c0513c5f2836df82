/**
 * Between our orders (integer ticks and lots) and ccxt's unified order, trade and balance shapes
 * (numbers parsed from the venue's decimal text). A number is turned back into that decimal text
 * (decimalText) and read with the instrument's scale: an amount that is not a whole number of ticks or
 * lots is refused, never rounded.
 */
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { Liquidity, OrderType, QuoteUnits, Side, TimeInForce } from '../../core';
import { formatPrice, formatQty, parsePrice, parseQty, quoteDecimals, type Instrument } from '../../instruments';
import type { VenueFill, VenueOrderRequest, VenueOrderState, VenueOrderStatus } from '../types';
import { decimalText, scaledRound } from './decimalText';

export type Wire<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The arguments of ccxt's createOrder(symbol, type, side, amount, price, params). */
export interface CreateOrderArgs {
  symbol: string;
  type: 'limit' | 'market';
  side: Side;
  amount: number;
  price: number | undefined;
  params: Record<string, unknown>;
}

/** `spot`: the instrument trades on a spot market, where reduce-only does not exist. */
export function createOrderArgs(inst: Instrument, req: VenueOrderRequest, spot: boolean): Wire<CreateOrderArgs> {
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return { ok: false, reason: 'quantity must be a positive whole number of lots' };
  if (req.reduceOnly && spot) return { ok: false, reason: 'reduce-only orders do not exist on a spot market' };
  if (req.tif === 'GTD' || req.tif === 'DAY') return { ok: false, reason: `time in force ${req.tif} is not supported by the ccxt connector (GTC, IOC or FOK)` };
  // ccxt's unified params: clientOrderId (sent as the venue's own field, newClientOrderId at Binance).
  const params: Record<string, unknown> = { clientOrderId: req.clientOrderId };
  if (req.reduceOnly) params['reduceOnly'] = true;
  const stop = req.type === 'stop_market' || req.type === 'stop_limit';
  if (stop) {
    if (req.stopPrice === undefined || !Number.isSafeInteger(req.stopPrice) || req.stopPrice <= 0) return { ok: false, reason: 'a stop order needs a positive stop price in ticks' };
    params['triggerPrice'] = Number(formatPrice(inst, req.stopPrice));
  }
  const limit = req.type === 'limit' || req.type === 'stop_limit';
  const amount = Number(formatQty(inst, req.qty));
  if (!limit) {
    if (req.postOnly) return { ok: false, reason: 'a market order cannot be post-only' };
    return { ok: true, value: { symbol: inst.venueSymbol, type: 'market', side: req.side, amount, price: undefined, params } };
  }
  if (req.price === undefined || !Number.isSafeInteger(req.price) || req.price <= 0) return { ok: false, reason: 'a limit order needs a positive price in ticks' };
  if (req.postOnly) {
    if (req.tif !== 'GTC') return { ok: false, reason: `a post-only order rests until canceled: ${req.tif} does not apply` };
    params['postOnly'] = true;
  } else params['timeInForce'] = req.tif;
  return { ok: true, value: { symbol: inst.venueSymbol, type: 'limit', side: req.side, amount, price: Number(formatPrice(inst, req.price)), params } };
}

const STATUS: Record<string, VenueOrderStatus> = { open: 'open', closed: 'filled', canceled: 'canceled', cancelled: 'canceled', expired: 'expired', rejected: 'rejected' };

function amountOf(inst: Instrument, what: 'price' | 'qty', n: number | undefined): Wire<number | undefined> {
  if (n === undefined || n === null || n === 0) return { ok: true, value: undefined };
  const text = decimalText(n);
  if (text === undefined) return { ok: false, reason: `${what} ${n} is not a decimal` };
  return what === 'price' ? parsePrice(inst, text) : parseQty(inst, text);
}

export function orderTypeOf(o: Pick<CcxtOrder, 'type' | 'triggerPrice'>): OrderType {
  const limit = (o.type ?? 'limit').includes('limit');
  if (o.triggerPrice) return limit ? 'stop_limit' : 'stop_market';
  return limit ? 'limit' : 'market';
}

/** `clientOrderId`: ours when the query was by it (some venues leave it out of their answer). */
export function orderState(inst: Instrument, o: CcxtOrder, clientOrderId?: string): Wire<VenueOrderState> {
  const status = STATUS[o.status ?? ''];
  const id = clientOrderId ?? o.clientOrderId;
  if (!status) return { ok: false, reason: `order ${id ?? o.id}: unknown status ${o.status}` };
  const qty = amountOf(inst, 'qty', o.amount);
  const filled = amountOf(inst, 'qty', o.filled);
  const price = amountOf(inst, 'price', o.price);
  const stopPrice = amountOf(inst, 'price', o.triggerPrice);
  for (const [what, r] of [['amount', qty], ['filled', filled], ['price', price], ['triggerPrice', stopPrice]] as const) {
    if (!r.ok) return { ok: false, reason: `order ${id ?? o.id}: ${what} does not fit ${inst.symbol}: ${r.reason}` };
  }
  if (!qty.ok || qty.value === undefined) return { ok: false, reason: `order ${id ?? o.id}: no amount` };
  const type = orderTypeOf(o);
  const tif: TimeInForce = o.timeInForce === 'IOC' || o.timeInForce === 'FOK' ? o.timeInForce : 'GTC';
  const stop = type === 'stop_market' || type === 'stop_limit';
  // ccxt has no "triggered" flag: a stop still open with nothing filled is taken as waiting for its trigger.
  const untriggered = stop && status === 'open' && (filled.ok ? (filled.value ?? 0) : 0) === 0;
  const state: VenueOrderState = {
    clientOrderId: id ?? `venue-${o.id}`,
    venueOrderId: String(o.id),
    symbol: inst.symbol,
    side: o.side === 'sell' ? 'sell' : 'buy',
    type,
    tif,
    qty: qty.value,
    filledQty: filled.ok ? (filled.value ?? 0) : 0,
    status: untriggered ? 'untriggered' : status,
    triggered: stop && !untriggered,
    updatedAt: o.lastUpdateTimestamp ?? o.timestamp ?? 0,
  };
  if (price.ok && price.value !== undefined && (type === 'limit' || type === 'stop_limit')) state.price = price.value;
  if (stopPrice.ok && stopPrice.value !== undefined) state.stopPrice = stopPrice.value;
  if (o.timestamp !== undefined) state.createdAt = o.timestamp;
  if (o.reduceOnly) state.reduceOnly = true;
  if (o.postOnly) state.postOnly = true;
  return { ok: true, value: state };
}

/** A fill's id at our venue: the market and the venue's trade id (trade ids are per market at many venues). */
export const fillIdOf = (inst: Instrument, tradeId: string): string => `${inst.venueSymbol}#${tradeId}`;

export interface ParsedTrade {
  fill: VenueFill;
  /** A fee in another asset than base or quote: not counted in `fee`, reported for the log. */
  feeUnvalued?: string;
}

/** One of our trades as ccxt reports it (fetchMyTrades, watchMyTrades); the caller knows its clientOrderId. */
export function parseTrade(inst: Instrument, t: CcxtTrade, clientOrderId: string): Wire<ParsedTrade> {
  if (t.id === undefined || t.id === null) return { ok: false, reason: 'trade without an id' };
  const price = amountOf(inst, 'price', t.price);
  const qty = amountOf(inst, 'qty', t.amount);
  if (!price.ok || price.value === undefined) return { ok: false, reason: `trade ${t.id}: price does not fit ${inst.symbol}${price.ok ? '' : `: ${price.reason}`}` };
  if (!qty.ok || qty.value === undefined) return { ok: false, reason: `trade ${t.id}: amount does not fit ${inst.symbol}${qty.ok ? '' : `: ${qty.reason}`}` };
  const fee = feeOf(inst, t, price.value);
  const liquidity: Liquidity = t.takerOrMaker === 'maker' ? 'maker' : 'taker';
  const fill: VenueFill = {
    fillId: fillIdOf(inst, String(t.id)),
    clientOrderId,
    symbol: inst.symbol,
    side: t.side === 'sell' ? 'sell' : 'buy',
    price: price.value,
    qty: qty.value,
    liquidity,
    fee: fee.units,
    ts: t.timestamp ?? 0,
  };
  return { ok: true, value: fee.unvalued ? { fill, feeUnvalued: fee.unvalued } : { fill } };
}

/** The fee in QuoteUnits: a quote-currency fee as is, a base-currency fee valued at the fill price (rounded half up). */
function feeOf(inst: Instrument, t: CcxtTrade, priceTicks: number): { units: QuoteUnits; unvalued?: string } {
  const listed = (t as { fees?: { cost?: number; currency?: string }[] }).fees;
  const fees = listed && listed.length > 0 ? listed : t.fee ? [t.fee] : [];
  let units = 0;
  const unvalued: string[] = [];
  for (const f of fees) {
    if (f.cost === undefined || f.cost === 0) continue;
    if (f.currency === inst.quote) {
      const v = scaledRound(f.cost, quoteDecimals(inst));
      if (v === undefined) unvalued.push(`${f.cost} ${f.currency}`);
      else units += v;
    } else if (f.currency === inst.base) {
      // cost (base) * price: the cost scaled to qtyDecimals, times the price in 10^-priceDecimals.
      const v = scaledRound(f.cost, inst.qtyDecimals + 8);
      if (v === undefined) unvalued.push(`${f.cost} ${f.currency}`);
      else {
        const value = BigInt(v) * BigInt(priceTicks * inst.tickSize);
        const div = 10n ** 8n;
        units += Number((value + div / 2n) / div);
      }
    } else unvalued.push(`${f.cost} ${f.currency ?? '?'}`);
  }
  return unvalued.length > 0 ? { units, unvalued: unvalued.join(', ') } : { units };
}
