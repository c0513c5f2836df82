import type { Instrument } from '../../contract/api';
import { formatQuote, formatScaled } from '../../contract/format';
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
/** The zone's name as shown beside a time ("UTC" or "UTC+05:30"). */
export const zoneText = (ms: number): string => zoneLabel(ms, displayZone);


/**
 * Display helpers. Text goes through the contract's exact formatters; the only floats are the numbers
 * handed to the chart, which plots them and never feeds them back.
 */

/** A quote amount with its exact decimals, trailing zeros trimmed down to cents: "190.00", "190.12345". */
export function quoteText(inst: Instrument, units: number): string {
  const s = formatQuote(inst, units);
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  let end = s.length;
  while (end > dot + 3 && s[end - 1] === '0') end--;
  return localiseNumber(s.slice(0, end), numberFormat);
}

/** A signed quote amount with an explicit plus for gains, all decimals so a P&L column lines up. */
export function pnlText(inst: Instrument, units: number): string {
  const s = localiseNumber(formatQuote(inst, units), numberFormat);
  return units > 0 ? `+${s}` : s;
}

/**
 * An average price in ticks that may be fractional (exact cost / qty): shown to two more decimals than
 * the instrument's price when it falls between ticks, so the break-even is not hidden by rounding.
 */
export function avgPriceText(inst: Instrument, ticks: number): string {
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
  return `${((spreadTicks / midTicks) * 10_000).toFixed(2)} bp`;
}

/** Engine time as "YYYY-MM-DD HH:MM:SS UTC" (or the local offset): for expiries and audit rows, where the day matters. */
export function dateTimeText(ms: number): string {
  return `${ymd(ms, displayZone)} ${timeText(ms)} ${zoneText(ms)}`;
}
