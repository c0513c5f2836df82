import { describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { createSimVenue } from '../venues';
import { enforceKillSwitch } from './killSwitchBinding';
import { ADOPTED_AT_VENUE, reconcileVenue } from './reconcile';
import { engineDirs, T0, type Engine } from './simEngine.fixture';
import { testOrder } from './testSupport';
import type { Order } from './types';

const engines = engineDirs();

const limitBuy = (e: Engine, clientOrderId: string, ticksBelow = 100, qty = 10) =>
  e.oms.submit({ clientOrderId, venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: e.touch('BTC-USDT', 'bid') - ticksBelow, qty }, 'ticket');

describe('orders the OMS does not know', () => {
  it('an order open at the venue but lost from the journal is adopted at reconcile, with its fills, and the kill switch cancels it', async () => {
    const first = await engines.start();
    await first.settle();
    first.crash();
    // What a crash under a relaxed fsync policy can leave: the venue has the order, our journal lost it.
    const price = first.touch('BTC-USDT', 'bid') - 1;
    first.venue.submit({ clientOrderId: 'lost-7', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price, qty: 30 });
    await new Promise((resolve) => setImmediate(resolve));
    // Someone sells through every bid ahead of it and 12 into it before the terminal is back.
    const ahead = first.venue.book('BTC-USDT', 50)!.bids.filter(([p]) => p >= price).reduce((sum, [, q]) => sum + q, 0) - 30;
    first.venue.submit({ clientOrderId: 'other-1', symbol: 'BTC-USDT', side: 'sell', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price, qty: ahead + 12 });
    await new Promise((resolve) => setImmediate(resolve));
    const atVenue = (await first.venue.openOrders()).find((o) => o.clientOrderId === 'lost-7')!;
    expect(atVenue).toMatchObject({ filledQty: 12, qty: 30 });

    const second = await engines.start({ clock: first.clock, carried: first.venues });
    const [report] = await second.oms.reconcile();
    await second.settle();
    expect(report).toMatchObject({ adopted: ['lost-7'] });
    expect(second.oms.get('lost-7')).toMatchObject({ status: 'partially_filled', filledQty: 12, qty: 30, source: 'recovery', side: 'buy', price });
    expect(second.portfolio.position('SIM', 'BTC-USDT')).toMatchObject({ qty: 12 });
    const h = second.oms.history('lost-7');
    expect(h.ok && h.value.audit[0]).toMatchObject({ action: 'reconcile', source: 'recovery', detail: ADOPTED_AT_VENUE });

    // Every cancel-all covers it now.
    second.killSwitch.engage('hotkey', 'stop');
    expect(enforceKillSwitch(second.killSwitch, second.oms)).toBe(1);
    await second.settle();
    expect(await second.venue.openOrders()).toEqual([]);
    expect(second.oms.get('lost-7')?.status).toBe('canceled');
  });

  it('a resubmitted clientOrderId with the same terms returns the order; with other terms it is refused, saying why', async () => {
    const e = await engines.start();
    const first = limitBuy(e, 'my-id-1');
    expect(first.ok).toBe(true);
    expect(limitBuy(e, 'my-id-1')).toEqual(first);
    expect(limitBuy(e, 'my-id-1', 200)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'clientOrderId my-id-1 is already used by an order with other terms (price differs)' },
    });
    await e.settle();
    expect(e.oms.orders().filter((o) => o.clientOrderId === 'my-id-1')).toHaveLength(1);
    expect(await e.venue.openOrders()).toHaveLength(1);
  });

  it('settles 200,000 working orders without overflowing the stack', async () => {
    const clock = new SimulatedClock(T0);
    const venue = createSimVenue({ id: 'SIM', clock, seed: 3 });
    const working: Order[] = Array.from({ length: 200_000 }, (_, i) => testOrder({ clientOrderId: `w-${i}`, createdAt: T0 - i, venueOrderId: `SIM-${i}` }));
    let concluded = 0;
    const report = await reconcileVenue({
      venue,
      working: () => working,
      get: (id) => (id.startsWith('w-') ? working[Number(id.slice(2))] : undefined),
      apply: () => false,
      conclude: () => void concluded++,
      clock,
      log: recordingLogger(),
    });
    expect(report.error).toBeUndefined();
    // None of them is at this venue: each is concluded as not found there.
    expect(concluded).toBe(200_000);
    await venue.disconnect();
  });
});
