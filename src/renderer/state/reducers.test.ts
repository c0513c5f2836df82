import { describe, expect, it } from 'vitest';
import type { Candle, Fill, Order, RiskState } from '../../contract/api';
import { order as anOrder } from '../view/testing';
import { allOrders, applyCandle, isRestingOrder, laterOrder, laterRisk, mergeFills, mergeOrders, pushTrades, workingOrders } from './reducers';

const order = (over: Partial<Order>): Order => anOrder({ clientOrderId: 'o1', qty: 20, ...over });

const fill = (fillId: string, ts: number): Fill => ({
  fillId,
  clientOrderId: 'o1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  price: 950_000,
  qty: 5,
  liquidity: 'maker',
  fee: 1,
  ts,
});

const bar = (time: number, close: number): Candle => ({ time, open: 1, high: close, low: 1, close, volume: 1 });

describe('orders', () => {
  it('a list reply older than an event does not roll the order back', () => {
    const filled = order({ status: 'filled', filledQty: 20, updatedAt: 2000 });
    const staleList = order({ status: 'accepted', updatedAt: 1500 });
    expect(laterOrder(filled, staleList)).toBe(filled);
  });

  it('with equal timestamps the further state wins (canceled beats accepted, more filled beats less)', () => {
    const canceled = order({ status: 'canceled' });
    expect(laterOrder(canceled, order({ status: 'accepted' }))).toBe(canceled);
    const more = order({ status: 'partially_filled', filledQty: 10 });
    expect(laterOrder(more, order({ status: 'partially_filled', filledQty: 5 }))).toBe(more);
  });

  it('with equal timestamps a confirmed amend (higher version) beats the version before it', () => {
    const amended = order({ status: 'accepted', version: 2, price: 950_100 });
    expect(laterOrder(amended, order({ status: 'pending_update', version: 1 }))).toBe(amended);
    expect(laterOrder(order({ status: 'pending_update', version: 1 }), amended)).toBe(amended);
  });

  it('with equal timestamps an expired order stays expired', () => {
    const expired = order({ status: 'expired' });
    expect(laterOrder(expired, order({ status: 'pending_cancel' }))).toBe(expired);
  });

  it('open orders are the working ones, pending and unarmed included, newest first', () => {
    const map = mergeOrders({}, [
      order({ clientOrderId: 'a', createdAt: 1 }),
      order({ clientOrderId: 'b', createdAt: 3, status: 'partially_filled' }),
      order({ clientOrderId: 'c', createdAt: 2, status: 'filled' }),
      order({ clientOrderId: 'd', createdAt: 4, status: 'rejected' }),
      order({ clientOrderId: 'e', createdAt: 5, status: 'submitted' }),
      order({ clientOrderId: 'f', createdAt: 6, status: 'pending_cancel' }),
      order({ clientOrderId: 'g', createdAt: 7, status: 'initialized' }),
      order({ clientOrderId: 'h', createdAt: 8, status: 'expired' }),
      order({ clientOrderId: 'i', createdAt: 9, status: 'triggered' }),
    ]);
    expect(workingOrders(map).map((o) => o.clientOrderId)).toEqual(['i', 'g', 'f', 'e', 'b', 'a']);
    expect(allOrders(map).map((o) => o.clientOrderId)).toEqual(['i', 'h', 'g', 'f', 'e', 'd', 'b', 'c', 'a']);
  });

  it('only orders in the book are marked on the ladder: not waiting stops, not unarmed exits', () => {
    expect(isRestingOrder(order({}))).toBe(true);
    expect(isRestingOrder(order({ status: 'pending_update' }))).toBe(true);
    expect(isRestingOrder(order({ type: 'stop_limit', stopPrice: 960_000 }))).toBe(false);
    expect(isRestingOrder(order({ type: 'stop_limit', stopPrice: 960_000, status: 'triggered', triggeredAt: 5 }))).toBe(true);
    expect(isRestingOrder(order({ type: 'stop_market', price: undefined, stopPrice: 960_000, status: 'triggered' }))).toBe(false);
    expect(isRestingOrder(order({ status: 'initialized', parentId: 'p', role: 'take_profit' }))).toBe(false);
    expect(isRestingOrder(order({ status: 'filled' }))).toBe(false);
  });
});

describe('fills', () => {
  it('keeps each fill once and newest first, however often it is delivered', () => {
    const once = mergeFills([], [fill('f1', 1), fill('f2', 2)]);
    const twice = mergeFills(once, [fill('f2', 2), fill('f3', 3)]);
    expect(twice.map((f) => f.fillId)).toEqual(['f3', 'f2', 'f1']);
  });

  it('keeps at most cap fills, dropping the oldest', () => {
    const fills = mergeFills([], [fill('a', 1), fill('b', 2), fill('c', 3)], 2);
    expect(fills.map((f) => f.fillId)).toEqual(['c', 'b']);
  });
});

describe('candles', () => {
  it('updates the forming bar in place and appends a new bar', () => {
    let c = [bar(60, 10)];
    c = applyCandle(c, bar(60, 12));
    expect(c).toEqual([bar(60, 12)]);
    c = applyCandle(c, bar(120, 13));
    expect(c.map((b) => b.time)).toEqual([60, 120]);
  });

  it('ignores a bar older than the last one so the chart never goes back in time', () => {
    const c = [bar(60, 10), bar(120, 11)];
    expect(applyCandle(c, bar(60, 99))).toEqual(c);
  });

  it('drops the oldest bars past the cap', () => {
    const c = applyCandle([bar(1, 1), bar(2, 1)], bar(3, 1), 2);
    expect(c.map((b) => b.time)).toEqual([2, 3]);
  });
});

describe('trades tape', () => {
  it('shows the newest print first and keeps at most cap prints', () => {
    const t = (ts: number) => ({ ts, price: 1, qty: 1, aggressor: 'buy' as const });
    let tape = pushTrades([], [t(1), t(2)]);
    tape = pushTrades(tape, [t(3), t(4)], 3);
    expect(tape.map((x) => x.ts)).toEqual([4, 3, 2]);
  });
});

describe('risk snapshots', () => {
  const at = (ts: number): RiskState => ({
    limits: { defaults: {}, instruments: {} },
    utilisation: { ts, killSwitch: { state: 'disengaged' }, account: { openOrders: { used: '0', limit: undefined, fraction: undefined }, orderRate: undefined }, venues: [], instruments: [], currencies: [], options: [] },
    breakers: [],
    breakerLog: [],
  });

  it('an older snapshot (a reply overtaken by an event) does not replace a newer one', () => {
    const newer = at(2000);
    expect(laterRisk(newer, at(1000))).toBe(newer);
  });

  it('a newer or equally recent snapshot replaces what was there', () => {
    const reply = at(2000);
    expect(laterRisk(at(2000), reply)).toBe(reply);
    expect(laterRisk(null, reply)).toBe(reply);
  });
});
