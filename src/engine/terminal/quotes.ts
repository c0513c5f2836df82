import type { Clock, Symbol, VenueId } from '../core';
import type { Bar } from '../marketdata';

/** One instrument's line in a watchlist: what the engine holds now (ticks and lots; undefined = not seen yet). */
export interface QuoteView {
  venue: VenueId;
  symbol: Symbol;
  /** The last trade's price (the newest candle's close when the tape is empty). */
  last?: number;
  bid?: number;
  ask?: number;
  /** The open of the first bar the engine holds for the current UTC day: the day's open as this terminal saw it. */
  open?: number;
  /** Lots traded in the current UTC day, as far as the engine saw. */
  volume: number;
  /** Closes of the last minutes (oldest first), for a sparkline. */
  closes: number[];
  stale: boolean;
}

export interface QuoteSources {
  top(key: string): { bid?: number; ask?: number; stale: boolean } | undefined;
  lastTrade(key: string): number | undefined;
  bars(key: string, seconds: number, limit: number): Bar[];
}

export const QUOTE_SPARK_MINUTES = 30;
const DAY_S = 86_400;

/** A watchlist line read from the books and candles now; nothing is invented for what the engine has not seen. */
export function quoteOf(src: QuoteSources, key: string, venue: VenueId, symbol: Symbol, nowMs: number): QuoteView {
  const top = src.top(key);
  const minutes = src.bars(key, 60, QUOTE_SPARK_MINUTES);
  const dayStart = Math.floor(nowMs / 1000 / DAY_S) * DAY_S;
  const hours = src.bars(key, 3600, 24).filter((b) => b.time >= dayStart);
  const last = src.lastTrade(key) ?? minutes[minutes.length - 1]?.close;
  const q: QuoteView = {
    venue,
    symbol,
    volume: hours.reduce((sum, b) => sum + b.volume, 0),
    closes: minutes.map((b) => b.close),
    stale: top?.stale ?? true,
  };
  if (last !== undefined) q.last = last;
  if (top?.bid !== undefined) q.bid = top.bid;
  if (top?.ask !== undefined) q.ask = top.ask;
  if (hours[0]) q.open = hours[0].open;
  return q;
}

/** How long a view's watchlist keeps streaming after its last `market.quotes` (it polls once a second). */
export const QUOTE_VIEW_TTL_MS = 10_000;

/**
 * Which instruments each view's watchlist shows, so a venue that streams only what is asked for
 * (watchMarket) streams them too. A view that stops asking (closed, crashed) drops out after the TTL.
 */
export class QuoteViewers {
  private readonly views = new Map<string, { refs: { venue: VenueId; symbol: Symbol }[]; key: string; at: number }>();

  constructor(private readonly clock: Clock) {}

  /** True when the set of instruments changed. */
  show(viewer: string, refs: readonly { venue: VenueId; symbol: Symbol }[]): boolean {
    const key = refs.map((r) => `${r.venue}:${r.symbol}`).join(',');
    const before = this.views.get(viewer);
    this.views.set(viewer, { refs: refs.map((r) => ({ venue: r.venue, symbol: r.symbol })), key, at: this.clock.now() });
    return before?.key !== key;
  }

  /** The view no longer shows a watchlist (it closed); true when it showed one. */
  close(viewer: string): boolean {
    return this.views.delete(viewer);
  }

  /** How many views' watchlists stream now. */
  get size(): number {
    return this.views.size;
  }

  /** Forgets views that stopped asking; true when one was dropped. */
  expire(): boolean {
    const now = this.clock.now();
    let dropped = false;
    for (const [viewer, v] of this.views) {
      if (now - v.at >= QUOTE_VIEW_TTL_MS) {
        this.views.delete(viewer);
        dropped = true;
      }
    }
    return dropped;
  }

  instruments(): { venue: VenueId; symbol: Symbol }[] {
    return [...this.views.values()].flatMap((v) => v.refs);
  }
}
