import { err, EventBus, ok, type Fill, type Lots, type QuoteUnits, type Result, type Symbol, type Ticks, type VenueId } from '../core';
import { instrumentKey, quotePerTickLot, type InstrumentRegistry } from '../instruments';
import { applyTrade, averagePrice, FLAT, unrealised, type PositionBook } from './positionMath';

/** One instrument's position as the outside sees it; money in QuoteUnits. */
export interface Position {
  venue: VenueId;
  symbol: Symbol;
  /** Signed lots: > 0 long, < 0 short. */
  qty: Lots;
  /** Exact entry value of the open position in ticks*lots, same sign as qty; avg price = cost / qty. */
  cost: number;
  /** cost / qty rounded half away from zero to a whole tick; undefined when flat. */
  avgPrice: Ticks | undefined;
  /** Realised on reducing and flipping trades, before fees. */
  realisedPnl: QuoteUnits;
  /** Fees paid (negative = rebates received). */
  fees: QuoteUnits;
}

export interface PositionRow extends Position {
  /** At the mark; 0 when flat; undefined when there is no mark for an open position. */
  unrealisedPnl: QuoteUnits | undefined;
}

/** The price to mark an instrument at (mid from the book); undefined when unknown. */
export type MarkPrice = (venue: VenueId, symbol: Symbol) => Ticks | undefined;

export type PortfolioEvents = { position: Position };

interface Entry {
  venue: VenueId;
  symbol: Symbol;
  /** QuoteUnits per tick*lot of the instrument. */
  scale: number;
  book: PositionBook;
  fees: QuoteUnits;
}

/**
 * Positions and P&L per venue+symbol, built only by applying fills in order, so it can always be
 * rebuilt from the stored fills. It trusts the caller for uniqueness: the OMS emits each fill once.
 */
export class Portfolio {
  readonly events = new EventBus<PortfolioEvents>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly instruments: InstrumentRegistry) {}

  applyFill(fill: Fill): Result<Position> {
    const applied = this.apply(fill);
    if (!applied.ok) return applied;
    const position = toPosition(applied.value);
    this.events.emit('position', position);
    return ok(position);
  }

  /** Starts over from these fills (oldest first); emits each resulting position once at the end. */
  rebuild(fills: Iterable<Fill>): Result<void> {
    this.entries.clear();
    const unknown = new Set<string>();
    for (const fill of fills) {
      const r = this.apply(fill);
      if (!r.ok) unknown.add(instrumentKey(fill.venue, fill.symbol));
    }
    for (const entry of this.entries.values()) this.events.emit('position', toPosition(entry));
    if (unknown.size > 0) return err('UNKNOWN_INSTRUMENT', `fills skipped for unknown instruments: ${[...unknown].join(', ')}`);
    return ok(undefined);
  }

  position(venue: VenueId, symbol: Symbol): Position | undefined {
    const entry = this.entries.get(instrumentKey(venue, symbol));
    return entry && toPosition(entry);
  }

  /** Every instrument ever traded (flat ones too: their realised P&L and fees still count). */
  positions(mark: MarkPrice = () => undefined): PositionRow[] {
    return [...this.entries.values()].map((entry) => {
      const position = toPosition(entry);
      let unrealisedPnl: QuoteUnits | undefined = 0;
      if (entry.book.qty !== 0) {
        const price = mark(entry.venue, entry.symbol);
        unrealisedPnl = price === undefined ? undefined : unrealised(entry.book, price) * entry.scale;
      }
      return { ...position, unrealisedPnl };
    });
  }

  private apply(fill: Fill): Result<Entry> {
    const key = instrumentKey(fill.venue, fill.symbol);
    let entry = this.entries.get(key);
    if (!entry) {
      const inst = this.instruments.get(fill.venue, fill.symbol);
      if (!inst) return err('UNKNOWN_INSTRUMENT', `fill ${fill.fillId} is for unknown instrument ${key}`);
      entry = { venue: fill.venue, symbol: fill.symbol, scale: quotePerTickLot(inst), book: FLAT, fees: 0 };
      this.entries.set(key, entry);
    }
    entry.book = applyTrade(entry.book, fill.side, fill.price, fill.qty);
    entry.fees += fill.fee;
    return ok(entry);
  }
}

const toPosition = (e: Entry): Position => ({
  venue: e.venue,
  symbol: e.symbol,
  qty: e.book.qty,
  cost: e.book.cost,
  avgPrice: averagePrice(e.book),
  realisedPnl: e.book.realised * e.scale,
  fees: e.fees,
});
