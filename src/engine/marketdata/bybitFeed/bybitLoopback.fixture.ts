/**
 * A loopback Bybit v5 public WebSocket server, for tests only (production code never imports it; other
 * folders' tests reach it through ./testSupport.ts). It speaks the documented public protocol on
 * `/v5/public/{spot|linear|inverse}`:
 * - `{"op":"subscribe"|"unsubscribe","args":[...],"req_id":..}` answered
 *   `{"success":..,"ret_msg":..,"conn_id":..,"req_id":..,"op":..}`; at most 10 args per request; an
 *   unknown topic or one already subscribed on the connection fails the whole request;
 * - `{"op":"ping"}` answered as Bybit does: spot `{"success":true,"ret_msg":"pong",..,"op":"ping"}`,
 *   derivatives `{"op":"pong","args":[<ms>],..}`;
 * - `orderbook.{1|50|200|1000}.{symbol}`: a snapshot of the top `depth` levels right after the
 *   subscribe, then a delta per book change that alters those levels, `u` contiguous per topic;
 * - `publicTrade.{symbol}` messages.
 * Faults: a skipped `u`, a restart of the book service (a snapshot with u = 1), dropped sockets,
 * silence (pings unanswered, nothing sent), and raw text (malformed messages).
 */
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../core';

export type LoopbackLevels = [price: string, qty: string][];
export interface LoopbackBookInit {
  bids: LoopbackLevels;
  asks: LoopbackLevels;
}

export interface BybitLoopbackOptions {
  clock: Clock;
  /** Symbol (Bybit's name) -> its initial book. Only these symbols can be subscribed. */
  books: Record<string, LoopbackBookInit>;
}

/** One request a client sent, as received. */
export interface ReceivedRequest {
  conn: number;
  path: string;
  op: string;
  args: unknown;
}

interface Book {
  bids: Map<string, string>;
  asks: Map<string, string>;
  /** Last `u` per depth (a topic's own update id). */
  u: Map<number, number>;
  /** Ids to skip before the next delta of each depth (the gap fault). */
  skip: number;
}

interface Conn {
  id: number;
  ws: WebSocket;
  path: string;
  category: string;
  topics: Set<string>;
}

const DEPTHS = [1, 50, 200, 1000];
const MAX_ARGS = 10;

export class BybitLoopback {
  /** Every request received, in order (pings included). */
  readonly received: ReceivedRequest[] = [];
  private readonly wss: WebSocketServer;
  private readonly books = new Map<string, Book>();
  private readonly conns = new Set<Conn>();
  private nextConn = 1;
  private matchSeq = 1_000_000;
  private tradeId = 1;
  private silent = false;
  private port = 0;

  private constructor(private readonly options: BybitLoopbackOptions) {
    for (const [symbol, init] of Object.entries(options.books)) {
      this.books.set(symbol, { bids: new Map(init.bids), asks: new Map(init.asks), u: new Map(), skip: 0 });
    }
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (ws, req) => this.accept(ws, req.url ?? '/'));
  }

  static async start(options: BybitLoopbackOptions): Promise<BybitLoopback> {
    const server = new BybitLoopback(options);
    await new Promise<void>((resolve, reject) => {
      server.wss.once('listening', resolve);
      server.wss.once('error', reject);
    });
    server.port = (server.wss.address() as AddressInfo).port;
    return server;
  }

  /** The public stream URL of a category on this server. */
  url(category: string): string {
    return `ws://127.0.0.1:${this.port}/v5/public/${category}`;
  }

  /** Connections accepted so far (open or not). */
  get connectionsOpened(): number {
    return this.nextConn - 1;
  }

  /** Topics subscribed on the open connections, per connection. */
  subscriptions(): string[][] {
    return [...this.conns].map((c) => [...c.topics].sort());
  }

  /** The venue's top `n` levels, best first. */
  top(symbol: string, n = 1000): { bids: LoopbackLevels; asks: LoopbackLevels } {
    const book = this.book(symbol);
    return { bids: topLevels(book.bids, 'bid', n), asks: topLevels(book.asks, 'ask', n) };
  }

  /** Sets (qty "0": removes) a level; every topic whose top levels change gets a delta. */
  setLevel(symbol: string, side: 'Buy' | 'Sell', price: string, qty: string): void {
    const book = this.book(symbol);
    const before = new Map(DEPTHS.map((d) => [d, this.top(symbol, d)]));
    const levels = side === 'Buy' ? book.bids : book.asks;
    if (Number(qty) === 0) levels.delete(price);
    else levels.set(price, qty);
    this.matchSeq++;
    const skip = book.skip;
    book.skip = 0;
    for (const depth of DEPTHS) {
      const after = this.top(symbol, depth);
      const old = before.get(depth)!;
      const b = diff(old.bids, after.bids);
      const a = diff(old.asks, after.asks);
      if (b.length === 0 && a.length === 0) continue;
      const u = (book.u.get(depth) ?? 1) + 1 + skip;
      book.u.set(depth, u);
      this.publish(`orderbook.${depth}.${symbol}`, { type: 'delta', data: { s: symbol, b, a, u, seq: this.matchSeq } });
    }
  }

  /** A public trade: `side` is the taker's. */
  trade(symbol: string, side: 'Buy' | 'Sell', price: string, qty: string): void {
    this.book(symbol);
    const now = this.options.clock.now();
    this.publish(`publicTrade.${symbol}`, {
      type: 'snapshot',
      data: [{ T: now, s: symbol, S: side, v: qty, p: price, L: 'PlusTick', i: `loopback-${this.tradeId++}`, BT: false }],
    });
  }

  /** Fault: the next delta of each of the symbol's topics skips one update id. */
  skipUpdateId(symbol: string): void {
    this.book(symbol).skip = 1;
  }

  /**
   * Fault: Bybit's book service restarted. The book becomes `init`, and every subscriber gets a
   * snapshot with u = 1 ("overwrite your local orderbook").
   */
  restart(symbol: string, init: LoopbackBookInit): void {
    const book = this.book(symbol);
    book.bids = new Map(init.bids);
    book.asks = new Map(init.asks);
    for (const depth of DEPTHS) {
      book.u.set(depth, 1);
      for (const conn of this.conns) if (conn.topics.has(`orderbook.${depth}.${symbol}`)) this.sendSnapshot(conn, symbol, depth);
    }
  }

  /** Fault: every open socket is cut (no close handshake). */
  dropConnections(): void {
    for (const conn of this.conns) conn.ws.terminate();
  }

  /** Fault: while on, pings go unanswered and nothing is sent (a half-open connection). */
  silence(on: boolean): void {
    this.silent = on;
  }

  /** Fault: sends this text as it is to every open connection (malformed messages). */
  sendRaw(text: string): void {
    for (const conn of this.conns) conn.ws.send(text);
  }

  async stop(): Promise<void> {
    for (const conn of this.conns) conn.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private book(symbol: string): Book {
    const book = this.books.get(symbol);
    if (!book) throw new Error(`the loopback has no book for ${symbol}`);
    return book;
  }

  private accept(ws: WebSocket, path: string): void {
    const m = /^\/v5\/public\/(spot|linear|inverse)$/.exec(path);
    if (!m) return void ws.close(1008, `unknown path ${path}`);
    const conn: Conn = { id: this.nextConn++, ws, path, category: m[1]!, topics: new Set() };
    this.conns.add(conn);
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => this.conns.delete(conn));
    ws.on('message', (data: RawData) => this.onRequest(conn, data.toString()));
  }

  private onRequest(conn: Conn, text: string): void {
    let msg: { op?: unknown; args?: unknown; req_id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.answer(conn, undefined, 'unknown', false, `error:request not json: ${text.slice(0, 40)}`);
    }
    const op = typeof msg.op === 'string' ? msg.op : 'unknown';
    this.received.push({ conn: conn.id, path: conn.path, op, args: msg.args });
    if (this.silent) return;
    const reqId = typeof msg.req_id === 'string' ? msg.req_id : '';
    if (op === 'ping') {
      const pong =
        conn.category === 'spot'
          ? { success: true, ret_msg: 'pong', conn_id: `loopback-${conn.id}`, req_id: reqId, op: 'ping' }
          : { req_id: reqId, op: 'pong', args: [String(this.options.clock.now())], conn_id: `loopback-${conn.id}` };
      return void conn.ws.send(JSON.stringify(pong));
    }
    if (op !== 'subscribe' && op !== 'unsubscribe') return this.answer(conn, reqId, op, false, `error:unknown op ${op}`);
    const args = msg.args;
    if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) return this.answer(conn, reqId, op, false, 'error:args must be a non-empty array of topics');
    if (args.length > MAX_ARGS) return this.answer(conn, reqId, op, false, `error:args size >${MAX_ARGS}`);
    const topics = args as string[];
    if (op === 'unsubscribe') {
      for (const t of topics) conn.topics.delete(t);
      return this.answer(conn, reqId, op, true, '');
    }
    for (const t of topics) {
      if (!this.knownTopic(t)) return this.answer(conn, reqId, op, false, `error:handler not found,topic:${t}`);
      if (conn.topics.has(t)) return this.answer(conn, reqId, op, false, `error:already subscribed,topic:${t}`);
    }
    for (const t of topics) conn.topics.add(t);
    this.answer(conn, reqId, op, true, '');
    for (const t of topics) {
      const book = /^orderbook\.(\d+)\.(.+)$/.exec(t);
      if (book) this.sendSnapshot(conn, book[2]!, Number(book[1]));
    }
  }

  private knownTopic(topic: string): boolean {
    const book = /^orderbook\.(\d+)\.(.+)$/.exec(topic);
    if (book) return DEPTHS.includes(Number(book[1])) && this.books.has(book[2]!);
    const trade = /^publicTrade\.(.+)$/.exec(topic);
    return trade !== null && this.books.has(trade[1]!);
  }

  private answer(conn: Conn, reqId: string | undefined, op: string, success: boolean, retMsg: string): void {
    conn.ws.send(JSON.stringify({ success, ret_msg: retMsg, conn_id: `loopback-${conn.id}`, req_id: reqId ?? '', op }));
  }

  private sendSnapshot(conn: Conn, symbol: string, depth: number): void {
    const book = this.book(symbol);
    if (!book.u.has(depth)) book.u.set(depth, 1);
    const { bids, asks } = this.top(symbol, depth);
    this.send(conn, `orderbook.${depth}.${symbol}`, { type: 'snapshot', data: { s: symbol, b: bids, a: asks, u: book.u.get(depth)!, seq: this.matchSeq } });
  }

  private publish(topic: string, body: { type: string; data: unknown }): void {
    for (const conn of this.conns) if (conn.topics.has(topic)) this.send(conn, topic, body);
  }

  private send(conn: Conn, topic: string, body: { type: string; data: unknown }): void {
    if (this.silent) return;
    const now = this.options.clock.now();
    conn.ws.send(JSON.stringify({ topic, type: body.type, ts: now, data: body.data, cts: now }));
  }
}

function topLevels(levels: Map<string, string>, side: 'bid' | 'ask', n: number): LoopbackLevels {
  const sorted = [...levels.entries()].sort((x, y) => (side === 'bid' ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0])));
  return sorted.slice(0, n);
}

/** The changes that turn `before` into `after`: new or resized levels, and removed ones with qty "0". */
function diff(before: LoopbackLevels, after: LoopbackLevels): LoopbackLevels {
  const old = new Map(before);
  const now = new Map(after);
  const out: LoopbackLevels = [];
  for (const [p, q] of after) if (old.get(p) !== q) out.push([p, q]);
  for (const [p] of before) if (!now.has(p)) out.push([p, '0']);
  return out;
}

export const startBybitLoopback = (options: BybitLoopbackOptions): Promise<BybitLoopback> => BybitLoopback.start(options);
