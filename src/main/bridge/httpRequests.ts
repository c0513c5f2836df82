import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../engine/core';
import { errorText } from '../errorText';
import { answer, serveStatic } from './staticFiles';

/** The renderer's URLs are short; anything longer is not ours (Node itself stops at 16 KiB of head). */
export const MAX_URL_LENGTH = 4096;
const ALLOWED_METHODS = 'GET, HEAD';

/** What a log line may show of a request target: the path only (the query carries the run's token), cut short. */
function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

/**
 * The path of an origin-form request target ("/a/b?c"), dot segments resolved, escapes kept, or
 * undefined for anything else: absolute-form ("http://x/"), authority-form, "*", or "//host/..." (which
 * the URL parser would read as another host).
 */
export function requestPath(url: string | undefined): string | undefined {
  if (url === undefined || !url.startsWith('/') || url.startsWith('//')) return undefined;
  try {
    return new URL(url, 'http://127.0.0.1').pathname;
  } catch {
    return undefined;
  }
}

export interface HttpContext {
  rendererDir: string;
  csp: () => string;
  logger: Logger;
  /**
   * `GET /kite/redirect?...&request_token=...`: completes the pending Kite login (the URL registered for
   * the Kite app on a headless host). Given the whole request target; answers with what to tell the trader.
   */
  kiteRedirect?: (target: string) => Promise<{ ok: boolean; text: string }>;
}

/** Where Kite sends the browser back on this host (register http://127.0.0.1:<SQ_PORT>/kite/redirect for the app). */
export const KITE_REDIRECT_PATH = '/kite/redirect';

/**
 * One plain HTTP request: only GET and HEAD of the renderer's files. Never throws and never leaves a
 * promise to reject unseen: whatever goes wrong becomes a status and a log line.
 */
export function handleHttpRequest(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): void {
  const { logger } = ctx;
  const refuse = (status: number, reason: string, headers?: Record<string, string>) => {
    logger.warn({ method: String(req.method).slice(0, 16), path: loggablePath(req.url), status, reason }, 'http: request refused');
    answer(res, status, reason, headers);
  };
  const fail = (error: unknown) => {
    logger.error({ method: req.method, path: loggablePath(req.url), err: errorText(error) }, 'http: request handler failed');
    if (res.headersSent) res.destroy();
    else answer(res, 500, 'internal error (logged)');
  };
  try {
    res.on('error', (error) => logger.debug({ err: String(error) }, 'http: response stream error'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'method not allowed', { Allow: ALLOWED_METHODS });
    if ((req.url ?? '').length > MAX_URL_LENGTH) return refuse(414, 'URL too long');
    const path = requestPath(req.url);
    if (path === undefined) return refuse(400, 'malformed request target');
    if (path === KITE_REDIRECT_PATH && ctx.kiteRedirect && req.method === 'GET') {
      // The query (with the request token) is never logged: loggablePath keeps the path only.
      ctx.kiteRedirect(`http://127.0.0.1${req.url}`).then(({ ok, text }) => {
        logger.info({ path: KITE_REDIRECT_PATH, ok }, 'http: Kite login redirect');
        answer(res, ok ? 200 : 400, text, { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      }, fail);
      return;
    }
    serveStatic(ctx.rendererDir, path, res, ctx.csp()).then(({ status, reason }) => {
      if (status === 404) logger.info({ method: req.method, path: loggablePath(path) }, 'http: not found');
      else if (status >= 400) logger.warn({ method: req.method, path: loggablePath(path), status, reason }, 'http: request refused');
    }, fail);
  } catch (error) {
    fail(error);
  }
}

/** Node's parser error codes and the reply each gets (all else is a plain 400). */
const parserReplies: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_INVALID_METHOD: `405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS}`,
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * A request Node could not parse (bad method, bad header, head too large, timeout): answered with a
 * status as Node would, but logged, and with the socket's own errors caught.
 */
export function handleClientError(error: NodeJS.ErrnoException, socket: Duplex, logger: Logger): void {
  socket.on('error', () => socket.destroy());
  const code = error.code ?? 'UNKNOWN';
  if (code === 'ECONNRESET' || !socket.writable) {
    logger.debug({ code }, 'http: client went away mid-request');
    socket.destroy();
    return;
  }
  const status = parserReplies[code] ?? '400 Bad Request';
  logger.warn({ code, status: Number(status.slice(0, 3)) }, 'http: malformed request refused');
  endWithStatus(socket, status);
}

/** CONNECT asks for a tunnel; this server is not a proxy. */
export function refuseTunnel(socket: Duplex, logger: Logger): void {
  socket.on('error', () => socket.destroy());
  logger.warn({}, 'http: CONNECT refused');
  endWithStatus(socket, parserReplies.HPE_INVALID_METHOD!);
}

/**
 * Answers on a raw socket (one Node's HTTP parser no longer owns) with a bodiless reply and closes it.
 * `status` is the status line's tail, e.g. "404 Not Found", optionally followed by header lines.
 */
export function endWithStatus(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
