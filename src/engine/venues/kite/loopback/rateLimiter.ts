/**
 * Kite's rate limits, per api_key, in sliding windows on the venue's clock: order placement 10 per
 * second and 200 per minute; quotes 1 per second; every other call (modify and cancel included, so
 * a kill switch's cancels are not held back by placements) 10 per second. A request beyond them is answered 429 NetworkException "Too many requests".
 */
import type { KiteRateLimits } from './config';
import type { LimitClass } from './routeKit';

class Window {
  private readonly stamps: number[] = [];
  constructor(
    private readonly span: number,
    private readonly max: number,
  ) {}

  full(now: number): boolean {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.span) this.stamps.shift();
    return this.stamps.length >= this.max;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class KiteRateLimiter {
  private readonly windows = new Map<string, Window[]>();

  constructor(private readonly limits: KiteRateLimits) {}

  /** True when the request may go on (and is counted); false when it is over a limit. */
  admit(who: string, cls: LimitClass, now: number): boolean {
    if (cls === 'none') return true;
    const key = `${who}|${cls}`;
    let ws = this.windows.get(key);
    if (!ws) {
      ws =
        cls === 'order'
          ? [new Window(1000, this.limits.ordersPerSecond), new Window(60_000, this.limits.ordersPerMinute)]
          : [new Window(1000, cls === 'quote' ? this.limits.quotesPerSecond : this.limits.otherPerSecond)];
      this.windows.set(key, ws);
    }
    if (ws.some((w) => w.full(now))) return false;
    for (const w of ws) w.add(now);
    return true;
  }
}
