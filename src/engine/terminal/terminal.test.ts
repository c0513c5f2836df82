import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, silentLogger, SqError } from '../core';
import { Terminal, type TerminalEvents } from './terminal';
import { runUntil, waitFor } from './testSupport';

const T0 = 1_700_000_000_000;
let terminal: Terminal | undefined;

afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'sq-terminal-'))) {
  const clock = new SimulatedClock(T0);
  terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 11, warmUpMs: 10 * 60_000 });
  const events: { [K in keyof TerminalEvents]?: TerminalEvents[K][] } = {};
  for (const name of ['book', 'candle', 'trades', 'analytics', 'order', 'fill', 'position', 'kill', 'status'] as const) {
    terminal.events.on(name, (payload) => ((events[name] ??= []) as unknown[]).push(payload));
  }
  await booksLive(terminal);
  return { terminal, clock, events, dataDir };
}

/** The book worker is a real thread: wait (in real time) until it has applied every snapshot. */
async function booksLive(t: Terminal): Promise<void> {
  const live = (): boolean =>
    t.instruments().every((inst) => {
      const book = t.marketSnapshot(inst.venue, inst.symbol, 60, 1).book;
      return book !== undefined && !book.stale && book.bids.length > 0;
    });
  await waitFor(live, 'books live');
}

/** Advances simulated time in steps, letting the book worker (a real thread) catch up in between. */
async function run(clock: SimulatedClock, ms: number, step = 50): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('Terminal', () => {
  it('has candle history from the warm-up, publishes the watched book at most 20 times a second, and its analytics', async () => {
    const { terminal, clock, events } = await start();
    expect(terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 20).candles.length).toBeGreaterThanOrEqual(10);
    terminal.watch([{ venue: 'SIM', symbol: 'SOL-USDT', depth: 10 }]);
    await run(clock, 2_000);
    const books = events.book ?? [];
    expect(books.length).toBeGreaterThan(0);
    expect(books.length).toBeLessThanOrEqual(40);
    expect(books.every((b) => b.symbol === 'SOL-USDT' && b.bids.length <= 10 && b.bids[0]![0] < b.asks[0]![0])).toBe(true);
    expect((events.candle ?? []).every((c) => c.symbol === 'SOL-USDT')).toBe(true);
    expect((events.trades ?? []).length).toBeGreaterThan(0);
    // Analytics of the watched instrument come 4 times a second, from the same book.
    const analytics = events.analytics ?? [];
    expect(analytics.length).toBeGreaterThanOrEqual(4);
    const latest = analytics.at(-1)!;
    expect(latest).toMatchObject({ venue: 'SIM', symbol: 'SOL-USDT' });
    expect(latest.spread).toBeGreaterThan(0);
    expect(latest.microprice).toBeGreaterThan(0);
    expect(Math.abs(latest.imbalance!)).toBeLessThanOrEqual(1);
  });

  it('turns a market buy into a fill and a position marked to mid', async () => {
    const { terminal, clock, events } = await start();
    await run(clock, 500);
    const order = terminal.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '2' }, 'ticket');
    // The ledger shows the fill at once; the fill event comes once it is durable.
    await runUntil(clock, () => events.fill?.reduce((sum, f) => sum + f.qty, 0) === 200, 'the market order filled');
    expect(terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status).toBe('filled');
    expect(events.fill?.reduce((sum, f) => sum + f.qty, 0)).toBe(200);
    const [position] = terminal.positions();
    expect(position).toMatchObject({ venue: 'SIM', symbol: 'SOL-USDT', qty: 200 });
    expect(position!.mark).toBeGreaterThan(0);
    expect(position!.unrealisedPnl).toBe((position!.mark! - position!.avgPrice!) * 200);
    expect(position!.fees).toBeGreaterThan(0);
  });

  it('engaging the kill switch cancels every working order and reports how long it took', async () => {
    const { terminal, clock } = await start();
    const bid = terminal.marketSnapshot('SIM', 'SOL-USDT', 60, 1).book!.bids[0]![0];
    const price = (ticks: number) => ((bid - ticks) / 100).toFixed(2);
    for (const ticks of [20, 25, 30]) {
      terminal.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: price(ticks), qty: '0.5' }, 'ticket');
    }
    // Each step waits on the journal's fsync (real time): on a loaded machine, several steps.
    const accepted = () => terminal.orders().filter((o) => o.status === 'accepted').length === 3;
    await runUntil(clock, accepted, 'orders accepted');
    expect(accepted()).toBe(true);

    terminal.engageKillSwitch('hotkey', 'test');
    const canceled = () => terminal.orders().every((o) => o.status === 'canceled');
    await runUntil(clock, canceled, 'orders canceled');
    expect(canceled()).toBe(true);
    // The outcome is recorded when the cancels are durable, a moment after the ledger shows them.
    await runUntil(clock, () => terminal.killState().lastCancel !== undefined, 'the cancel-all outcome');
    const { lastCancel } = terminal.killState();
    expect(lastCancel).toMatchObject({ requested: 3, canceled: 3, notCanceled: [] });
    expect(lastCancel!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('edits risk limits with validation: a bad value changes nothing, a good one applies at once', async () => {
    const { terminal } = await start();
    const before = terminal.riskState().limits;
    expect(() => terminal.setRiskLimits({ ...before, defaults: { ...before.defaults, maxOrderQty: 'lots' } })).toThrow(/maxOrderQty/);
    expect(terminal.riskState().limits).toEqual(before);

    const state = terminal.setRiskLimits({ ...before, instruments: { 'SIM:SOL-USDT': { maxOrderQty: '1' } } });
    expect(state.limits.instruments['SIM:SOL-USDT']).toEqual({ maxOrderQty: '1' });
    expect(() => terminal.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '2' }, 'ticket')).toThrow(
      /exceeds the max order quantity 1 SOL/,
    );
    expect(state.utilisation.instruments.some((i) => i.symbol === 'SOL-USDT')).toBe(true);
  });

  it('refuses bad tickets at its edge with the reason, sending nothing', async () => {
    const { terminal } = await start();
    const bad = (price: string, qty: string) => () =>
      terminal.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price, qty }, 'ticket');
    expect(bad('90000.05', '1')).toThrow(new SqError('INVALID_INPUT', 'price 90000.05: at most 1 decimals'));
    expect(bad('90000', '0.00001')).toThrow(/quantity 0.00001: at most 4 decimals/);
    expect(bad('90000', '0')).toThrow(/must be greater than zero/);
    expect(() => terminal.submit({ venue: 'SIM', symbol: 'DOGE-USDT', side: 'buy', type: 'market', qty: '1' }, 'ticket')).toThrow(
      /unknown instrument SIM:DOGE-USDT/,
    );
    expect(terminal.orders()).toEqual([]);
  });

  it('keeps the kill switch engaged and the chart history across a restart', async () => {
    const first = await start();
    await run(first.clock, 300);
    first.terminal.engageKillSwitch('bridge', 'test');
    const chart = first.terminal.marketSnapshot('SIM', 'ETH-USDT', 60, 1).candles;
    await first.terminal.stop();
    terminal = undefined;

    const second = await start(first.dataDir);
    // The resumed market is not warmed up again: the chart is the one saved at shutdown.
    expect(second.terminal.marketSnapshot('SIM', 'ETH-USDT', 60, 1).candles.slice(0, chart.length)).toEqual(chart);
    expect(second.terminal.killState()).toMatchObject({ engaged: true, source: 'bridge' });
    expect(() => second.terminal.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '1' }, 'ticket')).toThrow(
      'kill switch engaged',
    );
    const state = second.terminal.resetKillSwitch('bridge');
    expect(state.engaged).toBe(false);
    expect(state.history.map((e) => `${e.action}/${e.source}`)).toEqual(['engage/bridge', 'reset/bridge']);
  });

  it.each(['stopped', 'crashed'])('an engaged kill switch survives the loss of engine.sqlite (terminal %s): the journal is the truth', async (how) => {
    const first = await start();
    first.terminal.engageKillSwitch('hotkey', 'before the store was lost');
    await runUntil(first.clock, () => first.terminal.killState().lastCancel !== undefined, 'the cancel-all outcome');
    // Stopped: the journal's snapshot carries it. Crashed: the journal's records do.
    if (how === 'stopped') await first.terminal.stop();
    else await crash(first.terminal, first.dataDir);
    terminal = undefined;
    for (const f of readdirSync(first.dataDir)) if (f.startsWith('engine.sqlite')) rmSync(join(first.dataDir, f));

    const second = await start(first.dataDir);
    expect(second.terminal.killState()).toMatchObject({ engaged: true, source: 'hotkey', reason: 'before the store was lost' });
    expect(() => second.terminal.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '1' }, 'ticket')).toThrow(
      'kill switch engaged',
    );
  });
});

/**
 * What a crash leaves: the journal as far as it was written, no snapshot at shutdown. The terminal's
 * own stop would write one, so its journal and its other files are copied aside first.
 */
async function crash(t: Terminal, dataDir: string): Promise<void> {
  const aside = mkdtempSync(join(tmpdir(), 'sq-crash-'));
  cpSync(dataDir, aside, { recursive: true });
  await t.stop();
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(aside, dataDir, { recursive: true });
}

describe('Terminal with two simulated venues', () => {
  it('trades SIM-A and SIM-B side by side, and one kill switch stops both', async () => {
    const clock = new SimulatedClock(T0);
    const dataDir = mkdtempSync(join(tmpdir(), 'sq-terminal-'));
    terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 5, simVenues: ['SIM-A', 'SIM-B'] });
    await booksLive(terminal);
    expect(terminal.instruments().map((i) => `${i.venue}:${i.symbol}`)).toEqual([
      'SIM-A:BTC-USDT',
      'SIM-A:ETH-USDT',
      'SIM-A:SOL-USDT',
      'SIM-B:BTC-USDT',
      'SIM-B:ETH-USDT',
      'SIM-B:SOL-USDT',
    ]);
    for (const venue of ['SIM-A', 'SIM-B']) {
      const bid = terminal.marketSnapshot(venue, 'SOL-USDT', 60, 1).book!.bids[0]![0];
      terminal.submit({ venue, symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: ((bid - 20) / 100).toFixed(2), qty: '0.5' }, 'ticket');
    }
    const statuses = () => terminal!.orders().map((o) => `${o.venue}:${o.status}`).sort().join();
    await runUntil(clock, () => statuses() === 'SIM-A:accepted,SIM-B:accepted', 'both orders accepted');
    expect(statuses()).toBe('SIM-A:accepted,SIM-B:accepted');
    terminal.engageKillSwitch('bridge', 'both');
    await runUntil(clock, () => statuses() === 'SIM-A:canceled,SIM-B:canceled', 'both orders canceled');
    expect(statuses()).toBe('SIM-A:canceled,SIM-B:canceled');
    expect(terminal.status().venues.map((v) => `${v.venue} ${v.state}`)).toEqual(['SIM-A connected', 'SIM-B connected']);
    await terminal.stop();
    terminal = undefined;
    // Each venue outlives the terminal in its own file.
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['sim-venue-SIM-A.json', 'sim-venue-SIM-B.json']));
  });

  it('a torn journal tail is cut off at start and the orders before it kept; damage followed by intact records refuses to start', async () => {
    const { terminal: first, clock, dataDir } = await start();
    const bid = first.marketSnapshot('SIM', 'SOL-USDT', 60, 1).book!.bids[0]![0];
    const placed = first.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: ((bid - 20) / 100).toFixed(2), qty: '0.5' }, 'ticket');
    await runUntil(clock, () => first.orders().find((o) => o.clientOrderId === placed.clientOrderId)?.status === 'accepted', 'the order accepted');
    await first.stop();
    terminal = undefined;
    const journalDir = join(dataDir, 'journal');
    const segment = join(journalDir, readdirSync(journalDir).filter((f) => f.endsWith('.log')).sort().at(-1)!);
    appendFileSync(segment, Buffer.from([0x13, 0x37, 0, 0, 9, 0, 0])); // a record cut off mid-write

    const second = (await start(dataDir)).terminal;
    expect(second.orders().find((o) => o.clientOrderId === placed.clientOrderId)?.status).toBe('accepted');
    await second.stop();
    terminal = undefined;

    const bytes = readFileSync(segment);
    const at = 16 + 20; // inside the first record, with intact records after it
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(segment, bytes);
    await expect(start(dataDir)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringMatching(/order journal cannot be opened/) });
  });
});
