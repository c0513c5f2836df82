import type { Lots, Ticks } from '../core';

export interface Bar {
  time: number; // bar open, seconds since epoch
  open: Ticks;
  high: Ticks;
  low: Ticks;
  close: Ticks;
  volume: Lots;
}

/** Bars of one timeframe for one instrument, built trade by trade; oldest bars drop off past `capacity`. */
export class CandleSeries {
  private readonly bars: Bar[] = [];

  constructor(
    readonly seconds: number,
    private readonly capacity: number,
  ) {}

  /** Adds a trade and returns the bar it landed in; a trade older than the current bar is dropped. */
  add(tsMs: number, price: Ticks, qty: Lots): Bar | undefined {
    const time = Math.floor(tsMs / 1000 / this.seconds) * this.seconds;
    const last = this.bars[this.bars.length - 1];
    if (last && time < last.time) return undefined;
    if (last && time === last.time) {
      if (price > last.high) last.high = price;
      if (price < last.low) last.low = price;
      last.close = price;
      last.volume += qty;
      return last;
    }
    const bar = { time, open: price, high: price, low: price, close: price, volume: qty };
    this.bars.push(bar);
    if (this.bars.length > this.capacity) this.bars.splice(0, this.bars.length - this.capacity);
    return bar;
  }

  latest(limit: number): Bar[] {
    return this.bars.slice(-limit).map((b) => ({ ...b }));
  }

  /** Puts back bars saved earlier (oldest first), before any new trade arrives. */
  restore(bars: Bar[]): void {
    this.bars.splice(0, this.bars.length, ...bars.slice(-this.capacity).map((b) => ({ ...b })));
  }
}

/** Every series' bars, by instrument key and timeframe seconds: what outlives a restart. */
export type CandleArchive = Record<string, Record<string, Bar[]>>;

/**
 * Candles for every instrument and timeframe, updated incrementally from the trade stream:
 * each trade touches one bar per timeframe, nothing is ever re-aggregated from history.
 */
export class CandleStore {
  private readonly series = new Map<string, CandleSeries[]>();

  constructor(
    private readonly timeframes: readonly number[],
    private readonly capacity = 5000,
  ) {}

  onTrade(key: string, tsMs: number, price: Ticks, qty: Lots): { seconds: number; bar: Bar }[] {
    let all = this.series.get(key);
    if (!all) this.series.set(key, (all = this.timeframes.map((s) => new CandleSeries(s, this.capacity))));
    const changed: { seconds: number; bar: Bar }[] = [];
    for (const s of all) {
      const bar = s.add(tsMs, price, qty);
      if (bar) changed.push({ seconds: s.seconds, bar });
    }
    return changed;
  }

  get(key: string, seconds: number, limit = 1000): Bar[] {
    return this.series.get(key)?.find((s) => s.seconds === seconds)?.latest(limit) ?? [];
  }

  archive(): CandleArchive {
    const out: CandleArchive = {};
    for (const [key, all] of this.series) out[key] = Object.fromEntries(all.map((s) => [String(s.seconds), s.latest(this.capacity)]));
    return out;
  }

  restore(archive: CandleArchive): void {
    for (const [key, byTimeframe] of Object.entries(archive)) {
      const all = this.timeframes.map((s) => new CandleSeries(s, this.capacity));
      for (const s of all) s.restore(byTimeframe[String(s.seconds)] ?? []);
      this.series.set(key, all);
    }
  }
}
