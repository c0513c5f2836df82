import { err, ok, type Clock, type Result, type Symbol, type VenueId } from '../core';
import { consolidate, readVenueBooks, smartGrid, tcaChildrenCsv, tcaCsv, type ConsolidatedBook, type RouteMarket, type TcaReport, type TcaSources } from '../algos';
import { bookKey, type BookService } from '../book';
import { quotePerTickLot, type InstrumentRegistry } from '../instruments';
import type { VenueAdapter } from '../venues';
import type { MarketFeed } from './marketFeed';

/** When each venue's feed last said anything, on the engine clock: how current its book is known to be. */
export class FeedTimes {
  private readonly at = new Map<VenueId, number>();
  constructor(private readonly clock: Clock) {}
  seen(venue: VenueId): void {
    this.at.set(venue, this.clock.now());
  }
  of(venue: VenueId): number | undefined {
    return this.at.get(venue);
  }
}

export interface AlgoMarketDeps {
  registry: InstrumentRegistry;
  books: BookService;
  feedTimes: FeedTimes;
  venue(id: VenueId): VenueAdapter | undefined;
}

/**
 * What smart routing reads: books from the book worker's shared memory, bookAt = the last message of the
 * venue's feed (a BookReader has no timestamp), taker fees from the adapter, latency = the venue's last
 * measured round trip (SIM measures none: 0).
 */
export function routeMarket(d: AlgoMarketDeps): RouteMarket {
  return {
    instrument: (venue, symbol) => d.registry.get(venue, symbol),
    book: (venue, symbol, depth) => d.books.reader.readTop(bookKey(venue, symbol), depth) ?? undefined,
    bookAt: (venue) => d.feedTimes.of(venue),
    takerBps: (venue) => d.venue(venue)?.fees.takerBps,
    latencyMs: (venue) => d.venue(venue)?.roundTripMs?.() ?? 0,
  };
}

/**
 * The market prints a TCA measures the interval VWAP on: the terminal's tape when it reaches back to the
 * parent's start (it keeps the last 200 prints per instrument), else the one-second candles (each bar's
 * volume at its typical price (high + low + close) / 3: a long parent's VWAP to within a second's range).
 */
export function tcaSources(clock: Clock, feed: MarketFeed, registry: InstrumentRegistry): TcaSources {
  return {
    now: clock.now(),
    marketTrades: (venue, symbol, from, to) => {
      const key = bookKey(venue, symbol);
      const tape = feed.tapeOf(key);
      const oldest = tape.reduce((m, t) => Math.min(m, t.ts), Infinity);
      if (tape.length > 0 && oldest <= from) return tape.filter((t) => t.ts >= from && t.ts <= to).map((t) => ({ ts: t.ts, price: t.price, qty: t.qty }));
      return feed
        .candlesOf(key, 1)
        .filter((b) => b.time * 1000 >= Math.floor(from / 1000) * 1000 && b.time * 1000 <= to && b.volume > 0)
        .map((b) => ({ ts: Math.max(from, b.time * 1000), price: (b.high + b.low + b.close) / 3, qty: b.volume }));
    },
    quotePerTickLot: (venue, symbol) => {
      const inst = registry.get(venue, symbol);
      return inst ? quotePerTickLot(inst) : undefined;
    },
  };
}

/** The TCA as CSV ({ filename, csv } like audit.csv): one parent, or every parent, summary or per child. */
export function algoTcaCsv(reports: readonly TcaReport[], views: { id: string; venue: VenueId; symbol: Symbol }[], registry: InstrumentRegistry, kind: 'parents' | 'children', clock: Clock, id?: string): Result<{ filename: string; csv: string }> {
  const make = kind === 'parents' ? tcaCsv : tcaChildrenCsv;
  let header: string | undefined;
  const rows: string[] = [];
  for (const r of reports) {
    const v = views.find((x) => x.id === r.parentId);
    const inst = v && registry.get(v.venue, v.symbol);
    if (!inst) continue;
    // Each parent in its own instrument's decimals; one header for the file.
    const [head, ...body] = make([r], inst).split('\r\n').filter((l) => l.length > 0);
    header ??= head;
    rows.push(...body);
  }
  if (header === undefined) {
    if (id !== undefined) return err('INVALID_INPUT', `no TCA for algo ${id} yet`);
    header = make([], { priceDecimals: 0, tickSize: 1, qtyDecimals: 0, lotSize: 1 }).split('\r\n')[0]!;
  }
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  return ok({ filename: `tca-${kind}-${id ?? 'all'}-${stamp}.csv`, csv: [header, ...rows].join('\r\n') + '\r\n' });
}

/** The consolidated book of `symbol` over `venues` in the first venue's ticks and lots: which venue holds each level. */
export function consolidatedBook(market: RouteMarket, books: BookService, venues: readonly VenueId[], symbol: Symbol, depth: number): Result<ConsolidatedBook & { venues: VenueId[] }> {
  const primary = venues[0];
  if (primary === undefined) return err('INVALID_INPUT', 'a consolidated book needs at least one venue');
  const grid = smartGrid(market, primary, venues, symbol);
  if (!grid.ok) return grid;
  return ok({ ...consolidate(grid.value, readVenueBooks(books.reader, grid.value, depth), depth), venues: grid.value.venues.map((v) => v.venue) });
}
