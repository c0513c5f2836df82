import { describe, expect, it } from 'vitest';
import { ContingentOrders } from './contingent';
import { testOrder } from './testSupport';
import type { Order, OrderStatus } from './types';

/* The bracket and OCO rules, fed order changes as the OMS feeds them once durable. */

const order = (id: string, over: Partial<Order>): Order => testOrder({ clientOrderId: id, side: 'sell', price: 100, reduceOnly: true, ...over });

function bracket(entry: Partial<Order>, tp: OrderStatus = 'initialized', sl: OrderStatus = 'initialized') {
  const orders = new Map<string, Order>();
  const put = (o: Order) => orders.set(o.clientOrderId, o);
  put(order('e', { side: 'buy', groupId: 'e', role: 'entry', reduceOnly: false, ...entry }));
  put(order('tp', { groupId: 'e', role: 'take_profit', parentId: 'e', status: tp }));
  put(order('sl', { groupId: 'e', role: 'stop_loss', parentId: 'e', type: 'stop_market', status: sl }));
  const armed: [string, number][] = [];
  const canceled: string[] = [];
  const rules = new ContingentOrders((id) => orders.get(id), { arm: (id, qty) => armed.push([id, qty]), cancel: (id) => canceled.push(id) });
  rules.sweep(orders.values());
  return { orders, put, rules, armed, canceled };
}

describe('bracket', () => {
  it('nothing happens while the entry works', () => {
    const b = bracket({ status: 'partially_filled', filledQty: 4 });
    expect(b.armed).toEqual([]);
    expect(b.canceled).toEqual([]);
  });

  it('children are armed for the full size when the entry fills', () => {
    expect(bracket({ status: 'filled', filledQty: 10 }).armed).toEqual([['tp', 10], ['sl', 10]]);
  });

  it('an entry the venue ends part-filled arms its children for what it bought', () => {
    expect(bracket({ status: 'expired', filledQty: 4 }).armed).toEqual([['tp', 4], ['sl', 4]]);
  });

  it('an entry that ends with nothing filled takes its children with it', () => {
    const b = bracket({ status: 'canceled' });
    expect(b.armed).toEqual([]);
    expect(b.canceled.sort()).toEqual(['sl', 'tp']);
  });

  it('is idempotent: armed children are not armed again', () => {
    const b = bracket({ status: 'filled', filledQty: 10 }, 'accepted', 'accepted');
    expect(b.armed).toEqual([]);
  });
});

describe('OCO between legs', () => {
  it('the first fill on the take-profit cancels the stop-loss', () => {
    const b = bracket({ status: 'filled', filledQty: 10 }, 'accepted', 'accepted');
    const tp = order('tp', { groupId: 'e', role: 'take_profit', parentId: 'e', status: 'partially_filled', filledQty: 2 });
    b.put(tp);
    b.rules.onChanged([tp]);
    expect(b.canceled).toEqual(['sl']);
  });

  it('a leg canceled cancels the other; a rejected leg does not (the other still protects)', () => {
    const b = bracket({ status: 'filled', filledQty: 10 }, 'accepted', 'accepted');
    const rejected = order('tp', { groupId: 'e', role: 'take_profit', parentId: 'e', status: 'rejected' });
    b.put(rejected);
    b.rules.onChanged([rejected]);
    expect(b.canceled).toEqual([]);
    const sl = order('sl', { groupId: 'e', role: 'stop_loss', parentId: 'e', status: 'canceled' });
    b.put(sl);
    b.rules.onChanged([sl]);
    expect(b.canceled).toEqual([]); // tp is already terminal: nothing left to cancel
  });

  it('standalone OCO: a fill on one leg cancels the other, which is not canceled twice', () => {
    const orders = new Map<string, Order>([
      ['a', order('a', { groupId: 'a', role: 'oco_leg', status: 'partially_filled', filledQty: 1 })],
      ['b', order('b', { groupId: 'a', role: 'oco_leg', type: 'stop_market' })],
    ]);
    const canceled: string[] = [];
    const rules = new ContingentOrders((id) => orders.get(id), { arm: () => {}, cancel: (id) => canceled.push(id) });
    rules.sweep(orders.values());
    expect(canceled).toEqual(['b']);
    orders.set('b', { ...orders.get('b')!, status: 'pending_cancel' });
    rules.onChanged([orders.get('a')!]);
    expect(canceled).toEqual(['b']);
  });
});

describe('memory', () => {
  it('a group leaves the index once every member has ended, and stays while one is live', () => {
    const b = bracket({ status: 'filled', filledQty: 10 }, 'accepted', 'accepted');
    expect(b.rules.openGroups).toBe(1);
    const tp = order('tp', { groupId: 'e', role: 'take_profit', parentId: 'e', status: 'filled', filledQty: 10 });
    b.put(tp);
    b.rules.onChanged([tp]);
    expect(b.rules.openGroups).toBe(1); // the stop-loss is still working (its cancel is on the way)
    const sl = order('sl', { groupId: 'e', role: 'stop_loss', parentId: 'e', type: 'stop_market', status: 'canceled' });
    b.put(sl);
    b.rules.onChanged([sl]);
    expect(b.rules.openGroups).toBe(0);
  });
});
