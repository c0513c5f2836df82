/**
 * Binance spot's symbols as our Instruments, from GET /api/v3/exchangeInfo: the tick from
 * PRICE_FILTER, the lot from LOT_SIZE and the minimum order value from NOTIONAL (or the older
 * MIN_NOTIONAL). Decimals are the significant ones of the tick and step ("0.01000000" has 2), so
 * prices and quantities stay small integers. Only symbols that trade on spot now are taken.
 */
import { parseScaledCeil, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import { filterOf, tickAndLot, type BinanceWireFilter } from './exchangeFilters';

export interface WireSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  isSpotTradingAllowed?: boolean;
  filters: BinanceWireFilter[];
}

export interface SpotInstruments {
  instruments: Instrument[];
  /** Symbols that trade but could not be read (a filter missing or malformed), with why. */
  skipped: { symbol: string; reason: string }[];
}

export function spotInstruments(venue: VenueId, exchangeInfo: { symbols?: WireSymbol[] }): SpotInstruments {
  const instruments: Instrument[] = [];
  const skipped: SpotInstruments['skipped'] = [];
  for (const s of exchangeInfo.symbols ?? []) {
    if (s.status !== 'TRADING' || s.isSpotTradingAllowed === false) continue;
    const steps = tickAndLot(s.filters);
    if ('reason' in steps) {
      skipped.push({ symbol: s.symbol, reason: steps.reason });
      continue;
    }
    const { tick, lot } = steps;
    const minText = (filterOf(s.filters, 'NOTIONAL') ?? filterOf(s.filters, 'MIN_NOTIONAL'))?.minNotional ?? '0';
    const minNotional = parseScaledCeil(minText, tick.decimals + lot.decimals);
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
