import type { Symbol, VenueId } from '../core/types';
import { instrumentKey, type Instrument } from './instrument';

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
}
