/**
 * The venue's WebSocket endpoint, in Binance's stream conventions:
 * - raw streams `/ws/<stream>` (several joined by '/'): each message is the event itself;
 * - combined streams `/stream?streams=<a>/<b>`: each message is `{"stream": name, "data": event}`;
 * - on either, `{"method": "SUBSCRIBE" | "UNSUBSCRIBE" | "LIST_SUBSCRIPTIONS", "params": [...], "id": n}`
 *   answered `{"result": ..., "id": n}`.
 * A stream is a market stream (`btcusdt@depth@100ms`) or a listen key (the account's user data).
 * Unknown streams in the URL refuse the handshake with 400; in SUBSCRIBE they get an error answer.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

interface Connection {
  readonly ws: WebSocket;
  readonly combined: boolean;
  readonly streams: Set<string>;
}

/** Requests from clients are a few hundred bytes; anything far larger is refused by ws with 1009. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Set<Connection>();
  private readonly byStream = new Map<string, Set<Connection>>();

  /** `isStream`: whether a name is a stream this venue serves (a market stream or a live listen key). */
  constructor(private readonly isStream: (name: string) => boolean) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://loopback');
    let combined: boolean;
    let names: string[];
    if (url.pathname === '/ws' || url.pathname.startsWith('/ws/')) {
      combined = false;
      names = url.pathname.slice(4).split('/').filter(Boolean);
    } else if (url.pathname === '/stream') {
      combined = true;
      names = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
    } else {
      return refuse(socket, 404, 'Not Found');
    }
    const unknown = names.find((n) => !this.isStream(n));
    if (unknown !== undefined) return refuse(socket, 400, 'Bad Request');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = { ws, combined, streams: new Set() };
      this.connections.add(conn);
      for (const n of names) this.subscribe(conn, n);
      ws.on('message', (data) => this.onMessage(conn, data));
      ws.on('close', () => this.forget(conn));
      ws.on('error', () => this.forget(conn));
    });
  }

  /** Sends an event to every connection subscribed to `stream`. */
  publish(stream: string, event: object): void {
    const subs = this.byStream.get(stream);
    if (!subs || subs.size === 0) return;
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const c of subs) {
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      if (c.combined) c.ws.send((wrapped ??= JSON.stringify({ stream, data: event })));
      else c.ws.send((raw ??= JSON.stringify(event)));
    }
  }

  subscribers(stream: string): number {
    return this.byStream.get(stream)?.size ?? 0;
  }

  /** Closes the connections reading `stream` (an expired listen key ends its user data stream). */
  closeStream(stream: string): void {
    for (const c of [...(this.byStream.get(stream) ?? [])]) c.ws.close(1000, 'listenKey expired');
  }

  /** Terminates every connection without a close frame: what a dropped network looks like to a client. */
  dropAll(): void {
    for (const c of [...this.connections]) {
      c.ws.terminate();
      this.forget(c);
    }
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private subscribe(c: Connection, name: string): void {
    c.streams.add(name);
    let set = this.byStream.get(name);
    if (!set) {
      set = new Set();
      this.byStream.set(name, set);
    }
    set.add(c);
  }

  private unsubscribe(c: Connection, name: string): void {
    c.streams.delete(name);
    this.byStream.get(name)?.delete(c);
  }

  private forget(c: Connection): void {
    if (!this.connections.delete(c)) return;
    for (const n of [...c.streams]) this.unsubscribe(c, n);
  }

  private onMessage(c: Connection, data: RawData): void {
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return void c.ws.send(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } }));
    }
    const req = msg as { method?: unknown; params?: unknown; id?: unknown };
    const id = typeof req.id === 'number' || typeof req.id === 'string' ? req.id : null;
    const params = Array.isArray(req.params) ? req.params.filter((p): p is string => typeof p === 'string') : [];
    const answer = (body: object) => c.ws.send(JSON.stringify({ ...body, id }));
    switch (req.method) {
      case 'SUBSCRIBE': {
        const unknown = params.find((n) => !this.isStream(n));
        if (unknown !== undefined) return answer({ error: { code: 2, msg: `Invalid request: unknown stream '${unknown}'` } });
        for (const n of params) this.subscribe(c, n);
        return answer({ result: null });
      }
      case 'UNSUBSCRIBE':
        for (const n of params) this.unsubscribe(c, n);
        return answer({ result: null });
      case 'LIST_SUBSCRIPTIONS':
        return answer({ result: [...c.streams] });
      default:
        return answer({ error: { code: 2, msg: 'Invalid request: unknown method' } });
    }
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
