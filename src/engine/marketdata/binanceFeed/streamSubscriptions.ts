import type { Clock, Logger, TimerId, VenueId } from '../../core';

/**
 * Binance's limits on one stream connection (spot and USD-M "WebSocket Limits"): at most 1024 streams,
 * and at most 5 incoming messages per second (PING, PONG and JSON control messages alike; USD-M allows
 * 10, the lower figure is kept for both). A connection that sends more is disconnected, and one that
 * keeps doing it is banned, so control messages are batched and spaced here.
 */
export const MAX_STREAMS_PER_CONNECTION = 1024;
/** Control messages per second we allow ourselves: one of Binance's five is left for ping/pong frames. */
const MESSAGES_PER_SECOND = 4;
/** Streams named in one SUBSCRIBE/UNSUBSCRIBE (Binance sets no limit; this keeps each request small). */
const STREAMS_PER_MESSAGE = 200;
/** A control message with no answer by then means the connection is not working. */
const ANSWER_TIMEOUT_MS = 10_000;

export interface StreamSubscriptionsDeps {
  venue: VenueId;
  clock: Clock;
  logger: Logger;
  /** The venue confirmed these streams on the current connection: their events flow from now on. */
  subscribed(streams: readonly string[]): void;
  /** The venue refused a SUBSCRIBE: these streams are not coming. */
  refused(streams: readonly string[], reason: string): void;
  /** A control message went unanswered: the connection is not working. */
  unanswered(reason: string): void;
}

interface Request {
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  streams: string[];
  timer: TimerId;
}

/**
 * Keeps one stream connection's subscriptions equal to the set wanted now, with SUBSCRIBE/UNSUBSCRIBE
 * messages (`{"method":"SUBSCRIBE","params":[...],"id":n}`, answered `{"result":null,"id":n}`): changes
 * made in one turn of the event loop go out together, at most MESSAGES_PER_SECOND messages per second
 * on the injected clock (the rest wait for the window), unsubscribes first. A new connection starts
 * with nothing subscribed, so attaching one subscribes the whole wanted set again.
 */
export class StreamSubscriptions {
  private wanted: ReadonlySet<string> = new Set();
  /** Streams a SUBSCRIBE was sent for on this connection (answered or not), minus those unsubscribed since. */
  private readonly sent = new Set<string>();
  private readonly confirmed = new Set<string>();
  private readonly pending = new Map<number, Request>();
  /** When the last messages went out, oldest first (at most MESSAGES_PER_SECOND). */
  private sentAt: number[] = [];
  private send: ((text: string) => void) | undefined;
  private flushQueued = false;
  private flushTimer: TimerId | undefined;
  private nextId = 1;

  constructor(private readonly deps: StreamSubscriptionsDeps) {}

  /** The whole set of streams wanted now. */
  want(streams: ReadonlySet<string>): void {
    this.wanted = streams;
    this.queueFlush();
  }

  /** Whether the venue confirmed `stream` on the current connection. */
  isConfirmed(stream: string): boolean {
    return this.confirmed.has(stream);
  }

  /** A connection opened: nothing is subscribed on it yet. */
  attach(send: (text: string) => void): void {
    this.detach();
    this.send = send;
    this.queueFlush();
  }

  /** The connection is gone: so is everything subscribed on it, and every answer still expected. */
  detach(): void {
    this.send = undefined;
    this.sent.clear();
    this.confirmed.clear();
    for (const r of this.pending.values()) this.deps.clock.clearTimer(r.timer);
    this.pending.clear();
    if (this.flushTimer !== undefined) this.deps.clock.clearTimer(this.flushTimer);
    this.flushTimer = undefined;
    this.sentAt = [];
  }

  /**
   * A message without a stream name: an answer to one of our requests (`{"result":..,"id":n}`, or an
   * error `{"error":{"code","msg"},"id":n}` / `{"code","msg","id":n}`)? Returns false for anything else.
   */
  onAnswer(msg: Record<string, unknown>): boolean {
    if (typeof msg.id !== 'number') return false;
    const request = this.pending.get(msg.id);
    if (!request) return 'result' in msg || 'error' in msg; // an answer to a request of an earlier connection
    this.pending.delete(msg.id);
    this.deps.clock.clearTimer(request.timer);
    const error = 'result' in msg ? undefined : venueError(msg);
    if (error === undefined) {
      this.deps.logger.info({ venue: this.deps.venue, method: request.method, id: msg.id }, 'stream request answered');
      if (request.method === 'SUBSCRIBE') {
        const live = request.streams.filter((s) => this.sent.has(s));
        for (const s of live) this.confirmed.add(s);
        if (live.length) this.deps.subscribed(live);
      }
      return true;
    }
    this.deps.logger.error({ venue: this.deps.venue, method: request.method, streams: request.streams.slice(0, 10), error }, 'venue refused a stream request');
    if (request.method === 'SUBSCRIBE') {
      for (const s of request.streams) this.sent.delete(s);
      this.deps.refused(request.streams, error);
    }
    return true;
  }

  private queueFlush(): void {
    if (this.flushQueued || this.flushTimer !== undefined || !this.send) return;
    this.flushQueued = true;
    // Every change made in this turn of the event loop goes out in the same messages.
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.send || this.flushTimer !== undefined) return;
    const remove = [...this.sent].filter((s) => !this.wanted.has(s));
    const add = [...this.wanted].filter((s) => !this.sent.has(s));
    while (remove.length || add.length) {
      const now = this.deps.clock.now();
      if (this.sentAt.length >= MESSAGES_PER_SECOND) {
        const wait = this.sentAt[0]! + 1_000 - now;
        if (wait > 0) {
          this.flushTimer = this.deps.clock.setTimeout(() => {
            this.flushTimer = undefined;
            this.flush();
          }, wait);
          return;
        }
        this.sentAt.shift();
      }
      const method = remove.length ? 'UNSUBSCRIBE' : 'SUBSCRIBE';
      const streams = (remove.length ? remove : add).splice(0, STREAMS_PER_MESSAGE);
      for (const s of streams) {
        if (method === 'SUBSCRIBE') this.sent.add(s);
        else {
          this.sent.delete(s);
          this.confirmed.delete(s);
        }
      }
      const id = this.nextId++;
      const timer = this.deps.clock.setTimeout(() => {
        this.pending.delete(id);
        this.deps.unanswered(`no answer to ${method} (id ${id}) within ${ANSWER_TIMEOUT_MS} ms`);
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { method, streams, timer });
      this.sentAt.push(now);
      this.deps.logger.info({ venue: this.deps.venue, method, streams, id }, 'stream request sent');
      this.send(JSON.stringify({ method, params: streams, id }));
    }
  }
}

function venueError(msg: Record<string, unknown>): string {
  const e = (typeof msg.error === 'object' && msg.error !== null ? msg.error : msg) as { code?: unknown; msg?: unknown };
  return typeof e.msg === 'string' ? `${String(e.code)} ${e.msg}` : JSON.stringify(msg).slice(0, 120);
}
