/**
 * ccxt markets as our Instruments: integer ticks and lots from the market's precision, the minimum
 * order value from its cost limit. ccxt states precision in one of three modes: a tick size (most
 * venues), a number of decimal places (tick 10^-n), or significant digits, which has no fixed tick
 * and cannot be expressed as integer ticks: such a market is left out, with why, never approximated.
 */
import type { VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { CcxtMarketLike } from './ccxtMarket';
import { isOptionUnderlying, optionContract, optionDisplayName, optionSymbol, underlyingOf, yymmdd, type ListedMarket } from './ccxtOptions';
import { scaledUp, stepOf } from './decimalText';

export type { CcxtMarketLike } from './ccxtMarket';

/** ccxt's precision modes (ccxt.DECIMAL_PLACES, ccxt.SIGNIFICANT_DIGITS, ccxt.TICK_SIZE). */
export const PRECISION_MODE = { DECIMAL_PLACES: 2, SIGNIFICANT_DIGITS: 3, TICK_SIZE: 4 } as const;

export interface CcxtInstruments {
  instruments: Instrument[];
  /** Markets of the wanted types left out, with why (logged by the adapter). */
  skipped: { symbol: string; reason: string }[];
}

/**
 * Our canonical name: BTC-USDT (spot), BTC-USDT-PERP (swap), BTC-USDT-261225 (dated future); options as
 * ccxtOptions names them (BTC-USDT-261225-95000-C, coin-settled BTC-26DEC26-95000-C).
 */
export function canonicalSymbol(m: CcxtMarketLike): string {
  const settle = m.settle && m.settle !== m.quote ? `-${m.settle}` : '';
  if (m.type === 'spot' || m.type === undefined) return `${m.base}-${m.quote}`;
  if (m.type === 'swap') return `${m.base}-${m.quote}-PERP${settle}`;
  if (m.type === 'future' && m.expiry !== undefined) return `${m.base}-${m.quote}-${yymmdd(m.expiry)}${settle}`;
  if (m.type === 'option') {
    const name = optionSymbol(m);
    if (name !== undefined) return name;
  }
  return m.symbol.replace(/[/:]/g, '-');
}

function tickOf(value: number | undefined, mode: number): { units: number; decimals: number } | string {
  if (value === undefined) return 'missing';
  if (mode === PRECISION_MODE.TICK_SIZE) return stepOf(value) ?? `tick ${value} is not a positive decimal`;
  if (mode === PRECISION_MODE.DECIMAL_PLACES) {
    return Number.isInteger(value) && value >= 0 && value <= 18 ? { units: 1, decimals: value } : `${value} decimal places is not a whole number from 0 to 18`;
  }
  return 'stated in significant digits, which has no fixed tick';
}

/**
 * `kinds`: of swaps and futures, only linear or inverse ones (default both). Options are taken whatever
 * their kind, and with coin-settled options the futures and perpetuals they are priced from (ccxtOptions).
 */
export function ccxtInstruments(venue: VenueId, markets: readonly CcxtMarketLike[], precisionMode: number, types: readonly string[], kinds: readonly ('linear' | 'inverse')[] = ['linear', 'inverse']): CcxtInstruments {
  const instruments: Instrument[] = [];
  const skipped: CcxtInstruments['skipped'] = [];
  const taken = new Set<string>();
  const options = types.includes('option') ? markets.filter((m) => m.type === 'option' && m.active !== false) : [];
  const listed: (ListedMarket & { inst: Instrument })[] = [];
  for (const m of markets) {
    if (m.active === false) continue;
    const underlyingOnly = !types.includes(m.type ?? 'spot') && isOptionUnderlying(m, options);
    if (!types.includes(m.type ?? 'spot') && !underlyingOnly) continue;
    if (m.type !== 'option' && !underlyingOnly && ((m.linear && !kinds.includes('linear')) || (m.inverse && !kinds.includes('inverse')))) continue;
    const tick = tickOf(m.precision.price, precisionMode);
    const lot = tickOf(m.precision.amount, precisionMode);
    if (typeof tick === 'string' || typeof lot === 'string') {
      skipped.push({ symbol: m.symbol, reason: `price precision ${typeof tick === 'string' ? tick : 'ok'}, amount precision ${typeof lot === 'string' ? lot : 'ok'}` });
      continue;
    }
    // A cost limit is in the quote currency only when one lot is one unit of the base.
    const contractSize = m.contractSize ?? 1;
    const minCost = m.limits?.cost?.min;
    const minNotional = minCost === undefined || contractSize !== 1 ? 0 : scaledUp(minCost, tick.decimals + lot.decimals);
    if (minNotional === undefined) {
      skipped.push({ symbol: m.symbol, reason: `minimum cost ${minCost} is not a decimal in range` });
      continue;
    }
    const symbol = canonicalSymbol(m);
    if (taken.has(symbol)) {
      skipped.push({ symbol: m.symbol, reason: `its name ${symbol} is already taken by another market` });
      continue;
    }
    const inst: Instrument = {
      venue,
      symbol,
      venueSymbol: m.symbol,
      base: m.base,
      quote: m.quote,
      priceDecimals: tick.decimals,
      qtyDecimals: lot.decimals,
      tickSize: tick.units,
      lotSize: lot.units,
      minNotional,
    };
    // A dated future's terms: the chain prices options of its expiry from it (Black-76).
    if (m.type === 'future' && m.expiry !== undefined) inst.contract = { kind: 'future', expiry: m.expiry };
    if (m.type === 'option') {
      const contract = optionContract(m, tick.decimals);
      if (typeof contract === 'string') {
        skipped.push({ symbol: m.symbol, reason: contract });
        continue;
      }
      inst.contract = contract;
      // A coin-settled option's price is in its coin (ccxt names USD, the strike's currency, as its quote):
      // the instrument's quote is what its prices and premiums are in, for every notional and balance.
      if (contract.premiumIn === 'underlying') inst.quote = m.settle ?? m.base;
      // The chain groups options without a named underlying by name: a coin's coin-settled options under
      // the coin (BTC), quote-settled ones under the pair (BTC-USDT), so that a venue listing both (Deribit's
      // BTC and BTC_USDC options) shows two chains rather than one mixing premiums in BTC and in USDC.
      inst.name = contract.premiumIn === 'underlying' ? m.base : `${m.base}-${m.quote}`;
      inst.displayName = optionDisplayName(m);
    }
    taken.add(symbol);
    instruments.push(inst);
    listed.push({ symbol, market: m, inst });
  }
  for (const { market, inst } of listed) if (market.type === 'option') Object.assign(inst.contract!, underlyingOf(market, listed));
  return { instruments, skipped };
}
