import type { TimerId } from '../../core';
import { SubscriptionSet, type SubscriptionSetDeps } from '../streamFeed';

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

export interface StreamSubscriptionsDeps extends SubscriptionSetDeps {
  /** The venue confirmed these streams on the current connection: their events flow from now on. */
  subscribed(streams: readonly string[]): void;
  /** The venue refused a SUBSCRIBE: these streams are not coming. */
  refused(streams: readonly string[], reason: string): void;
}

interface Request {
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  streams: string[];
}

/**
 * Keeps one stream connection's subscriptions equal to the set wanted now, with SUBSCRIBE/UNSUBSCRIBE
 * messages (`{"method":"SUBSCRIBE","params":[...],"id":n}`, answered `{"result":null,"id":n}`): changes
 * made in one turn of the event loop go out together, at most MESSAGES_PER_SECOND messages per second
 * on the injected clock (the rest wait for the window), unsubscribes first. What every venue does
 * alike (wanted and sent sets, answer timeouts, attach/detach) is SubscriptionSet's.
 */
export class StreamSubscriptions extends SubscriptionSet<number, Request> {
  private readonly confirmed = new Set<string>();
  /** When the last messages went out, oldest first (at most MESSAGES_PER_SECOND). */
  private sentAt: number[] = [];
  private flushTimer: TimerId | undefined;

  constructor(protected override readonly deps: StreamSubscriptionsDeps) {
    super(deps, 'id', (n) => n);
  }

  /** Whether the venue confirmed `stream` on the current connection. */
  isConfirmed(stream: string): boolean {
    return this.confirmed.has(stream);
  }

  protected forgetConnection(): void {
    this.confirmed.clear();
    if (this.flushTimer !== undefined) this.deps.clock.clearTimer(this.flushTimer);
    this.flushTimer = undefined;
    this.sentAt = [];
  }

  protected override flushScheduled(): boolean {
    return this.flushTimer !== undefined;
  }

  /**
   * A message without a stream name: an answer to one of our requests (`{"result":..,"id":n}`, or an
   * error `{"error":{"code","msg"},"id":n}` / `{"code","msg","id":n}`)? Returns false for anything else.
   */
  onAnswer(msg: Record<string, unknown>): boolean {
    if (typeof msg.id !== 'number') return false;
    const request = this.answered(msg.id);
    if (!request) return 'result' in msg || 'error' in msg; // an answer to a request of an earlier connection
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

  protected flush(): void {
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
      const id = this.expectAnswer(method, { method, streams });
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
