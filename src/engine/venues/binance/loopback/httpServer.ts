/**
 * The loopback venue's HTTP side: reads a request (query string and form body, kept byte for byte for
 * the signature), applies the forced-status faults and the rate limits, authenticates the caller,
 * runs the route, and writes Binance's JSON answer with its weight headers. An order's or cancel's
 * acknowledgement can be held, delayed or swallowed by a fault after the venue has acted on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type KeyRegistry } from './auth';
import { errors, isVenueError, type VenueError } from './binanceErrors';
import type { LoopbackFaults } from './faults';
import type { Params } from './orderParams';
import type { RateLimiter } from './rateLimiter';
import type { Route } from './routeKit';

/** A signed order request is a few hundred bytes; this is far above any real one. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpDeps {
  routes: readonly Route[];
  keys: KeyRegistry;
  limiter: RateLimiter;
  faults: LoopbackFaults;
  now: () => number;
  /** Runs `fn` after `ms` on the venue's clock (a delayed acknowledgement). */
  later: (fn: () => void, ms: number) => void;
}

/** Query-string parameters win over body parameters of the same name, as at Binance. */
function mergedParams(query: URLSearchParams, body: URLSearchParams): Params {
  return {
    get: (name) => {
      const v = query.get(name) ?? body.get(name);
      return v === null || v === '' ? undefined : v;
    },
  };
}

function write(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const writeError = (res: ServerResponse, e: VenueError, headers: Record<string, string>) => write(res, e.status, { code: e.code, msg: e.msg }, headers);

export function createRequestHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const table = new Map(deps.routes.map((r) => [`${r.method} ${r.path}`, r]));
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        write(res, 413, { code: -1000, msg: 'Request body too large.' }, {});
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        serve(deps, table, req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        // A bug in the loopback venue must show in the test that met it, not hang it.
        write(res, 500, { code: -1000, msg: `An unknown error occurred while processing the request. (${(e as Error).message})` }, {});
      }
    });
  };
}

function serve(deps: HttpDeps, table: ReadonlyMap<string, Route>, req: IncomingMessage, res: ServerResponse, rawBody: string): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const route = table.get(`${req.method} ${path}`);
  if (!route) return write(res, 404, { code: -1000, msg: `No such endpoint: ${req.method} ${path}` }, {});
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? rawBody : '';
  const params = mergedParams(new URLSearchParams(rawQuery), new URLSearchParams(form));
  const now = deps.now();

  const forced = deps.faults.takeForcedStatus();
  const weight = typeof route.weight === 'number' ? route.weight : route.weight(params);
  const admission = forced !== undefined ? deps.limiter.force(now, forced) : deps.limiter.admit(now, weight, route.newOrder === true);
  const headers = admission.headers;
  if (admission.refused) return writeError(res, admission.refused, headers);

  const caller = authenticate({ headers: req.headers, rawQuery, rawBody: form, params }, route.security, deps.keys, now);
  if (isVenueError(caller)) return writeError(res, caller, headers);
  if (route.trade && caller && !caller.canTrade) return writeError(res, errors.rejectedApiKey(), headers);

  const result = route.handle({ params, caller, now });
  const answer = () => (isVenueError(result) ? writeError(res, result, headers) : write(res, 200, result, headers));
  const fault = route.ack ? deps.faults.takeAckFault(route.ack) : undefined;
  if (!fault) return answer();
  if (fault.kind === 'hold') return deps.faults.hold(answer);
  if (fault.kind === 'delay') return deps.later(answer, fault.ms);
  // A missing acknowledgement: the venue acted, the connection dies before the answer.
  req.socket.destroy();
}
