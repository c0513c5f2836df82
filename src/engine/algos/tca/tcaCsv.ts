import { csvCell, formatScaled } from '../../core';
import type { TcaReport } from './tca';

/**
 * The TCA as CSV files, with the audit export's conventions (oms/auditCsv.ts): RFC 4180, CRLF line
 * ends, times in ISO-8601 UTC with milliseconds, prices and quantities as the trader reads them, and
 * every cell guarded against formula injection (order ids and venue names can come from outside).
 * Slippage and shortfall: positive = cost (see tca.ts). Empty cell = not applicable (nothing filled,
 * no market volume, no end price).
 */

/** The decimals of the ticks and lots a report is in: an Instrument or the router's PriceGrid both fit. */
export interface TcaUnits {
  priceDecimals: number;
  tickSize: number;
  qtyDecimals: number;
  lotSize: number;
}

export const TCA_CSV_COLUMNS = [
  'parent',
  'symbol',
  'side',
  'start',
  'end',
  'parent_qty',
  'filled_qty',
  'unfilled_qty',
  'arrival_price',
  'interval_vwap',
  'avg_fill_price',
  'slippage_vs_arrival_bps',
  'slippage_vs_vwap_bps',
  'market_volume',
  'participation_pct',
  'maker_qty',
  'taker_qty',
  'fees',
  'is_execution',
  'is_opportunity',
  'is_fees',
  'is_total',
  'is_bps',
  'left_out',
] as const;

export const TCA_CHILD_CSV_COLUMNS = [
  'parent',
  'child',
  'venue',
  'sent_at',
  'limit_price',
  'qty',
  'filled_qty',
  'avg_price',
  'slippage_vs_arrival_bps',
  'fees',
  'maker_qty',
  'taker_qty',
  'fills',
  'first_fill_at',
  'last_fill_at',
] as const;

const CRLF = '\r\n';
/** Averages are between ticks: shown to 4 decimals past the instrument's own. */
const EXTRA_PRICE_DECIMALS = 4;

/** One row per parent: the summary. */
export function tcaCsv(reports: readonly TcaReport[], units: TcaUnits): string {
  const f = formatters(units);
  const lines = [TCA_CSV_COLUMNS.join(',')];
  for (const r of reports) {
    const is = r.shortfall;
    lines.push(
      [
        r.parentId,
        r.symbol,
        r.side,
        isoTime(r.startedAt),
        isoTime(r.endedAt),
        f.qty(r.parentQty),
        f.qty(r.filledQty),
        f.qty(r.unfilledQty),
        f.price(r.arrivalPrice),
        opt(r.intervalVwap, f.price),
        opt(r.avgFillPrice, f.price),
        opt(r.slippageVsArrivalBps, bps),
        opt(r.slippageVsVwapBps, bps),
        f.qty(r.marketVolume),
        opt(r.participation, (p) => (p * 100).toFixed(4)),
        f.qty(r.makerQty),
        f.qty(r.takerQty),
        f.quote(r.fees),
        f.quote(is.execution),
        opt(is.opportunity, f.quote),
        f.quote(is.fees),
        f.quote(is.total),
        bps(is.bps),
        (r.leftOut ?? []).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join(CRLF) + CRLF;
}

/** One row per child of every parent, in the order given. */
export function tcaChildrenCsv(reports: readonly TcaReport[], units: TcaUnits): string {
  const f = formatters(units);
  const lines = [TCA_CHILD_CSV_COLUMNS.join(',')];
  for (const r of reports) {
    for (const c of r.children) {
      lines.push(
        [
          r.parentId,
          c.childId,
          c.venue,
          isoTime(c.sentAt),
          opt(c.limitPrice, f.price),
          f.qty(c.qty),
          f.qty(c.filledQty),
          opt(c.avgPrice, f.price),
          opt(c.slippageVsArrivalBps, bps),
          f.quote(c.fees),
          f.qty(c.makerQty),
          f.qty(c.takerQty),
          String(c.fills),
          opt(c.firstFillAt, isoTime),
          opt(c.lastFillAt, isoTime),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return lines.join(CRLF) + CRLF;
}

const opt = <T>(v: T | undefined, fmt: (v: T) => string): string => (v === undefined ? '' : fmt(v));
const bps = (v: number): string => v.toFixed(2);

function formatters(u: TcaUnits) {
  return {
    /** Whole ticks exactly at the instrument's decimals; an average (between ticks) to 4 more, rounded. */
    price(ticks: number): string {
      const scaled = ticks * u.tickSize;
      if (Number.isSafeInteger(scaled)) return formatScaled(scaled, u.priceDecimals);
      return trimZeros(formatScaled(Math.round(scaled * 10 ** EXTRA_PRICE_DECIMALS), u.priceDecimals + EXTRA_PRICE_DECIMALS), u.priceDecimals);
    },
    qty: (lots: number): string => formatScaled(lots * u.lotSize, u.qtyDecimals),
    quote: (units: number): string => formatScaled(Math.round(units), u.priceDecimals + u.qtyDecimals),
  };
}

/** Drops trailing zeros past `keep` decimals: "100.7000" -> "100.70" with keep 2. */
function trimZeros(text: string, keep: number): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + keep && text[end - 1] === '0') end--;
  return text.slice(0, end === dot + 1 ? dot : end);
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError(`TCA export: ${ms} is not a time`);
  return d.toISOString();
}
