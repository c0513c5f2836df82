import { err, ok, type Lots, type QuoteUnits, type Result, type Ticks, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';

/**
 * The common price and quantity grid of one instrument quoted on several venues.
 *
 * Every venue keeps its own integer ticks and lots (tick = tickSize * 10^-priceDecimals). To compare
 * and merge their books, each venue's tick and lot are written as whole multiples of one grid tick and
 * one grid lot: the grid's decimals are the largest of the venues' decimals, and (unless the caller
 * imposes a grid) its tick is the greatest common divisor of the venues' ticks at those decimals, so
 * every venue price lands exactly on a grid price and nothing is rounded. Likewise for lots.
 *
 * Refused, with the reason: venues quoting different things (base, quote, or derivative terms differ),
 * a venue listed twice, and, when the caller gives the grid (the instrument's own ticks), a venue whose
 * tick or lot is not a whole multiple of it (its prices would fall between grid prices: merging them
 * would mean rounding a price, which the engine never does).
 */
export interface PriceGrid {
  base: string;
  quote: string;
  /** Grid prices are integer grid ticks; one grid tick = tickSize * 10^-priceDecimals. */
  priceDecimals: number;
  tickSize: number;
  /** Grid quantities are integer grid lots; one grid lot = lotSize * 10^-qtyDecimals. */
  qtyDecimals: number;
  lotSize: number;
  /** The venues in the order given; the index is the venue's number in plans and merged books. */
  venues: readonly GridVenue[];
}

export interface GridVenue {
  venue: VenueId;
  instrument: Instrument;
  /** Grid ticks per venue tick (an integer >= 1). */
  priceFactor: number;
  /** Grid lots per venue lot (an integer >= 1): a child at this venue is a multiple of it. */
  qtyFactor: number;
  /** The venue's minimum order value, in grid QuoteUnits (10^-(grid priceDecimals + qtyDecimals)). */
  minNotional: QuoteUnits;
}

/** A grid imposed by the caller (the instrument's ticks as the parent order states them). */
export interface GridSpec {
  priceDecimals: number;
  tickSize: number;
  qtyDecimals: number;
  lotSize: number;
}

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/** value * 10^exp as a safe integer, or undefined when it does not fit. */
function scaleUp(value: number, exp: number): number | undefined {
  const v = value * 10 ** exp;
  return Number.isSafeInteger(v) ? v : undefined;
}

function sameContract(a: Instrument, b: Instrument): boolean {
  const x = a.contract;
  const y = b.contract;
  if (!x || !y) return !x && !y;
  return x.kind === y.kind && x.expiry === y.expiry && x.strike === y.strike && x.premiumIn === y.premiumIn;
}

/** Builds the common grid of `instruments` (one per venue), or says why they cannot be merged. */
export function buildPriceGrid(instruments: readonly Instrument[], spec?: GridSpec): Result<PriceGrid> {
  const first = instruments[0];
  if (!first) return err('INVALID_INPUT', 'a consolidated book needs at least one venue');
  const seen = new Set<VenueId>();
  for (const inst of instruments) {
    if (seen.has(inst.venue)) return err('INVALID_INPUT', `venue ${inst.venue} is listed twice`);
    seen.add(inst.venue);
    if (inst.base !== first.base || inst.quote !== first.quote) {
      return err('INVALID_INPUT', `${inst.venue}:${inst.symbol} is ${inst.base}/${inst.quote}, not ${first.base}/${first.quote}: not the same instrument`);
    }
    if (!sameContract(inst, first)) return err('INVALID_INPUT', `${inst.venue}:${inst.symbol} has other contract terms than ${first.venue}:${first.symbol}`);
    for (const [name, v] of [['tickSize', inst.tickSize], ['lotSize', inst.lotSize], ['priceDecimals', inst.priceDecimals + 1], ['qtyDecimals', inst.qtyDecimals + 1]] as const) {
      if (!Number.isSafeInteger(v) || v < 1) return err('INVALID_INPUT', `${inst.venue}:${inst.symbol} has an invalid ${name}`);
    }
  }
  const priceDecimals = spec?.priceDecimals ?? Math.max(...instruments.map((i) => i.priceDecimals));
  const qtyDecimals = spec?.qtyDecimals ?? Math.max(...instruments.map((i) => i.qtyDecimals));
  const ticks: number[] = [];
  const lots: number[] = [];
  for (const inst of instruments) {
    // A venue with more decimals than an imposed grid has prices between grid prices.
    const t = inst.priceDecimals <= priceDecimals ? scaleUp(inst.tickSize, priceDecimals - inst.priceDecimals) : undefined;
    const l = inst.qtyDecimals <= qtyDecimals ? scaleUp(inst.lotSize, qtyDecimals - inst.qtyDecimals) : undefined;
    if (t === undefined) return err('INVALID_INPUT', `${inst.venue}:${inst.symbol}'s tick does not fit a grid of ${priceDecimals} price decimals`);
    if (l === undefined) return err('INVALID_INPUT', `${inst.venue}:${inst.symbol}'s lot does not fit a grid of ${qtyDecimals} quantity decimals`);
    ticks.push(t);
    lots.push(l);
  }
  const tickSize = spec?.tickSize ?? ticks.reduce(gcd);
  const lotSize = spec?.lotSize ?? lots.reduce(gcd);
  if (!Number.isSafeInteger(tickSize) || tickSize < 1 || !Number.isSafeInteger(lotSize) || lotSize < 1) {
    return err('INVALID_INPUT', 'the grid tick and lot must be positive integers');
  }
  const venues: GridVenue[] = [];
  for (let i = 0; i < instruments.length; i++) {
    const inst = instruments[i]!;
    if (ticks[i]! % tickSize !== 0) {
      return err('INVALID_INPUT', `${inst.venue}:${inst.symbol}'s tick is not a whole number of grid ticks (${tickSize} at ${priceDecimals} decimals): its prices would fall between grid prices`);
    }
    if (lots[i]! % lotSize !== 0) {
      return err('INVALID_INPUT', `${inst.venue}:${inst.symbol}'s lot is not a whole number of grid lots (${lotSize} at ${qtyDecimals} decimals)`);
    }
    const minNotional = scaleUp(inst.minNotional, priceDecimals - inst.priceDecimals + qtyDecimals - inst.qtyDecimals);
    if (minNotional === undefined) return err('INVALID_INPUT', `${inst.venue}:${inst.symbol}'s minimum notional does not fit the grid`);
    venues.push({ venue: inst.venue, instrument: inst, priceFactor: ticks[i]! / tickSize, qtyFactor: lots[i]! / lotSize, minNotional });
  }
  return ok({ base: first.base, quote: first.quote, priceDecimals, tickSize, qtyDecimals, lotSize, venues });
}

/** A venue's price (its ticks) on the grid. */
export const gridPrice = (v: GridVenue, ticks: Ticks): Ticks => ticks * v.priceFactor;
/** A venue's quantity (its lots) on the grid. */
export const gridQty = (v: GridVenue, lots: Lots): Lots => lots * v.qtyFactor;
/** Grid QuoteUnits of one grid tick times one grid lot: converts a price*qty product to QuoteUnits. */
export const gridQuotePerTickLot = (g: PriceGrid): number => g.tickSize * g.lotSize;
