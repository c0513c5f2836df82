import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer, type WebSocket } from 'ws';
import { type ServerMessage, wsPath } from '../../contract';
import type { Logger } from '../../engine/core';
import { errorText } from '../errorText';
import type { Dispatcher } from './dispatcher';
import { readFrame } from './frames';
import { endWithStatus, handleClientError, handleHttpRequest, type HttpContext, MAX_URL_LENGTH, refuseTunnel, requestPath } from './httpRequests';
import { Session } from './session';
import type { SessionRegistry } from './router';

export interface WsHostOptions {
  port: number; // 0 = any free port
  rendererDir: string;
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  logger: Logger;
  /** Completes a pending Kite login from Kite's redirect to /kite/redirect (see httpRequests.ts). */
  kiteRedirect?: HttpContext['kiteRedirect'];
}

export interface WsHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Above this many buffered bytes a client is congested and droppable events skip it. */
const CONGESTED_BYTES = 4 * 1024 * 1024;
/**
 * The largest message a client may send. A call's input is a ticket or a filter, a few hundred bytes;
 * ws closes a connection that sends more with 1009 before the message is buffered or parsed.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

/**
 * The headless host's transport: the built renderer over HTTP and the bridge over WebSocket, bound to
 * 127.0.0.1 only. A random token per run is required on the socket, and a browser's Origin must be this
 * very host, so no other page or local user can drive the terminal.
 */
export async function startWsHost(opts: WsHostOptions): Promise<WsHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = resolve(opts.rendererDir);
  const { logger, dispatcher, sessions } = opts;
  let port = opts.port;
  let nextSession = 1;
  const csp = () =>
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    `font-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`;

  const server = createServer((req, res) => handleHttpRequest(req, res, { rendererDir, csp, logger, ...(opts.kiteRedirect ? { kiteRedirect: opts.kiteRedirect } : {}) }));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => handleClientError(error, socket, logger));
  server.on('connect', (_req, socket) => refuseTunnel(socket, logger));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (error) => logger.error({ err: String(error) }, 'bridge: websocket server error'));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over with no error listener of its own: a reset here would be uncaught.
    socket.on('error', (error) => logger.debug({ err: String(error) }, 'bridge: upgrade socket error'));
    try {
      const refusal = refuse(req, token, port);
      if (refusal) {
        logger.warn({ remote: req.socket.remoteAddress, origin: req.headers.origin?.slice(0, 120), refusal }, 'bridge: connection refused');
        endWithStatus(socket, refusal);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
    } catch (error) {
      logger.error({ err: errorText(error) }, 'bridge: upgrade failed');
      socket.destroy();
    }
  });

  function accept(ws: WebSocket): void {
    const session = new Session(
      `ws-${nextSession++}`,
      (name, payload) => send({ t: 'event', name, payload }),
      () => ws.bufferedAmount > CONGESTED_BYTES,
    );
    /** Never throws: a reply or event that cannot be serialised is logged (and a reply becomes an error reply). */
    function send(msg: ServerMessage): void {
      if (ws.readyState !== ws.OPEN) return;
      let text: string;
      try {
        text = JSON.stringify(msg);
      } catch (error) {
        logger.error({ session: session.id, kind: msg.t, err: String(error) }, 'bridge: message could not be serialised');
        if (msg.t !== 'reply') return;
        text = JSON.stringify({ t: 'reply', id: msg.id, ok: false, error: { code: 'INTERNAL', message: 'reply could not be serialised (logged)' } });
      }
      ws.send(text, (error) => {
        if (error) logger.debug({ session: session.id, err: String(error) }, 'bridge: send failed (client gone)');
      });
    }
    const onFrame = (data: RawData, isBinary: boolean) => {
      const frame = readFrame(data, isBinary);
      if (!frame.ok) {
        logger.warn({ session: session.id }, `bridge: malformed message dropped (${frame.log})`);
        return send({ t: 'reply', id: frame.id, ok: false, error: { code: 'INVALID_INPUT', message: frame.message } });
      }
      const { id, name, input } = frame.call;
      dispatcher.handle(session, name, input).then(
        (reply) => send({ t: 'reply', id, ...reply }),
        (error: unknown) => {
          logger.error({ session: session.id, call: name, err: errorText(error) }, 'bridge: call failed');
          send({ t: 'reply', id, ok: false, error: { code: 'INTERNAL', message: 'internal error (logged)' } });
        },
      );
    };

    sessions.add(session);
    logger.info({ session: session.id }, 'bridge: client connected');
    ws.on('message', (data, isBinary) => {
      try {
        onFrame(data, isBinary);
      } catch (error) {
        logger.error({ session: session.id, err: errorText(error) }, 'bridge: frame handler failed');
        send({ t: 'reply', id: null, ok: false, error: { code: 'INTERNAL', message: 'internal error (logged)' } });
      }
    });
    ws.on('close', (code) => {
      sessions.remove(session);
      logger.info({ session: session.id, code }, 'bridge: client disconnected');
    });
    // ws closes the socket itself after these (1009 too big, 1007 bad UTF-8, 1002 bad framing).
    ws.on('error', (error: Error & { code?: string }) =>
      logger.warn({ session: session.id, code: error.code, err: String(error) }, frameErrors[error.code ?? ''] ?? 'bridge: socket error'),
    );
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  // After listening, a server error (e.g. out of file descriptors on accept) is logged, not fatal.
  server.on('error', (error) => logger.error({ err: String(error) }, 'http: server error'));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.close(1001, 'terminal shutting down');
        wss.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Log lines for the frame errors ws reports before closing the connection. */
const frameErrors: Record<string, string> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'bridge: frame over the size limit; connection closed (1009)',
  WS_ERR_INVALID_UTF8: 'bridge: text frame not UTF-8; connection closed (1007)',
};

/** Why an upgrade request is refused, as an HTTP status line, or undefined to accept it. */
function refuse(req: IncomingMessage, token: string, port: number): string | undefined {
  if ((req.url ?? '').length > MAX_URL_LENGTH) return '414 URI Too Long';
  if (requestPath(req.url) === undefined) return '400 Bad Request';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== wsPath) return '404 Not Found';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return '401 Unauthorized';
  // Browsers always send Origin; only pages served by this host may connect. Non-browser clients
  // (the CLI, tests) send none and are admitted by the token alone.
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return '403 Forbidden';
  return undefined;
}
