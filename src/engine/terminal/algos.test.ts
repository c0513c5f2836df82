import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParentView } from '../algos';
import { SimulatedClock, silentLogger } from '../core';
import { Terminal } from './terminal';
import { runUntil } from './testSupport';

/*
 * The terminal's AlgoEngine end to end on SIM with a simulated clock: books from the book worker,
 * children through the terminal's OMS and risk, the `algo` event, the kill switch, a restart.
 */
const T0 = 1_700_000_000_000;
const PACE = { maxSteps: 1_200, pauseMs: 1 };
let dataDir = '';
let terminal: Terminal | undefined;
afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const start = (clock: SimulatedClock): Promise<Terminal> => Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 31, journalFsync: { mode: 'none' } });
const children = (t: Terminal, id: string) => t.orders().filter((o) => o.parentId === id);

describe('Terminal algos', () => {
  it('runs a TWAP through the OMS, stops it with the kill switch, keeps it stopped across reset and restart, and finishes it on resume', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sq-terminal-algos-'));
    const clock = new SimulatedClock(T0);
    terminal = await start(clock);
    const t = terminal;
    await runUntil(clock, () => t.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book?.asks.length, 'BTC book live', PACE);
    const views: ParentView[] = [];
    t.events.on('algo', (v) => views.push(v));

    const parent = await t.startAlgo({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', qty: 400, endAt: clock.now() + 40_000, params: { type: 'twap', slices: 40 } }, 'ticket');
    expect(parent.state).toBe('running');
    await runUntil(clock, () => (t.listAlgos()[0]?.doneQty ?? 0) >= 100, 'a quarter done', PACE);
    expect(views.some((v) => v.id === parent.id && v.state === 'running')).toBe(true);
    for (const o of children(t, parent.id)) expect(o.source).toBe('algo');

    t.engageKillSwitch('ticket', 'test');
    const sent = children(t, parent.id).length;
    expect(t.listAlgos()[0]).toMatchObject({ id: parent.id, state: 'paused' });
    await runUntil(clock, () => t.orders().every((o) => o.parentId !== parent.id || ['filled', 'canceled', 'expired', 'rejected'].includes(o.status)), 'children ended', PACE);
    for (let i = 0; i < 40; i++) clock.advance(50);
    expect(children(t, parent.id).length).toBe(sent);
    t.resetKillSwitch('ticket');
    for (let i = 0; i < 40; i++) clock.advance(50);
    expect(children(t, parent.id).length).toBe(sent);
    const done = t.listAlgos()[0]!.doneQty;
    await expect(t.pauseAlgo(parent.id, 'ticket')).rejects.toThrow(/paused/);

    // A restart: the parent comes back paused, with what its children filled.
    await t.stop();
    terminal = await start(clock);
    const t2 = terminal;
    expect(t2.listAlgos()).toMatchObject([{ id: parent.id, state: 'paused', doneQty: done, qty: 400 }]);
    await runUntil(clock, () => t2.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book?.asks.length, 'BTC book live again', PACE);
    await t2.resumeAlgo(parent.id);
    await runUntil(clock, () => t2.listAlgos()[0]!.state === 'completed', 'the TWAP completed', PACE);
    expect(t2.listAlgos()[0]!.doneQty).toBe(400);
    expect(children(t2, parent.id).reduce((n, o) => n + o.filledQty, 0)).toBe(400);
  });
});
