import type { Symbol, VenueId } from '../core';
import { formatPrice, formatQty, instrumentKey, type Instrument } from './instrument';
import { InstrumentSearch, type InstrumentSearchResult } from './search';

/** Every instrument the engine knows, by venue and symbol. */
export class InstrumentRegistry {
  private readonly byKey = new Map<string, Instrument>();
  /** Built on the first search after a change: a Kite list is ~100k instruments, indexed in about a second. */
  private index: InstrumentSearch | undefined;

  add(inst: Instrument): void {
    this.byKey.set(instrumentKey(inst.venue, inst.symbol), inst);
    this.index = undefined;
  }

  /** The best `limit` instruments for what a trader typed (symbol, display name, name), and how many matched. */
  search(query: string, opts: { limit: number; venue?: VenueId }): InstrumentSearchResult {
    this.index ??= new InstrumentSearch(this.all());
    return this.index.search(query, opts);
  }

  get(venue: VenueId, symbol: Symbol): Instrument | undefined {
    return this.byKey.get(instrumentKey(venue, symbol));
  }

  all(): Instrument[] {
    return [...this.byKey.values()];
  }

  /** Prices (ticks) and sizes (lots) of one instrument as decimal text; undefined if it is unknown. */
  decimals(venue: VenueId, symbol: Symbol): DecimalText | undefined {
    const inst = this.get(venue, symbol);
    return inst && { price: (ticks) => formatPrice(inst, ticks), qty: (lots) => formatQty(inst, lots) };
  }
}

export interface DecimalText {
  price(ticks: number): string;
  qty(lots: number): string;
}
