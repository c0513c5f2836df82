import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TardisIncrementalL2Sync } from './tardisIncrementalL2';
import { must, planArb, renderTardis, replayLines, TARDIS_HEADER } from './testSupport';

const newSync = () => new TardisIncrementalL2Sync({ venue: 'tardis', symbol: 'BTC-USDT-PERP' });

function read(lines: string[]) {
  const sync = newSync();
  const replay = replayLines(lines, (line, i) => (i === 0 ? sync.header(line) : sync.row(line)));
  replay.apply(must(sync.end()));
  return { sync, replay };
}

describe('Tardis incremental_book_L2 sync', () => {
  it('skips rows before the first snapshot, groups updates by local_timestamp, and a new snapshot run replaces the book', () => {
    const { sync, replay } = read([
      TARDIS_HEADER,
      'binance-futures,BTCUSDT,1,10,false,bid,20000.1,5',
      'binance-futures,BTCUSDT,2,20,true,bid,20000,1.5',
      'binance-futures,BTCUSDT,2,20,true,ask,20000.5,0.002',
      'binance-futures,BTCUSDT,2,21,true,ask,20001,0',
      'binance-futures,BTCUSDT,3,30,false,bid,20000,0',
      'binance-futures,BTCUSDT,3,30,false,bid,19999.9,3',
      'binance-futures,BTCUSDT,4,40,false,ask,20000.6,1',
      'binance-futures,BTCUSDT,5,50,true,bid,19000,1',
      'binance-futures,BTCUSDT,6,60,false,ask,19000.5,2',
    ]);
    // Scale from the first snapshot: the most decimals written (1 for prices, 3 for amounts).
    expect(sync.scale).toEqual({ priceDecimals: 1, qtyDecimals: 3, tickSize: 1, lotSize: 1 });
    expect(replay.book.bid).toEqual(new Map([[190000, 1000]]));
    expect(replay.book.ask).toEqual(new Map([[190005, 2000]]));
    expect([replay.updates, replay.gaps, sync.state]).toEqual([3, 0, 'live']);
  });

  it('refuses a later value with more decimals than the inferred scale, and malformed rows', () => {
    const sync = newSync();
    must(sync.header(TARDIS_HEADER));
    must(sync.row('deribit,BTC-PERPETUAL,1,10,true,bid,20000.5,10'));
    must(sync.row('deribit,BTC-PERPETUAL,1,11,false,bid,20000.25,10'));
    const r = sync.end();
    expect(!r.ok && r.error.message).toMatch(/bid 0: price "20000.25" does not fit the book's scale: at most 1 decimals/);

    const cases: [string, RegExp][] = [
      ['deribit,BTC-PERPETUAL,1,10,yes,bid,1,1', /is_snapshot must be true or false, got "yes"/],
      ['deribit,BTC-PERPETUAL,1,10,true,buy,1,1', /side must be bid or ask, got "buy"/],
      ['deribit,BTC-PERPETUAL,1,10,true,bid,1e-5,1', /price "1e-5" is not a decimal number/],
      ['deribit,BTC-PERPETUAL,1,10,true,bid,1,-3', /amount "-3" is negative/],
      ['deribit,BTC-PERPETUAL,1,x,true,bid,1,3', /local_timestamp "x" is not an integer/],
      ['deribit,ETH-PERPETUAL,1,10,true,bid,1,3', /symbol ETH-PERPETUAL but this book is BTC-PERPETUAL/],
    ];
    for (const [row, reason] of cases) {
      const s = newSync();
      must(s.header(TARDIS_HEADER));
      must(s.row('deribit,BTC-PERPETUAL,1,1,true,bid,2,1'));
      const out = s.row(row);
      expect(!out.ok && out.error.message, row).toMatch(reason);
    }
  });

  it('rebuilds the book of random streams (snapshot runs, zero-amount snapshot rows, leading updates)', () => {
    fc.assert(
      fc.property(planArb({ drops: false }), fc.nat({ max: 3 }), (plan, leadingUpdates) => {
        const { lines, expected } = renderTardis(plan, { leadingUpdates });
        const { sync, replay } = read(lines);
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, sync.needsSnapshot]).toEqual([expected.updates, 0, expected.stale]);
      }),
      { numRuns: 200 },
    );
  });
});
