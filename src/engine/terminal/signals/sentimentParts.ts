/**
 * The Sentiment panel's parts read from the signal store: each source's mean compound per 15-minute
 * bucket over the last day (sparklines), the latest headlines with their scores, and the positioning
 * figures (latest reading of each metric).
 */
import type { SignalItem, SignalStore } from '../../signals';
import type { HeadlineView, PositioningFigure, PositioningView, SourceSeriesView } from './signalsView';

export const SERIES_BUCKET_MS = 15 * 60_000;
export const SERIES_SPAN_MS = 24 * 3_600_000;
export const HEADLINES_SHOWN = 30;
/** Headlines read for the sparklines: a day of a busy instrument. */
const SERIES_ITEMS = 5_000;

export function headlineView(item: SignalItem, label: (source: string) => string, simulated: (source: string) => boolean): HeadlineView {
  return {
    id: item.id, source: item.source, sourceLabel: label(item.source), simulated: simulated(item.source),
    title: item.title, ...(item.link !== undefined ? { link: item.link } : {}), ts: item.ts, timeFromItem: item.timeFromItem,
    instruments: item.instruments, ...(item.score ? { score: item.score } : {}),
  };
}

export function sourceSeries(store: SignalStore, instrument: string, now: number, label: (source: string) => string, simulated: (source: string) => boolean): SourceSeriesView[] {
  const since = now - SERIES_SPAN_MS;
  const bySource = new Map<string, Map<number, { sum: number; count: number }>>();
  for (const item of store.latestForInstrument(instrument, SERIES_ITEMS)) {
    if (item.ts < since || item.ts > now || item.score === undefined) continue;
    const bucket = Math.floor(item.ts / SERIES_BUCKET_MS) * SERIES_BUCKET_MS;
    let buckets = bySource.get(item.source);
    if (!buckets) bySource.set(item.source, (buckets = new Map()));
    const b = buckets.get(bucket) ?? { sum: 0, count: 0 };
    b.sum += item.score.compound;
    b.count += 1;
    buckets.set(bucket, b);
  }
  return [...bySource].map(([source, buckets]) => ({
    source, label: label(source), simulated: simulated(source), bucketMs: SERIES_BUCKET_MS,
    points: [...buckets].sort((a, b) => a[0] - b[0]).map(([ts, b]) => ({ ts, mean: b.sum / b.count, count: b.count })),
  }));
}

export function positioningOf(store: SignalStore, instrument: string, putCallRatio: PositioningFigure | undefined): PositioningView {
  const latest = (metric: string, forInstrument: boolean): PositioningFigure | undefined => {
    const r = store.latestReadings({ metric, ...(forInstrument ? { instrument } : {}), limit: 1 })[0];
    return r && { value: r.value, ts: r.ts, source: r.source, ...(r.label !== undefined ? { label: r.label } : {}) };
  };
  const out: PositioningView = {};
  const funding = latest('fundingRate', true);
  const oi = latest('openInterest', true);
  const ls = latest('longShortRatio', true);
  const fg = latest('fearGreed', false);
  if (funding) out.fundingRate = funding;
  if (oi) out.openInterest = oi;
  if (ls) out.longShortRatio = ls;
  if (fg) out.fearGreed = fg;
  if (putCallRatio) out.putCallRatio = putCallRatio;
  return out;
}
