import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPrice, parsePrice, parseQty } from '../../../instruments';
import { istTime } from '../rules/ist';
import { parseInstrumentsCsv } from './parseInstruments';
import { KiteTokenMap } from './tokenMap';

// src/engine/venues/kite/instruments -> repo root is five levels up.
const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const DATA = resolve(REPO_ROOT, '../shared/data/kite');

function dump(name: string): string {
  const file = resolve(DATA, name);
  if (!existsSync(file)) throw new Error(`recorded Kite data missing: ${file} (expected ../shared/data next to the repo)`);
  return readFileSync(file, 'utf8');
}

const HEADER = 'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange';

describe("Kite's instruments dump", () => {
  it('reads every row of the recorded full dump', () => {
    const text = dump('instruments_all.csv');
    const { instruments, rejected } = parseInstrumentsCsv(text, 'kite');
    expect(rejected).toEqual([]);
    expect(instruments).toHaveLength(text.trim().split('\n').length - 1);
  });

  it('reads every row of the recorded NSE dump', () => {
    const text = dump('instruments_nse.csv');
    const { instruments, rejected } = parseInstrumentsCsv(text, 'kite');
    expect(rejected).toEqual([]);
    expect(instruments.length).toBe(text.trim().split('\n').length - 1);
    expect(instruments.every((k) => k.instrument.exchange === 'NSE' && k.instrument.symbol.startsWith('NSE:'))).toBe(true);
  });

  it("an NSE equity: Kite's notation as symbol, shares as lots, paise ticks", () => {
    const { instruments } = parseInstrumentsCsv(dump('instruments_all.csv'), 'kite');
    const k = instruments.find((i) => i.instrument.symbol === 'NSE:ADANIPORTS');
    expect(k).toBeDefined();
    const inst = k!.instrument;
    expect(k!.token).toBe(3861249);
    expect(k!.exchangeToken).toBe(15083);
    expect(inst).toMatchObject({
      venue: 'kite',
      venueSymbol: 'ADANIPORTS',
      quote: 'INR',
      priceDecimals: 2,
      tickSize: 5,
      qtyDecimals: 0,
      lotSize: 1,
      minNotional: 0,
      exchange: 'NSE',
      segment: 'NSE',
      name: 'ADANI PORT & SEZ',
      displayName: 'ADANIPORTS',
    });
    expect(inst.contract).toBeUndefined();
    expect(parsePrice(inst, '780.05')).toEqual({ ok: true, value: 15601 });
    expect(parsePrice(inst, '780.03').ok).toBe(false);
  });

  it('an index option: exchange lot, strike in price units, expiry at the 15:30 IST close, Kite-style name', () => {
    const { instruments } = parseInstrumentsCsv(dump('instruments_all.csv'), 'kite');
    const k = instruments.find((i) => i.instrument.symbol === 'NFO:BANKNIFTY18JAN23500CE')!;
    const inst = k.instrument;
    expect(inst.lotSize).toBe(40);
    expect(inst.displayName).toBe('BANKNIFTY 18JAN 23500 CE');
    // The old dump leaves name empty for options: the underlying comes from the symbol.
    expect(inst.name).toBe('BANKNIFTY');
    expect(inst.base).toBe('BANKNIFTY');
    expect(inst.contract).toEqual({ kind: 'call', expiry: Date.UTC(2018, 0, 25, 10, 0), strike: 2350000 });
    expect(istTime(inst.contract!.expiry)).toMatchObject({ date: '2018-01-25', minute: 15 * 60 + 30 });
    // 2 lots of BANKNIFTY are 80 units; 41 units are not a whole lot.
    expect(parseQty(inst, '80')).toEqual({ ok: true, value: 2 });
    expect(parseQty(inst, '41').ok).toBe(false);
    const put = instruments.find((i) => i.instrument.symbol === 'NFO:ADANIPORTS17DEC490PE')!.instrument;
    expect(put.contract?.kind).toBe('put');
    expect(put.displayName).toBe('ADANIPORTS 17DEC 490 PE');
  });

  it('the token map goes both ways', () => {
    const { instruments } = parseInstrumentsCsv(dump('instruments_all.csv'), 'kite');
    const map = new KiteTokenMap(instruments);
    expect(map.size).toBe(instruments.length);
    expect(map.tokenOf('NFO:BANKNIFTY18JAN23500CE')).toBe(12073986);
    expect(map.symbolOf(12073986)).toBe('NFO:BANKNIFTY18JAN23500CE');
    expect(map.symbolOf(1)).toBeUndefined();
    expect(map.tokenOf('NSE:NOPE')).toBeUndefined();
    for (const k of instruments) expect(map.symbolOf(map.tokenOf(k.instrument.symbol)!)).toBe(k.instrument.symbol);
  });

  it('tick sizes of every segment: currency 0.0025 keeps four decimals, MCX rupee ticks keep paise', () => {
    const text = [
      HEADER,
      '1,1,USDINR26DECFUT,USDINR,0,2026-12-29,0,0.0025,1,FUT,CDS-FUT,CDS',
      '2,2,CRUDEOIL26DECFUT,CRUDEOIL,0,2026-12-18,0,1,100,FUT,MCX-FUT,MCX',
      '3,3,USDINR26D2483.25CE,USDINR,0,2026-12-24,83.25,0.0025,1,CE,CDS-OPT,CDS',
    ].join('\n');
    const { instruments, rejected } = parseInstrumentsCsv(text, 'kite');
    expect(rejected).toEqual([]);
    const [usd, crude, usdOpt] = instruments.map((k) => k.instrument);
    expect(usd).toMatchObject({ priceDecimals: 4, tickSize: 25, displayName: 'USDINR 26DEC FUT' });
    expect(formatPrice(usd!, 33_300)).toBe('83.2500');
    expect(crude).toMatchObject({ priceDecimals: 2, tickSize: 100, lotSize: 100, displayName: 'CRUDEOIL 26DEC FUT' });
    expect(istTime(crude!.contract!.expiry).minute).toBeGreaterThanOrEqual(23 * 60 + 30);
    expect(usdOpt!.contract?.strike).toBe(832_500);
    // Weekly symbols (YY + M + DD) are recognised and shown with the day.
    expect(usdOpt!.displayName).toBe('USDINR 24DEC26 83.25 CE');
  });

  it('weekly index options get a dated display name', () => {
    const text = [HEADER, '9,9,NIFTY26D2224000CE,NIFTY,0,2026-12-22,24000,0.05,75,CE,NFO-OPT,NFO'].join('\n');
    const [k] = parseInstrumentsCsv(text, 'kite').instruments;
    expect(k!.instrument.displayName).toBe('NIFTY 22DEC26 24000 CE');
    expect(k!.instrument.name).toBe('NIFTY');
  });

  it('indices without tick or lot are kept for market data', () => {
    const text = [HEADER, '256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE'].join('\n');
    const { instruments, rejected } = parseInstrumentsCsv(text, 'kite');
    expect(rejected).toEqual([]);
    expect(instruments[0]!.instrument).toMatchObject({ symbol: 'NSE:NIFTY 50', segment: 'INDICES', tickSize: 1, lotSize: 1 });
  });

  it('a bad row is reported with its line and skipped; the others are kept', () => {
    const text = [
      HEADER,
      '3861249,15083,ADANIPORTS,ADANI PORT & SEZ,0.0,,0.0,0.05,1,EQ,NSE,NSE',
      'abc,15083,BAD1,X,0,,0,0.05,1,EQ,NSE,NSE',
      '5,5,BAD2,X,0,,0,-0.05,1,EQ,NSE,NSE',
      '6,6,BAD3,X,0,,0,0.05,0,EQ,NSE,NSE',
      '7,7,BAD4,X,0,,0,0.05,1,XX,NSE,NSE',
      '8,8,BAD5FUT,X,0,2026-02-30,0,0.05,50,FUT,NFO-FUT,NFO',
      '9,9,BAD6CE,X,0,2026-12-24,0,0.05,50,CE,NFO-OPT,NFO',
      '10,10,TOO,FEW,FIELDS',
      '11,11,"BROKEN,X,0,,0,0.05,1,EQ,NSE,NSE',
      '12,12,,X,0,,0,0.05,1,EQ,NSE,NSE',
      '3861249,99,DUPTOKEN,X,0,,0,0.05,1,EQ,NSE,NSE',
      '13,13,ADANIPORTS,X,0,,0,0.05,1,EQ,NSE,NSE',
      '99999999999,1,BIGTOKEN,X,0,,0,0.05,1,EQ,NSE,NSE',
      '14,14,"QUOTED, NAME",X,0,,0,0.05,1,EQ,BSE,BSE',
      '',
    ].join('\r\n');
    const { instruments, rejected } = parseInstrumentsCsv(text, 'kite');
    expect(instruments.map((k) => k.instrument.symbol)).toEqual(['NSE:ADANIPORTS', 'BSE:QUOTED, NAME']);
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const reasons = Object.fromEntries(rejected.map((r) => [r.line, r.reason]));
    expect(reasons[3]).toMatch(/instrument_token/);
    expect(reasons[4]).toMatch(/tick_size/);
    expect(reasons[5]).toMatch(/lot_size/);
    expect(reasons[6]).toMatch(/instrument_type/);
    expect(reasons[7]).toMatch(/expiry/);
    expect(reasons[8]).toMatch(/strike/);
    expect(reasons[9]).toMatch(/fields/);
    expect(reasons[10]).toMatch(/quote/);
    expect(reasons[11]).toMatch(/tradingsymbol/);
    expect(reasons[12]).toMatch(/duplicate instrument_token/);
    expect(reasons[13]).toMatch(/duplicate symbol/);
    expect(reasons[14]).toMatch(/uint32/);
  });

  it('a file without Kite columns is refused as a whole', () => {
    expect(parseInstrumentsCsv('a,b,c\n1,2,3\n', 'kite')).toEqual({
      instruments: [],
      rejected: [{ line: 1, reason: expect.stringMatching(/not Kite's instruments CSV/) }],
    });
    expect(parseInstrumentsCsv('', 'kite').rejected[0]!.reason).toBe('empty file');
  });
});
