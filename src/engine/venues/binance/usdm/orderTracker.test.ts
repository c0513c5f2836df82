import { describe, expect, it } from 'vitest';
import { recordingLogger, type VenueEvent } from '../../../core';
import { OrderTracker } from './orderTracker';

const fill = (fillId: string, qty: number) => ({ fillId, ts: 1, price: 100, qty, liquidity: 'maker' as const, fee: 0 });

describe('what has been said about each USD-M order', () => {
  it('says an order accepted before its first fill or end, each fill once, and the end once', () => {
    const events: VenueEvent[] = [];
    const t = new OrderTracker('perp', (e) => events.push(e), recordingLogger());
    t.sent('o-1', 'BTC-USDT-PERP', 'buy', 100, 10);
    expect(t.fill('o-1', 'BTC-USDT-PERP', '7', fill('BTCUSDT-1', 4))).toBe(true);
    expect(t.fill('o-1', 'BTC-USDT-PERP', '7', fill('BTCUSDT-1', 4))).toBe(false);
    t.accepted('o-1', 'BTC-USDT-PERP', '7', 2);
    t.ended('o-1', 'BTC-USDT-PERP', '7', 'canceled', 3);
    t.ended('o-1', 'BTC-USDT-PERP', '7', 'canceled', 3);
    t.rejected('o-1', 'too late', 4);
    expect(events.map((e) => e.type)).toEqual(['orderAccepted', 'orderFilled', 'orderCanceled']);
    expect(t.get('o-1')?.filled).toBe(4);
  });

  it('says an amendment when the terms change and are newer than the ones said', () => {
    const events: VenueEvent[] = [];
    const t = new OrderTracker('perp', (e) => events.push(e), recordingLogger());
    t.sent('o-1', 'BTC-USDT-PERP', 'buy', 100, 10);
    t.amended('o-1', 'BTC-USDT-PERP', '7', 100, 10, 5, 5); // the terms it was sent with
    t.amended('o-1', 'BTC-USDT-PERP', '7', 101, 12, 20, 20);
    t.amended('o-1', 'BTC-USDT-PERP', '7', 102, 12, 10, 10); // an older report arriving late
    t.amended('o-1', 'BTC-USDT-PERP', '7', 101, 12, 20, 20); // the same amendment again
    expect(events.filter((e) => e.type === 'orderAmended')).toEqual([{ type: 'orderAmended', venue: 'perp', clientOrderId: 'o-1', ts: 20, price: 101, qty: 12 }]);
  });

  it('forgets the oldest finished orders first, keeping working ones, so memory stays bounded', () => {
    const t = new OrderTracker('perp', () => {}, recordingLogger());
    t.sent('working', 'BTC-USDT-PERP', 'buy', 100, 10);
    for (let i = 0; i <= 20_000; i++) {
      t.sent(`f-${i}`, 'BTC-USDT-PERP', 'buy', 100, 1);
      t.fill(`f-${i}`, 'BTC-USDT-PERP', String(i), fill(`BTCUSDT-${i}`, 1));
    }
    expect(t.get('working')).toBeDefined();
    expect(t.get('f-0')).toBeUndefined();
    expect(t.get('f-20000')).toBeDefined();
    // A fill id is remembered apart from its order: a late duplicate is still known.
    expect(t.fill('f-0', 'BTC-USDT-PERP', '0', fill('BTCUSDT-0', 1))).toBe(false);
  });
});
