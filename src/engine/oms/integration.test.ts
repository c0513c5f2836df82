import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type Side, type Symbol } from '../core';
import { InstrumentRegistry } from '../instruments';
import { Portfolio } from '../portfolio';
import { KillSwitch, RiskManager } from '../risk';
import { openStore, type Store } from '../storage';
import { createSimVenue, type SimVenue } from '../venues';
import { enforceKillSwitch } from './killSwitchBinding';
import { OrderManager } from './orderManager';
import { NOT_FOUND_AT_VENUE } from './reconcile';

/*
 * The OMS, risk, kill switch, storage and portfolio against the real SIM venue. SIM delivers its
 * events in a microtask, as a socket would; settle() lets them arrive. The clock is never advanced,
 * so the synthetic market stands still and every price below comes from the seeded book.
 */
const T0 = 1_700_000_000_000;
const SEED = 7;
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let dir: string;
const cleanup: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-oms-sim-'));
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Engine {
  clock: SimulatedClock;
  store: Store;
  venue: SimVenue;
  oms: OrderManager;
  killSwitch: KillSwitch;
  portfolio: Portfolio;
  touch(symbol: Symbol, side: 'bid' | 'ask'): number;
  stop(): Promise<void>;
}

/** One run of the engine on `dir`, wired as the assembly will wire it. */
async function start(clock = new SimulatedClock(T0), beforeRestore?: (store: Store) => void): Promise<Engine> {
  const store = openStore(dir);
  const venue = createSimVenue({ clock, seed: SEED, dataDir: dir });
  const instruments = new InstrumentRegistry();
  for (const inst of venue.instruments()) instruments.add(inst);
  const touch = (symbol: Symbol, side: 'bid' | 'ask'): number => {
    const book = venue.book(symbol, 1)!;
    return (side === 'bid' ? book.bids : book.asks)[0]![0];
  };
  const referencePrice = (_v: string, symbol: Symbol, side: Side): number | undefined =>
    touch(symbol, side === 'buy' ? 'ask' : 'bid');
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice, store, defaults: { maxOrderQty: '1' } });
  const oms = new OrderManager({ clock, store, venues: [venue], instruments, risk });
  const portfolio = new Portfolio(instruments);
  oms.events.on('fill', (fill) => void portfolio.applyFill(fill));
  beforeRestore?.(store);
  oms.restore();
  portfolio.rebuild(store.loadFills());
  await venue.connect();
  await settle();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    oms.dispose();
    await venue.disconnect();
    store.close();
  };
  cleanup.push(stop);
  return { clock, store, venue, oms, killSwitch, portfolio, touch, stop };
}

const restingBuy = (e: Engine, lots = 10) =>
  e.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: e.touch('BTC-USDT', 'bid') - 100, qty: lots }, 'ticket');

describe('OMS on the SIM venue', () => {
  it('a resting limit is accepted and listed open; cancel makes it canceled', async () => {
    const e = await start();
    const r = restingBuy(e);
    expect(r.ok && r.value.status).toBe('submitted'); // stored before the venue answered
    const id = r.ok ? r.value.clientOrderId : '';
    expect(e.store.loadOrder(id)?.status).toBe('submitted');
    await settle();
    expect(e.oms.get(id)).toMatchObject({ status: 'accepted', venueOrderId: expect.any(String) });
    expect(e.oms.openOrders().map((o) => o.clientOrderId)).toEqual([id]);
    expect((await e.venue.openOrders()).map((o) => o.clientOrderId)).toEqual([id]);

    expect(e.oms.cancel(id, 'ladder').ok).toBe(true);
    await settle();
    expect(e.oms.get(id)?.status).toBe('canceled');
    expect(e.oms.openOrders()).toEqual([]);
    expect(e.store.loadOrder(id)?.status).toBe('canceled');
  });

  it('a market buy fills at the ask: fill stored, order filled, position and P&L updated', async () => {
    const e = await start();
    const ask = e.touch('BTC-USDT', 'ask');
    const r = e.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 20 }, 'hotkey');
    expect(r.ok).toBe(true);
    await settle();
    const id = r.ok ? r.value.clientOrderId : '';
    expect(e.oms.get(id)).toMatchObject({ status: 'filled', filledQty: 20, filledValue: 20 * ask });
    const fills = e.oms.fills();
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ clientOrderId: id, side: 'buy', price: ask, qty: 20, liquidity: 'taker' });
    expect(fills[0]!.fee).toBeGreaterThan(0);
    const [pos] = e.portfolio.positions(() => ask + 10);
    expect(pos).toMatchObject({ venue: 'SIM', symbol: 'BTC-USDT', qty: 20, avgPrice: ask, fees: fills[0]!.fee });
    expect(pos!.unrealisedPnl).toBe(20 * 10 * 1); // 10 ticks * 20 lots, 1 QuoteUnit per tick*lot on BTC-USDT
  });

  it('after a restart, working orders come back and can still be canceled; an order the venue never got is canceled', async () => {
    const first = await start();
    const a = restingBuy(first);
    const b = first.oms.submit(
      { venue: 'SIM', symbol: 'ETH-USDT', side: 'sell', type: 'limit', price: first.touch('ETH-USDT', 'ask') + 100, qty: 50 },
      'ladder',
    );
    await settle();
    const ids = [a, b].map((r) => (r.ok ? r.value.clientOrderId : ''));
    await first.stop();

    first.clock.advance(60_000);
    // A crash between write-ahead and send leaves an order stored as submitted that no venue knows.
    const second = await start(first.clock, (store) =>
      store.saveOrder({ ...first.oms.get(ids[0]!)!, clientOrderId: 'lost-1', status: 'submitted', venueOrderId: undefined }),
    );
    expect(second.oms.openOrders().map((o) => o.clientOrderId).sort()).toEqual([...ids, 'lost-1'].sort());
    const [report] = await second.oms.reconcile();
    expect(report).toEqual({ venue: 'SIM', canceled: ['lost-1'], updated: [], unknownAtVenue: [] });
    expect(second.oms.get('lost-1')).toMatchObject({ status: 'canceled', cancelReason: NOT_FOUND_AT_VENUE });
    expect(second.oms.openOrders().map((o) => o.status)).toEqual(['accepted', 'accepted']);

    expect(second.oms.cancelAll({ symbol: 'ETH-USDT' }, 'ticket')).toBe(1);
    expect(second.oms.cancel(ids[0]!, 'ticket').ok).toBe(true);
    await settle();
    expect(ids.map((id) => second.oms.get(id)?.status)).toEqual(['canceled', 'canceled']);
    expect(await second.venue.openOrders()).toEqual([]);
  });

  it('reconcile books a fill that happened while the OMS was down', async () => {
    const first = await start();
    const ask = first.touch('BTC-USDT', 'ask');
    const queueAhead = first.venue.book('BTC-USDT', 1)!.asks[0]![1];
    const r = first.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'limit', price: ask, qty: 100 }, 'ticket');
    await settle();
    const id = r.ok ? r.value.clientOrderId : '';
    first.oms.dispose(); // the OMS stops listening; the venue keeps trading
    // Someone else's buy takes the whole queue ahead of us and 40 lots of our order.
    first.venue.submit({ clientOrderId: 'other-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, price: ask, qty: queueAhead + 40 });
    await settle();

    const instruments = new InstrumentRegistry();
    for (const inst of first.venue.instruments()) instruments.add(inst);
    const second = new OrderManager({
      clock: first.clock,
      store: first.store,
      venues: [first.venue],
      instruments,
      risk: new RiskManager({ instruments, killSwitch: first.killSwitch, referencePrice: () => undefined }),
    });
    const portfolio = new Portfolio(instruments);
    portfolio.rebuild(first.store.loadFills());
    second.events.on('fill', (fill) => void portfolio.applyFill(fill));
    second.restore();
    const [report] = await second.reconcile();
    expect(report?.updated).toEqual([id]);
    expect(second.get(id)).toMatchObject({ status: 'partially_filled', filledQty: 40, filledValue: 40 * ask });
    // Booked as a maker fill at the order's price with the venue's maker fee (1 bp, rounded up).
    const makerFee = Math.ceil((40 * ask) / 10_000);
    expect(first.store.loadFills().map((f) => [f.fillId, f.qty, f.price, f.liquidity, f.fee])).toEqual([
      [`reconcile:${id}:40`, 40, ask, 'maker', makerFee],
    ]);
    expect(portfolio.position('SIM', 'BTC-USDT')).toMatchObject({ qty: -40, avgPrice: ask, fees: makerFee });
    // Reconciling again books nothing twice.
    await second.reconcile();
    expect(second.get(id)?.filledQty).toBe(40);
    expect(first.store.loadFills()).toHaveLength(1);
    second.dispose();
  });

  it('the kill switch cancels every working order, rejects the next one, and reset restores trading', async () => {
    const e = await start();
    const ids = [restingBuy(e), restingBuy(e, 20)].map((r) => (r.ok ? r.value.clientOrderId : ''));
    await settle();
    expect(e.oms.openOrders()).toHaveLength(2);

    e.killSwitch.engage('hotkey', 'flatten everything');
    expect(enforceKillSwitch(e.killSwitch, e.oms)).toBe(2);
    await settle();
    expect(ids.map((id) => e.oms.get(id)?.status)).toEqual(['canceled', 'canceled']);
    expect(await e.venue.openOrders()).toEqual([]);

    const refused = restingBuy(e);
    expect(refused).toEqual({ ok: false, error: { code: 'KILL_SWITCH', message: 'kill switch engaged' } });
    expect(e.oms.orders().at(-1)).toMatchObject({ status: 'rejected', rejectReason: 'kill switch engaged' });

    e.killSwitch.reset('ticket');
    const again = restingBuy(e);
    await settle();
    expect(again.ok && e.oms.get(again.value.clientOrderId)?.status).toBe('accepted');
    expect(e.killSwitch.history().map((h) => [h.action, h.source])).toEqual([
      ['engage', 'hotkey'],
      ['reset', 'ticket'],
    ]);
  });

  it('a kill switch engaged while the engine was down cancels what is still working once restarted', async () => {
    const first = await start();
    restingBuy(first);
    restingBuy(first, 20);
    await settle();
    await first.stop();

    const offline = openStore(dir);
    new KillSwitch({ clock: first.clock, store: offline }).engage('system', 'engaged from another session');
    offline.close();

    const second = await start(first.clock);
    await second.oms.reconcile();
    expect(second.oms.openOrders()).toHaveLength(2);
    expect(enforceKillSwitch(second.killSwitch, second.oms)).toBe(2);
    await settle();
    expect(second.oms.openOrders()).toEqual([]);
    expect(await second.venue.openOrders()).toEqual([]);
    expect(enforceKillSwitch(second.killSwitch, second.oms)).toBe(0);
  });
});
