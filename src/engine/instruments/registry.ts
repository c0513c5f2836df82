import type { Symbol, VenueId } from '../core';
import { formatPrice, formatQty, instrumentKey, type Instrument } from './instrument';

/** Every instrument the engine knows, by venue and symbol. */
export class InstrumentRegistry {
  private readonly byKey = new Map<string, Instrument>();

  add(inst: Instrument): void {
    this.byKey.set(instrumentKey(inst.venue, inst.symbol), inst);
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
