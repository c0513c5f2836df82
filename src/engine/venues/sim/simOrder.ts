import type { Lots, OrderType, Side, Symbol, Ticks, TimeInForce } from '../../core';
import type { VenueOrderState, VenueOrderStatus } from '../types';

/**
 * One user order as the simulated exchange keeps it, from acceptance (or rejection) to its end.
 * Plain data: it is journaled, snapshotted and replayed as it is.
 */
export interface SimOrder {
  clientOrderId: string;
  /** '' for an order the venue rejected (it never got a venue id). */
  venueOrderId: string;
  /** The number inside venueOrderId; also the order's age, which settles ties between stops. */
  orderNo: number;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  price?: Ticks;
  stopPrice?: Ticks;
  /** When a GTD or DAY order ends (for DAY: the 00:00 UTC after acceptance). */
  expireAt?: number;
  /** Total quantity, filled part included. */
  qty: Lots;
  filledQty: Lots;
  status: VenueOrderStatus;
  triggered: boolean;
  reason?: string;
  createdAt: number;
  updatedAt: number;
  /**
   * When the order last joined the queue at its price, as a running number: restoring the book
   * after a restart puts user orders back in this order, so their relative priority survives.
   */
  queueNo: number;
}

export const remainingQty = (o: SimOrder): Lots => o.qty - o.filledQty;

export const isWorking = (status: VenueOrderStatus): boolean => status === 'open' || status === 'untriggered';

/** The order as the VenueAdapter reports it. */
export function toVenueState(o: SimOrder): VenueOrderState {
  const state: VenueOrderState = {
    clientOrderId: o.clientOrderId,
    venueOrderId: o.venueOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    tif: o.tif,
    qty: o.qty,
    filledQty: o.filledQty,
    status: o.status,
    triggered: o.triggered,
    createdAt: o.createdAt,
    reduceOnly: o.reduceOnly,
    postOnly: o.postOnly,
    updatedAt: o.updatedAt,
  };
  if (o.price !== undefined) state.price = o.price;
  if (o.stopPrice !== undefined) state.stopPrice = o.stopPrice;
  if (o.reason !== undefined) state.reason = o.reason;
  return state;
}
