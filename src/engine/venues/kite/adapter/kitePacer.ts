/**
 * Kite Connect's request rate limits, kept on our side so that Kite never has to refuse us: order
 * calls (place, modify, cancel) 10 a second and 200 a minute, quotes 1 a second, everything else 3 a
 * second (https://kite.trade/docs/connect/v3/exceptions/#api-rate-limit). Each window is counted
 * `marginMs` longer than Kite's: Kite counts a request when it arrives, and requests sent a window
 * apart can arrive closer together (the first one waited for its connection). Calls of one class go out
 * in the order they were asked for, each waiting (on the injected clock) until every window of its
 * class has room. A 429 from Kite pauses the whole class for a backoff (`pause`).
 */
import type { Clock } from '../../../core';

export type KiteCallClass = 'order' | 'quote' | 'other';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export const KITE_RATE_LIMITS: Readonly<Record<KiteCallClass, readonly RateWindow[]>> = {
  order: [
    { limit: 10, windowMs: 1_000 },
    { limit: 200, windowMs: 60_000 },
  ],
  quote: [{ limit: 1, windowMs: 1_000 }],
  other: [{ limit: 3, windowMs: 1_000 }],
};

interface ClassState {
  /** Send times within the longest window, oldest first. */
  sent: number[];
  pausedUntil: number;
  tail: Promise<void>;
}

export class KitePacer {
  private readonly classes = new Map<KiteCallClass, ClassState>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: Readonly<Record<KiteCallClass, readonly RateWindow[]>> = KITE_RATE_LIMITS,
    private readonly marginMs = 100,
  ) {}

  /** Resolves when a call of `cls` may go; the call is counted from that moment. */
  slot(cls: KiteCallClass): Promise<void> {
    const s = this.state(cls);
    const turn = s.tail.then(async () => {
      for (let wait = this.waitMs(cls, s); wait > 0; wait = this.waitMs(cls, s)) {
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
      }
      s.sent.push(this.clock.now());
    });
    s.tail = turn;
    return turn;
  }

  /** Kite said 429: nothing of `cls` goes before `ms` from now. */
  pause(cls: KiteCallClass, ms: number): void {
    const s = this.state(cls);
    s.pausedUntil = Math.max(s.pausedUntil, this.clock.now() + ms);
  }

  private waitMs(cls: KiteCallClass, s: ClassState): number {
    const now = this.clock.now();
    const windows = this.limits[cls];
    const longest = Math.max(...windows.map((w) => w.windowMs)) + this.marginMs;
    while (s.sent.length > 0 && s.sent[0]! <= now - longest) s.sent.shift();
    let wait = s.pausedUntil - now;
    for (const w of windows) {
      const span = w.windowMs + this.marginMs;
      const inWindow = s.sent.filter((t) => t > now - span);
      if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + span - now);
    }
    return wait;
  }

  private state(cls: KiteCallClass): ClassState {
    let s = this.classes.get(cls);
    if (!s) this.classes.set(cls, (s = { sent: [], pausedUntil: 0, tail: Promise.resolve() }));
    return s;
  }
}
