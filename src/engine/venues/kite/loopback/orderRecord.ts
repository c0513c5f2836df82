/**
 * An order at the loopback Kite venue, its status history (GET /orders/:id answers every state the
 * order went through, as Kite does) and its trades, with the JSON shapes of orders.json,
 * order_info.json, order_trades.json and postback.json.
 */
import { createHash } from 'node:crypto';
import type { LoopbackInstrument } from './instrumentsCsv';
import { kiteTimestamp } from './marketHours';
import { rupees } from './units';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';
export type Product = 'CNC' | 'MIS' | 'NRML';
export type Validity = 'DAY' | 'IOC' | 'TTL';
export type Variety = 'regular' | 'amo';

/** Kite's order statuses; the transient ones appear in the history only. */
export type OrderStatus =
  | 'PUT ORDER REQ RECEIVED'
  | 'VALIDATION PENDING'
  | 'OPEN PENDING'
  | 'OPEN'
  | 'TRIGGER PENDING'
  | 'AMO REQ RECEIVED'
  | 'MODIFY VALIDATION PENDING'
  | 'MODIFY PENDING'
  | 'MODIFIED'
  | 'UPDATE'
  | 'CANCEL PENDING'
  | 'COMPLETE'
  | 'CANCELLED'
  | 'REJECTED';

export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['COMPLETE', 'CANCELLED', 'REJECTED']);

export interface OrderTerms {
  variety: Variety;
  side: Side;
  orderType: OrderType;
  product: Product;
  validity: Validity;
  validityTtl: number | null;
  quantity: number;
  disclosedQuantity: number;
  price: number; // units; 0 for MARKET / SL-M
  triggerPrice: number; // units; 0 unless SL / SL-M
  marketProtection: number;
  tag: string | null;
}

export interface Trade {
  tradeId: string;
  quantity: number;
  price: number; // units
  time: number;
}

export class KiteOrder {
  status: OrderStatus = 'PUT ORDER REQ RECEIVED';
  statusMessage: string | null = null;
  filledQuantity = 0;
  cancelledQuantity = 0;
  /** Sum of price x quantity of the fills, in units. */
  filledValue = 0;
  exchangeOrderId: string | null = null;
  exchangeTimestamp: number | null = null;
  exchangeUpdateTimestamp: number | null = null;
  modified = false;
  /** SL / SL-M orders become active once the last price crosses their trigger. */
  triggered = false;
  readonly trades: Trade[] = [];
  readonly history: Record<string, unknown>[] = [];

  constructor(
    readonly orderId: string,
    readonly instrument: LoopbackInstrument,
    public terms: OrderTerms,
    readonly placedBy: string,
    public orderTimestamp: number,
    readonly guid: string,
  ) {}

  get pendingQuantity(): number {
    return this.terms.quantity - this.filledQuantity - this.cancelledQuantity;
  }

  get averagePrice(): number {
    return this.filledQuantity === 0 ? 0 : this.filledValue / this.filledQuantity;
  }

  get isFinal(): boolean {
    return FINAL_STATUSES.has(this.status);
  }

  /** The order as GET /orders lists it (orders.json). */
  toJson(): Record<string, unknown> {
    const t = this.terms;
    const ts = (ms: number | null) => (ms === null ? null : kiteTimestamp(ms));
    return {
      placed_by: this.placedBy,
      order_id: this.orderId,
      exchange_order_id: this.exchangeOrderId,
      parent_order_id: null,
      status: this.status,
      status_message: this.statusMessage,
      status_message_raw: this.statusMessage,
      order_timestamp: kiteTimestamp(this.orderTimestamp),
      exchange_update_timestamp: ts(this.exchangeUpdateTimestamp),
      exchange_timestamp: ts(this.exchangeTimestamp),
      variety: t.variety,
      modified: this.modified,
      exchange: this.instrument.exchange,
      tradingsymbol: this.instrument.tradingsymbol,
      instrument_token: this.instrument.token,
      order_type: t.orderType,
      transaction_type: t.side,
      validity: t.validity,
      validity_ttl: t.validityTtl,
      product: t.product,
      quantity: t.quantity,
      disclosed_quantity: t.disclosedQuantity,
      price: rupees(t.price),
      trigger_price: rupees(t.triggerPrice),
      average_price: rupees(Math.round(this.averagePrice)),
      filled_quantity: this.filledQuantity,
      pending_quantity: this.isFinal ? 0 : this.pendingQuantity,
      cancelled_quantity: this.cancelledQuantity,
      market_protection: t.marketProtection,
      meta: {},
      tag: t.tag,
      tags: t.tag === null ? [] : [t.tag],
      guid: this.guid,
    };
  }

  /** Moves to `status` and records the state in the history. */
  enter(status: OrderStatus, now: number, message: string | null = null): void {
    this.status = status;
    if (message !== null) this.statusMessage = message;
    if (this.exchangeOrderId !== null) this.exchangeUpdateTimestamp = now;
    this.history.push(this.toJson());
  }

  /** The order as the ticker's postback carries it (postback.json), checksum = SHA-256(order_id + order_timestamp + api_secret). */
  postback(userId: string, appId: number, apiSecret: string): Record<string, unknown> {
    const o = this.toJson();
    const checksum = createHash('sha256').update(`${this.orderId}${String(o.order_timestamp)}${apiSecret}`).digest('hex');
    return { user_id: userId, unfilled_quantity: 0, app_id: appId, checksum, ...o };
  }

  /** The trades as GET /orders/:id/trades and GET /trades list them (trades.json). */
  tradesJson(): Record<string, unknown>[] {
    return this.trades.map((tr) => ({
      trade_id: tr.tradeId,
      order_id: this.orderId,
      exchange: this.instrument.exchange,
      tradingsymbol: this.instrument.tradingsymbol,
      instrument_token: this.instrument.token,
      product: this.terms.product,
      average_price: rupees(tr.price),
      quantity: tr.quantity,
      exchange_order_id: this.exchangeOrderId,
      transaction_type: this.terms.side,
      fill_timestamp: kiteTimestamp(tr.time),
      order_timestamp: kiteTimestamp(this.orderTimestamp).slice(11),
      exchange_timestamp: kiteTimestamp(tr.time),
    }));
  }
}
