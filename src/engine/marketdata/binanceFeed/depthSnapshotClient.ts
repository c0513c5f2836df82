import type { Clock } from '../../core';
import { retryAfterMs } from '../../venues';
import { depthSnapshotUrl, type BinanceMarketKind } from './endpoints';

/** What one snapshot request came to. */
export type SnapshotAnswer =
  | { kind: 'snapshot'; body: unknown }
  /** 429 (or a request held back because of one): ask again no sooner than `waitMs` from now. */
  | { kind: 'rateLimited'; waitMs: number; reason: string }
  /** 418: the IP is banned; nothing may be sent until the ban ends. */
  | { kind: 'banned'; reason: string }
  /** Network error, 5xx, unreadable body: worth retrying later. */
  | { kind: 'failed'; reason: string };

const REQUEST_TIMEOUT_MS = 10_000;
/** Snapshot requests on their way at once; the rest queue (each answer decides whether the next may go). */
const MAX_IN_FLIGHT = 4;

/**
 * REST depth snapshots for one market, obeying Binance's IP limits for every book at once: after a
 * 429 no request is sent until Retry-After has passed on the clock (a client that keeps sending is
 * banned), and after a 418 none is sent at all (the feed stops and says why).
 */
export class DepthSnapshotClient {
  private pausedUntil = 0;
  private ban: string | undefined;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly restUrl: string,
    private readonly market: BinanceMarketKind,
    private readonly clock: Clock,
    private readonly limit = 1000,
  ) {}

  get banned(): string | undefined {
    return this.ban;
  }

  async fetch(venueSymbol: string): Promise<SnapshotAnswer> {
    // Many books watched at once must not fire their snapshots together: a burst is answered by 429s
    // for requests already on their way, and Binance bans an IP that goes on sending after a 429.
    if (this.active >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await this.request(venueSymbol);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async request(venueSymbol: string): Promise<SnapshotAnswer> {
    if (this.ban !== undefined) return { kind: 'banned', reason: this.ban };
    const wait = this.pausedUntil - this.clock.now();
    if (wait > 0) return { kind: 'rateLimited', waitMs: wait, reason: 'waiting out an earlier 429' };
    let res: Response;
    try {
      res = await fetch(depthSnapshotUrl(this.restUrl, this.market, venueSymbol, this.limit), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      return { kind: 'failed', reason: `depth request failed: ${(e as Error).message}` };
    }
    const text = await res.text().catch((e: Error) => `(body unreadable: ${e.message})`);
    if (res.status === 200) {
      try {
        return { kind: 'snapshot', body: JSON.parse(text) };
      } catch {
        return { kind: 'failed', reason: `depth answer is not JSON: ${text.slice(0, 80)}` };
      }
    }
    const retryAfter = res.headers.get('retry-after');
    const said = `HTTP ${res.status} ${venueMessage(text)}`;
    if (res.status === 418) {
      this.ban = `Binance banned this IP (${said}${retryAfter ? `; Retry-After ${retryAfter} s` : ''})`;
      return { kind: 'banned', reason: this.ban };
    }
    if (res.status === 429) {
      const waitMs = retryAfterMs(retryAfter);
      this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + waitMs);
      return { kind: 'rateLimited', waitMs, reason: `${said}; Retry-After ${retryAfter ?? 'missing'}` };
    }
    return { kind: 'failed', reason: said };
  }
}

/** Binance's error body is {"code": -1003, "msg": "..."}; anything else is quoted briefly. */
function venueMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; msg?: unknown };
    if (typeof body.msg === 'string') return `${String(body.code)} ${body.msg}`;
  } catch {
    // not JSON: quoted below
  }
  return text.slice(0, 120);
}
