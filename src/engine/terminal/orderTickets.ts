import { SqError, type Side, type Symbol, type VenueId } from '../core';
import { parsePrice, parseQty, type Instrument, type InstrumentRegistry } from '../instruments';
import type { BracketRequest, OcoRequest, OrderChange, OrderRequest } from '../oms';

/**
 * Orders as a view sends them: prices and quantities as decimal strings, parsed here against the
 * instrument into ticks and lots. A value off the instrument's grid is INVALID_INPUT with its reason.
 */
/** An OrderRequest with its amounts as the trader typed them. */
export type OrderTicket = Omit<OrderRequest, 'price' | 'stopPrice' | 'qty'> & { price?: string; stopPrice?: string; qty: string };

export interface BracketTicket {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: string;
  entryType: 'limit' | 'market';
  entryPrice?: string;
  tif?: 'GTC' | 'DAY';
  takeProfitPrice: string;
  stopLossPrice: string;
  stopLossLimitPrice?: string;
}

export interface OcoTicket {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: string;
  limitPrice: string;
  stopPrice: string;
  stopLimitPrice?: string;
  tif?: 'GTC' | 'DAY';
}

export type AmendTicket = { [K in keyof OrderChange]?: string };

export function orderRequest(registry: InstrumentRegistry, t: OrderTicket): OrderRequest {
  const inst = instrument(registry, t.venue, t.symbol);
  const req: OrderRequest = { venue: t.venue, symbol: t.symbol, side: t.side, type: t.type, qty: qty(inst, t.qty) };
  if (t.clientOrderId !== undefined) req.clientOrderId = t.clientOrderId;
  if (t.tif !== undefined) req.tif = t.tif;
  if (t.postOnly !== undefined) req.postOnly = t.postOnly;
  if (t.reduceOnly !== undefined) req.reduceOnly = t.reduceOnly;
  if (t.price !== undefined) req.price = price(inst, t.price, 'price');
  if (t.stopPrice !== undefined) req.stopPrice = price(inst, t.stopPrice, 'stop price');
  if (t.expireAt !== undefined) req.expireAt = t.expireAt;
  if (t.product !== undefined) req.product = t.product;
  if (t.afterMarket === true) req.afterMarket = true;
  return req;
}

export function bracketRequest(registry: InstrumentRegistry, t: BracketTicket): BracketRequest {
  const inst = instrument(registry, t.venue, t.symbol);
  const entry: OrderRequest = { venue: t.venue, symbol: t.symbol, side: t.side, type: t.entryType, qty: qty(inst, t.qty) };
  if (t.entryPrice !== undefined) entry.price = price(inst, t.entryPrice, 'entry price');
  if (t.tif !== undefined && t.entryType === 'limit') entry.tif = t.tif;
  const stopLoss: BracketRequest['stopLoss'] = { stopPrice: price(inst, t.stopLossPrice, 'stop-loss price') };
  if (t.stopLossLimitPrice !== undefined) stopLoss.price = price(inst, t.stopLossLimitPrice, 'stop-loss limit price');
  return { entry, takeProfit: { price: price(inst, t.takeProfitPrice, 'take-profit price') }, stopLoss };
}

/** A limit leg and a stop leg on the same side and size. */
export function ocoRequest(registry: InstrumentRegistry, t: OcoTicket): OcoRequest {
  const inst = instrument(registry, t.venue, t.symbol);
  const base = { venue: t.venue, symbol: t.symbol, side: t.side, qty: qty(inst, t.qty), tif: t.tif ?? 'GTC' } as const;
  const stop: OrderRequest = { ...base, type: t.stopLimitPrice === undefined ? 'stop_market' : 'stop_limit', stopPrice: price(inst, t.stopPrice, 'stop price') };
  if (t.stopLimitPrice !== undefined) stop.price = price(inst, t.stopLimitPrice, 'stop-limit price');
  else stop.tif = 'GTC';
  return { legs: [{ ...base, type: 'limit', price: price(inst, t.limitPrice, 'limit price') }, stop] };
}

export function orderChange(registry: InstrumentRegistry, venue: VenueId, symbol: Symbol, t: AmendTicket): OrderChange {
  const inst = instrument(registry, venue, symbol);
  const change: OrderChange = {};
  if (t.price !== undefined) change.price = price(inst, t.price, 'price');
  if (t.stopPrice !== undefined) change.stopPrice = price(inst, t.stopPrice, 'stop price');
  if (t.qty !== undefined) change.qty = qty(inst, t.qty);
  return change;
}

function instrument(registry: InstrumentRegistry, venue: VenueId, symbol: Symbol): Instrument {
  const inst = registry.get(venue, symbol);
  if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${venue}:${symbol}`);
  return inst;
}

function qty(inst: Instrument, text: string): number {
  const parsed = parseQty(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `quantity ${text}: ${parsed.reason}`);
  return parsed.value;
}

function price(inst: Instrument, text: string, what: string): number {
  const parsed = parsePrice(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `${what} ${text}: ${parsed.reason}`);
  return parsed.value;
}
