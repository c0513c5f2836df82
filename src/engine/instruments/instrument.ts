import { formatScaled, parseScaled, type Lots, type QuoteUnits, type Symbol, type Ticks, type VenueId } from '../core';

/**
 * A tradable instrument. Prices are held as integer ticks and quantities as integer lots:
 * price = ticks * tickSize * 10^-priceDecimals, quantity = lots * lotSize * 10^-qtyDecimals.
 */
export interface Instrument {
  venue: VenueId;
  symbol: Symbol; // our canonical name, e.g. BTC-USDT
  venueSymbol: string; // the venue's own name, e.g. BTCUSDT
  base: string;
  quote: string;
  priceDecimals: number;
  qtyDecimals: number;
  /** Tick size in units of 10^-priceDecimals. */
  tickSize: number;
  /** Lot size in units of 10^-qtyDecimals. */
  lotSize: number;
  /** Smallest order value accepted, in QuoteUnits. */
  minNotional: QuoteUnits;
  /**
   * The exchange the instrument trades on, for venues that reach several (a broker such as Kite):
   * NSE, BSE, NFO, BFO, MCX, CDS, BCD... It decides sessions, holidays, product rules and price divisors.
   * Absent for single-market venues (Binance spot is its own exchange).
   */
  exchange?: string;
  /** The venue's segment within the exchange (Kite: NSE, NFO-FUT, NFO-OPT, INDICES, MCX-OPT...). */
  segment?: string;
  /** Searchable long name: the company or the underlying ("RELIANCE INDUSTRIES", "NIFTY"). */
  name?: string;
  /** How a trader reads the instrument ("NIFTY 26DEC 24000 CE", "RELIANCE"); the symbol when absent. */
  displayName?: string;
  /** Set for derivatives: what the contract is and when it expires. */
  contract?: Contract;
  /**
   * Largest quantity one order may carry, in lots (the exchange's freeze quantity divided by the lot
   * size); larger orders must be sliced. Absent when the venue sets no such cap or we do not know it.
   */
  freezeLots?: number;
}

/** A derivative contract's terms. General on purpose: futures and options of any venue use it. */
export interface Contract {
  kind: 'future' | 'call' | 'put';
  /** Expiry as ms since epoch: the close of trading on the expiry day (for Indian exchanges, in IST). */
  expiry: number;
  /** Strike of an option, in units of 10^-priceDecimals (like tickSize); absent for futures. */
  strike?: number;
  /**
   * The symbol, on the same venue, of the instrument an option is priced from: a spot (Black-Scholes-Merton)
   * or a future (Black-76, `underlyingKind: 'future'`). Absent when the venue lists no such instrument.
   */
  underlying?: Symbol;
  underlyingKind?: 'spot' | 'future' | 'index';
  /** Coin-settled options (Deribit's) are quoted in the underlying asset; absent: in the quote currency. */
  premiumIn?: 'quote' | 'underlying';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses a decimal price; an amount that is not a whole number of ticks is refused, never rounded. */
export function parsePrice(inst: Instrument, text: string): Parsed<Ticks> {
  const p = parseScaled(text, inst.priceDecimals);
  if (!p.ok) return p;
  if (p.value <= 0) return { ok: false, reason: 'must be greater than zero' };
  if (p.value % inst.tickSize !== 0) {
    return { ok: false, reason: `not a multiple of the tick size ${formatScaled(inst.tickSize, inst.priceDecimals)}` };
  }
  return { ok: true, value: p.value / inst.tickSize };
}

/** Parses a decimal quantity; an amount that is not a whole number of lots is refused. */
export function parseQty(inst: Instrument, text: string): Parsed<Lots> {
  const q = parseScaled(text, inst.qtyDecimals);
  if (!q.ok) return q;
  if (q.value <= 0) return { ok: false, reason: 'must be greater than zero' };
  if (q.value % inst.lotSize !== 0) {
    return { ok: false, reason: `not a multiple of the lot size ${formatScaled(inst.lotSize, inst.qtyDecimals)}` };
  }
  return { ok: true, value: q.value / inst.lotSize };
}

export const formatPrice = (inst: Instrument, ticks: Ticks): string =>
  formatScaled(ticks * inst.tickSize, inst.priceDecimals);

export const formatQty = (inst: Instrument, lots: Lots): string => formatScaled(lots * inst.lotSize, inst.qtyDecimals);

/**
 * Value of `lots` at `ticks`: exact up to 2^53 QuoteUnits; beyond that (far above any order limit) the
 * product is computed in bigint and rounded to the nearest double, so it still compares as huge.
 */
export function notional(inst: Instrument, ticks: Ticks, lots: Lots): QuoteUnits {
  const value = ticks * inst.tickSize * lots * inst.lotSize;
  if (!Number.isSafeInteger(value)) {
    return Number(BigInt(ticks) * BigInt(inst.tickSize) * BigInt(lots) * BigInt(inst.lotSize));
  }
  return value;
}

/** Decimals of a QuoteUnits amount. */
export const quoteDecimals = (inst: Instrument): number => inst.priceDecimals + inst.qtyDecimals;

export const formatQuote = (inst: Instrument, units: QuoteUnits): string => formatScaled(Math.round(units), quoteDecimals(inst));

/** QuoteUnits per tick per lot: converts a ticks*lots product to QuoteUnits. */
export const quotePerTickLot = (inst: Instrument): number => inst.tickSize * inst.lotSize;

export const instrumentKey = (venue: VenueId, symbol: Symbol): string => `${venue}:${symbol}`;

/** The name a trader reads: the display name when the venue gives one, otherwise the symbol. */
export const displayNameOf = (inst: Instrument): string => inst.displayName ?? inst.symbol;
