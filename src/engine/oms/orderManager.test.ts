import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { InstrumentRegistry } from '../instruments';
import { recordingLogger } from '../core';
import { KillSwitch, RiskManager } from '../risk';
import { openStore, type Store } from '../storage';
import { simInstruments, type VenueEvent } from '../venues';
import { IllegalTransitionError } from './stateMachine';
import { OrderManager } from './orderManager';
import type { Fill, Order } from './types';

/*
 * The OMS's reaction to venue events, without a venue: orders enter the OMS as a restart would put
 * them there (saved in the store, then restore()), and venue events are fed as the data they are.
 * The full round trip with a venue is in integration.test.ts.
 */

const T0 = 1_700_000_000_000;
let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-oms-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const working = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'w-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  price: 940_000,
  qty: 100,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'submitted',
  source: 'ticket',
  createdAt: T0 - 10_000,
  updatedAt: T0 - 10_000,
  ...over,
});

function setup(saved: Order[] = []) {
  const clock = new SimulatedClock(T0);
  for (const o of saved) store.saveOrder(o);
  const instruments = new InstrumentRegistry();
  for (const inst of simInstruments('SIM')) instruments.add(inst);
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({ instruments, killSwitch, referencePrice: () => undefined, store, defaults: { maxOrderQty: '1' } });
  const logger = recordingLogger();
  const oms = new OrderManager({ clock, store, venues: [], instruments, risk, logger, idPrefix: 't' });
  oms.restore();
  const orders: Order[] = [];
  const fills: Fill[] = [];
  oms.events.on('order', (o) => orders.push(o));
  oms.events.on('fill', (f) => fills.push(f));
  return { clock, oms, killSwitch, logger, orders, fills };
}

const ack = (id = 'w-1'): VenueEvent => ({ type: 'orderAccepted', venue: 'SIM', clientOrderId: id, venueOrderId: 'V-9', ts: T0 });
const filled = (qty: number, fillId: string, price = 940_000, id = 'w-1'): VenueEvent => ({
  type: 'orderFilled',
  venue: 'SIM',
  clientOrderId: id,
  fillId,
  ts: T0 + 1,
  price,
  qty,
  liquidity: 'maker',
  fee: 2,
});
const canceled = (id = 'w-1', reason?: string): VenueEvent => ({ type: 'orderCanceled', venue: 'SIM', clientOrderId: id, ts: T0 + 2, reason });

describe('OrderManager.submit without sending', () => {
  it('records a risk rejection with its reason, returns it as an error and sends nothing', () => {
    const { oms, orders } = setup();
    const r = oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 950_000, qty: 50_000 }, 'ticket');
    expect(r).toEqual({
      ok: false,
      error: { code: 'RISK_REJECTED', message: 'quantity 5 BTC exceeds the max order quantity 1 BTC for SIM:BTC-USDT' },
    });
    expect(oms.get('t-1')).toMatchObject({
      status: 'rejected',
      rejectReason: 'quantity 5 BTC exceeds the max order quantity 1 BTC for SIM:BTC-USDT',
      source: 'ticket',
      createdAt: T0,
    });
    expect(store.loadOrder('t-1')).toEqual(oms.get('t-1'));
    expect(orders.map((o) => o.status)).toEqual(['rejected']);
    expect(oms.openOrders()).toEqual([]);
  });

  it('rejects with exactly "kill switch engaged" while the switch is engaged', () => {
    const { oms, killSwitch } = setup();
    killSwitch.engage('hotkey', 'test');
    const r = oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'limit', price: 950_000, qty: 10 }, 'ladder');
    expect(r).toEqual({ ok: false, error: { code: 'KILL_SWITCH', message: 'kill switch engaged' } });
  });

  it('records an order for a venue the OMS has no adapter for as rejected', () => {
    const { oms } = setup();
    const r = oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 950_000, qty: 10 }, 'ticket');
    expect(r).toEqual({ ok: false, error: { code: 'VENUE_UNAVAILABLE', message: 'venue SIM is not connected to the OMS' } });
    expect(oms.get('t-1')?.status).toBe('rejected');
  });

  it('is idempotent on clientOrderId, including ids restored from an earlier run', () => {
    const { oms, orders } = setup([working({ clientOrderId: 'mine-7', status: 'accepted' })]);
    const again = oms.submit(
      { clientOrderId: 'mine-7', venue: 'SIM', symbol: 'ETH-USDT', side: 'sell', type: 'market', qty: 1 },
      'bridge',
    );
    expect(again).toEqual({ ok: true, value: working({ clientOrderId: 'mine-7', status: 'accepted' }) });
    expect(orders).toEqual([]);
    expect(oms.orders()).toHaveLength(1);
  });

  it('refuses a clientOrderId a venue would not accept, recording nothing', () => {
    const { oms } = setup();
    const r = oms.submit({ clientOrderId: 'has space', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 1, qty: 1 }, 'ticket');
    expect(r.ok).toBe(false);
    expect(oms.orders()).toEqual([]);
  });

  it('never reuses a restored id when generating one', () => {
    const { oms } = setup([working({ clientOrderId: 't-1', status: 'filled' })]);
    oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: 950_000, qty: 50_000 }, 'ticket');
    expect(oms.orders().map((o) => o.clientOrderId)).toEqual(['t-1', 't-2']);
  });
});

describe('OrderManager.onVenueEvent', () => {
  it('acks, part-fills and fills, persisting each state before announcing it', () => {
    const { oms, orders, fills, clock } = setup([working()]);
    // Listener errors are isolated by the bus, so record what the store held at each announcement.
    const storedWhenAnnounced: boolean[] = [];
    oms.events.on('order', (o) => storedWhenAnnounced.push(isDeepStrictEqual(store.loadOrder(o.clientOrderId), o)));
    clock.advance(5);
    expect(oms.onVenueEvent(ack())).toMatchObject({ applied: true, order: { status: 'accepted', venueOrderId: 'V-9', updatedAt: T0 + 5 } });
    oms.onVenueEvent(filled(30, 'F1'));
    oms.onVenueEvent(filled(70, 'F2', 939_990));
    expect(orders.map((o) => o.status)).toEqual(['accepted', 'partially_filled', 'filled']);
    expect(storedWhenAnnounced).toEqual([true, true, true]);
    expect(oms.get('w-1')).toMatchObject({ filledQty: 100, filledValue: 30 * 940_000 + 70 * 939_990, fees: 4, status: 'filled' });
    expect(fills.map((f) => [f.fillId, f.side, f.symbol, f.qty])).toEqual([
      ['F1', 'buy', 'BTC-USDT', 30],
      ['F2', 'buy', 'BTC-USDT', 70],
    ]);
    expect(oms.fills()).toEqual(fills);
    expect(oms.fills(1)).toEqual([fills[1]]);
    expect(oms.openOrders()).toEqual([]);
  });

  it('ignores a duplicate fill: no change, no event', () => {
    const { oms, orders, fills } = setup([working({ status: 'accepted' })]);
    oms.onVenueEvent(filled(30, 'F1'));
    expect(oms.onVenueEvent(filled(30, 'F1'))).toEqual({ applied: false, reason: 'duplicate fill F1' });
    expect(oms.get('w-1')?.filledQty).toBe(30);
    expect(orders).toHaveLength(1);
    expect(fills).toHaveLength(1);
  });

  it('books a fill that raced a cancel, keeping the order canceled', () => {
    const { oms, fills, logger } = setup([working({ status: 'accepted' })]);
    oms.onVenueEvent(canceled());
    expect(oms.onVenueEvent(filled(40, 'F1')).applied).toBe(true);
    expect(oms.get('w-1')).toMatchObject({ status: 'canceled', filledQty: 40 });
    expect(fills).toHaveLength(1);
    expect(logger.lines.some((l) => l.message === 'fill on a terminal order; applied')).toBe(true);
  });

  it('returns an illegal transition as a typed error, logs it and leaves the order as it was', () => {
    const { oms, orders, logger } = setup([working({ status: 'accepted' })]);
    oms.onVenueEvent(filled(100, 'F1'));
    const before = oms.get('w-1');
    const r = oms.onVenueEvent({ type: 'orderRejected', venue: 'SIM', clientOrderId: 'w-1', reason: 'late', ts: T0 });
    expect(r.applied).toBe(false);
    expect(!r.applied && r.error).toBeInstanceOf(IllegalTransitionError);
    expect(oms.onVenueEvent(canceled()).applied).toBe(false);
    expect(oms.get('w-1')).toEqual(before);
    expect(store.loadOrder('w-1')).toEqual(before);
    expect(orders).toHaveLength(1);
    expect(logger.lines.filter((l) => l.message?.includes('is not allowed')).map((l) => l.level)).toEqual(['warn', 'warn']);
  });

  it('keeps the venue id of a late ack without moving a filled order back', () => {
    const { oms } = setup([working()]);
    oms.onVenueEvent(filled(100, 'F1'));
    expect(oms.onVenueEvent(ack()).applied).toBe(false);
    expect(oms.get('w-1')).toMatchObject({ status: 'filled', venueOrderId: 'V-9' });
  });

  it('records a venue rejection and an IOC remainder cancel with their reasons', () => {
    const { oms } = setup([working(), working({ clientOrderId: 'w-2', tif: 'IOC' })]);
    oms.onVenueEvent({ type: 'orderRejected', venue: 'SIM', clientOrderId: 'w-1', reason: 'venue not connected', ts: T0 });
    oms.onVenueEvent(filled(10, 'F1', 940_000, 'w-2'));
    oms.onVenueEvent(canceled('w-2', 'IOC remainder'));
    expect(oms.get('w-1')).toMatchObject({ status: 'rejected', rejectReason: 'venue not connected' });
    expect(oms.get('w-2')).toMatchObject({ status: 'canceled', cancelReason: 'IOC remainder', filledQty: 10 });
  });

  it('announces a rejected cancel and ignores events for orders it does not know', () => {
    const { oms, orders } = setup([working({ status: 'accepted' })]);
    const rejected: unknown[] = [];
    oms.events.on('cancelRejected', (e) => rejected.push(e));
    oms.onVenueEvent({ type: 'cancelRejected', venue: 'SIM', clientOrderId: 'w-1', reason: 'unknown order', ts: T0 });
    expect(rejected).toEqual([{ venue: 'SIM', clientOrderId: 'w-1', reason: 'unknown order', ts: T0 }]);
    expect(oms.onVenueEvent(filled(1, 'F1', 1, 'nobody')).applied).toBe(false);
    expect(oms.onVenueEvent({ ...ack(), venue: 'OTHER' }).applied).toBe(false); // same id, other venue
    expect(oms.onVenueEvent({ type: 'trade', venue: 'SIM', symbol: 'BTC-USDT', ts: T0, price: 1, qty: 1, aggressor: 'buy', tradeId: '1' }).applied).toBe(false);
    expect(orders).toEqual([]);
    expect(oms.get('w-1')?.status).toBe('accepted');
  });

  it('refuses to cancel an unknown or finished order', () => {
    const { oms } = setup([working({ status: 'filled' })]);
    expect(oms.cancel('nope', 'ticket')).toEqual({ ok: false, error: { code: 'UNKNOWN_ORDER', message: 'no order nope' } });
    expect(oms.cancel('w-1', 'ticket')).toEqual({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: 'order w-1 is filled; only a working order can be canceled' },
    });
  });
});
