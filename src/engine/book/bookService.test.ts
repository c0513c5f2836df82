import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type SqErrorInfo } from '../core';
import type { LevelChange, VenueEvent } from '../venues';
import { BookService, type ResyncRequest } from './bookService';
import { CRASH_DELTA_SEQ, CRASH_SEQ } from './crashingWorker.triggers';
import { SlotStatus } from './layout';
import { tsxWorkerExecArgv } from './workerPath';

const KEY = 'SIM:BTCUSDT';
const snapshot = (seq: number, bids: [number, number][], asks: [number, number][], symbol = 'BTCUSDT'): VenueEvent => ({
  type: 'bookSnapshot',
  venue: 'SIM',
  symbol,
  seq,
  bids,
  asks,
});
const delta = (seq: number, changes: LevelChange[], symbol = 'BTCUSDT'): VenueEvent => ({ type: 'bookDelta', venue: 'SIM', symbol, seq, changes });

const services: BookService[] = [];
function service(options: ConstructorParameters<typeof BookService>[0] = {}): BookService {
  const s = new BookService({ capacity: 4, depth: 20, ...options });
  services.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

function nextResync(s: BookService): Promise<ResyncRequest> {
  return new Promise((resolve) => {
    const off = s.onResyncNeeded((r) => {
      off();
      resolve(r);
    });
  });
}

describe('book service with the real worker thread', () => {
  it('applies a snapshot and a stream of deltas, readable from the main thread without messages', async () => {
    const s = service();
    s.onVenueEvent(snapshot(10, [[100, 5], [99, 6]], [[101, 7]]));
    s.onVenueEvent(delta(11, [{ side: 'buy', price: 100, qty: 0 }]));
    s.onVenueEvent(delta(12, [{ side: 'sell', price: 102, qty: 8 }, { side: 'buy', price: 98, qty: 1 }]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 5)).toMatchObject({
      bids: [[99, 6], [98, 1]],
      asks: [[101, 7], [102, 8]],
      seq: 12,
      stale: false,
    });
    expect(s.reader.mid(KEY)).toBe(100);
  });

  it('sends all deltas fed in one macrotask as one message, books of several instruments together', async () => {
    const s = service();
    s.onVenueEvent(snapshot(0, [], []));
    s.onVenueEvent(snapshot(0, [], [], 'ETHUSDT'));
    await s.whenApplied();
    const before = s.stats();
    for (let seq = 1; seq <= 1000; seq++) {
      s.onVenueEvent(delta(seq, [{ side: 'buy', price: seq, qty: seq }]));
      s.onVenueEvent(delta(seq, [{ side: 'sell', price: 5000 - seq, qty: 1 }], 'ETHUSDT'));
    }
    await new Promise((resolve) => setImmediate(resolve));
    await s.whenApplied();
    const after = s.stats();
    expect(after.deltaEvents - before.deltaEvents).toBe(2000);
    expect(after.deltaMessages - before.deltaMessages).toBe(1);
    expect(s.reader.bestBid(KEY)).toEqual([1000, 1000]);
    expect(s.reader.bestAsk('SIM:ETHUSDT')).toEqual([4000, 1]);
    expect(s.reader.readTop(KEY, 1)!.bidLevels).toBe(1000);
  });

  it('keeps a snapshot in order with the deltas fed before and after it', async () => {
    const s = service();
    s.onVenueEvent(snapshot(1, [[50, 1]], []));
    s.onVenueEvent(delta(2, [{ side: 'buy', price: 51, qty: 1 }]));
    s.onVenueEvent(snapshot(10, [[60, 1]], [])); // supersedes everything before it
    s.onVenueEvent(delta(11, [{ side: 'buy', price: 61, qty: 2 }]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 5)).toMatchObject({ bids: [[61, 2], [60, 1]], seq: 11, stale: false });
  });

  it('on a sequence gap flags the book stale and asks for a resync, then recovers on a new snapshot', async () => {
    const s = service();
    s.onVenueEvent(snapshot(100, [[99, 1]], [[101, 1]]));
    const resync = nextResync(s);
    s.onVenueEvent(delta(101, [{ side: 'buy', price: 99, qty: 2 }]));
    s.onVenueEvent(delta(103, [{ side: 'buy', price: 99, qty: 3 }]));
    expect(await resync).toEqual({ reason: 'gap', key: KEY, venue: 'SIM', symbol: 'BTCUSDT', slot: s.slotOf(KEY), expected: 102, got: 103, attempt: 1 });
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: true, seq: 101, bids: [[99, 2]] });
    expect(s.reader.bestBid(KEY)).toBeUndefined();

    s.onVenueEvent(snapshot(200, [[98, 4]], [[101, 1]]));
    s.onVenueEvent(delta(201, [{ side: 'buy', price: 98, qty: 5 }]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: false, seq: 201, bids: [[98, 5]] });
  });

  it('asks again on the clock while no snapshot comes, one request at a time, and stops once it has come', async () => {
    const clock = new SimulatedClock(0);
    const s = service({ clock, resync: { answerTimeoutMs: 1_000, maxBackoffMs: 3_000 } });
    const resyncs: ResyncRequest[] = [];
    s.onResyncNeeded((r) => resyncs.push(r));
    s.onVenueEvent(snapshot(1, [[99, 1]], [[101, 1]]));
    s.onVenueEvent(delta(5, [{ side: 'buy', price: 99, qty: 2 }]));
    await s.whenApplied();
    s.onVenueEvent(delta(6, [{ side: 'buy', price: 99, qty: 3 }])); // still stale: no second request
    await s.whenApplied();
    expect(resyncs.map((r) => r.attempt)).toEqual([1]);

    clock.advance(999);
    expect(resyncs).toHaveLength(1);
    clock.advance(1); // no answer within 1 s: asked again, then after 2 s, then every 3 s (the cap)
    clock.advance(2_000 + 3_000);
    expect(resyncs.map((r) => [r.reason, r.attempt])).toEqual([
      ['gap', 1],
      ['gap', 2],
      ['gap', 3],
      ['gap', 4],
    ]);
    expect(s.stats().resyncsWaiting).toEqual([KEY]);

    s.onVenueEvent(snapshot(40, [[98, 1]], [[101, 1]]));
    await s.whenApplied();
    clock.advance(60_000);
    expect(resyncs).toHaveLength(4);
    expect(s.stats().resyncsWaiting).toEqual([]);
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: false, seq: 40 });
  });

  it('marks a book stale when the venue feed saw a gap, ignores its deltas until the next snapshot, with no resync request', async () => {
    const s = service();
    const resyncs: ResyncRequest[] = [];
    s.onResyncNeeded((r) => resyncs.push(r));
    s.onVenueEvent(snapshot(10, [[99, 1]], [[101, 1]]));
    s.onVenueEvent(delta(11, [{ side: 'buy', price: 99, qty: 2 }])); // fed before: applied
    expect(s.markStale(KEY, 'depth update U=120 after u=111')).toEqual({ ok: true, value: undefined });
    s.onVenueEvent(delta(12, [{ side: 'buy', price: 99, qty: 3 }])); // fed after: ignored
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: true, status: SlotStatus.STALE, seq: 11, bids: [[99, 2]] });
    expect(s.reader.bestBid(KEY)).toBeUndefined();
    expect(s.staleReason(KEY)).toBe('depth update U=120 after u=111');

    s.onVenueEvent(snapshot(130, [[98, 4]], [[101, 1]]));
    s.onVenueEvent(delta(131, [{ side: 'buy', price: 98, qty: 5 }]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: false, seq: 131, bids: [[98, 5]] });
    expect(s.staleReason(KEY)).toBeUndefined();
    expect(resyncs).toEqual([]);
  });

  it('refuses to mark stale a book it does not hold', () => {
    const s = service();
    expect(s.markStale('SIM:NOPE', 'gap')).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'no book for SIM:NOPE to mark stale' } });
  });

  it('answers depth beyond the shared K levels by message', async () => {
    const s = service({ depth: 5 });
    const bids: [number, number][] = Array.from({ length: 1000 }, (_, i) => [10_000 - i, i + 1]);
    s.onVenueEvent(snapshot(1, bids, []));
    const deep = await s.queryDepth(KEY, 40);
    expect(deep!.bids).toHaveLength(40);
    expect(deep!.bids[39]).toEqual([10_000 - 39, 40]);
    expect(deep).toMatchObject({ seq: 1, stale: false, bidLevels: 1000 });
    expect(s.reader.readTop(KEY, 40)!.bids).toHaveLength(5);
    expect(await s.queryDepth('SIM:NOPE', 5)).toBeUndefined();
  });

  it('refuses a book beyond capacity with a reason, and reuses a released slot', async () => {
    const s = service({ capacity: 2 });
    expect(s.onVenueEvent(snapshot(1, [], [], 'A')).ok).toBe(true);
    expect(s.onVenueEvent(snapshot(1, [], [], 'B')).ok).toBe(true);
    const full = s.onVenueEvent(snapshot(1, [[1, 1]], [], 'C'));
    expect(full).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/all 2 book slots/) } });

    s.release('SIM:A');
    expect(s.reader.readTop('SIM:A', 1)).toBeUndefined();
    expect(s.onVenueEvent(snapshot(1, [[1, 1]], [], 'C')).ok).toBe(true);
    await s.whenApplied();
    expect(s.reader.readTop('SIM:C', 1)).toMatchObject({ bids: [[1, 1]], stale: false });
    expect(s.keys().sort()).toEqual(['SIM:B', 'SIM:C']);
  });

  it('ignores venue events that are not about books', () => {
    const s = service();
    expect(s.onVenueEvent({ type: 'connection', venue: 'SIM', state: 'connected' }).ok).toBe(true);
    expect(s.keys()).toEqual([]);
  });

  it('refuses to take events after close', async () => {
    const s = service();
    await s.close();
    expect(s.onVenueEvent(snapshot(1, [], [])).ok).toBe(false);
    await expect(s.whenApplied()).rejects.toThrow(/closed/);
  });
});

describe('book service when the worker crashes', () => {
  const crashingWorker = { url: new URL('./crashingWorker.fixture.ts', import.meta.url), execArgv: tsxWorkerExecArgv() };
  const crashing = (options: ConstructorParameters<typeof BookService>[0] = {}) => service({ worker: crashingWorker, ...options });

  /** Resolves with the next `count` resync requests. */
  function nextResyncs(s: BookService, count: number): Promise<ResyncRequest[]> {
    const got: ResyncRequest[] = [];
    return new Promise((resolve) => {
      const off = s.onResyncNeeded((r) => {
        got.push(r);
        if (got.length < count) return;
        off();
        resolve(got);
      });
    });
  }

  function nextError(s: BookService, pattern: RegExp): Promise<SqErrorInfo> {
    return new Promise((resolve) => {
      const off = s.onError((e) => {
        if (!pattern.test(e.message)) return;
        off();
        resolve(e);
      });
    });
  }

  it('on the same shared buffer: every book stale at once, the worker restarted, a snapshot asked for each book, books back on them', async () => {
    const s = crashing();
    const errors: SqErrorInfo[] = [];
    s.onError((e) => errors.push(e));
    const reader = s.reader; // a reader taken before the crash must keep working after it
    s.onVenueEvent(snapshot(1, [[99, 1]], [[101, 1]]));
    s.onVenueEvent(snapshot(1, [[9, 1]], [[11, 1]], 'ETHUSDT'));
    await s.whenApplied();
    expect(reader.readTop(KEY, 1)).toMatchObject({ stale: false });
    const versionBefore = reader.readTop(KEY, 1)!.version;

    const resynced = nextResyncs(s, 2);
    s.onVenueEvent(snapshot(CRASH_SEQ, [[99, 2]], [[101, 2]])); // the fixture crashes on this seq
    await expect(s.whenApplied()).rejects.toThrow(/exited/);
    const resyncs = await resynced;
    expect(resyncs.map((r) => r.key).sort()).toEqual([KEY, 'SIM:ETHUSDT']);
    expect(resyncs.every((r) => r.reason === 'workerRestarted' && r.attempt === 1 && r.venue === 'SIM')).toBe(true);
    expect(reader.readTop(KEY, 1)).toMatchObject({ stale: true, status: SlotStatus.STALE, bids: [], asks: [] });
    expect(reader.readTop('SIM:ETHUSDT', 1)).toMatchObject({ stale: true, bids: [] });
    expect(reader.bestBid(KEY)).toBeUndefined();
    expect(errors.map((e) => e.message)).toEqual([
      'book worker crashed: simulated book worker bug',
      expect.stringMatching(/^book worker exited with code 1 after \d+ ms; every book is stale until it restarts \(now\)/),
      'book worker restarted (restart 1); asking for a snapshot of 2 book(s)',
    ]);
    expect(s.stats()).toMatchObject({ restarts: 1, resyncsWaiting: [KEY, 'SIM:ETHUSDT'] });

    s.onVenueEvent(snapshot(2, [[98, 3]], [[101, 3]]));
    s.onVenueEvent(delta(3, [{ side: 'sell', price: 102, qty: 1 }]));
    await s.whenApplied();
    const top = reader.readTop(KEY, 2)!;
    expect(top).toMatchObject({ stale: false, seq: 3, bids: [[98, 3]], asks: [[101, 3], [102, 1]] });
    expect(top.version).toBeGreaterThan(versionBefore); // versions keep growing: publishers see the change
    expect(s.stats().resyncsWaiting).toEqual(['SIM:ETHUSDT']);
  });

  it('dies mid-stream on a delta and comes back the same way', async () => {
    const s = crashing();
    s.onVenueEvent(snapshot(0, [[99, 1]], [[101, 1]]));
    const resynced = nextResyncs(s, 1);
    for (let seq = 1; seq <= CRASH_DELTA_SEQ + 5; seq++) s.onVenueEvent(delta(seq, [{ side: 'buy', price: 99, qty: seq }]));
    expect(await resynced).toMatchObject([{ reason: 'workerRestarted', key: KEY }]);
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: true });
    s.onVenueEvent(snapshot(CRASH_DELTA_SEQ + 5, [[99, 7]], [[101, 1]]));
    s.onVenueEvent(delta(CRASH_DELTA_SEQ + 6, [{ side: 'buy', price: 99, qty: 8 }]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: false, seq: CRASH_DELTA_SEQ + 6, bids: [[99, 8]] });
  });

  it('restarts a worker that crashes again soon after its start after a delay doubling up to a cap, never gives up, and at once again after a healthy run', async () => {
    const clock = new SimulatedClock(0);
    const s = crashing({ clock, restartDelayMs: 500, maxRestartDelayMs: 1_500, stableAfterMs: 60_000 });
    s.onVenueEvent(snapshot(1, [[99, 1]], [[101, 1]]));
    await s.whenApplied();

    /** Crashes the running worker and says in how many ms it is restarted ('now' = at once). */
    const crash = async (): Promise<string> => {
      const exited = nextError(s, /exited/);
      s.onVenueEvent(snapshot(CRASH_SEQ, [], []));
      return /restarts \((now|in \d+ ms)\)/.exec((await exited).message)![1]!;
    };
    const restarted = async (): Promise<void> => {
      await nextResyncs(s, 1);
      expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: true });
    };

    let back = restarted();
    expect(await crash()).toBe('now'); // the first crash
    await back;
    for (const delay of [500, 1_000, 1_500, 1_500]) {
      const wait = await crash();
      expect(wait).toBe(`in ${delay} ms`);
      // Down until the clock says so: events are refused meanwhile, with the reason.
      expect(s.onVenueEvent(snapshot(2, [[1, 1]], []))).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'book worker is down' } });
      const before = s.stats().restarts;
      clock.advance(delay - 1);
      expect(s.stats().restarts).toBe(before);
      back = restarted();
      clock.advance(1);
      await back;
      expect(s.stats().restarts).toBe(before + 1);
    }

    // A worker that ran for a minute before crashing is restarted at once again.
    clock.advance(60_000);
    back = restarted();
    expect(await crash()).toBe('now');
    await back;
    s.onVenueEvent(snapshot(3, [[97, 2]], [[101, 1]]));
    await s.whenApplied();
    expect(s.reader.readTop(KEY, 1)).toMatchObject({ stale: false, seq: 3, bids: [[97, 2]] });
    expect(s.stats().restarts).toBe(6);
  });

  it('stops restarting once closed', async () => {
    const clock = new SimulatedClock(0);
    const s = crashing({ clock });
    s.onVenueEvent(snapshot(1, [[99, 1]], []));
    await s.whenApplied();
    const first = nextResyncs(s, 1);
    s.onVenueEvent(snapshot(CRASH_SEQ, [], []));
    await first;
    const exited = nextError(s, /exited/);
    s.onVenueEvent(snapshot(CRASH_SEQ, [], [])); // crashes again at once: a delayed restart is pending
    expect((await exited).message).toMatch(/in 500 ms/);
    await s.close();
    const resyncs: ResyncRequest[] = [];
    s.onResyncNeeded((r) => resyncs.push(r));
    clock.advance(60_000);
    expect(resyncs).toEqual([]);
    expect(s.stats().restarts).toBe(1);
    expect(s.onVenueEvent(snapshot(3, [[1, 1]], []))).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'book service is closed' } });
  });
});
