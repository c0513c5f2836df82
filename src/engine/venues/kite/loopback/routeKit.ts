/**
 * What a REST endpoint of the loopback Kite venue is: method, path pattern (":name" segments),
 * whether it needs a session, which rate limit it counts against, whose acknowledgement faults apply,
 * and its handler. A handler answers data (wrapped in Kite's {"status":"success","data":...}), CSV
 * text, a redirect, or a KiteError.
 */
import type { AckTarget } from './faults';
import type { KiteError } from './kiteErrors';
import type { Params } from './orderParams';
import type { KiteSession } from './sessions';

export type LimitClass = 'order' | 'quote' | 'other' | 'none';

export type Reply = { kind: 'data'; data: unknown } | { kind: 'csv'; text: string } | { kind: 'redirect'; location: string };

export interface RouteContext {
  readonly params: Params;
  readonly path: Readonly<Record<string, string>>;
  /** Set on routes that need a session (the server authenticated it before calling). */
  readonly session: KiteSession | undefined;
  readonly now: number;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly pattern: string;
  /** 'session': Authorization header; 'version': X-Kite-Version only; 'none': the login page. */
  readonly auth: 'session' | 'version' | 'none';
  readonly limit: LimitClass;
  readonly ack?: AckTarget;
  handle(ctx: RouteContext): Reply | KiteError;
}

export const data = (d: unknown): Reply => ({ kind: 'data', data: d });

export const route = (
  method: Route['method'],
  pattern: string,
  limit: LimitClass,
  handle: Route['handle'],
  extra: Partial<Pick<Route, 'auth' | 'ack'>> = {},
): Route => ({ method, pattern, limit, auth: extra.auth ?? 'session', ack: extra.ack, handle });

/** The path parameters when `path` fits `pattern`, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (p.startsWith(':')) {
      if (xs[i] === '') return undefined;
      out[p.slice(1)] = decodeURIComponent(xs[i]!);
    } else if (p !== xs[i]) return undefined;
  }
  return out;
}

/** The session of a route that needs one. */
export function sessionOf(ctx: RouteContext): KiteSession {
  if (!ctx.session) throw new Error('an authenticated route was called without a session');
  return ctx.session;
}
