import type { Clock, TimerId } from '../core';
import type { BookReader, TopOfBook } from './bookReader';

export interface BookPublisherOptions {
  /** Snapshots per second per instrument at most. Default 20. */
  hz?: number;
  /** Where a throwing publish callback is reported; the other books keep publishing. */
  onError?: (key: string, error: unknown) => void;
}

interface Subscription {
  depth: number;
  /** Version of the last published picture; -1 before the first. */
  lastVersion: number;
}

/**
 * Throttled book snapshots for the UI: every 1000/hz ms it looks at each subscribed book and
 * publishes its top `depth` levels only if the book changed since the last publish. "Changed" is
 * the slot's version, which moves with every applied sequence number and also with a stale mark or
 * a re-snapshot at the same seq — so the UI sees a book go stale even when its seq stands still.
 * Unchanged books cost one atomic load per tick.
 */
export class BookPublisher {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly intervalMs: number;
  private timer: TimerId | undefined;

  constructor(
    private readonly reader: BookReader,
    private readonly clock: Clock,
    private readonly publish: (key: string, top: TopOfBook) => void,
    private readonly options: BookPublisherOptions = {},
  ) {
    const hz = options.hz ?? 20;
    if (!(hz > 0)) throw new RangeError(`hz must be positive, got ${hz}`);
    this.intervalMs = 1000 / hz;
  }

  /** Starts (or changes the depth of) a book's snapshots; the first comes at the next tick. */
  subscribe(key: string, depth: number): void {
    const existing = this.subscriptions.get(key);
    if (existing) {
      if (existing.depth !== depth) existing.lastVersion = -1; // a new depth deserves a fresh picture
      existing.depth = depth;
    } else {
      this.subscriptions.set(key, { depth, lastVersion: -1 });
    }
    this.timer ??= this.clock.setInterval(() => this.tick(), this.intervalMs);
  }

  unsubscribe(key: string): void {
    this.subscriptions.delete(key);
    if (this.subscriptions.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.subscriptions.size > 0) this.subscriptions.clear();
  }

  private tick(): void {
    for (const [key, sub] of this.subscriptions) {
      const version = this.reader.versionOf(key);
      // Version 0: the slot was never written, so there is no book to show yet.
      if (version === undefined || version === 0 || version === sub.lastVersion) continue;
      const top = this.reader.readTop(key, sub.depth);
      if (!top || top.version === sub.lastVersion) continue;
      sub.lastVersion = top.version;
      try {
        this.publish(key, top);
      } catch (error) {
        this.options.onError?.(key, error);
      }
    }
  }
}
