/**
 * Reading Binance's exchangeInfo symbol filters (the same on spot and USD-M) into integer steps:
 * the tick from PRICE_FILTER's tickSize, the lot from LOT_SIZE's stepSize. Decimals are the
 * significant ones of the step ("0.01000000" has 2), so prices and quantities stay small integers.
 * What each market does with the rest (minimum notional, MARKET_LOT_SIZE) stays with its reader.
 */

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

/** A positive decimal step as `units` of 10^-`decimals`. */
export interface DecimalStep {
  units: number;
  decimals: number;
}

/** "0.01000000" -> { units: 1, decimals: 2 }; "0.50" -> { units: 5, decimals: 1 }; "1.00" -> { units: 1, decimals: 0 }. */
export function decimalStep(text: string | undefined): DecimalStep | undefined {
  const m = text === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const units = Number(BigInt((m[1] ?? '0') + frac));
  return units > 0 && Number.isSafeInteger(units) ? { units, decimals: frac.length } : undefined;
}

/**
 * A decimal amount in units of 10^-decimals, rounded up (a minimum must not be understated);
 * undefined when it is not a plain decimal or does not fit a safe integer.
 */
export function scaledUp(text: string, decimals: number): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const kept = BigInt((m[1] ?? '0') + frac.slice(0, decimals).padEnd(decimals, '0'));
  const rest = /[1-9]/.test(frac.slice(decimals)) ? 1n : 0n;
  const v = kept + rest;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

export const filterOf = (filters: readonly BinanceWireFilter[], type: string): BinanceWireFilter | undefined => filters.find((f) => f.filterType === type);

/** The tick and the lot of a symbol, or why they cannot be read. */
export function tickAndLot(filters: readonly BinanceWireFilter[]): { tick: DecimalStep; lot: DecimalStep } | { reason: string } {
  const tick = decimalStep(filterOf(filters, 'PRICE_FILTER')?.tickSize);
  const lot = decimalStep(filterOf(filters, 'LOT_SIZE')?.stepSize);
  if (!tick || !lot) return { reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' };
  return { tick, lot };
}
