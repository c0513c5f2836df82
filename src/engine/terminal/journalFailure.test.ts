import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, silentLogger } from '../core';
import { failingDisk, type DiskFault } from '../storage/testSupport';
import { readVenueTruth } from './crashRecovery/venueTruth';
import { Terminal } from './terminal';
import { runUntil } from './testSupport';

/*
 * The order journal's disk fails (full, or broken) while orders work on two venues. Nothing can be
 * made durable any more, so trading stops: the kill switch engages and its cancels go out anyway.
 * The proof is the venues' own books of our orders after the terminal has gone: nothing left working.
 */
const T0 = 1_700_000_000_000;
const VENUES = ['SIM-A', 'SIM-B'];
/** How runUntil paces these tests: fsyncs are real, so each 50 ms step gets 2 ms of real time. */
const PACE = { maxSteps: 400, pauseMs: 2 };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tradingOnTwoVenues() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-journal-failure-'));
  // Installed before the journal opens its files, so that it knows their descriptors.
  const disk = failingDisk(join(dataDir, 'journal'));
  cleanup.push(() => disk.restore());
  const clock = new SimulatedClock(T0);
  const terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 21, simVenues: VENUES });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await terminal.stop();
  };
  cleanup.push(stop);
  await runUntil(clock, () => terminal.instruments().every((i) => terminal.marketSnapshot(i.venue, i.symbol, 60, 1).book?.bids.length), 'books live on both venues', PACE);
  const resting: string[] = [];
  for (const venue of VENUES) {
    for (const ticks of [30, 40]) {
      const bid = terminal.marketSnapshot(venue, 'SOL-USDT', 60, 1).book!.bids[0]![0];
      const price = ((bid - ticks) / 100).toFixed(2);
      resting.push(terminal.submit({ venue, symbol: 'SOL-USDT', side: 'buy', type: 'limit', price, qty: '0.5' }, 'ticket').clientOrderId);
    }
  }
  await runUntil(clock, () => terminal.orders().filter((o) => o.status === 'accepted').length === 4, 'four orders resting', PACE);
  return { terminal, clock, disk, dataDir, resting, stop };
}

async function workingAtVenues(dataDir: string, clock: SimulatedClock): Promise<string[]> {
  const open: string[] = [];
  for (const venue of VENUES) for (const o of (await readVenueTruth(dataDir, venue, clock)).open) open.push(`${venue}:${o.clientOrderId}`);
  return open;
}

describe('the order journal fails with orders working on two venues', () => {
  it.each<[DiskFault, 'write' | 'fsync']>([
    ['ENOSPC', 'write'],
    ['EIO', 'fsync'],
  ])('%s on %s: the kill switch engages and cancels every order at both venues', async (fault, on) => {
    const { terminal, clock, disk, dataDir, resting, stop } = await tradingOnTwoVenues();
    disk.fail(fault, on);
    // The next order is the first record the disk refuses.
    const bid = terminal.marketSnapshot('SIM-A', 'SOL-USDT', 60, 1).book!.bids[0]![0];
    terminal.submit({ venue: 'SIM-A', symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: ((bid - 50) / 100).toFixed(2), qty: '0.5' }, 'ticket');
    await runUntil(clock, () => terminal.killState().engaged, 'kill switch engaged', PACE);
    expect(terminal.killState()).toMatchObject({ engaged: true, source: 'system', reason: expect.stringContaining(`order journal failed`) });
    await runUntil(clock, () => resting.every((id) => terminal.orders().find((o) => o.clientOrderId === id)?.status === 'canceled'), 'orders canceled', PACE);
    // Nothing new may trade.
    expect(() => terminal.submit({ venue: 'SIM-B', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '1' }, 'ticket')).toThrow(/kill switch engaged|journal failed/);
    await stop();
    expect(await workingAtVenues(dataDir, clock)).toEqual([]);
  });

  it('the switch engaged by the trader as the disk fails: the cancels held for the journal still go out', async () => {
    const { terminal, clock, disk, dataDir, resting, stop } = await tradingOnTwoVenues();
    // The cancel-all is journaled, and its fsync is what fails: those cancels were waiting on it.
    disk.fail('EIO', 'fsync');
    terminal.engageKillSwitch('hotkey', 'trader pulled it');
    await runUntil(clock, () => resting.every((id) => terminal.orders().find((o) => o.clientOrderId === id)?.status === 'canceled'), 'orders canceled', PACE);
    expect(terminal.killState()).toMatchObject({ engaged: true, source: 'hotkey' });
    await stop();
    expect(await workingAtVenues(dataDir, clock)).toEqual([]);
  });
});
