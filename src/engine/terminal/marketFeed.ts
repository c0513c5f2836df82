import type { Clock, TimerId } from '../core';
import { type Bar, type CandleArchive, CandleStore, TIMEFRAME_SECONDS, TradeTape, type TapeTrade } from '../marketdata';
import type { VenueEvent } from '../venues';

type TradeEvent = Extract<VenueEvent, { type: 'trade' }>;

export interface MarketFeedSink {
  trades(venue: string, symbol: string, trades: TapeTrade[]): void;
  candle(venue: string, symbol: string, seconds: number, bar: Bar): void;
}

interface Pending {
  venue: string;
  symbol: string;
  trades: TapeTrade[];
  bars: Map<number, Bar>;
}

/**
 * Turns the trade stream into candles and a tape for every instrument, and publishes what changed for
 * the watched instruments a few times a second: a view never needs every trade as its own message.
 */
export class MarketFeed {
  private readonly candles = new CandleStore(TIMEFRAME_SECONDS);
  private readonly tapes = new Map<string, TradeTape>();
  private readonly pending = new Map<string, Pending>();
  private watched = new Set<string>();
  private readonly timer: TimerId;

  constructor(
    private readonly clock: Clock,
    private readonly sink: MarketFeedSink,
    flushMs = 250,
  ) {
    this.timer = clock.setInterval(() => this.flush(), flushMs);
  }

  onTrade(e: TradeEvent): void {
    const key = `${e.venue}:${e.symbol}`;
    const trade: TapeTrade = { ts: e.ts, price: e.price, qty: e.qty, aggressor: e.aggressor };
    let tape = this.tapes.get(key);
    if (!tape) this.tapes.set(key, (tape = new TradeTape()));
    tape.add(trade);
    const changed = this.candles.onTrade(key, e.ts, e.price, e.qty);
    if (!this.watched.has(key)) return;
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { venue: e.venue, symbol: e.symbol, trades: [], bars: new Map() }));
    p.trades.push(trade);
    for (const { seconds, bar } of changed) p.bars.set(seconds, bar);
  }

  watch(keys: Iterable<string>): void {
    this.watched = new Set(keys);
    for (const key of this.pending.keys()) if (!this.watched.has(key)) this.pending.delete(key);
  }

  candlesOf(key: string, seconds: number, limit?: number): Bar[] {
    return this.candles.get(key, seconds, limit);
  }

  tapeOf(key: string, limit?: number): TapeTrade[] {
    return this.tapes.get(key)?.recent(limit) ?? [];
  }

  archive(): CandleArchive {
    return this.candles.archive();
  }

  restore(archive: CandleArchive): void {
    this.candles.restore(archive);
  }

  stop(): void {
    this.clock.clearTimer(this.timer);
  }

  private flush(): void {
    for (const p of this.pending.values()) {
      if (p.trades.length > 0) this.sink.trades(p.venue, p.symbol, p.trades);
      for (const [seconds, bar] of p.bars) this.sink.candle(p.venue, p.symbol, seconds, { ...bar });
    }
    this.pending.clear();
  }
}
