import type { Clock } from '../core';
import { bookKey, type BookReader } from '../book';
import type { InstrumentRegistry } from '../instruments';
import { AnalyticsFeed } from './analyticsFeed';
import type { AnalyticsView } from './analyticsView';
import type { MarketFeed } from './marketFeed';

/** Estimators for every instrument, VPIN's buckets sized from the volume in the chart history. */
export function startAnalytics(clock: Clock, registry: InstrumentRegistry, feed: MarketFeed, reader: BookReader, emit: (view: AnalyticsView) => void): AnalyticsFeed {
  const now = clock.now();
  const instruments = registry.all().map((inst) => {
    const bars = feed.candlesOf(bookKey(inst.venue, inst.symbol), 60, 1_000_000);
    const first = bars[0];
    return {
      venue: inst.venue,
      symbol: inst.symbol,
      recentVolume: bars.reduce((sum, b) => sum + b.volume, 0),
      historyMs: first ? Math.max(0, now - first.time * 1000) : 0,
    };
  });
  return new AnalyticsFeed(clock, reader, instruments, emit);
}
