import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../risk';
import { openStore } from '../storage';
import { enforceKillSwitch } from './killSwitchBinding';
import { engineDirs, type Engine } from './simEngine.fixture';

/*
 * A bracket's take-profit and stop-loss are new orders when they are armed, and pass the same
 * pre-trade checks as any other: the kill switch, the limits, the breakers.
 */
const engines = engineDirs();

function restingBracket(e: Engine, qty = 5) {
  const bid = e.touch('BTC-USDT', 'bid');
  const placed = e.oms.submitBracket(
    { entry: { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: bid - 100, qty }, takeProfit: { price: bid + 400 }, stopLoss: { stopPrice: bid - 300 } },
    'ticket',
  );
  if (!placed.ok) throw new Error(placed.error.message);
  return placed.value;
}

/** Someone sells through the entry's price: it fills. */
function fillEntry(e: Engine, price: number, qty: number): void {
  e.venue.submit({ clientOrderId: `taker-${price}`, symbol: 'BTC-USDT', side: 'sell', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price, qty: 1_000_000 + qty });
}

describe('bracket children pass pre-trade risk when armed', () => {
  it('a child that breaks a limit set since the entry was placed is refused with the reason, and never sent', async () => {
    const e = await engines.start();
    const { entry, takeProfit, stopLoss } = restingBracket(e);
    await e.settle();
    const limits = e.risk.limits();
    expect(e.risk.setLimits({ ...limits, defaults: { ...limits.defaults, maxOrderQty: '0.0004' } }).ok).toBe(true);
    fillEntry(e, entry.price!, entry.qty);
    await e.settle();
    expect(e.oms.get(entry.clientOrderId)?.status).toBe('filled');
    for (const child of [takeProfit, stopLoss]) {
      expect(e.oms.get(child.clientOrderId)).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/quantity/i) });
      expect(await e.venue.queryOrder('BTC-USDT', child.clientOrderId)).toBeUndefined();
    }
    const h = e.oms.history(takeProfit.clientOrderId);
    expect(h.ok && h.value.audit.at(-1)).toMatchObject({ action: 'reject', source: 'risk', detail: expect.stringMatching(/^not armed: /) });
  });

  /** A bracket whose entry filled while the terminal was down, with the kill switch engaged meanwhile. */
  async function restartedAfterFillWithSwitchEngaged() {
    const first = await engines.start();
    const bracket = restingBracket(first);
    await first.settle();
    first.crash();
    fillEntry(first, bracket.entry.price!, bracket.entry.qty); // the venue fills it meanwhile
    await new Promise((resolve) => setImmediate(resolve));
    const offline = openStore(engines.dir); // `sq kill` with no terminal running
    new KillSwitch({ clock: first.clock, store: offline }).engage('cli', 'engaged while down');
    offline.close();
    const second = await engines.start({ clock: first.clock, carried: first.venues });
    expect(second.killSwitch.isEngaged()).toBe(true);
    await second.oms.reconcile();
    expect(second.oms.get(bracket.entry.clientOrderId)?.status).toBe('filled');
    return { second, ...bracket };
  }

  it('at start the switch is enforced before interrupted groups are finished: the children are canceled unsent', async () => {
    const { second, takeProfit, stopLoss } = await restartedAfterFillWithSwitchEngaged();
    // The terminal's start-up order.
    enforceKillSwitch(second.killSwitch, second.oms);
    second.oms.resumeContingent();
    await second.settle();
    for (const child of [takeProfit, stopLoss]) {
      expect(second.oms.get(child.clientOrderId)).toMatchObject({ status: 'canceled', cancelReason: 'canceled before it was sent' });
      expect(await second.venue.queryOrder('BTC-USDT', child.clientOrderId)).toBeUndefined();
    }
  });

  it('arming is refused by the engaged switch even when the group is finished first', async () => {
    const { second, takeProfit, stopLoss } = await restartedAfterFillWithSwitchEngaged();
    second.oms.resumeContingent();
    await second.settle();
    for (const child of [takeProfit, stopLoss]) {
      expect(second.oms.get(child.clientOrderId)).toMatchObject({ status: 'rejected', rejectReason: 'kill switch engaged' });
      expect(await second.venue.queryOrder('BTC-USDT', child.clientOrderId)).toBeUndefined();
    }
  });
});
