/**
 * The loopback venue's own records: orders as the venue holds them and the trades it printed. They
 * are rendered into each market's wire format (spotWire.ts, futuresWire.ts) only at the edge.
 */
import type { BookOrder, Side } from './orderBook';

export type { Side };
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
/** GTX (post-only) exists on USD-M only. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
/**
 * AMENDMENT: USD-M's order modification (PUT /fapi/v1/order) took effect. REPLACED: spot's Order Amend
 * Keep Priority (PUT /api/v3/order/amend/keepPriority) reduced the order's quantity in place.
 */
export type ExecType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'AMENDMENT' | 'REPLACED';
export type RespType = 'ACK' | 'RESULT' | 'FULL';

export const WORKING: ReadonlySet<OrderStatus> = new Set(['NEW', 'PARTIALLY_FILLED']);

/** One execution of one order (each trade prints one for its maker and one for its taker). */
export interface TradeRecord {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly account: string;
  readonly side: Side;
  readonly price: bigint;
  readonly qty: bigint;
  readonly quoteQty: bigint;
  readonly commission: bigint;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isMaker: boolean;
  /** USD-M: the profit this execution realised on the position (0 when it opened or added). */
  readonly realizedPnl: bigint;
}

export interface VenueOrder extends BookOrder {
  readonly orderId: number;
  readonly symbol: string;
  /** The account's name (several API keys may trade one account). */
  readonly account: string;
  readonly clientOrderId: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** 0 for MARKET orders. */
  readonly price: bigint;
  readonly origQty: bigint;
  readonly reduceOnly: boolean;
  readonly time: number;
  leaves: bigint;
  executedQty: bigint;
  cumQuote: bigint;
  status: OrderStatus;
  updateTime: number;
  /** When the order went on the book (or was accepted, for one that never rests). */
  workingTime: number;
  /** A cancel request's own client id (spot: newClientOrderId on DELETE, or one Binance made up). */
  cancelClientOrderId?: string;
  /** Spot: how many times Order Amend Keep Priority changed it (MAX_NUM_ORDER_AMENDS counts these). */
  amends: number;
  /** Spot: what is still locked for this order (quote for a buy, base for a sell). */
  reserved: bigint;
  /** Executions of this order, oldest first. */
  readonly fills: TradeRecord[];
}

/** An order frozen as it was when an event or response about it was made. */
export type OrderView = Readonly<Omit<VenueOrder, 'fills'>> & { readonly fills: readonly TradeRecord[] };

export const viewOf = (o: VenueOrder): OrderView => ({ ...o, fills: [...o.fills] });

/** What a user data stream reports about an order: one execution report. */
export interface OrderUpdate {
  readonly order: OrderView;
  readonly execType: ExecType;
  /** The execution, for TRADE. */
  readonly trade?: TradeRecord;
  /** REPLACED: the client order id the order had before the amendment (`C`; it may have been given a new one). */
  readonly origClientOrderId?: string;
  readonly time: number;
}

/** An order request as the venue understood its parameters. */
export interface OrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  /** Exactly as sent: the filters judge the text (its decimals), the book takes the value. */
  priceText?: string;
  quantityText: string;
  price: bigint;
  quantity: bigint;
  clientOrderId?: string;
  respType?: RespType;
  reduceOnly: boolean;
}
