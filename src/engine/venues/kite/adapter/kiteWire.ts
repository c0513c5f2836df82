/**
 * Kite Connect v3's JSON as it arrives (orders, trades, positions, holdings, margins), and the
 * conversions to our integer ticks and lots. Kite writes prices as rupee numbers (109.4) and
 * quantities in units (shares; F&O contracts in units, a multiple of the lot size); times as
 * "YYYY-MM-DD HH:MM:SS" in India Standard Time (UTC+05:30, no daylight saving).
 */
import type { Lots, OrderType, Product, Side, Symbol, Ticks, TimeInForce } from '../../../core';
import type { Instrument } from '../../../instruments';

export interface KiteOrderWire {
  order_id: string;
  exchange_order_id?: string | null;
  parent_order_id?: string | null;
  status: string;
  status_message?: string | null;
  status_message_raw?: string | null;
  order_timestamp?: string | null;
  exchange_update_timestamp?: string | null;
  exchange_timestamp?: string | null;
  variety: string;
  exchange: string;
  tradingsymbol: string;
  instrument_token?: number;
  order_type: string;
  transaction_type: string;
  validity?: string;
  validity_ttl?: number | null;
  product: string;
  quantity: number;
  price: number;
  trigger_price: number;
  average_price?: number;
  filled_quantity: number;
  pending_quantity?: number;
  cancelled_quantity?: number;
  tag?: string | null;
  tags?: string[] | null;
}

export interface KiteTradeWire {
  trade_id: string;
  order_id: string;
  exchange: string;
  tradingsymbol: string;
  product?: string;
  average_price: number;
  quantity: number;
  transaction_type: string;
  fill_timestamp?: string | null;
  exchange_timestamp?: string | null;
}

export interface KitePositionWire {
  tradingsymbol: string;
  exchange: string;
  product: string;
  quantity: number;
  overnight_quantity?: number;
  multiplier?: number;
  average_price: number;
  last_price?: number;
  pnl?: number;
  m2m?: number;
  unrealised?: number;
  realised?: number;
}

export interface KiteHoldingWire {
  tradingsymbol: string;
  exchange: string;
  quantity: number;
  used_quantity?: number;
  t1_quantity?: number;
  collateral_quantity?: number;
  collateral_type?: string;
  average_price?: number;
  last_price?: number;
  pnl?: number;
}

export interface KiteSegmentMargins {
  enabled?: boolean;
  net?: number;
  available?: { cash?: number; collateral?: number; live_balance?: number; opening_balance?: number; intraday_payin?: number; adhoc_margin?: number };
  utilised?: { debits?: number; exposure?: number; span?: number; m2m_realised?: number; m2m_unrealised?: number; option_premium?: number };
}

export interface KiteGttWire {
  id: number;
  type: string;
  status: string;
  condition: { exchange: string; tradingsymbol: string; trigger_values: number[]; last_price?: number };
  orders: { exchange: string; tradingsymbol: string; transaction_type: string; quantity: number; order_type: string; product: string; price: number }[];
  created_at?: string;
  updated_at?: string;
  expires_at?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const IST_OFFSET_MS = 5.5 * 3_600_000;

/** "2021-05-31 09:18:57" (IST) -> epoch ms; undefined when absent or unreadable. */
export function istTime(text: string | null | undefined): number | undefined {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text) : null;
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - IST_OFFSET_MS;
}

/** Epoch ms -> "YYYY-MM-DD HH:MM:SS" in IST. */
export function istText(ms: number): string {
  const d = new Date(ms + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** A Kite price (rupees) as ticks; refused when it is not a whole number of ticks. */
export function ticksOf(inst: Instrument, price: number): Parsed<Ticks> {
  const units = Math.round(price * 10 ** inst.priceDecimals);
  if (!Number.isFinite(units) || Math.abs(units - price * 10 ** inst.priceDecimals) > 1e-6 * Math.max(1, Math.abs(units))) return { ok: false, reason: `price ${price} has more decimals than ${inst.symbol} allows` };
  if (units % inst.tickSize !== 0) return { ok: false, reason: `price ${price} is not a multiple of ${inst.symbol}'s tick size` };
  return { ok: true, value: units / inst.tickSize };
}

/** An average (a position's, a holding's): the nearest tick, since an average need not be on a tick. */
export const nearestTicks = (inst: Instrument, price: number): Ticks => Math.round((price * 10 ** inst.priceDecimals) / inst.tickSize);

/** A Kite quantity (units) as lots; refused when it is not a whole number of lots. */
export function lotsOf(inst: Instrument, quantity: number): Parsed<Lots> {
  const units = Math.round(quantity * 10 ** inst.qtyDecimals);
  if (!Number.isFinite(units) || units % inst.lotSize !== 0) return { ok: false, reason: `quantity ${quantity} is not a whole number of ${inst.symbol}'s lots` };
  return { ok: true, value: units / inst.lotSize };
}

/** Lots as Kite's integer quantity in units. */
export const unitsOf = (inst: Instrument, lots: Lots): number => (lots * inst.lotSize) / 10 ** inst.qtyDecimals;

/** A rupee amount as decimal text to the paisa (Kite's JSON floats carry binary noise: 99725.05000000002). */
export const rupees = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '0.00' : n.toFixed(2));

/** Our symbol for a Kite instrument: EXCHANGE:TRADINGSYMBOL. */
export const kiteSymbol = (exchange: string, tradingsymbol: string): Symbol => `${exchange}:${tradingsymbol}`;

export function exchangeAndTradingSymbol(inst: Instrument): { exchange: string; tradingsymbol: string } {
  const at = inst.symbol.indexOf(':');
  return at > 0 ? { exchange: inst.symbol.slice(0, at), tradingsymbol: inst.symbol.slice(at + 1) } : { exchange: 'NSE', tradingsymbol: inst.venueSymbol };
}

export const sideOf = (t: string): Side => (t === 'SELL' ? 'sell' : 'buy');
export const transactionType = (s: Side): string => (s === 'sell' ? 'SELL' : 'BUY');

const ORDER_TYPES: Readonly<Record<OrderType, string>> = { market: 'MARKET', limit: 'LIMIT', stop_limit: 'SL', stop_market: 'SL-M' };
export const kiteOrderType = (t: OrderType): string => ORDER_TYPES[t];
export function orderTypeOf(t: string): OrderType {
  if (t === 'MARKET') return 'market';
  if (t === 'SL') return 'stop_limit';
  if (t === 'SL-M') return 'stop_market';
  return 'limit';
}

export const tifOf = (validity: string | undefined): TimeInForce => (validity === 'IOC' ? 'IOC' : validity === 'TTL' ? 'GTD' : 'DAY');
export const productOf = (p: string): Product | undefined => (p === 'CNC' || p === 'MIS' || p === 'NRML' ? p : undefined);

/**
 * Kite's order statuses. Until an order leaves the first three Kite has not said whether it takes it
 * (its RMS may still reject it); every other status is Kite's word that it does (or did).
 */
export const PENDING_VALIDATION: ReadonlySet<string> = new Set(['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING']);
export const LIVE_STATUSES: ReadonlySet<string> = new Set(['OPEN', 'TRIGGER PENDING', 'AMO REQ RECEIVED', 'MODIFY VALIDATION PENDING', 'MODIFY PENDING', 'CANCEL PENDING', 'MODIFIED', ...PENDING_VALIDATION]);
export const isOpenStatus = (status: string): boolean => LIVE_STATUSES.has(status);
