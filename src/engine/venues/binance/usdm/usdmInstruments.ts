/**
 * Binance USD-M perpetuals as our Instruments, from GET /fapi/v1/exchangeInfo: only PERPETUAL
 * contracts that are TRADING. The tick is PRICE_FILTER's tickSize, the lot LOT_SIZE's stepSize (a
 * MARKET_LOT_SIZE step that is not a whole number of lots would make market orders unplaceable, so
 * such a symbol is left out and said why), the minimum order value MIN_NOTIONAL's `notional`.
 * Decimals are the significant ones of the tick and step ("0.10" has 1), so prices and quantities
 * stay small integers. Our name is BASE-QUOTE-PERP (BTC-USDT-PERP), distinct from the spot pair.
 */
import { decimalStep, parseScaledCeil, type DecimalStep, type VenueId } from '../../../core';
import type { Instrument } from '../../../instruments';
import { filterOf, tickAndLot, type BinanceWireFilter } from '../exchangeFilters';

export interface UsdmWireSymbol {
  symbol: string;
  status: string;
  contractType?: string;
  baseAsset: string;
  quoteAsset: string;
  marginAsset?: string;
  filters: BinanceWireFilter[];
}

export interface UsdmInstruments {
  instruments: Instrument[];
  /** Perpetuals that trade but could not be read (a filter missing or malformed), with why. */
  skipped: { symbol: string; reason: string }[];
}

/** `step` in units of 10^-decimals (decimals >= step.decimals). */
const stepAt = (step: DecimalStep, decimals: number): number => step.units * 10 ** (decimals - step.decimals);

export const perpSymbol = (base: string, quote: string): string => `${base}-${quote}-PERP`;

export function usdmInstruments(venue: VenueId, exchangeInfo: { symbols?: UsdmWireSymbol[] }): UsdmInstruments {
  const instruments: Instrument[] = [];
  const skipped: UsdmInstruments['skipped'] = [];
  for (const s of exchangeInfo.symbols ?? []) {
    if (s.status !== 'TRADING' || s.contractType !== 'PERPETUAL') continue;
    const filter = (type: string) => filterOf(s.filters, type);
    const steps = tickAndLot(s.filters);
    if ('reason' in steps) {
      skipped.push({ symbol: s.symbol, reason: steps.reason });
      continue;
    }
    const { tick, lot } = steps;
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
    const minNotional = parseScaledCeil(minText, tick.decimals + lot.decimals);
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
