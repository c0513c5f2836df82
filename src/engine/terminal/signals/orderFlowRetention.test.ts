import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { ORDER_FLOW_GRACE_MS, OrderFlowRetention } from './orderFlowRetention';

/** Which order-flow models go, on the injected clock: unwanted for the whole grace period, never before. */
describe('order-flow model retention', () => {
  it('drops a model only after it has been unwanted for the grace period; wanted again in between, it stays', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 11, 7, 14, 0));
    const retention = new OrderFlowRetention(clock);
    const followed = ['BTC-USDT', 'ETH-USDT'];
    // Both wanted: nothing goes.
    expect(retention.review(followed, new Set(followed))).toEqual([]);

    // The trader moves from ETH to SOL: ETH is unwanted from now.
    expect(retention.review(followed, new Set(['BTC-USDT', 'SOL-USDT']))).toEqual([]);
    clock.advance(ORDER_FLOW_GRACE_MS - 1);
    expect(retention.review(followed, new Set(['BTC-USDT', 'SOL-USDT']))).toEqual([]);
    // Back on ETH just before the end: it keeps its model, and its grace starts over when next let go.
    expect(retention.review(followed, new Set(['BTC-USDT', 'ETH-USDT']))).toEqual([]);
    clock.advance(1_000);
    expect(retention.review(followed, new Set(['BTC-USDT']))).toEqual([]);
    clock.advance(ORDER_FLOW_GRACE_MS - 1);
    expect(retention.review(followed, new Set(['BTC-USDT']))).toEqual([]);
    clock.advance(1);
    expect(retention.review(followed, new Set(['BTC-USDT']))).toEqual(['ETH-USDT']);
  });

  it('starts a fresh grace for a model followed again after it was dropped, and forgets marks of models gone another way', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 11, 7, 14, 0));
    const retention = new OrderFlowRetention(clock, 60_000);
    expect(retention.review(['ETH-USDT'], new Set())).toEqual([]);
    clock.advance(60_000);
    expect(retention.review(['ETH-USDT'], new Set())).toEqual(['ETH-USDT']);
    // Followed again (focused again), then let go: a whole new grace, not the old mark.
    expect(retention.review(['ETH-USDT'], new Set())).toEqual([]);
    clock.advance(59_999);
    expect(retention.review(['ETH-USDT'], new Set())).toEqual([]);
    // SOL marked, then no longer followed at all: its mark goes with it.
    expect(retention.review(['ETH-USDT', 'SOL-USDT'], new Set())).toEqual([]);
    expect(retention.review(['ETH-USDT'], new Set())).toEqual([]);
    clock.advance(60_000);
    expect(retention.review(['ETH-USDT', 'SOL-USDT'], new Set())).toEqual(['ETH-USDT']);
  });
});
