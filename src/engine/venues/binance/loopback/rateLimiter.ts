/**
 * Binance's IP rate limits as its documentation describes them ("LIMITS"): every request adds its
 * weight to the current minute (reported in X-MBX-USED-WEIGHT-1M); over the limit the answer is 429
 * with Retry-After; a client that keeps sending after a 429 is banned, and every request during the
 * ban is answered 418 with the ban's end. New orders are also counted per 10 seconds
 * (X-MBX-ORDER-COUNT-10S, 429 -1015 over the limit; order limits do not lead to bans). Windows are
 * aligned to the clock (a new minute starts at :00), as Binance's are.
 */
import { errors, type VenueError } from './binanceErrors';

export interface RateLimits {
  weightPerMinute: number;
  ordersPer10s: number;
  banMs: number;
}

export interface Admission {
  /** Headers every answer carries (weight used, and order counts on order endpoints). */
  headers: Record<string, string>;
  /** Set when the request is refused: 429 or 418, with Retry-After in `headers`. */
  refused?: VenueError;
}

const MINUTE = 60_000;
const TEN_SECONDS = 10_000;

export class RateLimiter {
  private minute = -1;
  private weight = 0;
  private tenSeconds = -1;
  private orders = 0;
  /** After a 429 the client must wait until here; a request before it earns a ban. */
  private backOffUntil = 0;
  private bannedUntil = 0;

  constructor(
    readonly limits: RateLimits,
    /** The second order-count header Binance adds: spot counts per day, USD-M per minute. */
    private readonly longOrderHeader: 'X-MBX-ORDER-COUNT-1D' | 'X-MBX-ORDER-COUNT-1M',
  ) {}

  /** The weight used in the current minute (the WebSocket API reports it in `rateLimits`). */
  get used(): number {
    return this.weight;
  }

  /** Answers a request of `weight` (and one new order if `order`) arriving at `now`. */
  admit(now: number, weight: number, order: boolean): Admission {
    if (now < this.bannedUntil) return this.ban(now, false);
    if (now < this.backOffUntil) return this.ban(now, true);
    const minute = Math.floor(now / MINUTE);
    if (minute !== this.minute) {
      this.minute = minute;
      this.weight = 0;
    }
    this.weight += weight;
    const headers: Record<string, string> = { 'X-MBX-USED-WEIGHT-1M': String(this.weight) };
    if (this.weight > this.limits.weightPerMinute) {
      this.backOffUntil = (minute + 1) * MINUTE;
      return { headers: { ...headers, 'Retry-After': String(Math.ceil((this.backOffUntil - now) / 1000)) }, refused: errors.tooManyRequests(this.limits.weightPerMinute) };
    }
    if (!order) return { headers };
    const window = Math.floor(now / TEN_SECONDS);
    if (window !== this.tenSeconds) {
      this.tenSeconds = window;
      this.orders = 0;
    }
    this.orders++;
    headers['X-MBX-ORDER-COUNT-10S'] = String(this.orders);
    headers[this.longOrderHeader] = String(this.orders);
    if (this.orders > this.limits.ordersPer10s) {
      headers['Retry-After'] = String(Math.ceil(((window + 1) * TEN_SECONDS - now) / 1000));
      return { headers, refused: errors.tooManyOrders(this.limits.ordersPer10s, '10 SECOND') };
    }
    return { headers };
  }

  /** A fault: answer as if the limit had been hit (429) or the IP banned (418). */
  force(now: number, status: 429 | 418): Admission {
    if (status === 418) {
      this.bannedUntil = Math.max(this.bannedUntil, now + this.limits.banMs);
      return this.ban(now, false);
    }
    this.backOffUntil = Math.max(this.backOffUntil, (Math.floor(now / MINUTE) + 1) * MINUTE);
    return {
      headers: { 'X-MBX-USED-WEIGHT-1M': String(this.weight), 'Retry-After': String(Math.ceil((this.backOffUntil - now) / 1000)) },
      refused: errors.tooManyRequests(this.limits.weightPerMinute),
    };
  }

  private ban(now: number, startsNow: boolean): Admission {
    if (startsNow) {
      this.bannedUntil = now + this.limits.banMs;
      this.backOffUntil = 0;
    }
    return {
      headers: { 'X-MBX-USED-WEIGHT-1M': String(this.weight), 'Retry-After': String(Math.ceil((this.bannedUntil - now) / 1000)) },
      refused: errors.banned(this.bannedUntil),
    };
  }
}
