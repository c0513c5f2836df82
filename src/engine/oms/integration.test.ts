import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { KillSwitch } from '../risk';
import { EngineRecordEncoder, openJournal, openStore, STORE_FILE } from '../storage';
import type { SimVenue } from '../venues';
import { enforceKillSwitch } from './killSwitchBinding';
import { NEVER_REACHED_VENUE } from './reconcile';
import { engineDirs, T0, type Engine } from './simEngine.fixture';
import { testOrder } from './testSupport';

const engines = engineDirs();
const start = (clock?: SimulatedClock, carried?: SimVenue): Promise<Engine> => engines.start({ clock, carried: carried && [carried] });

const restingBuy = (e: Engine, lots = 10) =>
  e.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: e.touch('BTC-USDT', 'bid') - 100, qty: lots }, 'ticket');
const idOf = (r: { ok: boolean; value?: { clientOrderId: string } } | { ok: false }): string => ('value' in r && r.value ? r.value.clientOrderId : '');

describe('OMS on the SIM venue', () => {
  it('a resting limit is accepted and listed open; cancel goes through pending_cancel to canceled, all audited', async () => {
    const e = await start();
    const r = restingBuy(e);
    expect(r.ok && r.value.status).toBe('submitted');
    const id = idOf(r);
    await e.settle();
    expect(e.oms.get(id)).toMatchObject({ status: 'accepted', venueOrderId: expect.any(String) });
    expect(e.oms.openOrders().map((o) => o.clientOrderId)).toEqual([id]);
    expect((await e.venue.openOrders()).map((o) => o.clientOrderId)).toEqual([id]);

    expect(e.oms.cancel(id, 'ladder').ok).toBe(true);
    expect(e.oms.get(id)?.status).toBe('pending_cancel');
    await e.settle();
    expect(e.oms.get(id)?.status).toBe('canceled');
    expect(e.store.loadOrder(id)?.status).toBe('canceled');
    const history = e.oms.history(id);
    expect(history.ok && history.value.audit.map((a) => [a.action, a.source, a.after.status])).toEqual([
      ['submit', 'ticket', 'submitted'],
      ['accept', 'venue', 'accepted'],
      ['cancel_request', 'ladder', 'pending_cancel'],
      ['cancel', 'venue', 'canceled'],
    ]);
  });

  it('a market buy fills at the ask: fill stored, order filled, position and P&L updated', async () => {
    const e = await start();
    const ask = e.touch('BTC-USDT', 'ask');
    const r = e.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 20 }, 'hotkey');
    expect(r.ok).toBe(true);
    await e.settle();
    const id = idOf(r);
    expect(e.oms.get(id)).toMatchObject({ status: 'filled', filledQty: 20, filledValue: 20 * ask });
    const fills = e.oms.fills();
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ clientOrderId: id, side: 'buy', price: ask, qty: 20, liquidity: 'taker' });
    const [pos] = e.portfolio.positions(() => ask + 10);
    expect(pos).toMatchObject({ venue: 'SIM', symbol: 'BTC-USDT', qty: 20, avgPrice: ask, fees: fills[0]!.fee });
  });

  it('amend: a new price is a new version at the venue, every version kept', async () => {
    const e = await start();
    const r = restingBuy(e);
    const id = idOf(r);
    await e.settle();
    const price = e.oms.get(id)!.price!;
    expect(e.oms.amend(id, { price: price - 50, qty: 12 }, 'grid').ok).toBe(true);
    expect(e.oms.get(id)?.status).toBe('pending_update');
    await e.settle();
    expect(e.oms.get(id)).toMatchObject({ status: 'accepted', price: price - 50, qty: 12, version: 2 });
    const atVenue = await e.venue.queryOrder('BTC-USDT', id);
    expect(atVenue).toMatchObject({ price: price - 50, qty: 12, status: 'open' });
    const h = e.oms.history(id);
    expect(h.ok && h.value.versions.map((v) => [v.version, v.price, v.qty, v.source])).toEqual([
      [1, price, 10, 'ticket'],
      [2, price - 50, 12, 'grid'],
    ]);
    // A second amend while one is in flight is refused with the reason; nothing is sent.
    e.oms.amend(id, { qty: 11 }, 'grid');
    expect(e.oms.amend(id, { qty: 9 }, 'grid')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already being amended/) } });
  });

  it('bracket: children wait, are armed when the entry fills, and the first exit fill cancels the other', async () => {
    const e = await start();
    const ask = e.touch('BTC-USDT', 'ask');
    const placed = e.oms.submitBracket(
      { entry: { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 5 }, takeProfit: { price: ask + 500 }, stopLoss: { stopPrice: ask - 500 } },
      'ticket',
    );
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    const { entry, takeProfit, stopLoss } = placed.value;
    expect([takeProfit.status, stopLoss.status]).toEqual(['initialized', 'initialized']);
    await e.settle();
    expect(e.oms.get(entry.clientOrderId)?.status).toBe('filled');
    expect(e.oms.get(takeProfit.clientOrderId)).toMatchObject({ status: 'accepted', side: 'sell', reduceOnly: true, qty: 5 });
    expect(e.oms.get(stopLoss.clientOrderId)).toMatchObject({ status: 'accepted', type: 'stop_market', stopPrice: ask - 500 });
    // The take-profit is hit (someone buys through it): the stop-loss is canceled.
    e.venue.submit({ clientOrderId: 'other-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: ask + 500, qty: 100_000 });
    await e.settle();
    expect(e.oms.get(takeProfit.clientOrderId)?.filledQty).toBeGreaterThan(0);
    expect(e.oms.get(stopLoss.clientOrderId)?.status).toBe('canceled');
    const slHistory = e.oms.history(stopLoss.clientOrderId);
    expect(slHistory.ok && slHistory.value.audit.find((a) => a.action === 'cancel_request')?.source).toBe('contingent');
  });

  it('cancelling a bracket entry cancels its children; they never reach the venue', async () => {
    const e = await start();
    const bid = e.touch('BTC-USDT', 'bid');
    const placed = e.oms.submitBracket(
      { entry: { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: bid - 100, qty: 5 }, takeProfit: { price: bid + 400 }, stopLoss: { stopPrice: bid - 300 } },
      'ticket',
    );
    if (!placed.ok) throw new Error(placed.error.message);
    await e.settle();
    e.oms.cancel(placed.value.entry.clientOrderId, 'ticket');
    await e.settle();
    const ids = [placed.value.entry, placed.value.takeProfit, placed.value.stopLoss].map((o) => o.clientOrderId);
    expect(ids.map((id) => e.oms.get(id)?.status)).toEqual(['canceled', 'canceled', 'canceled']);
    expect(await e.venue.queryOrder('BTC-USDT', ids[1]!)).toBeUndefined();
  });

  it('a bracket whose exits are on the wrong side is refused before anything is sent', async () => {
    const e = await start();
    const bid = e.touch('BTC-USDT', 'bid');
    const r = e.oms.submitBracket(
      { entry: { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: bid, qty: 5 }, takeProfit: { price: bid - 10 }, stopLoss: { stopPrice: bid - 300 } },
      'ticket',
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'the take-profit must be above the entry price' } });
    expect(e.oms.orders()).toEqual([]);
  });

  it('OCO: a fill on the limit leg cancels the stop leg', async () => {
    const e = await start();
    const bid = e.touch('BTC-USDT', 'bid');
    const placed = e.oms.submitOco(
      {
        legs: [
          { venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'limit', price: bid, qty: 3 },
          { venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'stop_market', stopPrice: bid - 1000, qty: 3 },
        ],
      },
      'ticket',
    );
    if (!placed.ok) throw new Error(placed.error.message);
    await e.settle();
    const [limit, stop] = placed.value.legs.map((o) => e.oms.get(o.clientOrderId)!);
    expect(limit!.status).toBe('filled'); // a sell at the bid trades at once
    expect(stop!.status).toBe('canceled');
  });

  it('orders and fills are rebuilt from the journal alone, even with SQLite gone', async () => {
    const first = await start();
    const resting = idOf(restingBuy(first));
    const market = idOf(first.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 7 }, 'hotkey'));
    await first.settle();
    first.crash();
    await first.venue.disconnect();
    for (const f of fs.readdirSync(engines.dir)) if (f.startsWith(STORE_FILE)) fs.rmSync(path.join(engines.dir, f));

    const second = await start(first.clock);
    expect(second.oms.get(resting)).toMatchObject({ status: 'accepted' });
    expect(second.oms.get(market)).toMatchObject({ status: 'filled', filledQty: 7 });
    expect(second.store.loadFills().map((f) => f.clientOrderId)).toEqual([market]);
    expect(second.store.loadOrder(resting)?.status).toBe('accepted');
    expect(second.portfolio.position('SIM', 'BTC-USDT')?.qty).toBe(7);
  });

  it('recovery: fills and ends that happened while the terminal was down are booked from the venue, audited as recovery', async () => {
    const first = await start();
    const ask = first.touch('BTC-USDT', 'ask');
    const queueAhead = first.venue.book('BTC-USDT', 1)!.asks[0]![1];
    const id = idOf(first.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'limit', price: ask, qty: 100 }, 'ticket'));
    const doomed = idOf(restingBuy(first));
    await first.settle();
    first.crash(); // the terminal dies; the venue keeps trading
    first.venue.submit({ clientOrderId: 'other-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: ask, qty: queueAhead + 40 });
    first.venue.cancel('BTC-USDT', doomed);
    await new Promise((resolve) => setImmediate(resolve));

    const second = await start(first.clock, first.venue);
    const [report] = await second.oms.reconcile();
    await second.settle();
    expect(report).toMatchObject({ venue: 'SIM', updated: [doomed], adopted: [] });
    expect(report?.missedFills).toHaveLength(1);
    expect(second.oms.get(id)).toMatchObject({ status: 'partially_filled', filledQty: 40, filledValue: 40 * ask });
    expect(second.oms.get(doomed)?.status).toBe('canceled');
    expect(second.portfolio.position('SIM', 'BTC-USDT')).toMatchObject({ qty: -40, avgPrice: ask });
    const h = second.oms.history(id);
    expect(h.ok && h.value.audit.at(-1)).toMatchObject({ action: 'fill', source: 'recovery' });
    // Reconciling again books nothing twice.
    await second.oms.reconcile();
    await second.settle();
    expect(second.oms.get(id)?.filledQty).toBe(40);
    expect(second.oms.fills()).toHaveLength(1);
  });

  it('orders of a data dir from before the journal are taken over from SQLite once', async () => {
    const legacy = openStore(engines.dir);
    legacy.saveOrder(testOrder({ clientOrderId: 'old-1', status: 'filled', filledQty: 10, filledValue: 10_000 }));
    legacy.close();
    const first = await start();
    expect(first.oms.get('old-1')).toMatchObject({ status: 'filled', version: 1 });
    await first.stop();
    const second = await start(first.clock);
    expect(second.oms.orders().filter((o) => o.clientOrderId === 'old-1')).toHaveLength(1);
    const h = second.oms.history('old-1');
    expect(h.ok && h.value.audit.map((a) => a.detail)).toEqual(['taken over from the store of an earlier version']);
  });

  it('an order journaled but never sent (a crash in between) is rejected at recovery as never having reached the venue', async () => {
    const clock = new SimulatedClock(T0);
    // What a crash right after the write-ahead leaves: the record is durable, the venue never heard.
    const opened = openJournal(engines.dir, { clock, fsync: { mode: 'none' } });
    if (!opened.ok) throw new Error(opened.error.message);
    const order = { clientOrderId: 'lost-1', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 900_000, qty: 10, filledQty: 0, filledValue: 0, fees: 0, status: 'initialized', version: 1, source: 'ticket', createdAt: T0, updatedAt: T0 } as const;
    const { type, payload } = new EngineRecordEncoder().encode({ kind: 'orderSubmitted', at: T0, order, send: true });
    opened.value.journal.append(type, payload);
    opened.value.journal.commitSync();
    await opened.value.journal.close();

    const e = await start(clock);
    expect(e.oms.get('lost-1')?.status).toBe('submitted');
    const [report] = await e.oms.reconcile();
    await e.settle();
    expect(report?.updated).toEqual(['lost-1']);
    expect(e.oms.get('lost-1')).toMatchObject({ status: 'rejected', rejectReason: NEVER_REACHED_VENUE });
    const h = e.oms.history('lost-1');
    expect(h.ok && h.value.audit.at(-1)).toMatchObject({ action: 'reconcile', source: 'recovery', detail: NEVER_REACHED_VENUE });
  });

  it('the kill switch cancels every working order, rejects the next one, and reset restores trading', async () => {
    const e = await start();
    const ids = [restingBuy(e), restingBuy(e, 20)].map(idOf);
    await e.settle();
    expect(e.oms.openOrders()).toHaveLength(2);

    e.killSwitch.engage('hotkey', 'flatten everything');
    expect(enforceKillSwitch(e.killSwitch, e.oms)).toBe(2);
    await e.settle();
    expect(ids.map((id) => e.oms.get(id)?.status)).toEqual(['canceled', 'canceled']);
    expect(await e.venue.openOrders()).toEqual([]);

    const refused = restingBuy(e);
    expect(refused).toEqual({ ok: false, error: { code: 'KILL_SWITCH', message: 'kill switch engaged' } });
    expect(e.oms.orders().at(-1)).toMatchObject({ status: 'rejected', rejectReason: 'kill switch engaged' });

    e.killSwitch.reset('ticket');
    const again = restingBuy(e);
    await e.settle();
    expect(again.ok && e.oms.get(again.value.clientOrderId)?.status).toBe('accepted');
  });

  it('a kill switch engaged while the engine was down cancels what is still working once restarted', async () => {
    const first = await start();
    restingBuy(first);
    restingBuy(first, 20);
    await first.settle();
    await first.stop();

    const offline = openStore(engines.dir);
    new KillSwitch({ clock: first.clock, store: offline }).engage('system', 'engaged from another session');
    offline.close();

    const second = await start(first.clock);
    await second.oms.reconcile();
    expect(second.oms.openOrders()).toHaveLength(2);
    expect(enforceKillSwitch(second.killSwitch, second.oms)).toBe(2);
    await second.settle();
    expect(second.oms.openOrders()).toEqual([]);
    expect(await second.venue.openOrders()).toEqual([]);
    expect(enforceKillSwitch(second.killSwitch, second.oms)).toBe(0);
  });
});
