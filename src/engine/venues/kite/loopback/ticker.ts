/**
 * The loopback KiteTicker: a WebSocket at the ticker URL with `?api_key=&access_token=` (a bad or
 * expired token is refused with HTTP 403 at the handshake, as Kite does). Clients send JSON text:
 * `{"a":"subscribe","v":[tokens]}`, `{"a":"unsubscribe","v":[tokens]}`,
 * `{"a":"mode","v":["ltp"|"quote"|"full",[tokens]]}`. The venue sends binary frames of tick packets
 * (subscribing starts in quote mode and sends the current tick), the one-byte heartbeat on a socket
 * idle for a heartbeat period, `{"type":"order","data":{...}}` on every order status change and
 * `{"type":"error","data":"..."}` for a message it cannot take. An expired session's sockets close.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { errorBody, isKiteError } from './kiteErrors';
import type { InstrumentMarket } from './market';
import { wireTickOf } from './marketTicks';
import type { KiteSessions } from './sessions';
import { encodeFrame, encodePacket, HEARTBEAT, type TickMode } from './tickEncoder';

/** Kite allows 3000 instruments on one connection. */
export const MAX_TOKENS_PER_CONNECTION = 3000;
const MAX_MESSAGE_BYTES = 64 * 1024;
const MODES: readonly TickMode[] = ['ltp', 'quote', 'full'];

interface Connection {
  readonly ws: WebSocket;
  readonly accessToken: string;
  readonly modes: Map<number, TickMode>;
  lastSent: number;
}

export class KiteTickerServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Set<Connection>();
  private readonly joinWaiters: (() => void)[] = [];

  constructor(
    private readonly sessions: KiteSessions,
    private readonly marketOf: (token: number) => InstrumentMarket | undefined,
    private readonly now: () => number,
    private readonly heartbeatMs: number,
  ) {
    sessions.onInvalidated((token) => {
      for (const c of this.connections) if (c.accessToken === token) c.ws.close(1000, 'TokenException: session expired');
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Resolves when the next client connects (tests wait on reconnects through it). */
  nextConnection(): Promise<void> {
    return new Promise((resolve) => this.joinWaiters.push(resolve));
  }

  /** The tokens and modes a connection (the first, by default) is subscribed to. */
  subscriptions(index = 0): Map<number, TickMode> {
    return new Map([...this.connections][index]?.modes ?? []);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const session = this.sessions.byToken(url.searchParams.get('api_key') ?? '', url.searchParams.get('access_token') ?? '');
    if (isKiteError(session)) {
      const body = JSON.stringify(errorBody(session));
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const c: Connection = { ws, accessToken: session.accessToken, modes: new Map(), lastSent: this.now() };
      this.connections.add(c);
      ws.on('message', (raw, isBinary) => this.onMessage(c, raw, isBinary));
      ws.on('close', () => this.connections.delete(c));
      ws.on('error', () => this.connections.delete(c));
      for (const w of this.joinWaiters.splice(0)) w();
    });
  }

  private onMessage(c: Connection, raw: RawData, isBinary: boolean): void {
    let msg: { a?: unknown; v?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(raw.toString()) as { a?: unknown; v?: unknown };
    } catch {
      return this.sendError(c, 'Invalid message. Send JSON: {"a": "subscribe" | "unsubscribe" | "mode", "v": ...}');
    }
    const tokensOf = (v: unknown): number[] | undefined =>
      Array.isArray(v) && v.every((t) => Number.isSafeInteger(t) && (t as number) > 0) ? (v as number[]) : undefined;
    if (msg.a === 'subscribe' || msg.a === 'unsubscribe') {
      const tokens = tokensOf(msg.v);
      if (!tokens) return this.sendError(c, `Invalid tokens in "${msg.a}".`);
      if (msg.a === 'unsubscribe') {
        for (const t of tokens) c.modes.delete(t);
        return;
      }
      const fresh = tokens.filter((t) => !c.modes.has(t));
      if (c.modes.size + fresh.length > MAX_TOKENS_PER_CONNECTION) return this.sendError(c, `Maximum of ${MAX_TOKENS_PER_CONNECTION} instruments per connection.`);
      for (const t of fresh) c.modes.set(t, 'quote');
      return this.sendSnapshot(c, fresh);
    }
    if (msg.a === 'mode') {
      const v = msg.v;
      const mode = Array.isArray(v) ? v[0] : undefined;
      const tokens = Array.isArray(v) ? tokensOf(v[1]) : undefined;
      if (!MODES.includes(mode as TickMode) || !tokens) return this.sendError(c, 'Invalid "mode" message: expected ["ltp"|"quote"|"full", [tokens]].');
      const changed = tokens.filter((t) => c.modes.has(t));
      for (const t of changed) c.modes.set(t, mode as TickMode);
      return this.sendSnapshot(c, changed);
    }
    this.sendError(c, `Unknown action "${String(msg.a)}".`);
  }

  private sendSnapshot(c: Connection, tokens: readonly number[]): void {
    const packets: Buffer[] = [];
    for (const t of tokens) {
      const m = this.marketOf(t);
      if (m) packets.push(encodePacket(wireTickOf(m), c.modes.get(t)!));
    }
    if (packets.length > 0) this.send(c, encodeFrame(packets));
  }

  private sendError(c: Connection, message: string): void {
    this.send(c, JSON.stringify({ type: 'error', data: message }));
  }

  private send(c: Connection, data: Buffer | string): void {
    if (c.ws.readyState !== WebSocket.OPEN) return;
    c.ws.send(data, { binary: typeof data !== 'string' });
    c.lastSent = this.now();
  }

  /** The market moved: a frame to every connection subscribed to the instrument, in its mode. */
  publish(m: InstrumentMarket): void {
    const tick = wireTickOf(m);
    for (const c of this.connections) {
      const mode = c.modes.get(m.instrument.token);
      if (mode) this.send(c, encodeFrame([encodePacket(tick, mode)]));
    }
  }

  /** An order's status changed: the postback to every socket of the user. */
  publishOrder(postback: Record<string, unknown>): void {
    const text = JSON.stringify({ type: 'order', data: postback });
    for (const c of this.connections) this.send(c, text);
  }

  /** Sends the heartbeat to every socket that has been idle for a heartbeat period. */
  heartbeat(): void {
    const now = this.now();
    for (const c of this.connections) if (now - c.lastSent >= this.heartbeatMs) this.send(c, HEARTBEAT);
  }

  /** Every socket is terminated without a close frame (the network dropped). */
  dropAll(): number {
    const n = this.connections.size;
    for (const c of this.connections) c.ws.terminate();
    this.connections.clear();
    return n;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
