import type { Symbol } from '../core';
import type { Instrument } from '../instruments';

/** The instruments `symbols` names (names the venue does not list are skipped), or every one when it names none. */
export function instrumentsOf(bySymbol: ReadonlyMap<Symbol, Instrument>, symbols?: readonly Symbol[]): Instrument[] {
  if (!symbols) return [...bySymbol.values()];
  return symbols.flatMap((symbol) => {
    const inst = bySymbol.get(symbol);
    return inst ? [inst] : [];
  });
}
