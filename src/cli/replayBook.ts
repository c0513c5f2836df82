import { createL2Book, type L2Book } from '../engine/book';
import { levelChangesOf } from '../engine/core';
import { formatLots, formatTicks, type BookScale, type SyncOutcome } from '../engine/marketdata';

export interface ReplaySummary {
  bids: [string, string][];
  asks: [string, string][];
  updates: number;
  gaps: number;
  stale: boolean;
}

/**
 * Applies a normaliser's outcomes to an L2 book, counting what the replay reports:
 * `updates` = canonical deltas applied (one per venue update message that made it into the book);
 * `gaps` = sequence breaks reported.
 */
export class ReplayBook {
  readonly book: L2Book = createL2Book();
  updates = 0;
  gaps = 0;

  apply(outcomes: readonly SyncOutcome[]): void {
    for (const outcome of outcomes) {
      if (outcome.kind === 'gap') {
        this.gaps++;
        continue;
      }
      if (outcome.kind !== 'apply') continue;
      const event = outcome.event;
      const book = this.book;
      if (event.type === 'bookSnapshot') {
        book.clear();
        for (const [price, qty] of event.bids) book.set('bid', price, qty);
        for (const [price, qty] of event.asks) book.set('ask', price, qty);
      } else {
        for (const change of levelChangesOf(event)) book.set(change.side === 'buy' ? 'bid' : 'ask', change.price, change.qty);
        this.updates++;
      }
    }
  }

  /** The best `depth` levels of each side, best first, as the venue's decimal strings. */
  summary(depth: number, scale: BookScale | undefined, stale: boolean): ReplaySummary {
    return { bids: this.top('bid', depth, scale), asks: this.top('ask', depth, scale), updates: this.updates, gaps: this.gaps, stale };
  }

  private top(side: 'bid' | 'ask', depth: number, scale: BookScale | undefined): [string, string][] {
    if (!scale) return [];
    const dst = new Float64Array(2 * depth);
    const n = this.book.copyTop(side, depth, dst, 0);
    const out: [string, string][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [formatTicks(scale, dst[2 * i]!), formatLots(scale, dst[2 * i + 1]!)];
    return out;
  }
}
