/**
 * What Binance says about our use of its limits, read from every answer's headers: the request weight
 * used this minute (X-MBX-USED-WEIGHT-1M) and the orders placed in the last 10 seconds
 * (X-MBX-ORDER-COUNT-10S). Circuit breakers and the status bar read it; the REST client itself
 * acts only on 429 and 418, which are the venue's own verdicts.
 */
export interface RateLimitUse {
  usedWeight1m?: number;
  orderCount10s?: number;
  /** USD-M also counts orders per minute (X-MBX-ORDER-COUNT-1M). */
  orderCount1m?: number;
  /** When the last header was read (our clock). */
  updatedAt?: number;
}

export class RateLimitTracker {
  private use: RateLimitUse = {};

  read(headers: Headers, now: number): void {
    const weight = intHeader(headers, 'x-mbx-used-weight-1m');
    const orders = intHeader(headers, 'x-mbx-order-count-10s');
    const ordersMinute = intHeader(headers, 'x-mbx-order-count-1m');
    if (weight === undefined && orders === undefined && ordersMinute === undefined) return;
    this.use = {
      ...this.use,
      ...(weight !== undefined ? { usedWeight1m: weight } : {}),
      ...(orders !== undefined ? { orderCount10s: orders } : {}),
      ...(ordersMinute !== undefined ? { orderCount1m: ordersMinute } : {}),
      updatedAt: now,
    };
  }

  snapshot(): RateLimitUse {
    return { ...this.use };
  }
}

function intHeader(headers: Headers, name: string): number | undefined {
  const text = headers.get(name);
  if (text === null || !/^[0-9]{1,12}$/.test(text.trim())) return undefined;
  return Number(text);
}

/** Used when a 429 comes without a readable Retry-After (Binance always sends one). */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** How long a 429 tells us to send nothing: its Retry-After header (seconds), or a minute when it is missing or unreadable. */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}
