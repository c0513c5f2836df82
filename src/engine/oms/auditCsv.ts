import type { DecimalText } from '../instruments';
import { csvCell, type Symbol, type VenueId } from '../core';
import type { AuditEntry, AuditState } from './types';

/** Prices and sizes of one instrument as the trader reads them (its decimals), for the export. */
/** undefined when the instrument is unknown (delisted, another venue's): the cells then hold raw ticks and lots. */
export type AuditCsvFormatOf = (venue: VenueId, symbol: Symbol) => DecimalText | undefined;

export const AUDIT_CSV_COLUMNS = [
  'time',
  'order',
  'venue',
  'symbol',
  'action',
  'source',
  'status_before',
  'status_after',
  'price_before',
  'price_after',
  'stop_before',
  'stop_after',
  'qty_before',
  'qty_after',
  'filled_before',
  'filled_after',
  'version_before',
  'version_after',
  'detail',
] as const;

const CRLF = '\r\n';
const RAW: DecimalText = { price: String, qty: String };

/**
 * The audit trail as an RFC 4180 CSV file, one row per entry in the order given: time in ISO-8601
 * UTC with milliseconds, prices and quantities as decimals, CRLF line ends. Every cell is guarded
 * against formula injection (see core csvCell): order ids, symbols and details can come from a venue or a
 * bridge client, and the file is made to be opened in a spreadsheet.
 */
export function auditCsv(entries: AuditEntry[], fmt: AuditCsvFormatOf): string {
  // One lookup per instrument, not per row: an export can be 10 000 rows of the same few instruments.
  const formats = new Map<string, DecimalText>();
  const formatOf = (venue: VenueId, symbol: Symbol): DecimalText => {
    const key = `${venue}\u0000${symbol}`;
    let f = formats.get(key);
    if (f === undefined) {
      f = fmt(venue, symbol) ?? RAW;
      formats.set(key, f);
    }
    return f;
  };
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(row(e, formatOf(e.venue, e.symbol)).map(csvCell).join(','));
  return lines.join(CRLF) + CRLF;
}

function row(e: AuditEntry, f: DecimalText): string[] {
  const { before: b, after: a } = e;
  const price = (s: AuditState | undefined) => (s?.price === undefined ? '' : f.price(s.price));
  const stop = (s: AuditState | undefined) => (s?.stopPrice === undefined ? '' : f.price(s.stopPrice));
  return [
    isoTime(e),
    e.clientOrderId,
    e.venue,
    e.symbol,
    e.action,
    e.source,
    b?.status ?? '',
    a.status,
    price(b),
    price(a),
    stop(b),
    stop(a),
    b === undefined ? '' : f.qty(b.qty),
    f.qty(a.qty),
    b === undefined ? '' : f.qty(b.filledQty),
    f.qty(a.filledQty),
    b === undefined ? '' : String(b.version),
    String(a.version),
    e.detail ?? '',
  ];
}

function isoTime(e: AuditEntry): string {
  const d = new Date(e.ts);
  if (Number.isNaN(d.getTime())) throw new RangeError(`audit entry ${e.seq}.${e.n} (${e.clientOrderId}): ts ${e.ts} is not a time`);
  return d.toISOString();
}
