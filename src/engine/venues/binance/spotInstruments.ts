/**
 * Binance spot's symbols as our Instruments, from GET /api/v3/exchangeInfo: the tick from
 * PRICE_FILTER, the lot from LOT_SIZE and the minimum order value from NOTIONAL (or the older
 * MIN_NOTIONAL). Decimals are the significant ones of the tick and step ("0.01000000" has 2), so
 * prices and quantities stay small integers. Only symbols that trade on spot now are taken.
 */
import type { VenueId } from '../../core';
import type { Instrument } from '../../instruments';

interface WireFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  minNotional?: string;
}

export interface WireSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  isSpotTradingAllowed?: boolean;
  filters: WireFilter[];
}

export interface SpotInstruments {
  instruments: Instrument[];
  /** Symbols that trade but could not be read (a filter missing or malformed), with why. */
  skipped: { symbol: string; reason: string }[];
}

/** "0.01000000" -> { units: 1, decimals: 2 }; "0.50" -> { units: 5, decimals: 1 }; "1.00" -> { units: 1, decimals: 0 }. */
function step(text: string | undefined): { units: number; decimals: number } | undefined {
  const m = text === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const units = Number(BigInt((m[1] ?? '0') + frac));
  return units > 0 && Number.isSafeInteger(units) ? { units, decimals: frac.length } : undefined;
}

/** A decimal amount in units of 10^-decimals, rounded up (a minimum must not be understated). */
function scaledUp(text: string, decimals: number): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const kept = BigInt((m[1] ?? '0') + frac.slice(0, decimals).padEnd(decimals, '0'));
  const rest = /[1-9]/.test(frac.slice(decimals)) ? 1n : 0n;
  return Number(kept + rest);
}

export function spotInstruments(venue: VenueId, exchangeInfo: { symbols?: WireSymbol[] }): SpotInstruments {
  const instruments: Instrument[] = [];
  const skipped: SpotInstruments['skipped'] = [];
  for (const s of exchangeInfo.symbols ?? []) {
    if (s.status !== 'TRADING' || s.isSpotTradingAllowed === false) continue;
    const filter = (type: string) => s.filters.find((f) => f.filterType === type);
    const tick = step(filter('PRICE_FILTER')?.tickSize);
    const lot = step(filter('LOT_SIZE')?.stepSize);
    if (!tick || !lot) {
      skipped.push({ symbol: s.symbol, reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' });
      continue;
    }
    const minText = (filter('NOTIONAL') ?? filter('MIN_NOTIONAL'))?.minNotional ?? '0';
    const minNotional = scaledUp(minText, tick.decimals + lot.decimals);
    if (minNotional === undefined) {
      skipped.push({ symbol: s.symbol, reason: `minNotional "${minText}" is not a decimal` });
      continue;
    }
    instruments.push({
      venue,
      symbol: `${s.baseAsset}-${s.quoteAsset}`,
      venueSymbol: s.symbol,
      base: s.baseAsset,
      quote: s.quoteAsset,
      priceDecimals: tick.decimals,
      qtyDecimals: lot.decimals,
      tickSize: tick.units,
      lotSize: lot.units,
      minNotional,
    });
  }
  return { instruments, skipped };
}
