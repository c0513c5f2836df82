import type { Clock, Logger, TimerId, VenueId } from '../../core';

/** A subscription request with no answer by then means the connection is not working. */
export const ANSWER_TIMEOUT_MS = 10_000;

export interface SubscriptionSetDeps {
  venue: VenueId;
  clock: Clock;
  logger: Logger;
  /** A request went unanswered: the connection is not working. */
  unanswered(reason: string): void;
}

/**
 * What every venue's subscription control on one stream connection has in common: the set of streams
 * wanted now, the set a subscribe went out for on this connection, the requests still waiting for an
 * answer (each with its answer timeout), and changes made in one turn of the event loop going out
 * together. A new connection starts with nothing subscribed, so attaching one subscribes the whole
 * wanted set again. The venue's message format, limits and answer rules are the subclass's `flush`
 * and answer handling.
 */
export abstract class SubscriptionSet<Id extends number | string, R> {
  protected wanted: ReadonlySet<string> = new Set();
  /** Streams a subscribe was sent for on this connection (answered or not), minus those unsubscribed since. */
  protected readonly sent = new Set<string>();
  protected send: ((text: string) => void) | undefined;
  private readonly pending = new Map<Id, { request: R; timer: TimerId }>();
  private flushQueued = false;
  private nextId = 1;

  /** `idName`: what the venue calls a request's id (in the reason of an unanswered one). */
  protected constructor(
    protected readonly deps: SubscriptionSetDeps,
    private readonly idName: string,
    private readonly makeId: (n: number) => Id,
  ) {}

  /** The whole set of streams wanted now. */
  want(streams: ReadonlySet<string>): void {
    this.wanted = streams;
    this.queueFlush();
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
    for (const p of this.pending.values()) this.deps.clock.clearTimer(p.timer);
    this.pending.clear();
    this.forgetConnection();
  }

  /** What the subclass keeps of the current connection, forgotten with it. */
  protected abstract forgetConnection(): void;

  /** Sends what brings the subscriptions to the wanted set (called with a connection attached). */
  protected abstract flush(): void;

  /** A flush is already scheduled by the subclass (a rate limit): no other one is queued meanwhile. */
  protected flushScheduled(): boolean {
    return false;
  }

  protected queueFlush(): void {
    if (this.flushQueued || this.flushScheduled() || !this.send) return;
    this.flushQueued = true;
    // Every change made in this turn of the event loop goes out in the same messages.
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** A new request id whose answer is now awaited: none within ANSWER_TIMEOUT_MS means the connection is not working. */
  protected expectAnswer(op: string, request: R): Id {
    const id = this.makeId(this.nextId++);
    const timer = this.deps.clock.setTimeout(() => {
      this.pending.delete(id);
      this.deps.unanswered(`no answer to ${op} (${this.idName} ${id}) within ${ANSWER_TIMEOUT_MS} ms`);
    }, ANSWER_TIMEOUT_MS);
    this.pending.set(id, { request, timer });
    return id;
  }

  /** The request `id` answers, no longer awaited; undefined if none is (an earlier connection's, or not ours). */
  protected answered(id: Id): R | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    this.deps.clock.clearTimer(p.timer);
    return p.request;
  }
}
