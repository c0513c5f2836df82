import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failingDisk } from '../storage/testSupport';
import { enforceKillSwitch } from './killSwitchBinding';
import { engineDirs, type Engine } from './simEngine.fixture';

const engines = engineDirs();
const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

const restingBuy = (e: Engine, venue: string) =>
  e.oms.submit({ venue, symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: e.touch('BTC-USDT', 'bid', venue) - 100, qty: 10 }, 'ticket');

describe('the OMS after its journal failed', () => {
  it('the disk fills up with orders working on two venues: the kill switch cancel-all still reaches both', async () => {
    const disk = failingDisk(path.join(engines.dir, 'journal'));
    restores.push(() => disk.restore());
    // What the terminal does on a journal failure: stop trading.
    const e = await engines.start({
      venueIds: ['SIM-A', 'SIM-B'],
      onJournalFailure: (engine, error) => {
        engine.killSwitch.engage('system', `order journal failed: ${error.message}`);
        enforceKillSwitch(engine.killSwitch, engine.oms);
      },
    });
    for (const venue of ['SIM-A', 'SIM-B', 'SIM-A', 'SIM-B']) expect(restingBuy(e, venue).ok).toBe(true);
    await e.settle();
    expect(e.oms.openOrders().map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

    disk.fail('ENOSPC', 'write');
    restingBuy(e, 'SIM-A'); // its record is the first the disk refuses: it never leaves
    await e.settle();

    expect(e.killSwitch.status()).toMatchObject({ state: 'engaged', reason: expect.stringMatching(/order journal failed: .*ENOSPC/) });
    for (const venue of e.venues) expect(await venue.openOrders()).toEqual([]);
    // What the venues answered is applied (in memory) and shown, though nothing could be journaled.
    expect(e.oms.orders().filter((o) => o.status === 'canceled')).toHaveLength(4);
    // Nothing new is sent, and the reason is the journal.
    expect(restingBuy(e, 'SIM-B')).toMatchObject({ ok: false, error: { code: 'JOURNAL_FAILED', message: 'the order journal failed; trading is stopped' } });
    disk.restore();
  });

  it('a cancel asked for after the failure is sent without the journal', async () => {
    const disk = failingDisk(path.join(engines.dir, 'journal'));
    restores.push(() => disk.restore());
    const e = await engines.start();
    const placed = restingBuy(e, 'SIM');
    await e.settle();
    disk.fail('ENOSPC', 'write');
    restingBuy(e, 'SIM');
    await e.settle();
    expect(placed.ok && e.oms.cancel(placed.value.clientOrderId, 'ticket').ok).toBe(true);
    await e.settle();
    expect(placed.ok && e.oms.get(placed.value.clientOrderId)?.status).toBe('canceled');
    expect(await e.venue.openOrders()).toEqual([]);
    disk.restore();
  });
});
