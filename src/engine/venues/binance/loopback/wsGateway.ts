/**
 * The venue's WebSocket endpoint, in Binance's stream conventions:
 * - raw streams `/ws/<stream>` (several joined by '/'): each message is the event itself;
 * - combined streams `/stream?streams=<a>/<b>`: each message is `{"stream": name, "data": event}`;
 * - on USD-M also under `/public`, `/market` and `/private` (`?listenKey=`), each serving its category;
 * - on either, `{"method": "SUBSCRIBE" | "UNSUBSCRIBE" | "LIST_SUBSCRIPTIONS", "params": [...], "id": n}`
 *   answered `{"result": ..., "id": n}`.
 * A stream is a market stream (`btcusdt@depth@100ms`) or a listen key (the account's user data).
 * Unknown names in the URL are ignored (the connection gets nothing for them); in SUBSCRIBE they get an
 * error answer.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

/**
 * USD-M splits its streams by category (`/public/ws`: depth, bookTicker, trade; `/market/ws`: aggTrade,
 * markPrice, ...; `/private/ws?listenKey=`: user data); the legacy paths without one (`any`) serve all.
 */
export type StreamCategory = 'any' | 'public' | 'market' | 'private';

interface Connection {
  readonly ws: WebSocket;
  readonly combined: boolean;
  readonly category: StreamCategory;
  readonly streams: Set<string>;
}

/** Requests from clients are a few hundred bytes; anything far larger is refused by ws with 1009. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Set<Connection>();
  private readonly byStream = new Map<string, Set<Connection>>();

  /**
   * `isStream`: whether a name is a stream this venue serves on a connection of that category (a market
   * stream, or a live listen key). `categorised`: the venue has USD-M's /public, /market, /private paths.
   */
  constructor(
    private readonly isStream: (name: string, category: StreamCategory) => boolean,
    private readonly categorised: boolean,
    /** Told of every subscription as it is made (tests wait on user streams through it). */
    private readonly onSubscribe: (name: string) => void = () => {},
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://loopback');
    let path = url.pathname;
    let category: StreamCategory = 'any';
    const split = this.categorised ? /^\/(public|market|private)(\/.*)$/.exec(path) : null;
    if (split) {
      category = split[1] as StreamCategory;
      path = split[2]!;
    }
    let combined: boolean;
    let names: string[];
    if (path === '/ws' || path.startsWith('/ws/')) {
      combined = false;
      names = path.slice(4).split('/').filter(Boolean);
    } else if (path === '/stream') {
      combined = true;
      names = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
    } else {
      return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
    const listenKey = url.searchParams.get('listenKey');
    if (listenKey) names.push(listenKey);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = { ws, combined, category, streams: new Set() };
      this.connections.add(conn);
      // Binance accepts any name in the path and sends nothing for one it does not serve (ccxt pro
      // connects to /ws/0 and subscribes with SUBSCRIBE): unknown names are ignored, not refused.
      for (const n of names) if (this.isStream(n, category)) this.subscribe(conn, n);
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
    this.onSubscribe(name);
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
        const unknown = params.find((n) => !this.isStream(n, c.category));
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

