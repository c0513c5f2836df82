/**
 * The loopback venue's instruments: rows of Kite's instruments dump (the CSV of GET /instruments,
 * ../shared/data/kite/instruments_all.csv) read here, with the venue's own reader (the engine's
 * parser is a separate piece and must be tested against this venue, not share code with it), and
 * written back byte for byte in the same column order.
 */
import { parseUnits } from './units';

export const INSTRUMENT_COLUMNS = [
  'instrument_token',
  'exchange_token',
  'tradingsymbol',
  'name',
  'last_price',
  'expiry',
  'strike',
  'tick_size',
  'lot_size',
  'instrument_type',
  'segment',
  'exchange',
] as const;

/** One row of the dump, every field as text (as written in the CSV). */
export type InstrumentRow = Record<(typeof INSTRUMENT_COLUMNS)[number], string>;

export interface LoopbackInstrument {
  readonly row: InstrumentRow;
  readonly token: number;
  readonly tradingsymbol: string;
  readonly exchange: string;
  readonly segment: string;
  readonly instrumentType: string;
  /** Tick size in units (1/10,000 rupee). */
  readonly tick: number;
  readonly lotSize: number;
  /** F&O and commodity contracts trade in lots; equity in shares (lot size 1). */
  readonly derivative: boolean;
  /** Indices have no orders (Kite's "tradable": false). */
  readonly tradable: boolean;
}

/** Parses the dump; a malformed row throws naming its line (the recordings are fixed inputs). */
export function parseInstrumentsCsv(text: string): InstrumentRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',');
  if (!header || header.join(',') !== INSTRUMENT_COLUMNS.join(',')) throw new Error(`instruments CSV: unexpected header ${lines[0]}`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== INSTRUMENT_COLUMNS.length) throw new Error(`instruments CSV line ${i + 2}: ${cells.length} fields`);
    return Object.fromEntries(INSTRUMENT_COLUMNS.map((c, k) => [c, cells[k]!])) as InstrumentRow;
  });
}

export function instrumentOf(row: InstrumentRow): LoopbackInstrument {
  const tick = parseUnits(row.tick_size);
  const token = Number(row.instrument_token);
  const lotSize = Number(row.lot_size);
  // Kite lists indices with tick_size 0.0 and lot_size 0: they are quoted, never traded.
  const index = row.segment === 'INDICES';
  if (!tick || !tick.exact || (tick.units <= 0 && !index)) throw new Error(`instrument ${row.tradingsymbol}: tick_size ${row.tick_size}`);
  if (!Number.isSafeInteger(token) || !Number.isSafeInteger(lotSize) || (lotSize < 1 && !index)) throw new Error(`instrument ${row.tradingsymbol}: token or lot size`);
  return {
    row,
    token,
    tradingsymbol: row.tradingsymbol,
    exchange: row.exchange,
    segment: row.segment,
    instrumentType: row.instrument_type,
    tick: tick.units,
    lotSize,
    derivative: row.instrument_type === 'FUT' || row.instrument_type === 'CE' || row.instrument_type === 'PE',
    tradable: !index,
  };
}

/** The rows as Kite writes the dump: header, then one line per instrument, CRLF line ends (as recorded). */
export function instrumentsCsv(rows: readonly InstrumentRow[]): string {
  const lines = [INSTRUMENT_COLUMNS.join(',')];
  for (const r of rows) lines.push(INSTRUMENT_COLUMNS.map((c) => r[c]).join(','));
  return lines.join('\r\n') + '\r\n';
}
