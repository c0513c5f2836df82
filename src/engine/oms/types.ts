import type { Liquidity, Lots, OrderType, QuoteUnits, Side, Source, Symbol, Ticks, TimeInForce, VenueId } from '../core/types';

/**
 * Order lifecycle (v1). Terminal states: filled, canceled, rejected.
 *   submitted -> accepted | rejected | canceled(IOC/market remainder)
 *   accepted -> partially_filled | filled | canceled
 *   partially_filled -> partially_filled | filled | canceled
 */
export type OrderStatus = 'submitted' | 'accepted' | 'partially_filled' | 'filled' | 'canceled' | 'rejected';

export interface Order {
  clientOrderId: string;
  venueOrderId?: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  price?: Ticks; // absent for market orders
  qty: Lots;
  filledQty: Lots;
  /** Sum of fill price * fill qty, in ticks*lots; average price = filledValue / filledQty. */
  filledValue: number;
  fees: QuoteUnits;
  status: OrderStatus;
  rejectReason?: string;
  /** Why the order ended canceled when it was not simply asked for (IOC remainder, restart reconcile). */
  cancelReason?: string;
  source: Source;
  createdAt: number;
  updatedAt: number;
}

export interface Fill {
  fillId: string;
  clientOrderId: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  price: Ticks;
  qty: Lots;
  liquidity: Liquidity;
  fee: QuoteUnits;
  ts: number;
}

/** What a caller asks for; prices and quantities already parsed to ticks and lots. */
export interface OrderRequest {
  clientOrderId?: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif?: TimeInForce;
  postOnly?: boolean;
  price?: Ticks;
  qty: Lots;
}

export const isWorking = (o: Order): boolean =>
  o.status === 'submitted' || o.status === 'accepted' || o.status === 'partially_filled';
