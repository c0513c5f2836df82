/**
 * Order endpoints: POST /orders/:variety (order_response.json), PUT and DELETE
 * /orders/:variety/:order_id (order_modify / order_cancel), GET /orders (orders.json),
 * GET /orders/:order_id (its history, order_info.json), GET /orders/:order_id/trades and GET /trades
 * (trades.json).
 */
import { errors, isKiteError } from './kiteErrors';
import { VARIETIES, isParamError, parseModify, parseNewOrder } from './orderParams';
import type { Variety } from './orderRecord';
import { data, route, type Route } from './routeKit';
import type { KiteVenue } from './venue';

const variety = (v: string | undefined): Variety | undefined => (VARIETIES as readonly string[]).includes(v ?? '') ? (v as Variety) : undefined;

export function orderRoutes(venue: KiteVenue): Route[] {
  return [
    route(
      'POST',
      '/orders/:variety',
      'order',
      ({ path, params }) => {
        const v = variety(path.variety);
        if (!v) return errors.invalid('variety');
        const parsed = parseNewOrder(v, params);
        if (isParamError(parsed)) return parsed;
        const order = venue.place(v, parsed.exchange, parsed.tradingsymbol, parsed.terms, parsed.pricesExact);
        return isKiteError(order) ? order : data({ order_id: order.orderId });
      },
      { ack: 'place' },
    ),
    route(
      'PUT',
      '/orders/:variety/:order_id',
      'other',
      ({ path, params }) => {
        const v = variety(path.variety);
        if (!v) return errors.invalid('variety');
        const order = venue.orders.get(path.order_id!);
        if (!order || order.terms.variety !== v) return errors.noOrder();
        const parsed = parseModify(order.terms, params);
        if (isParamError(parsed)) return parsed;
        const r = venue.modify(order.orderId, parsed.terms, parsed.pricesExact);
        return isKiteError(r) ? r : data({ order_id: r.orderId });
      },
      { ack: 'modify' },
    ),
    route(
      'DELETE',
      '/orders/:variety/:order_id',
      'other',
      ({ path }) => {
        const v = variety(path.variety);
        if (!v) return errors.invalid('variety');
        const order = venue.orders.get(path.order_id!);
        if (!order || order.terms.variety !== v) return errors.noOrder();
        const r = venue.cancel(order.orderId);
        return isKiteError(r) ? r : data({ order_id: r.orderId });
      },
      { ack: 'cancel' },
    ),
    route('GET', '/orders', 'other', () => data([...venue.orders.values()].map((o) => o.toJson()))),
    route('GET', '/orders/:order_id', 'other', ({ path }) => {
      const order = venue.orders.get(path.order_id!);
      return order ? data(order.history) : errors.noOrder();
    }),
    route('GET', '/orders/:order_id/trades', 'other', ({ path }) => {
      const order = venue.orders.get(path.order_id!);
      return order ? data(order.tradesJson()) : errors.noOrder();
    }),
    route('GET', '/trades', 'other', () => data([...venue.orders.values()].flatMap((o) => o.tradesJson()))),
  ];
}
