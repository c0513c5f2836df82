import type { ChainSideView, OptionChainView, Side } from '../../contract/api';
import { formatScaled } from '../../contract/format';
import { decimalText, floatPriceText, numberText, percentText } from './numbers';

/** How often the panel asks for its chain while on screen (the engine streams its instruments meanwhile). */
export const CHAIN_POLL_MS = 500;

/** The columns each side shows, calls left to right, puts mirrored (so bid and ask sit beside the strike). */
export const SIDE_COLUMNS = ['OI', 'Theta', 'Vega', 'Gamma', 'Delta', 'IV', 'Mark', 'Bid', 'Ask'] as const;
export type SideColumn = (typeof SIDE_COLUMNS)[number];
export const CALL_COLUMNS: readonly SideColumn[] = SIDE_COLUMNS;
export const PUT_COLUMNS: readonly SideColumn[] = ['Bid', 'Ask', 'Mark', 'IV', 'Delta', 'Gamma', 'Vega', 'Theta', 'OI'];

/** One side's cells as text; a missing value is an empty cell (never a zero that would read as a price). */
export type SideCells = Record<SideColumn, string>;

/** Decimal text of a price in ticks: what the ticket's price field takes. */
export function ticksText(side: Pick<ChainSideView, 'tickSize' | 'priceDecimals'>, ticks: number): string {
  return formatScaled(ticks * side.tickSize, side.priceDecimals);
}

/** A value in price units (a mark may fall between two ticks) at the option's decimals. */
function priceText(value: number | undefined, decimals: number): string {
  return value === undefined ? '' : floatPriceText(value, decimals);
}

/** IV as a percentage with one decimal: 0.1312 -> "13.1". */
export function ivText(iv: number | undefined): string {
  return iv === undefined ? '' : decimalText(iv * 100, 1);
}

/** Gamma is tiny for an index (0.0002): three significant digits, in exponent form below 0.001 so it fits its column. */
export function greekText(value: number | undefined, kind: 'delta' | 'gamma' | 'vega' | 'theta'): string {
  if (value === undefined) return '';
  if (kind === 'delta') return decimalText(value, 3);
  if (kind === 'gamma') return value === 0 ? '0' : numberText(Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toPrecision(3));
  return decimalText(value, 2);
}

export function sideCells(side: ChainSideView | undefined): SideCells {
  if (!side) return { OI: '', Theta: '', Vega: '', Gamma: '', Delta: '', IV: '', Mark: '', Bid: '', Ask: '' };
  return {
    OI: side.oi === undefined ? '' : String(side.oi),
    Theta: greekText(side.theta, 'theta'),
    Vega: greekText(side.vega, 'vega'),
    Gamma: greekText(side.gamma, 'gamma'),
    Delta: greekText(side.delta, 'delta'),
    IV: ivText(side.iv),
    Mark: priceText(side.mark, side.priceDecimals),
    Bid: side.bid === undefined ? '' : ticksText(side, side.bid),
    Ask: side.ask === undefined ? '' : ticksText(side, side.ask),
  };
}

/** The title a cell's tooltip carries: bid and ask IVs beside their prices, the reason beside a missing IV. */
export function sideTitle(side: ChainSideView | undefined, column: SideColumn): string | undefined {
  if (!side) return undefined;
  if (column === 'Bid' && side.bidIv !== undefined) return `bid IV ${ivText(side.bidIv)}%`;
  if (column === 'Ask' && side.askIv !== undefined) return `ask IV ${ivText(side.askIv)}%`;
  if (column === 'IV' && side.iv === undefined && side.ivProblem) return `no IV: ${side.ivProblem}`;
  if (column === 'Mark' && side.markFrom) return side.markFrom === 'mid' ? 'mid of bid and ask' : 'last trade';
  return undefined;
}

/** Time to expiry as a trader reads it: "22d 5h 30m", "5h 12m", "expired". */
export function timeToExpiryText(years: number): string {
  const minutes = Math.floor((years * 365 * 24 * 60) + 1e-9);
  if (minutes <= 0) return 'expired';
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  return d > 0 ? `${d}d ${h}h ${m}m` : `${h}h ${m}m`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An expiry as a picker shows it, in UTC (the instant is the exchange's close): "29 Dec 2026 10:00 UTC". */
export function expiryText(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}:${mm} UTC`;
}

/** The line under the pickers: what the chain is priced from, how far to expiry, the model and the conventions. */
export function chainSummary(chain: OptionChainView): { underlying: string; expiry: string; model: string; conventions: string; problem?: string } {
  const price = chain.underlyingPrice === undefined ? '—' : floatPriceText(chain.underlyingPrice, chain.priceDecimals);
  const from = chain.underlyingPriceFrom === 'parity' ? 'put-call parity' : chain.underlyingPriceFrom === 'last' ? 'last' : 'mid';
  const name = chain.underlyingSymbol ?? (chain.underlyingPriceFrom === 'parity' ? 'forward' : 'no underlying listed');
  const underlying = chain.underlyingPriceFrom === undefined && chain.underlyingSymbol === undefined ? name : `${name} ${price} (${from})`;
  const forward = chain.forward === undefined ? '' : ` · F ${floatPriceText(chain.forward, chain.priceDecimals)}`;
  const model = chain.model === 'black76' ? 'Black-76' : 'BSM';
  return {
    underlying: `${underlying}${forward}`,
    expiry: `${timeToExpiryText(chain.years)} (T ${decimalText(chain.years, 4)}y ${chain.conventions.time})`,
    model: `${model} · r ${percentText(chain.rate, 2)}`,
    conventions: `theta per day, vega per 1 vol point, IV % from the mark`,
    ...(chain.problem !== undefined ? { problem: chain.problem } : {}),
  };
}

/** What a click on a bid or ask puts in the ticket: sell at the bid, buy at the ask, that option and price. */
export function ticketFromQuote(chain: Pick<OptionChainView, 'venue'>, side: ChainSideView, which: 'bid' | 'ask'): { venue: string; symbol: string; side: Side; price: string } | undefined {
  const ticks = which === 'bid' ? side.bid : side.ask;
  if (ticks === undefined) return undefined;
  return { venue: chain.venue, symbol: side.symbol, side: which === 'bid' ? 'sell' : 'buy', price: ticksText(side, ticks) };
}

/** The strike's text at the chain's decimals without trailing zeros: 24000, 24012.5. */
export function strikeText(strike: number, decimals: number): string {
  // Only zeros after the decimal point go: with no decimals (SIM's BTC strikes) 95000 stays 95000.
  const text = strike.toFixed(decimals);
  return numberText(decimals > 0 ? text.replace(/\.?0+$/, '') : text);
}

/**
 * The Rate % field: empty is the venue's setting (0 unless set); else a percentage, -20 to 100, sent as
 * a fraction (6.5 -> 0.065).
 */
export function parseRatePercent(text: string): { ok: true; rate: number | undefined } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, rate: undefined };
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false, error: 'the rate is a percentage, e.g. 6.5' };
  const pct = Number(t);
  if (pct < -20 || pct > 100) return { ok: false, error: 'the rate must be between -20% and 100%' };
  return { ok: true, rate: pct / 100 };
}

/**
 * The underlying a chain opens on until the trader picks one: the focused instrument's own (its symbol is the
 * underlying, or starts with it as a future's does: NIFTY26DECFUT), else the first on the focused venue, else
 * the first listed.
 */
export function defaultUnderlying<U extends { venue: string; underlying: string }>(underlyings: readonly U[], focus: { venue: string; symbol: string }): U | undefined {
  const onVenue = underlyings.filter((u) => u.venue === focus.venue);
  const own = onVenue.find((u) => focus.symbol === u.underlying || focus.symbol.startsWith(u.underlying));
  return own ?? onVenue[0] ?? underlyings[0];
}
