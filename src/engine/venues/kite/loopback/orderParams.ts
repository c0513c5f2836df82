/**
 * Reads the form of POST /orders/:variety and PUT /orders/:variety/:order_id exactly as Kite takes
 * it (tradingsymbol, exchange, transaction_type, order_type, quantity, product, price,
 * trigger_price, validity, validity_ttl, disclosed_quantity, tag, market_protection) and answers a
 * missing or malformed field with Kite's InputException.
 */
import { errors, type KiteError } from './kiteErrors';
import type { OrderTerms, OrderType, Product, Side, Validity, Variety } from './orderRecord';
import { parseUnits } from './units';

export interface Params {
  get(name: string): string | undefined;
  getAll(name: string): string[];
}

const SIDES: readonly Side[] = ['BUY', 'SELL'];
const ORDER_TYPES: readonly OrderType[] = ['MARKET', 'LIMIT', 'SL', 'SL-M'];
const PRODUCTS: readonly Product[] = ['CNC', 'MIS', 'NRML'];
const VALIDITIES: readonly Validity[] = ['DAY', 'IOC', 'TTL'];
export const VARIETIES: readonly Variety[] = ['regular', 'amo'];

function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[], fallback?: T): T | KiteError {
  const v = p.get(name);
  if (v === undefined) return fallback ?? errors.missing(name);
  return (allowed as readonly string[]).includes(v) ? (v as T) : errors.invalid(name);
}

function count(p: Params, name: string, fallback?: number): number | KiteError {
  const v = p.get(name);
  if (v === undefined) return fallback ?? errors.missing(name);
  return /^\d{1,9}$/.test(v) ? Number(v) : errors.invalid(name);
}

/** A price field; `exact` false marks digits below 1/10,000 (never on a tick). */
function price(p: Params, name: string): { units: number; exact: boolean } | KiteError {
  const v = p.get(name);
  if (v === undefined) return { units: 0, exact: true };
  return parseUnits(v) ?? errors.invalid(name);
}

const isErr = (v: unknown): v is KiteError => typeof v === 'object' && v !== null && 'kiteError' in v;

export interface ParsedOrder {
  exchange: string;
  tradingsymbol: string;
  terms: OrderTerms;
  /** False when a price had digits below a unit: off every tick. */
  pricesExact: boolean;
}

/** The order a POST /orders/:variety form describes. */
export function parseNewOrder(variety: Variety, p: Params): ParsedOrder | KiteError {
  const exchange = p.get('exchange');
  if (exchange === undefined) return errors.missing('exchange');
  const tradingsymbol = p.get('tradingsymbol');
  if (tradingsymbol === undefined) return errors.missing('tradingsymbol');
  const side = oneOf(p, 'transaction_type', SIDES);
  if (isErr(side)) return side;
  const terms = parseTerms(variety, side, p, undefined);
  if (isErr(terms)) return terms;
  return { exchange, tradingsymbol, ...terms };
}

/** The order's terms after a modify: fields the form omits keep their values. */
export function parseModify(current: OrderTerms, p: Params): { terms: OrderTerms; pricesExact: boolean } | KiteError {
  return parseTerms(current.variety, current.side, p, current);
}

function parseTerms(variety: Variety, side: Side, p: Params, current: OrderTerms | undefined): { terms: OrderTerms; pricesExact: boolean } | KiteError {
  const orderType = oneOf(p, 'order_type', ORDER_TYPES, current?.orderType);
  if (isErr(orderType)) return orderType;
  const product = current ? current.product : oneOf(p, 'product', PRODUCTS);
  if (isErr(product)) return product;
  const validity = oneOf(p, 'validity', VALIDITIES, current?.validity ?? 'DAY');
  if (isErr(validity)) return validity;
  const quantity = count(p, 'quantity', current?.quantity);
  if (isErr(quantity)) return quantity;
  if (quantity < 1) return errors.invalid('quantity');
  const disclosed = count(p, 'disclosed_quantity', current?.disclosedQuantity ?? 0);
  if (isErr(disclosed)) return disclosed;
  if (disclosed > quantity) return errors.invalid('disclosed_quantity');
  const ttl = validity === 'TTL' ? count(p, 'validity_ttl', current?.validityTtl ?? undefined) : null;
  if (isErr(ttl)) return ttl;
  if (ttl !== null && ttl < 1) return errors.invalid('validity_ttl');
  const pr = p.get('price') === undefined && current ? { units: current.price, exact: true } : price(p, 'price');
  if (isErr(pr)) return pr;
  const tr = p.get('trigger_price') === undefined && current ? { units: current.triggerPrice, exact: true } : price(p, 'trigger_price');
  if (isErr(tr)) return tr;
  const limitPriced = orderType === 'LIMIT' || orderType === 'SL';
  const triggered = orderType === 'SL' || orderType === 'SL-M';
  if (limitPriced && pr.units <= 0) return p.get('price') === undefined ? errors.missing('price') : errors.invalid('price');
  if (triggered && tr.units <= 0) return p.get('trigger_price') === undefined ? errors.missing('trigger_price') : errors.invalid('trigger_price');
  const mpText = p.get('market_protection');
  const marketProtection = mpText === undefined ? (current?.marketProtection ?? 0) : Number(mpText);
  if (!/^-?\d{1,3}$/.test(mpText ?? '0') || marketProtection < -1 || marketProtection > 100) return errors.invalid('market_protection');
  const tag = p.get('tag') ?? current?.tag ?? null;
  if (tag !== null && !/^[A-Za-z0-9]{1,20}$/.test(tag)) return errors.invalid('tag');
  return {
    terms: {
      variety,
      side,
      orderType,
      product,
      validity,
      validityTtl: ttl,
      quantity,
      disclosedQuantity: disclosed,
      price: limitPriced ? pr.units : 0,
      triggerPrice: triggered ? tr.units : 0,
      marketProtection,
      tag,
    },
    pricesExact: (!limitPriced || pr.exact) && (!triggered || tr.exact),
  };
}

export const isParamError = isErr;
