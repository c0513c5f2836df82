import type { Clock, TimerId } from '../core';

export interface ResyncPolicy {
  /**
   * How long to wait for the snapshot before asking again, and the least time between two requests
   * for one book (default 1,000 ms). Doubled each time it runs out or the book needs another snapshot
   * that soon after the last one...
   */
  answerTimeoutMs: number;
  /** ...up to this (default 5,000 ms). A book quiet for this long after its last request starts over. */
  maxBackoffMs: number;
}

const DEFAULT_RESYNC_POLICY: ResyncPolicy = { answerTimeoutMs: 1_000, maxBackoffMs: 5_000 };

interface BookResync<R> {
  reason: R;
  /** Requests sent in the current episode (1 = the first). */
  attempt: number;
  /** A request went and its snapshot has not arrived. */
  outstanding: boolean;
  /** The answer timeout (outstanding) or a delayed first request (not outstanding). */
  timer: TimerId | undefined;
  backoffMs: number;
  lastSentAt: number;
}

/**
 * When to ask a venue for a book's snapshot, per book, on the injected clock. A snapshot request
 * costs the venue something (Binance spot weighs a deep depth snapshot at up to 250 of the 6,000
 * request weight it allows a minute), and a feed that keeps losing messages would otherwise ask at
 * the rate it loses them, so:
 * - one request at a time per book: needs that come while one is outstanding are the same need;
 * - no answer within the timeout: ask again, the timeout doubling up to the cap;
 * - needed again soon after the last request (a flapping feed): the next request waits until the
 *   spacing has passed, and the spacing doubles up to the cap; a book quiet for the cap starts over.
 * `send` does the asking; `satisfied` is called when the book's snapshot has arrived.
 */
export class ResyncScheduler<R> {
  private readonly books = new Map<string, BookResync<R>>();
  private readonly policy: ResyncPolicy;

  constructor(
    private readonly clock: Clock,
    private readonly send: (key: string, reason: R, attempt: number) => void,
    policy: Partial<ResyncPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_RESYNC_POLICY, ...policy };
    if (!(this.policy.answerTimeoutMs > 0) || this.policy.maxBackoffMs < this.policy.answerTimeoutMs) {
      throw new RangeError(`resync policy needs 0 < answerTimeoutMs <= maxBackoffMs, got ${JSON.stringify(this.policy)}`);
    }
  }

  /** The book needs a snapshot (why: `reason`, passed on to `send`). */
  need(key: string, reason: R): void {
    let book = this.books.get(key);
    if (!book) {
      book = { reason, attempt: 0, outstanding: false, timer: undefined, backoffMs: this.policy.answerTimeoutMs, lastSentAt: -Infinity };
      this.books.set(key, book);
    }
    if (book.outstanding || book.timer !== undefined) return;
    book.reason = reason;
    book.attempt = 0;
    const since = this.clock.now() - book.lastSentAt;
    if (since >= this.policy.maxBackoffMs) book.backoffMs = this.policy.answerTimeoutMs;
    if (since >= book.backoffMs) return this.sendNow(key, book);
    const wait = book.backoffMs - since;
    book.backoffMs = this.doubled(book.backoffMs);
    book.timer = this.clock.setTimeout(() => {
      book.timer = undefined;
      this.sendNow(key, book);
    }, wait);
  }

  /** The book's snapshot arrived: nothing outstanding, nothing to send. */
  satisfied(key: string): void {
    const book = this.books.get(key);
    if (!book) return;
    book.outstanding = false;
    this.clearTimer(book);
  }

  /**
   * Drops what is outstanding without an answer (its snapshot can no longer arrive where it was
   * wanted, e.g. the book worker that would have applied it died). The spacing is kept.
   */
  abandon(key: string): void {
    const book = this.books.get(key);
    if (!book) return;
    book.outstanding = false;
    this.clearTimer(book);
    // Asked again at once when needed again: the request that went was not answered where it counts.
    book.lastSentAt = -Infinity;
  }

  /** The book is gone (released): forget it. */
  forget(key: string): void {
    const book = this.books.get(key);
    if (book) this.clearTimer(book);
    this.books.delete(key);
  }

  /** Books with a request outstanding or about to go, for monitoring. */
  waiting(): string[] {
    return [...this.books].filter(([, b]) => b.outstanding || b.timer !== undefined).map(([key]) => key);
  }

  dispose(): void {
    for (const book of this.books.values()) this.clearTimer(book);
    this.books.clear();
  }

  private sendNow(key: string, book: BookResync<R>): void {
    book.attempt++;
    book.outstanding = true;
    book.lastSentAt = this.clock.now();
    book.timer = this.clock.setTimeout(() => this.onNoAnswer(key, book), book.backoffMs);
    // State first: an answer that comes back synchronously finds the request outstanding.
    this.send(key, book.reason, book.attempt);
  }

  private onNoAnswer(key: string, book: BookResync<R>): void {
    book.timer = undefined;
    if (!book.outstanding || this.books.get(key) !== book) return;
    book.backoffMs = this.doubled(book.backoffMs);
    this.sendNow(key, book);
  }

  private doubled(ms: number): number {
    return Math.min(this.policy.maxBackoffMs, ms * 2);
  }

  private clearTimer(book: BookResync<R>): void {
    if (book.timer !== undefined) this.clock.clearTimer(book.timer);
    book.timer = undefined;
  }
}
