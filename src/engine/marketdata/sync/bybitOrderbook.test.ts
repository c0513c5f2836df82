import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BybitOrderbookSync } from './bybitOrderbook';
import { must, planArb, renderBybit, replayLines } from './testSupport';
import type { SyncOutcome } from './types';

const newSync = () => new BybitOrderbookSync({ venue: 'bybit', symbol: 'BTC-USDT-PERP' });
const msg = (type: 'snapshot' | 'delta', u: number, b: [string, string][] = [], a: [string, string][] = []) => ({
  topic: 'orderbook.50.BTCUSDT',
  type,
  ts: 1,
  data: { s: 'BTCUSDT', b, a, u, seq: 7 },
  cts: 1,
});
const kinds = (outcomes: SyncOutcome[]) => outcomes.map((o) => (o.kind === 'apply' ? o.event.type : o.kind === 'skip' ? `skip:${o.reason}` : 'gap'));

describe('Bybit v5 orderbook sync', () => {
  it('applies deltas with consecutive u and reports a gap on a skipped u', () => {
    const sync = newSync();
    expect(kinds(must(sync.push(msg('delta', 9))))).toEqual(['skip:noSnapshot']);
    expect(kinds(must(sync.push(msg('snapshot', 10, [['17440.00', '40.833']], [['17440.50', '78.815']]))))).toEqual(['bookSnapshot']);
    const d = must(sync.push(msg('delta', 11, [], [['17440.50', '0']])));
    expect(d[0]).toMatchObject({ event: { type: 'bookDelta', seq: 2, changes: [{ side: 'sell', price: 1744050, qty: 0 }] } });
    expect(must(sync.push(msg('delta', 13)))).toEqual([{ kind: 'gap', gap: expect.objectContaining({ expected: 12, got: 13 }) }]);
    expect(kinds(must(sync.push(msg('delta', 14))))).toEqual(['skip:noSnapshot']);
    expect(sync.state).toBe('stale');
  });

  it('a snapshot with u = 1 (Bybit restarted) replaces the book and restarts the sequence', () => {
    const sync = newSync();
    must(sync.push(msg('snapshot', 500, [['1.00', '1.000']])));
    must(sync.push(msg('delta', 501)));
    const out = must(sync.push(msg('snapshot', 1, [['2.00', '1.000']])));
    expect(out[0]).toMatchObject({ event: { type: 'bookSnapshot', seq: 3, bids: [[200, 1000]], asks: [] } });
    expect(kinds(must(sync.push(msg('delta', 2))))).toEqual(['bookDelta']);
  });

  it('skips control messages and refuses what is not an orderbook message', () => {
    const sync = newSync();
    expect(kinds(must(sync.push({ success: true, ret_msg: 'pong', op: 'ping' })))).toEqual(['skip:control']);
    const cases: [unknown, RegExp][] = [
      [{ topic: 'publicTrade.BTCUSDT', type: 'snapshot', data: [] }, /not an orderbook message: topic "publicTrade.BTCUSDT"/],
      [{ topic: 'orderbook.50.BTCUSDT', type: 'update', data: {} }, /field "type" must be "snapshot" or "delta"/],
      [{ topic: 'orderbook.50.BTCUSDT', type: 'delta', data: { s: 'BTCUSDT', b: [], a: [] } }, /data: missing field "u"/],
      [msg('snapshot', 3, [['x', '1']]), /data: b\[0\]: price "x" is not a decimal number/],
      [msg('snapshot', 3, [], [['1.00', '-2']]), /data: a\[0\]: quantity "-2" is negative/],
      [{ ...msg('snapshot', 3), data: { s: 'ETHUSDT', b: [], a: [], u: 3 } }, /symbol ETHUSDT but this book is BTCUSDT/],
    ];
    must(sync.push(msg('snapshot', 1)));
    for (const [m, reason] of cases) {
      const r = sync.push(m);
      expect(!r.ok && r.error.message, JSON.stringify(m)).toMatch(reason);
    }
  });

  it('ends with the venue book, or the last good book marked stale, on random streams with losses and restarts', () => {
    fc.assert(
      fc.property(planArb({ drops: true }), (plan) => {
        const { lines, expected } = renderBybit(plan);
        const sync = newSync();
        const replay = replayLines(lines, (line) => sync.push(JSON.parse(line)));
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, sync.needsSnapshot]).toEqual([expected.updates, expected.gaps, expected.stale]);
      }),
      { numRuns: 300 },
    );
  });
});
