import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { JOURNAL_DIR, STORE_FILE } from '../storage';
import { createSimVenue, type SimVenue } from '../venues';
import { engineDirs, T0, type Engine } from './simEngine.fixture';

/*
 * SQLite is a projection of the order journal. Whatever it loses (a deleted file, an older copy, a
 * power cut rolling back its last commits) must come back from the journal at the next start, fills
 * older than the journal's snapshot included, and positions must be built from the complete fills.
 * Real journal, store, SIM venue, risk and portfolio, wired as the terminal wires them.
 */
const engines = engineDirs();

type Run = Engine & { warnings: string[] };

/** A start as the terminal makes one: recover, then reconcile with the venue, which outlives each run. */
async function start(clock: SimulatedClock, venue: SimVenue, keepFinished?: number): Promise<Run> {
  const logger = recordingLogger();
  const run = await engines.start({ clock, carried: [venue], logger, keepFinished });
  await run.oms.reconcile();
  await run.settle();
  const warnings = logger.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.message ?? '');
  return { ...run, warnings };
}

async function openVenue(clock: SimulatedClock): Promise<SimVenue> {
  const venue = createSimVenue({ clock, seed: 7, dataDir: engines.dir });
  await venue.connect();
  return venue;
}

/** Buys (or sells) at the market and waits for the fill. */
async function trade(run: Run, side: 'buy' | 'sell', qty: number): Promise<string> {
  const placed = run.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side, type: 'market', qty }, 'hotkey');
  if (!placed.ok) throw new Error(placed.error.message);
  await run.settle();
  return placed.value.clientOrderId;
}

const storeFiles = (): string[] => fs.readdirSync(engines.dir).filter((f) => f.startsWith(STORE_FILE));
const copyStore = (to: string): void => {
  fs.mkdirSync(to, { recursive: true });
  for (const f of storeFiles()) fs.copyFileSync(path.join(engines.dir, f), path.join(to, f));
};
const restoreStore = (from: string): void => {
  for (const f of storeFiles()) fs.rmSync(path.join(engines.dir, f));
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(engines.dir, f));
};
const snapshots = (): string[] => fs.readdirSync(path.join(engines.dir, JOURNAL_DIR)).filter((f) => f.endsWith('.snap'));

describe('SQLite rebuilt from the journal', () => {
  it('a deleted engine.sqlite comes back whole at the next start, fills older than the snapshot included', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const first = await start(clock, venue);
    const bought = await trade(first, 'buy', 30);
    const sold = await trade(first, 'sell', 10);
    const fills = first.store.loadFills();
    const history = first.oms.history(sold);
    await first.stop();
    expect(snapshots()).toHaveLength(1); // the next start's replay begins after these fills
    for (const f of storeFiles()) fs.rmSync(path.join(engines.dir, f));

    const second = await start(clock, venue);
    expect(second.recovered).toMatchObject({ fromSnapshot: undefined, reprojected: expect.any(Number) });
    expect(second.recovered.reprojected).toBeGreaterThan(0);
    expect(second.store.loadFills()).toEqual(fills);
    expect(second.store.loadOrder(bought)).toMatchObject({ status: 'filled', filledQty: 30 });
    const again = second.oms.history(sold);
    expect(again.ok && again.value.audit).toEqual(history.ok && history.value.audit);
    expect(second.portfolio.position('SIM', 'BTC-USDT')?.qty).toBe(20);
    expect(second.warnings.some((w) => /^engine\.sqlite is at record 0, behind the snapshot at \d+: replaying the journal from record 1/.test(w))).toBe(true);
  });

  it('an older copy of engine.sqlite (a restored backup, a rolled-back power cut) gets every later fill back, positions and P&L to the lot', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const first = await start(clock, venue);
    await trade(first, 'buy', 40);
    await first.stop();
    const backup = path.join(engines.dir, 'backup');
    copyStore(backup);

    const second = await start(clock, venue);
    await trade(second, 'sell', 25);
    await trade(second, 'buy', 5);
    const fills = second.store.loadFills();
    const position = second.portfolio.position('SIM', 'BTC-USDT');
    await second.stop();
    expect(new Set(fills.map((f) => f.clientOrderId)).size).toBe(3);
    restoreStore(backup); // one fill, and a watermark behind the latest snapshot

    const third = await start(clock, venue);
    expect(third.store.loadFills()).toEqual(fills);
    expect(third.portfolio.position('SIM', 'BTC-USDT')).toEqual(position);
    expect(third.portfolio.position('SIM', 'BTC-USDT')).toMatchObject({ qty: 20 });
    expect(third.store.loadOrders().filter((o) => o.status === 'filled')).toHaveLength(3);
    // What reached the screen from the venue is no more than what the venue has.
    expect((await venue.fillsSince(0)).map((f) => f.fillId).sort()).toEqual(fills.map((f) => f.fillId).sort());
  });

  it('a normal start re-projects only what SQLite lacks', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const first = await start(clock, venue);
    await trade(first, 'buy', 10);
    await first.stop();
    const second = await start(clock, venue);
    expect(second.recovered).toMatchObject({ replayed: 0, reprojected: 0 });
    expect(second.warnings).toEqual([]);
    // Reconcile journals what the venue reports (here a fill already booked, ignored); SQLite follows.
    await second.settle();
    expect(second.store.projectedSeq()).toBeGreaterThanOrEqual(second.recovered.fromSnapshot!);
  });

  it('SQLite ahead of the journal (records the journal lost) is rebuilt to equal the journal', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const first = await start(clock, venue);
    const kept = await trade(first, 'buy', 10);
    await first.stop();
    const journalCopy = path.join(engines.dir, 'journal-copy');
    fs.cpSync(path.join(engines.dir, JOURNAL_DIR), journalCopy, { recursive: true });
    const second = await start(clock, venue);
    const lost = await trade(second, 'buy', 10);
    await second.stop();
    // The journal goes back to before the second trade; SQLite keeps it.
    fs.rmSync(path.join(engines.dir, JOURNAL_DIR), { recursive: true });
    fs.cpSync(journalCopy, path.join(engines.dir, JOURNAL_DIR), { recursive: true });

    const third = await start(clock, venue);
    expect(third.warnings.some((w) => /has projected up to record \d+ but the journal ends at \d+: rebuilding SQLite from the journal/.test(w))).toBe(true);
    expect(third.store.loadOrder(lost)).toBeUndefined();
    expect(third.store.loadFills().map((f) => f.clientOrderId)).toEqual([kept]);
    expect(third.portfolio.position('SIM', 'BTC-USDT')?.qty).toBe(10);
  });
});

describe('finished orders leave memory, and nothing a trader relies on goes with them', () => {
  it('memory holds working + the most recent finished; the blotter, history and a resubmitted id still see every order', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const run = await start(clock, venue, 2);
    const resting = run.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: venue.book('BTC-USDT', 1)!.bids[0]![0] - 100, qty: 10 }, 'ticket');
    const done: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000); // distinct update times: the blotter's order is the time of the last change
      done.push(await trade(run, i % 2 === 0 ? 'buy' : 'sell', 5));
    }
    const restingId = resting.ok ? resting.value.clientOrderId : '';
    expect(run.oms.orders().map((o) => o.clientOrderId).sort()).toEqual([restingId, done[3], done[4]].sort());
    expect(run.oms.openOrders().map((o) => o.clientOrderId)).toEqual([restingId]);
    // The blotter: working first, then the finished ones newest first, from SQLite past what memory holds.
    expect(run.oms.recentOrders(4).map((o) => o.clientOrderId)).toEqual([restingId, done[4], done[3], done[2]]);
    expect(run.oms.recentOrders(100).map((o) => o.clientOrderId)).toEqual([restingId, ...[...done].reverse()]);
    const old = run.oms.history(done[0]!);
    expect(old.ok && old.value.order).toMatchObject({ status: 'filled', filledQty: 5 });
    expect(old.ok && old.value.audit.map((a) => a.action)).toContain('fill');
    // The same clientOrderId again must never trade twice, even long after the order left memory.
    const fillsBefore = (await venue.fillsSince(0)).length;
    const again = run.oms.submit({ clientOrderId: done[0]!, venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 5 }, 'hotkey');
    expect(again.ok && again.value).toMatchObject({ clientOrderId: done[0], status: 'filled', filledQty: 5 });
    await run.settle();
    expect((await venue.fillsSince(0)).length).toBe(fillsBefore);
    expect(run.oms.cancel(done[0]!, 'ticket')).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    // Cancel-all walks only the working orders.
    expect(run.oms.cancelAll({}, 'kill_switch')).toBe(1);
  });

  it('a fill that arrives after its order finished and left memory is booked once, and a restart replays to the same state', async () => {
    const clock = new SimulatedClock(T0);
    const venue = await openVenue(clock);
    const first = await start(clock, venue, 1);
    const early = await trade(first, 'buy', 10);
    await trade(first, 'buy', 10);
    await trade(first, 'sell', 4);
    expect(first.oms.orders().map((o) => o.clientOrderId)).not.toContain(early);
    const before = first.portfolio.position('SIM', 'BTC-USDT')!;
    // What a venue sends when a fill raced the order's end (here: after it filled, an overfill the venue reports).
    const late = { type: 'orderFilled', venue: 'SIM', clientOrderId: early, fillId: 'LATE-1', ts: T0, price: 950_000, qty: 3, liquidity: 'taker', fee: 2 } as const;
    first.oms.onVenueEvent(late);
    await first.settle();
    first.oms.onVenueEvent(late); // resent
    await first.settle();
    expect(first.store.loadFills().filter((f) => f.fillId === 'LATE-1')).toHaveLength(1);
    expect(first.store.loadOrder(early)).toMatchObject({ filledQty: 13 });
    expect(first.portfolio.position('SIM', 'BTC-USDT')!.qty).toBe(before.qty + 3);
    const audit = first.oms.history(early);
    expect(audit.ok && audit.value.audit.slice(-2).map((a) => [a.action, a.source])).toEqual([
      ['reconcile', 'system'],
      ['fill', 'venue'],
    ]);
    const held = first.oms.orders().map((o) => o.clientOrderId);
    const fills = first.store.loadFills();
    await first.stop();
    for (const f of storeFiles()) fs.rmSync(path.join(engines.dir, f)); // from record 1, through the take-back

    const second = await start(clock, venue, 1);
    expect(second.oms.orders().map((o) => o.clientOrderId)).toEqual(held);
    expect(second.store.loadFills()).toEqual(fills);
    expect(second.store.loadOrder(early)).toMatchObject({ filledQty: 13 });
    expect(second.portfolio.position('SIM', 'BTC-USDT')!.qty).toBe(before.qty + 3);
  });
});
