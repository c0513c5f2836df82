import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientMessage, type ServerMessage, wsPath } from '../../contract';
import type { Logger } from '../../engine/core';
import type { Dispatcher } from './dispatcher';
import { serveStatic } from './staticFiles';
import { Session } from './session';
import type { SessionRegistry } from './router';

export interface WsHostOptions {
  port: number; // 0 = any free port
  rendererDir: string;
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  logger: Logger;
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

  const server = createServer((req, res) => {
    if (req.method !== 'GET') return void res.writeHead(405).end();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void serveStatic(rendererDir, url.pathname, res, csp());
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const refusal = refuse(req, token, port);
    if (refusal) {
      logger.warn({ remote: req.socket.remoteAddress, origin: req.headers.origin, refusal }, 'bridge: connection refused');
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket): void {
    const send = (msg: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const session = new Session(
      `ws-${nextSession++}`,
      (name, payload) => send({ t: 'event', name, payload }),
      () => ws.bufferedAmount > CONGESTED_BYTES,
    );
    sessions.add(session);
    logger.info({ session: session.id }, 'bridge: client connected');
    ws.on('message', (data, isBinary) => {
      let raw: unknown;
      try {
        raw = JSON.parse(isBinary ? '' : data.toString());
      } catch {
        logger.warn({ session: session.id }, 'bridge: malformed message dropped (not JSON)');
        return send({ t: 'reply', id: null, ok: false, error: { code: 'INVALID_INPUT', message: 'message is not JSON' } });
      }
      const msg = clientMessage.safeParse(raw);
      if (!msg.success) {
        logger.warn({ session: session.id }, 'bridge: malformed message dropped (bad envelope)');
        const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
        return send({ t: 'reply', id, ok: false, error: { code: 'INVALID_INPUT', message: 'expected {t:"call", id, name, input}' } });
      }
      void dispatcher.handle(session, msg.data.name, msg.data.input).then((reply) => send({ t: 'reply', id: msg.data.id, ...reply }));
    });
    ws.on('close', () => {
      sessions.remove(session);
      logger.info({ session: session.id }, 'bridge: client disconnected');
    });
    ws.on('error', (error) => logger.warn({ session: session.id, err: String(error) }, 'bridge: socket error'));
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => ok());
  });
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

/** Why an upgrade request is refused, as an HTTP status line, or undefined to accept it. */
function refuse(req: IncomingMessage, token: string, port: number): string | undefined {
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
