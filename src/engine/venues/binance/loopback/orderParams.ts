/**
 * Reads the parameters of an order request (POST /api/v3/order, POST /fapi/v1/order) the way Binance
 * does: mandatory parameters first, then their values, each mistake answered with Binance's code and
 * message. What the symbol's filters say about the values is orderFilters.ts.
 */
import { parseAmount } from './amounts';
import { errors, type VenueError } from './binanceErrors';
import type { BinanceMarket } from './config';
import type { OrderRequest, OrderType, RespType, Side, TimeInForce } from './orders';

/** A request's parameters (query string and form body merged, the query string winning, as Binance does). */
export interface Params {
  get(name: string): string | undefined;
}

const SIDES: readonly Side[] = ['BUY', 'SELL'];
const TYPES: Record<BinanceMarket, readonly OrderType[]> = { spot: ['LIMIT', 'MARKET', 'LIMIT_MAKER'], usdm: ['LIMIT', 'MARKET'] };
const TIFS: Record<BinanceMarket, readonly TimeInForce[]> = { spot: ['GTC', 'IOC', 'FOK'], usdm: ['GTC', 'IOC', 'FOK', 'GTX'] };
const RESP_TYPES: readonly RespType[] = ['ACK', 'RESULT', 'FULL'];
/** Binance's rule for client order ids (its -1100 message quotes it). */
export const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const oneOf = <T extends string>(value: string, allowed: readonly T[]): value is T => (allowed as readonly string[]).includes(value);

/** A decimal parameter: illegal characters (-1100) or more than 8 decimals (-1111). */
function decimalParam(p: Params, name: string, market: BinanceMarket): { text: string; value: bigint } | VenueError {
  const text = p.get(name);
  if (text === undefined) return errors.mandatory(name);
  const r = parseAmount(text);
  if (r.ok) return { text, value: r.value };
  if (r.reason === 'illegal') return errors.illegalChars(name);
  return market === 'spot' ? errors.spotTooMuchPrecision(name) : errors.futuresTooMuchPrecision();
}

export function parseOrderRequest(p: Params, market: BinanceMarket): OrderRequest | VenueError {
  const symbol = p.get('symbol');
  if (symbol === undefined) return errors.mandatory('symbol');
  const side = p.get('side');
  if (side === undefined) return errors.mandatory('side');
  const type = p.get('type');
  if (type === undefined) return errors.mandatory('type');
  if (!oneOf(side, SIDES)) return errors.invalidSide();
  if (!oneOf(type, TYPES[market])) return errors.invalidOrderType();

  let timeInForce: TimeInForce = 'GTC';
  const tif = p.get('timeInForce');
  if (type === 'LIMIT') {
    if (tif === undefined) return errors.mandatory('timeInForce');
    if (!oneOf(tif, TIFS[market])) return errors.invalidTimeInForce();
    timeInForce = tif;
  } else if (tif !== undefined && market === 'spot') {
    return errors.notRequired('timeInForce');
  }

  const quantity = decimalParam(p, 'quantity', market);
  if ('code' in quantity) return quantity;
  let price: { text: string; value: bigint } | undefined;
  if (type !== 'MARKET') {
    const r = decimalParam(p, 'price', market);
    if ('code' in r) return r;
    price = r;
  }

  const clientOrderId = p.get('newClientOrderId');
  if (clientOrderId !== undefined && !CLIENT_ORDER_ID.test(clientOrderId)) {
    return errors.illegalValue('newClientOrderId', '^[\\.A-Z\\:/a-z0-9_-]{1,36}$');
  }
  const respType = p.get('newOrderRespType');
  if (respType !== undefined && !oneOf(respType, RESP_TYPES)) return errors.illegalValue('newOrderRespType', 'ACK, RESULT, FULL');
  const reduceOnly = market === 'usdm' ? p.get('reduceOnly') : undefined;
  if (reduceOnly !== undefined && reduceOnly !== 'true' && reduceOnly !== 'false') {
    return errors.illegalValue('reduceOnly', 'true, false');
  }
  const positionSide = market === 'usdm' ? p.get('positionSide') : undefined;
  if (positionSide !== undefined && positionSide !== 'BOTH') {
    return errors.futuresPositionSideMismatch();
  }

  return {
    symbol,
    side,
    type,
    timeInForce,
    quantityText: quantity.text,
    quantity: quantity.value,
    ...(price ? { priceText: price.text, price: price.value } : { price: 0n }),
    ...(clientOrderId !== undefined ? { clientOrderId } : {}),
    ...(respType !== undefined ? { respType } : {}),
    reduceOnly: reduceOnly === 'true',
  };
}
