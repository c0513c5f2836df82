import type { Instrument } from '../../contract/api';
import { formatPrice, formatQty, formatQuote, formatScaled } from '../../contract/format';
import { hms, localiseNumber, type NumberFormat, type TimeZone, ymd, zoneLabel } from './settings';

/**
 * The Settings screen's time zone and number format, one place for every helper below
 * (state/settings.ts sets them when the engine's settings arrive or change).
 */
let displayZone: TimeZone = 'utc';
let numberFormat: NumberFormat = { thousands: false, decimalComma: false };
export function setDisplayFormat(zone: TimeZone, format: NumberFormat): void {
  displayZone = zone;
  numberFormat = format;
}
/** The number format in force, for the typed-input rules (view/fields.ts) that must agree with what is shown. */
export const displayNumberFormat = (): NumberFormat => numberFormat;
/** The zone's name as shown beside a time ("UTC" or "UTC+05:30"). */
export const zoneText = (ms: number): string => zoneLabel(ms, displayZone);


/**
 * Display helpers, one per kind of number: every price, quantity, amount, percentage and time a trader
 * reads goes through one of these, so the Settings' number format and time zone reach all of them.
 * Exact amounts go through the contract's exact formatters first; the only floats are the numbers
 * handed to the chart, which plots them and never feeds them back. Text that is sent (order inputs, a
 * field's starting value, CSV) stays in the plain form (contract/format) and never comes through here.
 */

/** A number already written plainly ("-1234.50", "12.3 USDT", "₹950.5") in the chosen format. */
export const numberText = (plain: string): string => localiseNumber(plain, numberFormat);

/** A price in ticks, in the instrument's decimals: "95,010.5" / "95.010,5". */
export const priceText = (inst: Instrument, ticks: number): string => numberText(formatPrice(inst, ticks));

/** A quantity in lots, in the instrument's decimals. */
export const qtyText = (inst: Instrument, lots: number): string => numberText(formatQty(inst, lots));

/** A quote amount (fees, notional) with every decimal the instrument's quote has. */
export const amountText = (inst: Instrument, units: number): string => numberText(formatQuote(inst, units));

/**
 * A measured float (a ratio, a Greek, a rate) to a fixed number of decimals. A value that rounds to zero
 * reads "0.00", never "-0.00"; what is not a finite number reads as an em dash rather than "NaN".
 */
export function decimalText(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return numberText(Number(s) === 0 ? (0).toFixed(digits) : s);
}

/** As decimalText with an explicit plus for a positive value (a signal, a change). */
export function signedDecimalText(x: number, digits: number): string {
  const s = decimalText(x, digits);
  return Number.isFinite(x) && Number(x.toFixed(digits)) > 0 ? `+${s}` : s;
}

/** A fraction as a percentage: 0.1234 -> "12.34%" (or "12,34%"). */
export const percentText = (fraction: number, digits: number): string => `${decimalText(fraction * 100, digits)}%`;

/** A count (samples, orders): a whole number, grouped when thousands are on. */
export const countText = (n: number): string => decimalText(Math.round(n), 0);

/** A float price (a forward, an underlying from a model) to the given decimals. */
export const floatPriceText = (x: number, decimals: number): string => decimalText(x, decimals);

/** A quote amount with its exact decimals, trailing zeros trimmed down to cents: "190.00", "190.12345". */
export function quoteText(inst: Instrument, units: number): string {
  const s = formatQuote(inst, units);
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  let end = s.length;
  while (end > dot + 3 && s[end - 1] === '0') end--;
  return numberText(s.slice(0, end));
}

/** A signed quote amount with an explicit plus for gains, all decimals so a P&L column lines up. */
export const pnlText = (inst: Instrument, units: number): string => numberText(plainPnl(inst, units));

/** pnlText in the plain form, for a grid row (its column localises: grid/defaults numCol). */
export function plainPnl(inst: Instrument, units: number): string {
  const s = formatQuote(inst, units);
  return units > 0 ? `+${s}` : s;
}

/**
 * An average price in ticks that may be fractional (exact cost / qty): shown to two more decimals than
 * the instrument's price when it falls between ticks, so the break-even is not hidden by rounding.
 */
export const avgPriceText = (inst: Instrument, ticks: number): string => numberText(plainAvgPrice(inst, ticks));

/** avgPriceText in the plain form, for a grid row. */
export function plainAvgPrice(inst: Instrument, ticks: number): string {
  const scaled = ticks * inst.tickSize;
  if (Number.isInteger(scaled)) return formatScaled(scaled, inst.priceDecimals);
  return formatScaled(Math.round(scaled * 100), inst.priceDecimals + 2);
}

/** Ticks as a plain number, for the chart only. */
export const priceNumber = (inst: Instrument, ticks: number): number => (ticks * inst.tickSize) / 10 ** inst.priceDecimals;

/** Lots as a plain number, for the chart only. */
export const qtyNumber = (inst: Instrument, lots: number): number => (lots * inst.lotSize) / 10 ** inst.qtyDecimals;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Engine time (ms since epoch) as HH:MM:SS in the chosen zone (UTC, the venue's clock, unless set to local). */
export function timeText(ms: number): string {
  return hms(ms, displayZone);
}

/** As timeText with milliseconds, for the trades tape. */
export function timeMsText(ms: number): string {
  return `${timeText(ms)}.${pad(new Date(ms).getUTCMilliseconds(), 3)}`; // milliseconds are the same in every zone
}

/** Spread in basis points of the mid, two decimals (a one-tick BTC spread is about 0.01 bp). */
export function bpsText(spreadTicks: number, midTicks: number): string {
  if (midTicks <= 0) return '';
  return `${decimalText((spreadTicks / midTicks) * 10_000, 2)} bp`;
}

/** A day in the chosen zone, "YYYY-MM-DD" (an expiry, a session's date). */
export const dateText = (ms: number): string => ymd(ms, displayZone);

/** Engine time as "YYYY-MM-DD HH:MM:SS UTC" (or the local offset): for expiries and audit rows, where the day matters. */
export function dateTimeText(ms: number): string {
  return `${ymd(ms, displayZone)} ${timeText(ms)} ${zoneText(ms)}`;
}
