/**
 * The loopback Kite venue's HTTP side: reads a request (query string and form body), applies the
 * forced-429 fault and the rate limits, checks `X-Kite-Version: 3` and the
 * `Authorization: token api_key:access_token` header, runs the route, and writes Kite's answer:
 * {"status":"success","data":...}, CSV, a redirect, or the error envelope with its HTTP status. An
 * order's answer can be held, delayed or swallowed by a fault after the venue has acted on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KiteFaults } from './faults';
import { errorBody, errors, isKiteError, type KiteError } from './kiteErrors';
import type { Params } from './orderParams';
import type { KiteRateLimiter } from './rateLimiter';
import { matchPath, type Reply, type Route } from './routeKit';
import type { KiteSessions } from './sessions';

/** An order form is a few hundred bytes; GTT forms carry two small JSON texts. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpDeps {
  routes: readonly Route[];
  sessions: KiteSessions;
  limiter: KiteRateLimiter;
  faults: KiteFaults;
  now: () => number;
  later: (fn: () => void, ms: number) => void;
}

function paramsOf(query: URLSearchParams, body: URLSearchParams): Params {
  return {
    get: (name) => {
      const v = body.get(name) ?? query.get(name);
      return v === null || v === '' ? undefined : v;
    },
    getAll: (name) => [...query.getAll(name), ...body.getAll(name)],
  };
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const writeError = (res: ServerResponse, e: KiteError) => writeJson(res, e.status, errorBody(e));

function writeReply(res: ServerResponse, reply: Reply | KiteError): void {
  if (isKiteError(reply)) return writeError(res, reply);
  if (res.destroyed || res.writableEnded) return;
  if (reply.kind === 'data') return writeJson(res, 200, { status: 'success', data: reply.data });
  if (reply.kind === 'csv') {
    res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(reply.text) });
    res.end(reply.text);
    return;
  }
  res.writeHead(302, { Location: reply.location, 'Content-Length': 0 });
  res.end();
}

export function createRequestHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        writeError(res, errors.tooLarge());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        serve(deps, req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        // A bug in the loopback venue must show in the test that met it, not hang it.
        writeError(res, errors.internal((e as Error).message));
      }
    });
  };
}

function serve(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, rawBody: string): void {
  const url = new URL(req.url ?? '/', 'http://loopback');
  let found: { route: Route; path: Record<string, string> } | undefined;
  for (const route of deps.routes) {
    if (route.method !== req.method) continue;
    const path = matchPath(route.pattern, url.pathname);
    if (path) {
      found = { route, path };
      break;
    }
  }
  if (!found) return writeError(res, errors.routeNotFound());
  const { route } = found;
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? rawBody : '';
  const params = paramsOf(url.searchParams, new URLSearchParams(form));
  const now = deps.now();
  const authHeader = req.headers.authorization;
  const who = /^token ([^:\s]+):/.exec(authHeader ?? '')?.[1] ?? params.get('api_key') ?? req.socket.remoteAddress ?? 'anonymous';

  if (deps.faults.takeForced429() || !deps.limiter.admit(who, route.limit, now)) return writeError(res, errors.tooManyRequests());
  if (route.auth !== 'none' && req.headers['x-kite-version'] !== '3') return writeError(res, errors.missingVersion());
  let session;
  if (route.auth === 'session') {
    const s = deps.sessions.authenticate(authHeader);
    if (isKiteError(s)) return writeError(res, s);
    session = s;
  }
  const reply = route.handle({ params, path: found.path, session, now });
  const fault = route.ack && !isKiteError(reply) ? deps.faults.takeAckFault(route.ack) : undefined;
  if (!fault) return writeReply(res, reply);
  if (fault.kind === 'hold') return deps.faults.hold(() => writeReply(res, reply));
  if (fault.kind === 'delay') return deps.later(() => writeReply(res, reply), fault.ms);
  // The venue acted; the connection dies before the answer.
  req.socket.destroy();
}
