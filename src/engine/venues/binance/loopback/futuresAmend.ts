/**
 * PUT /fapi/v1/order (USD-M "Modify Order"): the parameters read as Binance reads them. symbol,
 * side, quantity and price are all mandatory (unlike COIN-M, where either may be left out), and the
 * order is named by orderId or origClientOrderId.
 */
import { parseAmount } from './amounts';
import { errors, isVenueError, type VenueError } from './binanceErrors';
import type { FuturesAmend, LoopbackExchange } from './exchange';
import type { FuturesLedger } from './futuresLedger';
import { futuresOrder } from './futuresWire';
import type { Params } from './orderParams';
import { callerOf, orderTarget, type RouteContext } from './routeKit';

function decimal(p: Params, name: string): { text: string; value: bigint } | VenueError {
  const text = p.get(name);
  if (text === undefined) return errors.mandatory(name);
  const r = parseAmount(text);
  if (r.ok) return { text, value: r.value };
  return r.reason === 'illegal' ? errors.illegalChars(name) : errors.futuresTooMuchPrecision();
}

export function amendOrder(exchange: LoopbackExchange<FuturesLedger>, ctx: RouteContext): object | VenueError {
  const t = orderTarget(exchange, ctx.params);
  if (isVenueError(t)) return t;
  const side = ctx.params.get('side');
  if (side === undefined) return errors.mandatory('side');
  if (side !== 'BUY' && side !== 'SELL') return errors.invalidSide();
  const quantity = decimal(ctx.params, 'quantity');
  if (isVenueError(quantity)) return quantity;
  const price = decimal(ctx.params, 'price');
  if (isVenueError(price)) return price;
  const change: FuturesAmend = { side, priceText: price.text, price: price.value, quantityText: quantity.text, quantity: quantity.value };
  const o = exchange.amend(callerOf(ctx).account, t.spec.symbol, t.ref, change);
  return isVenueError(o) ? o : futuresOrder(t.spec, o);
}
