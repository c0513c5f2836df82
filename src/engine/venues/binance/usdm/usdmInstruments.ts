/**
 * Binance USD-M perpetuals as our Instruments, from GET /fapi/v1/exchangeInfo: only PERPETUAL
 * contracts that are TRADING. The tick is PRICE_FILTER's tickSize, the lot LOT_SIZE's stepSize (a
 * MARKET_LOT_SIZE step that is not a whole number of lots would make market orders unplaceable, so
 * such a symbol is left out and said why), the minimum order value MIN_NOTIONAL's `notional`.
 * Decimals are the significant ones of the tick and step ("0.10" has 1), so prices and quantities
 * stay small integers. Our name is BASE-QUOTE-PERP (BTC-USDT-PERP), distinct from the spot pair.
 */
import type { VenueId } from '../../../core';
import type { Instrument } from '../../../instruments';

interface WireFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  notional?: string;
}

export interface UsdmWireSymbol {
  symbol: string;
  status: string;
  contractType?: string;
  baseAsset: string;
  quoteAsset: string;
  marginAsset?: string;
  filters: WireFilter[];
}

export interface UsdmInstruments {
  instruments: Instrument[];
  /** Perpetuals that trade but could not be read (a filter missing or malformed), with why. */
  skipped: { symbol: string; reason: string }[];
}

/** "0.10" -> { units: 1, decimals: 1 }; "0.001" -> { units: 1, decimals: 3 }; "1" -> { units: 1, decimals: 0 }. */
export function decimalStep(text: string | undefined): { units: number; decimals: number } | undefined {
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
  const v = kept + rest;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

/** `step` in units of 10^-decimals (decimals >= step.decimals). */
const stepAt = (step: { units: number; decimals: number }, decimals: number): number => step.units * 10 ** (decimals - step.decimals);

export const perpSymbol = (base: string, quote: string): string => `${base}-${quote}-PERP`;

export function usdmInstruments(venue: VenueId, exchangeInfo: { symbols?: UsdmWireSymbol[] }): UsdmInstruments {
  const instruments: Instrument[] = [];
  const skipped: UsdmInstruments['skipped'] = [];
  for (const s of exchangeInfo.symbols ?? []) {
    if (s.status !== 'TRADING' || s.contractType !== 'PERPETUAL') continue;
    const filter = (type: string) => s.filters.find((f) => f.filterType === type);
    const tick = decimalStep(filter('PRICE_FILTER')?.tickSize);
    const lot = decimalStep(filter('LOT_SIZE')?.stepSize);
    if (!tick || !lot) {
      skipped.push({ symbol: s.symbol, reason: 'PRICE_FILTER tickSize or LOT_SIZE stepSize missing or not a positive decimal' });
      continue;
    }
    const marketStepText = filter('MARKET_LOT_SIZE')?.stepSize;
    if (marketStepText !== undefined) {
      const marketStep = decimalStep(marketStepText);
      const d = Math.max(lot.decimals, marketStep?.decimals ?? 0);
      if (!marketStep || stepAt(marketStep, d) % stepAt(lot, d) !== 0) {
        skipped.push({ symbol: s.symbol, reason: `MARKET_LOT_SIZE stepSize "${marketStepText}" is not a whole number of LOT_SIZE steps (${filter('LOT_SIZE')?.stepSize})` });
        continue;
      }
    }
    const minText = filter('MIN_NOTIONAL')?.notional ?? '0';
    const minNotional = scaledUp(minText, tick.decimals + lot.decimals);
    if (minNotional === undefined) {
      skipped.push({ symbol: s.symbol, reason: `MIN_NOTIONAL notional "${minText}" is not a decimal` });
      continue;
    }
    instruments.push({
      venue,
      symbol: perpSymbol(s.baseAsset, s.quoteAsset),
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
