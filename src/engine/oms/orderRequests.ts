import type { VenueOrderRequest } from '../venues';
import type { Order, OrderRequest } from './types';

/** The request a venue gets for an order. */
export function venueRequest(o: Order): VenueOrderRequest {
  const req: VenueOrderRequest = {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    tif: o.tif,
    postOnly: o.postOnly,
    reduceOnly: o.reduceOnly,
    qty: o.qty,
  };
  if (o.price !== undefined) req.price = o.price;
  if (o.stopPrice !== undefined) req.stopPrice = o.stopPrice;
  if (o.expireAt !== undefined) req.expireAt = o.expireAt;
  if (o.product !== undefined) req.product = o.product;
  if (o.afterMarket === true) req.afterMarket = true;
  return req;
}

/** Every request risk sees has one shape (all fields, absent ones undefined): its field reads stay monomorphic. */
export function riskRequest(r: OrderRequest, clientOrderId = r.clientOrderId): OrderRequest {
  return {
    clientOrderId,
    venue: r.venue,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    tif: r.tif,
    postOnly: r.postOnly,
    reduceOnly: r.reduceOnly,
    price: r.price,
    stopPrice: r.stopPrice,
    expireAt: r.expireAt,
    product: r.product,
    afterMarket: r.afterMarket,
    qty: r.qty,
  };
}

/** An order's terms as a request (what an amend is checked as). */
export function requestOf(o: Order): OrderRequest {
  return { ...venueRequest(o), venue: o.venue };
}

/** A buy bracket takes profit above and stops out below its entry; a sell bracket the reverse. */
export function bracketSideProblem(entry: Order, tp: Order, sl: Order): string | undefined {
  const up = entry.side === 'buy' ? 1 : -1;
  if (entry.price !== undefined) {
    if ((tp.price! - entry.price) * up <= 0) return `the take-profit must be ${up > 0 ? 'above' : 'below'} the entry price`;
    if ((entry.price - sl.stopPrice!) * up <= 0) return `the stop-loss must be ${up > 0 ? 'below' : 'above'} the entry price`;
  }
  if ((tp.price! - sl.stopPrice!) * up <= 0) return `the take-profit must be ${up > 0 ? 'above' : 'below'} the stop-loss`;
  return undefined;
}
