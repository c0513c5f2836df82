import { type BookLevels, InstrumentAnalytics } from '../analytics';
import type { BookReader } from '../book';
import type { Clock, Side, TimerId } from '../core';
import type { AnalyticsView } from './analyticsView';

/** Levels per side the analytics read from shared memory each tick. */
const LEVELS = 10;
/** Book sampling for OFI, imbalance and mid-based estimators: the publisher's 20 Hz. */
const SAMPLE_MS = 50;
const PUBLISH_MS = 250;
/** VPIN buckets hold a fiftieth of a day's volume (Easley, López de Prado & O'Hara 2012). */
const BUCKETS_PER_DAY = 50;
const DAY_MS = 86_400_000;

/** Told every book picture the feed samples and every trade it gets (the signals desk's order-flow features). */
export interface AnalyticsTap {
  book(venue: string, symbol: string, bids: BookLevels, asks: BookLevels, ts: number): void;
  trade(venue: string, symbol: string, price: number, qty: number, aggressor: Side, ts: number): void;
}

export interface AnalyticsInstrument {
  venue: string;
  symbol: string;
  /** Lots traded over `historyMs` before now, to size VPIN's volume buckets; 0 when unknown. */
  recentVolume: number;
  historyMs: number;
}

/**
 * Runs the microstructure estimators for every instrument: the book is sampled from shared memory at
 * 20 Hz, trades arrive as they happen, and the watched instruments' values are published 4 times a second.
 */
export class AnalyticsFeed {
  private readonly byKey = new Map<string, { venue: string; symbol: string; analytics: InstrumentAnalytics }>();
  private watched = new Set<string>();
  private readonly timers: TimerId[] = [];
  private tapped: AnalyticsTap | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly reader: BookReader,
    instruments: AnalyticsInstrument[],
    private readonly publish: (view: AnalyticsView) => void,
  ) {
    this.add(instruments);
    this.timers = [clock.setInterval(() => this.sample(), SAMPLE_MS), clock.setInterval(() => this.flush(), PUBLISH_MS)];
  }

  /** Estimators for more instruments (an account connected); those already followed keep theirs. */
  add(instruments: readonly AnalyticsInstrument[]): void {
    for (const inst of instruments) {
      if (this.byKey.has(`${inst.venue}:${inst.symbol}`)) continue;
      const daily = inst.historyMs > 0 ? (inst.recentVolume * DAY_MS) / inst.historyMs : 0;
      const bucketVolume = Math.max(1, Math.round(daily / BUCKETS_PER_DAY)) || 1_000;
      this.byKey.set(`${inst.venue}:${inst.symbol}`, {
        venue: inst.venue,
        symbol: inst.symbol,
        analytics: new InstrumentAnalytics({ vpin: { bucketVolume } }),
      });
    }
  }

  /** An account went away: its instruments are no longer sampled (they start afresh if it comes back). */
  removeVenue(venue: string): void {
    for (const [key, entry] of this.byKey) if (entry.venue === venue) this.byKey.delete(key);
  }

  onTrade(key: string, price: number, qty: number, aggressor: Side, ts: number): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    entry.analytics.onTrade(price, qty, aggressor, ts);
    this.tapped?.trade(entry.venue, entry.symbol, price, qty, aggressor, ts);
  }

  /** One more reader of the samples, so a second consumer needs no reader loop of its own. */
  tap(listener: AnalyticsTap): void {
    this.tapped = listener;
  }

  watch(keys: Iterable<string>): void {
    this.watched = new Set(keys);
  }

  view(key: string): AnalyticsView | undefined {
    const entry = this.byKey.get(key);
    return entry && { venue: entry.venue, symbol: entry.symbol, ts: this.clock.now(), ...entry.analytics.values() };
  }

  stop(): void {
    for (const id of this.timers) this.clock.clearTimer(id);
  }

  private sample(): void {
    const ts = this.clock.now();
    for (const [key, { venue, symbol, analytics }] of this.byKey) {
      const top = this.reader.readTop(key, LEVELS);
      // A stale book is not the market: sampling it would feed the estimators fiction.
      if (top && !top.stale) {
        analytics.onBook(top.bids, top.asks, ts);
        this.tapped?.book(venue, symbol, top.bids, top.asks, ts);
      }
    }
  }

  private flush(): void {
    for (const key of this.watched) {
      const view = this.view(key);
      if (view) this.publish(view);
    }
  }
}
