/**
 * What a REST endpoint of the loopback venue is (method, path, weight, security) and the parameter
 * readers the spot and USD-M route tables share, each answering a bad parameter as Binance does.
 */
import type { Caller, Security } from './auth';
import { errors, type VenueError } from './binanceErrors';
import type { OrderRef } from './exchange';
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

/** The caller of an authenticated route. */
export function callerOf(ctx: RouteContext): Caller {
  if (!ctx.caller) throw new Error('an authenticated route was called without a caller');
  return ctx.caller;
}

export function required(p: Params, name: string): string | VenueError {
  return p.get(name) ?? errors.mandatory(name);
}

/** orderId or origClientOrderId, as order query and cancel take them. */
export function orderRef(p: Params): OrderRef | VenueError {
  const id = p.get('orderId');
  const clientId = p.get('origClientOrderId');
  if (id === undefined && clientId === undefined) return errors.orderRefMissing();
  if (id !== undefined && !/^[0-9]{1,18}$/.test(id)) return errors.illegalValue('orderId', '^[0-9]{1,20}$');
  return id !== undefined ? { orderId: Number(id) } : { origClientOrderId: clientId! };
}

/** A `limit` parameter: `fallback` when absent, at most `max`, or one of `allowed` when the endpoint lists them. */
export function limitParam(p: Params, fallback: number, max: number, allowed?: readonly number[]): number | VenueError {
  const text = p.get('limit');
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text)) return errors.illegalValue('limit', '^[0-9]{1,20}$');
  const n = Number(text);
  if (n < 1 || (allowed && !allowed.includes(n))) return errors.invalidLimit();
  return Math.min(n, max);
}
