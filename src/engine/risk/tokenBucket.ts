/** One order's worth of tokens. Levels are kept in thousandths so refilling is exact integer arithmetic. */
const ONE = 1_000;
const LEVEL = 0;
const LAST = 1;

/**
 * The time of the check in progress, in epoch ms, as a one-element Float64Array shared by the hot-path
 * helpers. Why not a parameter: epoch milliseconds are not small integers, and V8 boxes such a number
 * on the heap each time it is passed to (or returned from) a function it did not inline, which would
 * make every check allocate. Set by whoever reads the clock, read by the helpers.
 */
export type TimeCell = Float64Array;

export const timeCell = (now = 0): TimeCell => new Float64Array([now]);

/**
 * Order-rate limit: a bucket of `burst` tokens refilled at `perSecond` tokens a second from the
 * injected clock's time, one token per order. It refills `perSecond` thousandths of a token per
 * millisecond, so with whole-number rates no fraction is ever rounded. Its level and last refill time
 * live in a Float64Array for the same reason as TimeCell.
 */
export class TokenBucket {
  private readonly state = new Float64Array(2);
  private readonly capacity: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly time: TimeCell,
  ) {
    this.capacity = burst * ONE;
    this.state[LEVEL] = this.capacity;
    this.state[LAST] = time[0]!;
  }

  /** Whether an order may go now; takes nothing (take() does, once every other check has passed). */
  available(): boolean {
    // refill() written out here: this runs on every order, twice, and must inline into the check.
    const s = this.state;
    const now = this.time[0]!;
    const last = s[LAST]!;
    let level = s[LEVEL]!;
    if (now > last) {
      level = Math.min(this.capacity, level + (now - last) * this.perSecond);
      s[LEVEL] = level;
      s[LAST] = now;
    }
    return level >= ONE;
  }

  take(): void {
    this.state[LEVEL] = this.state[LEVEL]! - ONE;
  }

  /** Whole tokens available now. */
  tokens(): number {
    return Math.floor(this.refill() / ONE);
  }

  /** Milliseconds until the next token, 0 when one is available. */
  msUntilToken(): number {
    const level = this.refill();
    return level >= ONE ? 0 : Math.ceil((ONE - level) / this.perSecond);
  }

  /** Keeps the tokens of a bucket it replaces (a limit edit must not hand out a fresh burst). */
  inheritFrom(old: TokenBucket): void {
    this.state[LEVEL] = Math.min(this.capacity, old.refill());
    this.state[LAST] = this.time[0]!;
  }

  /** Adds what has accrued since the last refill; returns the level. */
  private refill(): number {
    const s = this.state;
    const now = this.time[0]!;
    const last = s[LAST]!;
    // A clock that steps back (NTP) refills nothing rather than draining the bucket.
    if (now > last) {
      s[LEVEL] = Math.min(this.capacity, s[LEVEL]! + (now - last) * this.perSecond);
      s[LAST] = now;
    }
    return s[LEVEL]!;
  }
}
