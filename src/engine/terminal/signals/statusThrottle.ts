/**
 * Source statuses go to the views when they change, at most one push per `minGapMs` (a source that flaps
 * between connected and error cannot flood the bridge): a change inside the gap is sent once, at its end,
 * as the latest list.
 */
import type { Clock, TimerId } from '../../core';

export class StatusThrottle {
  private lastSent = -Infinity;
  private pending: TimerId | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly minGapMs: number,
    private readonly send: () => void,
  ) {}

  changed(): void {
    if (this.stopped || this.pending !== undefined) return;
    const wait = this.lastSent + this.minGapMs - this.clock.now();
    if (wait <= 0) return this.flush();
    this.pending = this.clock.setTimeout(() => {
      this.pending = undefined;
      this.flush();
    }, wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.pending !== undefined) this.clock.clearTimer(this.pending);
    this.pending = undefined;
  }

  private flush(): void {
    this.lastSent = this.clock.now();
    this.send();
  }
}
