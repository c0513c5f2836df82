import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceFuturesCsvReader } from './binanceFuturesCsv';
import { BinanceFuturesDepthSync } from './binanceFuturesDepth';
import { FUTURES_CSV_HEADER, must, planArb, renderBinanceJson, renderBinanceLaggedStart, renderFuturesCsv, replayLines } from './testSupport';
import type { SyncOutcome } from './types';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FUTURES_DATA = resolve(REPO_ROOT, '../shared/data/binance/futures');

/** The real recordings: a missing folder must fail the suite, never skip it. */
function recording(name: string): string[] {
  const file = resolve(FUTURES_DATA, name);
  if (!existsSync(file)) throw new Error(`real market data missing: ${file} (expected ../shared/data next to the repo)`);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

const newSync = () => new BinanceFuturesDepthSync({ venue: 'binance-futures', symbol: 'BTC-USDT-PERP' });
const snapshot = (lastUpdateId: number) => ({ lastUpdateId, E: 1, T: 1, bids: [['20000.00', '1.000']], asks: [['20000.10', '2.000']] });
const update = (U: number, u: number, pu: number, b: [string, string][] = []) => ({ e: 'depthUpdate', E: 1, T: 1, s: 'BTCUSDT', U, u, pu, b, a: [] });
const kinds = (outcomes: SyncOutcome[]) => outcomes.map((o) => (o.kind === 'apply' ? o.event.type : o.kind === 'skip' ? `skip:${o.reason}` : 'gap'));

/** Feeds CSV lines through a reader: the first line is the header. */
function readCsv(reader: BinanceFuturesCsvReader, lines: string[]) {
  const replay = replayLines(lines, (line, i) => (i === 0 ? reader.header(line) : reader.row(line)));
  replay.apply(must(reader.end()));
  return replay;
}

describe('Binance USD-M futures diff-depth sync', () => {
  it('drops u < lastUpdateId, applies the event with U <= lastUpdateId <= u, then chains on pu', () => {
    const sync = newSync();
    must(sync.push(snapshot(100)));
    expect(kinds(must(sync.push(update(90, 99, 85))))).toEqual(['skip:superseded']);
    // u == lastUpdateId is not dropped on futures: it is the bridging event.
    expect(kinds(must(sync.push(update(97, 100, 99))))).toEqual(['bookDelta']);
    expect(kinds(must(sync.push(update(104, 110, 100))))).toEqual(['bookDelta']);
    const out = must(sync.push(update(115, 120, 112)));
    expect(out).toEqual([{ kind: 'gap', gap: expect.objectContaining({ expected: 110, got: 112 }) }]);
    expect(sync.needsSnapshot).toBe(true);
  });

  it('reports a gap when the first event does not contain lastUpdateId', () => {
    const sync = newSync();
    must(sync.push(snapshot(100)));
    const out = must(sync.push(update(101, 105, 100)));
    expect(out).toEqual([{ kind: 'gap', gap: expect.objectContaining({ expected: 100, got: 101 }) }]);
    expect(out[0]!.kind === 'gap' && out[0]!.gap.reason).toMatch(/must contain lastUpdateId 100 \(U <= 100 <= u\) but it is U=101 u=105/);
  });

  it('requires pu', () => {
    const sync = newSync();
    const r = sync.push({ e: 'depthUpdate', s: 'BTCUSDT', U: 1, u: 2, b: [], a: [] });
    expect(!r.ok && r.error.message).toBe('missing field "pu"');
  });

  it('on the real recordings: the update file does not chain onto the snapshot, so it reports the gap and stays stale', () => {
    const reader = new BinanceFuturesCsvReader(newSync());
    const snap = recording('btcusdt-depth-snap.csv');
    const upd = recording('btcusdt-depth-update.csv');
    const outcomes: SyncOutcome[] = [];
    for (const [i, line] of snap.entries()) outcomes.push(...must(i === 0 ? reader.header(line) : reader.row(line)));
    for (const [i, line] of upd.entries()) outcomes.push(...must(i === 0 ? reader.header(line) : reader.row(line)));
    outcomes.push(...must(reader.end()));

    expect(kinds(outcomes)).toEqual(['bookSnapshot', 'gap']);
    const snapshotEvent = outcomes[0]!.kind === 'apply' ? outcomes[0]!.event : undefined;
    expect(snapshotEvent?.type === 'bookSnapshot' && snapshotEvent.bids.length).toBe(snap.length - 1);
    // The scale read off the data: prices with 2 decimals, quantities with 3.
    expect(reader.sync.scale).toEqual({ priceDecimals: 2, qtyDecimals: 3, tickSize: 1, lotSize: 1 });
    expect(snapshotEvent?.type === 'bookSnapshot' && snapshotEvent.bids[0]).toEqual([2037700, 1770]);
    expect(outcomes[1]).toEqual({
      kind: 'gap',
      gap: expect.objectContaining({ expected: 2098021528332, got: 2098041693435 }),
    });
    expect(reader.sync.state).toBe('stale');
    // The update is held for a resync, never applied across the gap.
    expect(reader.sync.buffered).toBe(1);
  });

  it('on the real update file alone: nothing to apply it to, so the book waits for a snapshot', () => {
    const reader = new BinanceFuturesCsvReader(newSync());
    const replay = readCsv(reader, recording('btcusdt-depth-update.csv'));
    expect([replay.updates, replay.gaps, reader.sync.state, reader.sync.buffered]).toEqual([0, 0, 'awaitingSnapshot', 1]);
  });

  it('ends with the venue book, or the last good book marked stale, on random streams with random losses', () => {
    fc.assert(
      fc.property(planArb({ drops: true }), (plan) => {
        const { lines, expected } = renderBinanceJson(plan, 'futures');
        const sync = newSync();
        const replay = replayLines(lines, (line) => sync.push(JSON.parse(line)));
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, sync.needsSnapshot]).toEqual([expected.updates, expected.gaps, expected.stale]);
      }),
      { numRuns: 300 },
    );
  });

  it('bridges a late first snapshot over buffered events wherever it lands in the stream', () => {
    const arb = planArb({ drops: false }).chain((plan) =>
      fc.record({ plan: fc.constant(plan), j: fc.nat({ max: plan.events.length - 1 }), p: fc.integer({ min: -1, max: plan.events.length - 1 }) }),
    );
    fc.assert(
      fc.property(arb, ({ plan, j, p }) => {
        const { lines, expected } = renderBinanceLaggedStart(plan, 'futures', j, p);
        const sync = newSync();
        const replay = replayLines(lines, (line) => sync.push(JSON.parse(line)));
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, sync.state]).toEqual([expected.updates, 0, 'live']);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Binance futures depth CSV reader', () => {
  it('rebuilds the same book from the CSV recording as from the JSON stream', () => {
    fc.assert(
      fc.property(planArb({ drops: true }), (plan) => {
        const { lines, expected } = renderFuturesCsv(plan);
        const reader = new BinanceFuturesCsvReader(newSync());
        const replay = readCsv(reader, lines);
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, reader.sync.needsSnapshot]).toEqual([expected.updates, expected.gaps, expected.stale]);
      }),
      { numRuns: 200 },
    );
  });

  it('groups rows by event, whatever order their sides come in', () => {
    const reader = new BinanceFuturesCsvReader(newSync());
    const replay = readCsv(reader, [
      FUTURES_CSV_HEADER,
      'BTCUSDT,1,100,100,b,snap,20000.00,1.000,-1',
      'BTCUSDT,1,100,100,a,snap,20000.10,1.000,-1',
      'BTCUSDT,2,99,103,a,set,20000.10,0.000,98',
      'BTCUSDT,2,99,103,b,set,20000.00,2.500,98',
      'BTCUSDT,2,99,103,a,set,20000.20,0.300,98',
      'BTCUSDT,3,104,106,b,set,19999.90,0.001,103',
    ]);
    expect(replay.updates).toBe(2);
    expect(replay.book.bid).toEqual(new Map([[2000000, 2500], [1999990, 1]]));
    expect(replay.book.ask).toEqual(new Map([[2000020, 300]]));
  });

  it('refuses malformed rows with a reason', () => {
    const cases: [string, RegExp][] = [
      ['BTCUSDT,1,100,100,x,snap,1.00,1.000,-1', /side must be b or a, got "x"/],
      ['BTCUSDT,1,100,100,b,upd,1.00,1.000,-1', /update_type must be snap or set/],
      ['BTCUSDT,1,100,100,b,snap,1.0x,1.000,-1', /price "1.0x" is not a decimal number/],
      ['BTCUSDT,1,100,100,b,snap,1.00,-1.000,-1', /quantity "-1.000" is negative/],
      ['BTCUSDT,1,10a,100,b,snap,1.00,1.000,-1', /first_update_id "10a" is not an integer/],
      ['BTCUSDT,1,100,100,b,snap,1.00,1.000', /expected 9 columns, got 8/],
    ];
    for (const [row, reason] of cases) {
      const reader = new BinanceFuturesCsvReader(newSync());
      must(reader.header(FUTURES_CSV_HEADER));
      const r = reader.row(row);
      expect(!r.ok && r.error.message, row).toMatch(reason);
    }
    const reader = new BinanceFuturesCsvReader(newSync());
    const h = reader.header('symbol,timestamp,price,qty');
    expect(!h.ok && h.error.message).toMatch(/header lacks column\(s\) first_update_id, last_update_id, side, update_type, pu/);
  });
});
