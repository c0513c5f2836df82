import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tsxWorkerExecArgv } from '../book';
import { CRASH_DELTA_SEQ } from '../book/testSupport';
import { recordingLogger, SimulatedClock } from '../core';
import { Terminal } from './terminal';
import { runUntil, waitFor } from './testSupport';

const T0 = 1_700_000_000_000;
let terminal: Terminal | undefined;

afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
});

describe('Terminal when its book worker dies', () => {
  it('gets every book live again without a restart, and trading goes on', async () => {
    const clock = new SimulatedClock(T0);
    const logger = recordingLogger();
    terminal = await Terminal.start({
      dataDir: mkdtempSync(join(tmpdir(), 'sq-book-recovery-')),
      clock,
      logger,
      mode: 'headless',
      seed: 11,
      // The real worker, plus a bug that throws when SIM:BTC-USDT's (slot 0) delta CRASH_DELTA_SEQ comes.
      bookWorker: { url: new URL('../book/crashingWorker.fixture.ts', import.meta.url), execArgv: tsxWorkerExecArgv() },
    });
    const t = terminal;
    const book = (symbol: string) => t.marketSnapshot('SIM', symbol, 60, 5).book;
    const symbols = t.instruments().map((i) => i.symbol);
    const live = (symbol: string) => {
      const b = book(symbol);
      return b !== undefined && !b.stale && b.bids.length > 0 && b.asks.length > 0;
    };
    const messages = () => logger.lines.map((l) => ('message' in l.fields ? `${l.message}: ${String(l.fields.message)}` : l.message));
    // The clock stands still until the worker thread runs, so the stream starts below the crash point.
    await waitFor(() => symbols.every(live), 'books live at start');
    // Stale data trips an instrument's breaker and holds it open: the strict setting, so recovery has
    // to get through it too.
    t.setRiskLimits({ ...t.riskState().limits, breakers: { defaults: { staleBook: true } } });
    expect(book('BTC-USDT')!.seq).toBeLessThan(CRASH_DELTA_SEQ);

    await runUntil(clock, () => messages().some((m) => m?.includes('book worker exited')), 'the book worker crashing');
    expect(messages()).toContain('book service error: book worker crashed: simulated book worker bug mid-stream');

    // Live again, each book past where it was when the worker died, and still moving.
    await runUntil(clock, () => symbols.every(live) && book('BTC-USDT')!.seq > CRASH_DELTA_SEQ, 'every book live again');
    const seqs = symbols.map((s) => book(s)!.seq);
    await runUntil(clock, () => symbols.every((s, i) => live(s) && book(s)!.seq > seqs[i]!), 'every book moving after recovery');
    expect(messages()).toContain('book service error: book worker restarted (restart 1); asking for a snapshot of 3 book(s)');
    const requested = logger.lines.filter((l) => l.message === 'book is stale: snapshot requested from its venue').map((l) => l.fields);
    expect(requested).toEqual(symbols.map((symbol) => expect.objectContaining({ reason: 'workerRestarted', venue: 'SIM', symbol, attempt: 1 })));
    const top = book('SOL-USDT')!;
    expect(top.bids[0]![0]).toBeLessThan(top.asks[0]![0]);

    // A breaker tripped while the book was stale (whether the stale watch, polling every 250 ms of the
    // clock, saw the book stale depends on how fast the new thread started) lets an order through again
    // once the book is fresh and its backoff has run: that order is its probe, and its answer closes it.
    const admits = () => t.riskState().breakers.every((b) => b.state !== 'OPEN');
    await runUntil(clock, admits, 'breakers admitting orders again');
    const order = t.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '2' }, 'ticket');
    await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'the order filled');
    await runUntil(clock, () => t.positions().some((p) => p.symbol === 'SOL-USDT' && p.qty === 200), 'the fill in the position');
    const solBreaker = () => t.riskState().breakers.find((b) => b.scope === 'instrument' && b.symbol === 'SOL-USDT');
    await runUntil(clock, () => solBreaker()?.state === 'CLOSED', "SOL-USDT's breaker closed");

    // A limit order rests as usual.
    const bid = book('SOL-USDT')!.bids[0]![0];
    const resting = t.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: ((bid - 20) / 100).toFixed(2), qty: '0.5' }, 'ticket');
    await runUntil(clock, () => t.orders().find((o) => o.clientOrderId === resting.clientOrderId)?.status === 'accepted', 'the limit order resting');
    expect(messages().filter((m) => m?.includes('book worker exited'))).toHaveLength(1);
  });
});
