import type { Symbol } from '../../../core';
import type { Instrument } from '../../../instruments';
import type { KiteInstrument } from './parseInstruments';

/**
 * Kite's instruments by our symbol and by instrument token, both ways: the ticker subscribes by token
 * and tags every packet with one; everything above the adapter speaks symbols.
 */
export class KiteTokenMap {
  private readonly bySymbol = new Map<Symbol, KiteInstrument>();
  private readonly byToken = new Map<number, KiteInstrument>();

  constructor(instruments: readonly KiteInstrument[]) {
    for (const k of instruments) {
      // parseInstrumentsCsv already refuses duplicates; a merged set keeps the first of each.
      if (this.bySymbol.has(k.instrument.symbol) || this.byToken.has(k.token)) continue;
      this.bySymbol.set(k.instrument.symbol, k);
      this.byToken.set(k.token, k);
    }
  }

  tokenOf(symbol: Symbol): number | undefined {
    return this.bySymbol.get(symbol)?.token;
  }

  symbolOf(token: number): Symbol | undefined {
    return this.byToken.get(token)?.instrument.symbol;
  }

  instrument(symbol: Symbol): Instrument | undefined {
    return this.bySymbol.get(symbol)?.instrument;
  }

  byInstrumentToken(token: number): KiteInstrument | undefined {
    return this.byToken.get(token);
  }

  instruments(): Instrument[] {
    return [...this.bySymbol.values()].map((k) => k.instrument);
  }

  get size(): number {
    return this.bySymbol.size;
  }
}
