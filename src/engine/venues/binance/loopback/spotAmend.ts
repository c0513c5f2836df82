/**
 * PUT /api/v3/order/amend/keepPriority (spot "Order Amend Keep Priority"): the parameters read as
 * Binance reads them. symbol and newQty are mandatory, the order is named by orderId or
 * origClientOrderId, and newClientOrderId (optional) is the id the order goes on with: without it
 * Binance makes one up, so a connector that wants to keep its own id sends it again.
 */
import { parseAmount } from './amounts';
import { errors, isVenueError, type VenueError } from './binanceErrors';
import type { LoopbackExchange } from './exchange';
import { CLIENT_ORDER_ID } from './orderParams';
import { callerOf, orderTarget, type RouteContext } from './routeKit';
import type { SpotLedger } from './spotLedger';
import { spotAmendResponse } from './spotWire';

export function amendKeepPriority(exchange: LoopbackExchange<SpotLedger>, ctx: RouteContext, lastExecutionId: () => number): object | VenueError {
  const t = orderTarget(exchange, ctx.params);
  if (isVenueError(t)) return t;
  const text = ctx.params.get('newQty');
  if (text === undefined) return errors.mandatory('newQty');
  const qty = parseAmount(text);
  if (!qty.ok) return qty.reason === 'illegal' ? errors.illegalChars('newQty') : errors.spotTooMuchPrecision('newQty');
  const newClientOrderId = ctx.params.get('newClientOrderId');
  if (newClientOrderId !== undefined && !CLIENT_ORDER_ID.test(newClientOrderId)) return errors.illegalValue('newClientOrderId', '^[\\.A-Z\\:/a-z0-9_-]{1,36}$');
  const before = exchange.query(callerOf(ctx).account, t.spec.symbol, t.ref);
  const r = exchange.amendKeepPriority(callerOf(ctx).account, t.spec.symbol, t.ref, { text, value: qty.value }, newClientOrderId);
  if (isVenueError(r)) return r;
  // The execution report of this amendment was rendered synchronously: its id is the last one given.
  return spotAmendResponse(r.order, isVenueError(before) ? r.order.clientOrderId : before.clientOrderId, r.time, lastExecutionId());
}
