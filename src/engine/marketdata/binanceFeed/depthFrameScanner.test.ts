/**
 * The depth frame scanner against the path it stands in for: for any sequence of combined-stream
 * frames, scanner-or-fallback must give exactly the events (and the same errors) that JSON.parse and
 * the existing normaliser give, whatever valid JSON the venue writes (whitespace, key order, extra
 * keys, decimals with many digits, empty sides) and whatever values that do not fit the instrument.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAT_BID, levelChangesOf, ok, type Result } from '../../core';
import { BinanceFuturesDepthSync, BinanceSpotDepthSync, type BookScale, type SyncOutcome } from '../sync';
import { DepthFrameScanner } from './depthFrameScanner';
import { scannedDepthSync } from './scannedDepthSync';

type Market = 'spot' | 'usdm';
const SCALES: Record<Market, BookScale> = {
  spot: { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 },
  usdm: { priceDecimals: 2, qtyDecimals: 3, tickSize: 10, lotSize: 1 },
};
const SYMBOL = 'BTCUSDT';
const STREAM = 'btcusdt@depth@100ms';

/** A JSON value written with the generator's choice of whitespace and key order. */
type J = { obj: [string, J][] } | { arr: J[] } | { raw: string };
const str = (s: string): J => ({ raw: JSON.stringify(s) });
const num = (n: number | string): J => ({ raw: String(n) });

function write(v: J, ws: () => string): string {
  if ('raw' in v) return v.raw;
  if ('arr' in v) return `[${ws()}${v.arr.map((x) => write(x, ws)).join(`${ws()},${ws()}`)}${ws()}]`;
  return `{${ws()}${v.obj.map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${write(x, ws)}`).join(`${ws()},${ws()}`)}${ws()}}`;
}

/** Decimal text for an integer number of ticks/lots, in the ways a venue may write it (all exact). */
const decimalArb = (units: number, unitSize: number, decimals: number) =>
  fc.record({ leadingZeros: fc.nat(2), trailingZeros: fc.nat(12), bare: fc.boolean() }).map(({ leadingZeros, trailingZeros, bare }) => {
    const scaled = String(units * unitSize).padStart(decimals + 1, '0');
    const whole = scaled.slice(0, scaled.length - decimals);
    const frac = scaled.slice(scaled.length - decimals) + '0'.repeat(trailingZeros);
    const text = '0'.repeat(leadingZeros) + whole;
    return bare && /^0*$/.test(frac) ? text : `${text}.${frac || '0'}`;
  });

/** Text that must be refused by both paths (or, for the last ones, read the same by both). */
const oddDecimalArb = fc.constantFrom('1e3', '-1.00', '1.', '.5', '', ' 1.00', '1.001', '20000.05', '123456789012345678901234.00', '0.00', '1,00', '１.00', '1.0000000000000000000001');

interface LevelSpec {
  price: fc.Arbitrary<string>;
  qty: fc.Arbitrary<string>;
}
function levelArb(market: Market): fc.Arbitrary<[string, string]> {
  const s = SCALES[market];
  const spec: LevelSpec = {
    price: fc.oneof(
      { weight: 60, arbitrary: fc.integer({ min: 1, max: 5_000_000 }).chain((t) => decimalArb(t, s.tickSize, s.priceDecimals)) },
      { weight: 1, arbitrary: oddDecimalArb },
    ),
    qty: fc.oneof(
      { weight: 60, arbitrary: fc.integer({ min: 0, max: 2 ** 40 }).chain((l) => decimalArb(l, s.lotSize, s.qtyDecimals)) },
      { weight: 1, arbitrary: oddDecimalArb },
    ),
  };
  return fc.tuple(spec.price, spec.qty);
}

const extraArb: fc.Arbitrary<[string, J]> = fc.tuple(
  fc.constantFrom('E', 'T', 'ps', 'st', 'x', 'pu2', 'é'),
  fc.oneof(
    fc.integer().map((n) => num(n)),
    fc.constantFrom(num('1.5e10'), num('-0.25'), { raw: 'true' }, { raw: 'null' }, str('BTCUSDT'), str('a\\"b'), { obj: [['k', num(1)]] }, { arr: [num(1)] }),
  ),
);

interface EventSpec {
  gap: number;
  span: number;
  puShift: number;
  bids: [string, string][];
  asks: [string, string][];
  extras: [string, J][];
  order: number[];
  reorder: boolean;
  dataFirst: boolean;
  wsChars: string[];
  oddFrame: 'none' | 'wrongSymbol' | 'wrongEvent' | 'stringId' | 'missingU' | 'floatId' | 'truncated' | 'threeElements' | 'dupKey';
}

function eventArb(market: Market): fc.Arbitrary<EventSpec> {
  return fc.record({
    gap: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) }),
    span: fc.integer({ min: 0, max: 5 }),
    puShift: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
    bids: fc.array(levelArb(market), { maxLength: 6 }),
    asks: fc.array(levelArb(market), { maxLength: 6 }),
    extras: fc.uniqueArray(extraArb, { maxLength: 3, selector: ([k]) => k }),
    order: fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
    reorder: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    dataFirst: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    wsChars: fc.array(fc.constantFrom('', '', '', '', ' ', '\n', '\t', '\r\n  '), { minLength: 1, maxLength: 8 }),
    oddFrame: fc.oneof(
      { weight: 20, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constantFrom('wrongSymbol', 'wrongEvent', 'stringId', 'missingU', 'floatId', 'truncated', 'threeElements', 'dupKey') },
    ),
  });
}

/** The frame of one event, and the ids it carries (the chain moves on even when the frame is odd). */
function frameOf(market: Market, e: EventSpec, prevU: number): { text: string; u: number } {
  const U = Math.max(1, prevU + 1 + e.gap);
  const u = U + e.span;
  const pu = prevU + e.puShift;
  let n = 0;
  const ws = () => e.wsChars[n++ % e.wsChars.length]!;
  const levels = (ls: [string, string][]): J => ({
    arr: ls.map(([p, q], i) => ({ arr: e.oddFrame === 'threeElements' && i === 0 ? [str(p), str(q), str('x')] : [str(p), str(q)] })),
  });
  const members: [string, J][] = [
    ['e', str(e.oddFrame === 'wrongEvent' ? 'depthUpdat' : 'depthUpdate')],
    ['s', str(e.oddFrame === 'wrongSymbol' ? 'ETHUSDT' : SYMBOL)],
    ['U', e.oddFrame === 'stringId' ? str(String(U)) : e.oddFrame === 'floatId' ? num(`${U}.0`) : num(U)],
    ['u', num(u)],
    ...(market === 'usdm' ? [['pu', num(pu)] as [string, J]] : []),
    ['b', levels(e.bids)],
    ['a', levels(e.asks)],
    ...e.extras,
  ].filter(([k]) => !(e.oddFrame === 'missingU' && k === 'U')) as [string, J][];
  // Key order: Binance's own most of the time, any other sometimes.
  const shuffled = !e.reorder ? members : members.map((m, i) => [m, e.order[i % e.order.length]!] as const).sort((a, b) => a[1] - b[1]).map(([m]) => m);
  if (e.oddFrame === 'dupKey') shuffled.push(['u', num(u + 1)]);
  const data: J = { obj: shuffled };
  const outer: J = { obj: e.dataFirst ? [['data', data], ['stream', str(STREAM)]] : [['stream', str(STREAM)], ['data', data]] };
  let text = `${ws()}${write(outer, ws)}${ws()}`;
  if (e.oddFrame === 'truncated') text = text.slice(0, Math.max(1, text.length - 7));
  return { text, u };
}

/** Outcomes and errors in a comparable form: a delta's levels as objects, whichever form it carries. */
const outcomeView = (o: SyncOutcome) =>
  o.kind === 'apply' && o.event.type === 'bookDelta' ? { ...o, event: { ...o.event, flat: undefined, changes: levelChangesOf(o.event) } } : o;
const view = (r: Result<SyncOutcome[]>) => (r.ok ? { ok: true, outcomes: r.value.map(outcomeView) } : { ok: false, error: r.error.message });

function run(market: Market, snapshotId: number, events: EventSpec[]) {
  const options = { venue: 'binance', symbol: 'BTC-USDT', venueSymbol: SYMBOL, scale: SCALES[market] };
  const oracle = market === 'spot' ? new BinanceSpotDepthSync(options) : new BinanceFuturesDepthSync(options);
  const ours = scannedDepthSync(market, options);
  const scanner = new DepthFrameScanner(market);
  const target = { spec: { venueSymbol: SYMBOL, scale: SCALES[market] } };
  const snapshot = { lastUpdateId: snapshotId, bids: [['100.00', '1.000']], asks: [['101.00', '1.000']] };
  const got: unknown[] = [];
  const want: unknown[] = [];
  let scanned = 0;
  let continued = 0;
  let prevU = snapshotId - 2;
  events.forEach((e, i) => {
    if (i === 1) {
      // The snapshot comes once a diff is buffered, as on the live feed.
      got.push(view(ours.push(snapshot)));
      want.push(view(oracle.push(snapshot)));
    }
    const { text, u } = frameOf(market, e, prevU);
    prevU = u;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const data = (parsed as { data?: unknown } | undefined)?.data;
    want.push(parsed === undefined ? 'unparseable' : view(oracle.push(data)));
    const hit = scanner.scan(Buffer.from(text), (b, s, end) => (Buffer.from(b.subarray(s, end)).toString() === STREAM ? target : undefined));
    if (hit) {
      scanned++;
      expect(parsed, `the scanner read a frame JSON.parse refuses: ${text}`).toBeDefined();
      // As SymbolBook.onScanned: the hot path first, the general one for whatever it does not take.
      const delta = ours.continueScanned(SYMBOL, scanner.U, scanner.u, scanner.pu, scanner.levels);
      if (delta) continued++;
      got.push(view(delta ? ok([{ kind: 'apply', event: delta }]) : ours.pushScanned(SYMBOL, scanner.U, scanner.u, scanner.pu, scanner.levels)));
    } else got.push(parsed === undefined ? 'unparseable' : view(ours.push(data)));
  });
  return { got, want, scanned, continued };
}

describe.each(['spot', 'usdm'] as const)('Binance %s depth frame scanner', (market) => {
  it('gives the same events and errors as JSON.parse + the normaliser, for any frames', () => {
    let scanned = 0;
    let continued = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 50 }), fc.array(eventArb(market), { minLength: 1, maxLength: 12 }), (snapshotId, events) => {
        const r = run(market, snapshotId, events);
        expect(r.got).toEqual(r.want);
        scanned += r.scanned;
        continued += r.continued;
        total += events.length;
      }),
      { numRuns: 400 },
    );
    // The generator must exercise the scanner, not only its fallback.
    expect(scanned).toBeGreaterThan(total / 3);
    // ...and the hot path that continues a live book, not only the general one behind it.
    expect(continued).toBeGreaterThan(total / 25); // about 1 in 10 with this generator
  });

  it('reads the frames Binance writes without falling back, exactly', () => {
    const scanner = new DepthFrameScanner(market);
    const target = { spec: { venueSymbol: SYMBOL, scale: SCALES[market] } };
    const data = {
      e: 'depthUpdate',
      E: 1667260801234,
      T: 1667260801233,
      s: SYMBOL,
      U: 2098041693435,
      u: 2098041693444,
      ...(market === 'usdm' ? { pu: 2098041693434 } : {}),
      b: [['20472.10', '1.234'], ['20471.90', '0.000']],
      a: [],
    };
    const frame = Buffer.from(JSON.stringify({ stream: STREAM, data }));
    expect(scanner.scan(frame, () => target)).toBe(target);
    expect({ U: scanner.U, u: scanner.u, pu: scanner.pu }).toEqual({ U: 2098041693435, u: 2098041693444, pu: market === 'usdm' ? 2098041693434 : -1 });
    const tick = SCALES[market].tickSize;
    expect(scanner.levels).toEqual([FLAT_BID, 2_047_210 / tick, market === 'usdm' ? 1234 : 123_400, FLAT_BID, 2_047_190 / tick, 0]);
  });

  it('refuses a frame cut off anywhere (in the middle of a number too), whitespace after it or not', () => {
    const scanner = new DepthFrameScanner(market);
    const target = { spec: { venueSymbol: SYMBOL, scale: SCALES[market] } };
    const data = { e: 'depthUpdate', E: 1667260801234, s: SYMBOL, U: 2098041693435, u: 2098041693444, ...(market === 'usdm' ? { pu: 2098041693434 } : {}), b: [['20472.10', '1.234']], a: [['20472.20', '0.500']] };
    const text = JSON.stringify({ stream: STREAM, data });
    for (let k = 0; k < text.length; k++) {
      for (const tail of ['', ' ', '\n\t']) expect(scanner.scan(Buffer.from(text.slice(0, k) + tail), () => target), `cut at ${k}${JSON.stringify(tail)}`).toBeUndefined();
    }
    expect(scanner.scan(Buffer.from(`${text} \r\n`), () => target)).toBe(target);
  });

  it('routes the frames of the stream it read last without asking again, and asks again after forget()', () => {
    const scanner = new DepthFrameScanner(market);
    const target = { spec: { venueSymbol: SYMBOL, scale: SCALES[market] } };
    const other = { spec: { venueSymbol: 'ETHUSDT', scale: SCALES[market] } };
    let subscribed = true;
    const asked: string[] = [];
    const route = (b: Uint8Array, s: number, end: number) => {
      const name = Buffer.from(b.subarray(s, end)).toString();
      asked.push(name);
      if (name === 'ethusdt@depth@100ms') return other;
      return subscribed && name === STREAM ? target : undefined;
    };
    const frame = (stream: string, symbol: string, u: number) =>
      Buffer.from(
        JSON.stringify({ stream, data: { e: 'depthUpdate', E: 1, s: symbol, U: u, u, ...(market === 'usdm' ? { pu: u - 1 } : {}), b: [['20472.10', '1.000']], a: [] } }),
      );
    expect(scanner.scan(frame(STREAM, SYMBOL, 10), route)).toBe(target);
    expect(scanner.scan(frame(STREAM, SYMBOL, 11), route)).toBe(target);
    expect(scanner.u).toBe(11);
    expect(asked).toEqual([STREAM]); // the second frame began like the first: same stream, same book
    // Another stream's frame is routed by its own name, and so is the next one of the first stream.
    expect(scanner.scan(frame('ethusdt@depth@100ms', 'ETHUSDT', 12), route)).toBe(other);
    expect(scanner.scan(frame(STREAM, SYMBOL, 13), route)).toBe(target);
    expect(asked).toEqual([STREAM, 'ethusdt@depth@100ms', STREAM]);
    // The book goes away: its owner says so, and the router's new answer holds from the next frame on.
    subscribed = false;
    scanner.forget();
    expect(scanner.scan(frame(STREAM, SYMBOL, 14), route)).toBeUndefined();
    expect(scanner.scan(frame(STREAM, SYMBOL, 15), route)).toBeUndefined();
    expect(asked).toEqual([STREAM, 'ethusdt@depth@100ms', STREAM, STREAM, STREAM]);
  });
});
