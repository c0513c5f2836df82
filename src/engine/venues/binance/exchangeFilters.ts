/**
 * Reading Binance's exchangeInfo symbol filters (the same on spot and USD-M) into integer steps:
 * the tick from PRICE_FILTER's tickSize, the lot from LOT_SIZE's stepSize. Decimals are the
 * significant ones of the step ("0.01000000" has 2), so prices and quantities stay small integers.
 * What each market does with the rest (minimum notional, MARKET_LOT_SIZE) stays with its reader.
 */
import { decimalStep, type DecimalStep } from '../../core';

/** A filter as exchangeInfo sends it: only the fields one of our readers looks at. */
export interface BinanceWireFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  /** Spot's NOTIONAL / MIN_NOTIONAL. */
  minNotional?: string;
  /** USD-M's MIN_NOTIONAL. */
  notional?: string;
}

export const filterOf = (filters: readonly BinanceWireFilter[], type: string): BinanceWireFilter | undefined => filters.find((f) => f.filterType === type);

/** The tick and the lot of a symbol, or why they cannot be read. */
export function tickAndLot(filters: readonly BinanceWireFilter[]): { tick: DecimalStep; lot: DecimalStep } | { reason: string } {
  const tick = decimalStep(filterOf(filters, 'PRICE_FILTER')?.tickSize);
  const lot = decimalStep(filterOf(filters, 'LOT_SIZE')?.stepSize);
  if (!tick || !lot) return { reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' };
  return { tick, lot };
}
