/**
 * What a REST endpoint of the loopback venue is (method, path, weight, security) and the parameter
 * readers the spot and USD-M route tables share, each answering a bad parameter as Binance does.
 */
import type { Caller, Security } from './auth';
import { errors, type VenueError } from './binanceErrors';
import type { SymbolSpec } from './config';
import type { LoopbackExchange, OrderRef } from './exchange';
import type { Ledger } from './ledger';
import type { AckTarget } from './faults';
import type { Params } from './orderParams';

export interface RouteContext {
  readonly params: Params;
  /** Set on API_KEY and SIGNED routes (the server authenticated the caller before calling). */
  readonly caller: Caller | undefined;
  /** The venue's clock. */
  readonly now: number;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Request weight (X-MBX-USED-WEIGHT-1M); some endpoints weigh by their parameters. */
  readonly weight: number | ((p: Params) => number);
  readonly security: Security;
  /** Counts against the ORDERS limits (X-MBX-ORDER-COUNT-10S). */
  readonly newOrder?: boolean;
  /** Needs a key with trading enabled. */
  readonly trade?: boolean;
  /** Whose acknowledgement the ack faults (held, late, missing) apply to. */
  readonly ack?: AckTarget;
  handle(ctx: RouteContext): unknown;
}

/** A route in one line: method, path, weight, security, handler, and the flags it needs. */
export const route = (
  method: Route['method'],
  path: string,
  weight: Route['weight'],
  security: Route['security'],
  handle: Route['handle'],
  flags: Pick<Route, 'newOrder' | 'trade' | 'ack'> = {},
): Route => ({ method, path, weight, security, ...flags, handle });

/** The caller of an authenticated route. */
export function callerOf(ctx: RouteContext): Caller {
  if (!ctx.caller) throw new Error('an authenticated route was called without a caller');
  return ctx.caller;
}

export function required(p: Params, name: string): string | VenueError {
  return p.get(name) ?? errors.mandatory(name);
}

/** orderId or origClientOrderId, as order query and cancel take them. */
function orderRef(p: Params): OrderRef | VenueError {
  const id = p.get('orderId');
  const clientId = p.get('origClientOrderId');
  if (id === undefined && clientId === undefined) return errors.orderRefMissing();
  if (id !== undefined && !/^[0-9]{1,18}$/.test(id)) return errors.illegalValue('orderId', '^[0-9]{1,20}$');
  return id !== undefined ? { orderId: Number(id) } : { origClientOrderId: clientId! };
}

/** A `limit` parameter: `fallback` when absent, at most `max`, or one of `allowed` when the endpoint lists them. */
function limitParam(p: Params, fallback: number, max: number, allowed?: readonly number[]): number | VenueError {
  const text = p.get('limit');
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text)) return errors.illegalValue('limit', '^[0-9]{1,20}$');
  const n = Number(text);
  if (n < 1 || (allowed && !allowed.includes(n))) return errors.invalidLimit();
  return Math.min(n, max);
}

/** The mandatory `symbol` parameter, which must name one of the venue's symbols. */
export function symbolParam(exchange: LoopbackExchange<Ledger>, p: Params): SymbolSpec | VenueError {
  const symbol = required(p, 'symbol');
  if (typeof symbol !== 'string') return symbol;
  return exchange.spec(symbol) ?? errors.invalidSymbol();
}

/** The optional `symbol` parameter: every symbol of the venue without it, else the one it names. */
export function symbolsParam(exchange: LoopbackExchange<Ledger>, p: Params): SymbolSpec[] | VenueError {
  const symbol = p.get('symbol');
  if (symbol === undefined) return exchange.specs;
  const spec = exchange.spec(symbol);
  return spec ? [spec] : errors.invalidSymbol();
}

/** A mandatory `symbol` and a `limit` (see limitParam). */
export function symbolAndLimit(
  exchange: LoopbackExchange<Ledger>,
  p: Params,
  fallback: number,
  max: number,
  allowed?: readonly number[],
): { spec: SymbolSpec; limit: number } | VenueError {
  const spec = symbolParam(exchange, p);
  if ('code' in spec) return spec;
  const limit = limitParam(p, fallback, max, allowed);
  return typeof limit === 'number' ? { spec, limit } : limit;
}

/** What the history endpoints (allOrders, myTrades, userTrades) take: whose, which symbol, how many of the newest. */
export function historyQuery(exchange: LoopbackExchange<Ledger>, ctx: RouteContext): { account: string; spec: SymbolSpec; limit: number } | VenueError {
  const q = symbolAndLimit(exchange, ctx.params, 500, 1000);
  return 'code' in q ? q : { account: callerOf(ctx).account, ...q };
}

/** The order a query or a cancel names: its symbol, and orderId or origClientOrderId. */
export function orderTarget(exchange: LoopbackExchange<Ledger>, p: Params): { spec: SymbolSpec; ref: OrderRef } | VenueError {
  const spec = symbolParam(exchange, p);
  if ('code' in spec) return spec;
  const ref = orderRef(p);
  return 'code' in ref ? ref : { spec, ref };
}
